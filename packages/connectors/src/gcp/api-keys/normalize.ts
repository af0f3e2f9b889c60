import { assetId, edge, type GraphBatch } from '@aispm/core';
import { gcpAsset, projectAssetId, serviceAccountIdOfEmail, str } from '../asset.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { RawApiKey } from './fetch.ts';

const APIKEYS = 'apikeys.googleapis.com';

/** Which kind of caller restriction a key has (a key has at most one), if any. */
const CLIENT_RESTRICTIONS: Record<string, string> = {
  browserKeyRestrictions: 'browser',
  serverKeyRestrictions: 'server',
  androidKeyRestrictions: 'android',
  iosKeyRestrictions: 'ios',
};

/**
 * Each API key as an `access-key` of its project: the APIs it may call (`apiTargets`, service names; none means
 * every API enabled in the project), its caller restriction, and the service account it acts as when bound
 * (`has-key` from that account, as for the account's own keys). The key string is never read.
 */
export function normalizeApiKeys(raw: RawApiKey[], scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projects.projectNumber);
  for (const k of raw) {
    const name = str(k.name);
    if (!name) continue;
    const id = assetId('gcp', name, APIKEYS);
    const targets = get(k, 'restrictions.apiTargets');
    const apiTargets = (Array.isArray(targets) ? targets : [])
      .map((t) => str(get(t, 'service')))
      .filter((s): s is string => s !== undefined);
    const client = Object.keys(CLIENT_RESTRICTIONS).find((f) => get(k, `restrictions.${f}`) !== undefined);
    const serviceAccountEmail = str(k.serviceAccountEmail);
    const uid = str(k.uid) ?? name.split('/').pop() ?? name;
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'access-key',
        accountId: scope.projectId,
        region: 'global',
        name: str(k.displayName) ?? uid,
        nativeType: `${APIKEYS}/Key`,
        properties: {
          uid,
          displayName: str(k.displayName),
          createTime: str(k.createTime),
          updateTime: str(k.updateTime),
          apiTargets,
          restricted: apiTargets.length > 0,
          clientRestriction: client ? CLIENT_RESTRICTIONS[client] : undefined,
          serviceAccountEmail,
        },
      }),
    );
    batch.edges.push(edge('contains', project, id));
    const account = serviceAccountIdOfEmail(serviceAccountEmail, scope.projects.numberToId);
    if (account) batch.edges.push(edge('has-key', account, id));
  }
  return batch;
}
