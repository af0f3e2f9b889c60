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
  // Per edge kind, so rules asking "which can-write edges arrive here" do not filter every edge of a node.
  private readonly outByKind = new Map<EdgeKind, Map<string, IndexedEdge[]>>();
  private readonly inByKind = new Map<EdgeKind, Map<string, IndexedEdge[]>>();

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
      push(kindMap(this.outByKind, indexed.kind), indexed.from, indexed);
      push(kindMap(this.inByKind, indexed.kind), indexed.to, indexed);
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
    if (kind === undefined) return this.outgoing.get(id) ?? NO_EDGES;
    return byKinds(this.outByKind, id, kind);
  }

  /** Edges arriving at `id`, optionally only of the given kind(s). */
  in(id: string, kind?: EdgeKind | readonly EdgeKind[]): readonly IndexedEdge[] {
    if (kind === undefined) return this.incoming.get(id) ?? NO_EDGES;
    return byKinds(this.inByKind, id, kind);
  }
}

function push(map: Map<string, IndexedEdge[]>, key: string, e: IndexedEdge): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function kindMap(
  maps: Map<EdgeKind, Map<string, IndexedEdge[]>>,
  kind: EdgeKind,
): Map<string, IndexedEdge[]> {
  let m = maps.get(kind);
  if (!m) {
    m = new Map();
    maps.set(kind, m);
  }
  return m;
}

function byKinds(
  maps: Map<EdgeKind, Map<string, IndexedEdge[]>>,
  id: string,
  kind: EdgeKind | readonly EdgeKind[],
): readonly IndexedEdge[] {
  if (typeof kind === 'string') return maps.get(kind)?.get(id) ?? NO_EDGES;
  let result: IndexedEdge[] | undefined;
  for (const k of kind) {
    const list = maps.get(k)?.get(id);
    if (!list || list.length === 0) continue;
    result = result ? result.concat(list) : [...list];
  }
  return result ?? NO_EDGES;
}
