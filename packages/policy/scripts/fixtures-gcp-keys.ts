/**
 * Fixtures of the GCP API key rules, in the shape the GCP connector's api-keys module stores a key (API Keys v2
 * `Key`: its API targets as service names). Imported by build-fixtures.ts, which writes them with the rest.
 */
import type { AssetRecord } from '@aispm/core';
import { type Def, single } from './fixture-kit.ts';

const PROJECT = 'ai-dev-02-8f11';
const NUMBER = '132037693902';

/** A project's API key as the connector stores it; no targets is a key that can call any enabled API. */
export function gcpApiKey(
  uid: string,
  apiTargets: string[],
  extra: { serviceAccountEmail?: string; displayName?: string } = {},
): AssetRecord {
  return {
    id: `//apikeys.googleapis.com/projects/${NUMBER}/locations/global/keys/${uid}`,
    provider: 'gcp',
    accountId: PROJECT,
    region: 'global',
    kind: 'access-key',
    name: extra.displayName ?? uid,
    nativeType: 'apikeys.googleapis.com/Key',
    tags: {},
    properties: {
      displayName: extra.displayName ?? uid,
      createTime: '2025-03-04T10:00:00.000Z',
      apiTargets,
      restricted: apiTargets.length > 0,
      ...(extra.serviceAccountEmail ? { serviceAccountEmail: extra.serviceAccountEmail } : {}),
    },
  };
}

export function gcpKeyFixtures(def: Def): void {
  // Made in the console for a web map and never restricted / the same key restricted to the Maps API.
  def(
    'aispm-api-key-unrestricted',
    single(gcpApiKey('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', [], { displayName: 'API key 1' })),
    single(
      gcpApiKey('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', ['maps-backend.googleapis.com'], {
        displayName: 'API key 1',
      }),
    ),
  );
}
