import { restGet } from '../rest.ts';
import type { GcpFetchEnv } from '../service.ts';

export type RawFloorSetting = Record<string, unknown>;

/**
 * The project's Model Armor floor setting (`locations/global`). The API answers a project that never configured one
 * with the bare resource; a project where Model Armor is off or the read is denied is a `list` coverage gap.
 */
export async function fetchModelArmor(env: GcpFetchEnv): Promise<RawFloorSetting[]> {
  const base = env.factory.restBase('modelarmor.googleapis.com');
  return env.gaps.list('projects.locations.getFloorSetting', 'modelarmor.floorSettings.get', async () => [
    await restGet<RawFloorSetting>(
      env,
      `${base}/v1/projects/${encodeURIComponent(env.projectId)}/locations/global/floorSetting`,
    ),
  ]);
}
