import { restList } from '../rest.ts';
import type { GcpFetchEnv } from '../service.ts';

export type RawWorkbench = Record<string, unknown>[];

/** Workbench (Notebooks v2) instances in every zone of the project (`locations/-`). */
export async function fetchWorkbench(env: GcpFetchEnv): Promise<RawWorkbench> {
  const base = env.factory.restBase('notebooks.googleapis.com');
  return env.gaps.list('projects.locations.instances.list', 'notebooks.instances.list', () =>
    restList<Record<string, unknown>>(
      env,
      `${base}/v2/projects/${encodeURIComponent(env.projectId)}/locations/-/instances`,
      'instances',
    ),
  );
}
