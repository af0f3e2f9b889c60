import { assetId, edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import { SecretRedactor } from '../../shared/secrets.ts';
import {
  gcpAsset,
  gcpInternetAsset,
  kmsKeyAssetId,
  NOTEBOOKS,
  networkAssetId,
  projectAssetId,
  serviceAccountIdOfEmail,
  str,
} from '../asset.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { RawWorkbench } from './fetch.ts';

/** Metadata keys that hold scripts the instance runs at boot: kept redacted, so rules can see secrets were there. */
const SCRIPT_KEYS = ['startup-script', 'post-startup-script', 'shutdown-script'];

export function normalizeWorkbench(raw: RawWorkbench, scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projects.projectNumber);
  let exposed = false;
  for (const nb of raw) {
    const name = str(nb.name);
    if (!name) continue;
    const id = assetId('gcp', name, NOTEBOOKS);
    const zone = /\/locations\/([^/]+)\//.exec(name)?.[1] ?? 'global';
    const gce = (nb.gceSetup ?? {}) as Record<string, unknown>;
    const metadata = (gce.metadata ?? {}) as Record<string, string>;
    const redactor = new SecretRedactor();
    const scripts: Record<string, string | undefined> = {};
    for (const k of SCRIPT_KEYS)
      if (metadata[k] !== undefined) scripts[k] = redactor.redact(`metadata.${k}`, metadata[k]);
    const otherMetadataKeys = Object.keys(metadata)
      .filter((k) => !SCRIPT_KEYS.includes(k))
      .sort();
    const publicIp = gce.disablePublicIp !== true;
    const rootDisabled = String(metadata['notebook-disable-root'] ?? '').toLowerCase() === 'true';
    const keyId = kmsKeyAssetId(str(get(gce, 'bootDisk.kmsKey')));
    const networks = ((gce.networkInterfaces as Record<string, unknown>[] | undefined) ?? [])
      .map((n) => networkAssetId(str(n.network), scope.projects.numberToId))
      .filter((x): x is string => Boolean(x));
    const accounts = ((gce.serviceAccounts as Record<string, unknown>[] | undefined) ?? []).map((s) =>
      str(s.email),
    );
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'notebook',
        accountId: scope.projectId,
        region: zone,
        name: name.split('/').pop() ?? name,
        nativeType: 'notebooks.googleapis.com/Instance',
        properties: {
          resourceName: name,
          state: nb.state,
          machineType: gce.machineType,
          disablePublicIp: !publicIp,
          directInternetAccess: publicIp,
          publicNetworkAccess: publicIp,
          rootAccess: !rootDisabled,
          privateNetwork: networks.length > 0,
          serviceAccounts: accounts,
          bootDiskEncryption: get(gce, 'bootDisk.diskEncryption'),
          encryption: { cmk: Boolean(keyId), keyId },
          startupScripts: scripts,
          metadataKeys: otherMetadataKeys,
          secretFindings: redactor.findings,
          instanceOwners: nb.instanceOwners,
          disableProxyAccess: nb.disableProxyAccess,
        },
        tags: nb.labels as Record<string, string> | undefined,
      }),
    );
    batch.edges.push(edge('contains', project, id));
    for (const email of accounts) {
      const sa = serviceAccountIdOfEmail(email, scope.projects.numberToId);
      if (sa) batch.edges.push(edge('runs-as', id, sa));
    }
    for (const vpc of new Set(networks)) batch.edges.push(edge('in-network', id, vpc));
    if (keyId) batch.edges.push(edge('encrypted-by', id, keyId));
    if (publicIp) {
      exposed = true;
      batch.edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'public IP' }));
    }
  }
  if (exposed) batch.assets.push(gcpInternetAsset());
  return batch;
}
