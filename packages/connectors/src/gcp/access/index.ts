import { type AssetRecord, edge, type GraphBatch } from '@aispm/core';
import type { ServiceModule, TaskContext } from '../../types.ts';
import { projectAssetId } from '../asset.ts';
import { projectDirectory } from '../service.ts';

/** Which assets a project-level grant reaches: AI roles reach endpoints, storage roles reach buckets. */
const REACH: Record<string, readonly string[]> = {
  'can-invoke': ['inference-endpoint'],
  'can-read': ['data-store'],
  'can-write': ['data-store'],
};

interface AccessEdge {
  kind: string;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** Project-scoped IAM bindings (edges to the project) → the same access on each asset they reach. */
export function expandProjectAccess(
  projectAsset: string,
  grants: readonly AccessEdge[],
  assets: readonly AssetRecord[],
): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  for (const g of grants) {
    if (g.to !== projectAsset || g.properties.scope !== 'project') continue;
    const kinds = REACH[g.kind];
    if (!kinds) continue;
    for (const a of assets) {
      if (a.provider !== 'gcp' || !kinds.includes(a.kind)) continue;
      batch.edges.push(
        edge(g.kind as 'can-invoke' | 'can-read' | 'can-write', g.from, a.id, {
          ...g.properties,
          scope: 'project',
          via: projectAsset,
        }),
      );
    }
  }
  return batch;
}

export function accessModule(): ServiceModule {
  return {
    provider: 'gcp',
    service: 'access',
    phase: 3,
    global: true,
    async run(ctx: TaskContext): Promise<GraphBatch> {
      const projectAsset = projectAssetId(projectDirectory(ctx.account).projectNumber);
      // Only the grants on this project: an organisation-wide read of every can-* edge held hundreds of
      // thousands of edges in each worker for the whole phase on org-1000.
      const [grants, assets] = await Promise.all([
        ctx.graph.edges({ kinds: Object.keys(REACH), to: [projectAsset] }),
        ctx.graph.assets({ accountId: ctx.target.accountId, provider: 'gcp' }),
      ]);
      return expandProjectAccess(projectAsset, grants, assets);
    },
  };
}
