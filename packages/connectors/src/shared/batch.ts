import { type AssetRecord, type EdgeKind, type EdgeRecord, edge, type GraphBatch } from '@aispm/core';

/**
 * A normaliser's batch, built one resource type at a time: `link` drops an edge whose far end the API did not name
 * (an optional ARN or key), so each section reads as "this asset, and what it points to".
 */
export class BatchBuilder {
  readonly assets: AssetRecord[] = [];
  readonly edges: EdgeRecord[] = [];

  link(kind: EdgeKind, from: string, to: string | undefined, properties?: Record<string, unknown>): void {
    if (to) this.edges.push(edge(kind, from, to, properties));
  }

  batch(): GraphBatch {
    return { assets: this.assets, edges: this.edges };
  }
}
