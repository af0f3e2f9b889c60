import { type AssetRecord, type EdgeKind, type EdgeRecord, edgeRecordId } from '@aispm/core';

/** An edge as rules and path finding see it: the stored id when read from the graph, derived otherwise. */
export interface IndexedEdge extends EdgeRecord {
  id: string;
}

export interface GraphInput {
  assets: readonly AssetRecord[];
  edges: readonly (EdgeRecord & { id?: string })[];
}

const NO_EDGES: readonly IndexedEdge[] = Object.freeze([]);

/**
 * Adjacency index over one tenant's graph. Built once per evaluation and shared by the rules and the
 * path finder, so a 1M-edge graph is indexed a single time.
 */
export class GraphIndex {
  readonly assets: ReadonlyMap<string, AssetRecord>;
  readonly edges: readonly IndexedEdge[];
  private readonly outgoing = new Map<string, IndexedEdge[]>();
  private readonly incoming = new Map<string, IndexedEdge[]>();
  private readonly byKind = new Map<string, AssetRecord[]>();

  constructor(input: GraphInput) {
    const assets = new Map<string, AssetRecord>();
    for (const a of input.assets) {
      assets.set(a.id, a);
      let list = this.byKind.get(a.kind);
      if (!list) {
        list = [];
        this.byKind.set(a.kind, list);
      }
      list.push(a);
    }
    this.assets = assets;
    const edges: IndexedEdge[] = new Array(input.edges.length);
    let i = 0;
    for (const e of input.edges) {
      const indexed: IndexedEdge = e.id ? (e as IndexedEdge) : { ...e, id: edgeRecordId(e) };
      edges[i++] = indexed;
      push(this.outgoing, indexed.from, indexed);
      push(this.incoming, indexed.to, indexed);
    }
    this.edges = edges;
  }

  asset(id: string): AssetRecord | undefined {
    return this.assets.get(id);
  }

  ofKind(kind: string): readonly AssetRecord[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Edges leaving `id`, optionally only of the given kind(s). */
  out(id: string, kind?: EdgeKind | readonly EdgeKind[]): readonly IndexedEdge[] {
    return filterKind(this.outgoing.get(id) ?? NO_EDGES, kind);
  }

  /** Edges arriving at `id`, optionally only of the given kind(s). */
  in(id: string, kind?: EdgeKind | readonly EdgeKind[]): readonly IndexedEdge[] {
    return filterKind(this.incoming.get(id) ?? NO_EDGES, kind);
  }
}

function push(map: Map<string, IndexedEdge[]>, key: string, e: IndexedEdge): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function filterKind(
  list: readonly IndexedEdge[],
  kind?: EdgeKind | readonly EdgeKind[],
): readonly IndexedEdge[] {
  if (kind === undefined) return list;
  if (typeof kind === 'string') return list.filter((e) => e.kind === kind);
  return list.filter((e) => kind.includes(e.kind));
}
