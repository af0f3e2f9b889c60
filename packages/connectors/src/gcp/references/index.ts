import { edge, type GraphBatch } from '@aispm/core';
import type { ServiceModule, TaskContext } from '../../types.ts';
import { COMPUTE, gcpAsset, KMS, projectAssetId } from '../asset.ts';
import { projectDirectory } from '../service.ts';

export interface ReferencedIds {
  keys: string[];
  networks: string[];
}

/**
 * CMEK keys and VPC networks that this project's AI assets reference, as assets of the project that holds them.
 * aispm reads neither Cloud KMS nor Compute: everything it keeps about them is in their resource names.
 */
export function normalizeReferences(
  refs: ReferencedIds,
  scope: { projectId: string; projectNumber: string },
): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projectNumber);
  const own = (id: string, service: string) => id.startsWith(`//${service}/projects/${scope.projectId}/`);
  for (const id of [...new Set(refs.keys)].filter((k) => own(k, KMS)).sort()) {
    const m = /\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/.exec(id);
    if (!m) continue;
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'key',
        accountId: scope.projectId,
        region: m[1] as string,
        name: m[3] as string,
        nativeType: 'cloudkms.googleapis.com/CryptoKey',
        properties: { keyRing: m[2], keyManager: 'CUSTOMER', referencedOnly: true },
      }),
    );
    batch.edges.push(edge('contains', project, id));
  }
  for (const id of [...new Set(refs.networks)].filter((n) => own(n, COMPUTE)).sort()) {
    const m = /\/global\/networks\/([^/]+)$/.exec(id);
    if (!m) continue;
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'network',
        accountId: scope.projectId,
        region: 'global',
        name: m[1] as string,
        nativeType: 'compute.googleapis.com/Network',
        properties: { referencedOnly: true },
      }),
    );
    batch.edges.push(edge('contains', project, id));
  }
  return batch;
}

export function referencesModule(): ServiceModule {
  return {
    provider: 'gcp',
    service: 'references',
    phase: 2,
    global: true,
    async run(ctx: TaskContext): Promise<GraphBatch> {
      // Any project's assets may reference this project's keys / networks (shared VPC, central key projects).
      const [keys, networks] = await Promise.all([
        ctx.graph.referencedIds({ prefix: `//${KMS}/` }),
        ctx.graph.referencedIds({ prefix: `//${COMPUTE}/` }),
      ]);
      return normalizeReferences(
        { keys, networks },
        { projectId: ctx.target.accountId, projectNumber: projectDirectory(ctx.account).projectNumber },
      );
    },
  };
}
