import { restList } from '../rest.ts';
import type { GcpFetchEnv } from '../service.ts';

export type RawApiKey = Record<string, unknown>;

/**
 * The project's API keys (API Keys v2, `locations/global`, paged). The list carries each key's restrictions and
 * bound service account but never the key string, which aispm does not want. A project where the API Keys API is
 * disabled or the read is denied is a `list` coverage gap; the rest of the scan is kept.
 */
export async function fetchApiKeys(env: GcpFetchEnv): Promise<RawApiKey[]> {
  const base = env.factory.restBase('apikeys.googleapis.com');
  return env.gaps.list('projects.locations.keys.list', 'apikeys.keys.list', () =>
    restList<RawApiKey>(
      env,
      `${base}/v2/projects/${encodeURIComponent(env.projectId)}/locations/global/keys`,
      'keys',
    ),
  );
}
