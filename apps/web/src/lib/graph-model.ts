import type { Asset, AttackPath, Edge } from '../api/types.ts';

/** What a graph node needs of an asset. */
type AssetNode = Pick<Asset, 'id' | 'name' | 'kind'>;
/** What a graph edge needs: asset neighbourhood edges and finding evidence edges both have it. */
type GraphEdge = Pick<Edge, 'kind' | 'from' | 'to'> & { id?: string | undefined };

import type { GraphEdgeSpec, GraphNodeSpec } from '../components/graph/GraphView.tsx';
import { shortAssetId } from './format.ts';

function hrefFor(id: string): string | undefined {
  return id.startsWith('aispm:') ? undefined : `/assets/${encodeURIComponent(id)}`;
}

/** An attack path as a chain: entry (left) → … → crown jewel (right), each edge labelled with its `via`. */
export function attackPathGraph(path: Pick<AttackPath, 'hops'>): {
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
} {
  const nodes: GraphNodeSpec[] = [];
  const edges: GraphEdgeSpec[] = [];
  const seen = new Set<string>();
  path.hops.forEach((hop, index) => {
    const role = index === 0 ? 'entry' : index === path.hops.length - 1 ? 'target' : 'normal';
    if (!seen.has(hop.assetId)) {
      seen.add(hop.assetId);
      const node: GraphNodeSpec = {
        id: hop.assetId,
        label: hop.name || shortAssetId(hop.assetId),
        kind: hop.kind ?? 'asset',
        role,
        badge: role === 'entry' ? 'entry' : role === 'target' ? 'crown jewel' : `hop ${index}`,
      };
      const href = hrefFor(hop.assetId);
      if (href) node.href = href;
      nodes.push(node);
    }
    const previous = path.hops[index - 1];
    if (previous) {
      const edge: GraphEdgeSpec = {
        id: `${index}:${previous.assetId}->${hop.assetId}`,
        source: previous.assetId,
        target: hop.assetId,
        emphasis: true,
      };
      if (hop.via) edge.label = hop.via;
      edges.push(edge);
    }
  });
  return { nodes, edges };
}

/** An asset's neighbourhood with the asset itself as the focus; edges to assets not returned are dropped. */
export function neighbourhoodGraph(
  focus: AssetNode,
  neighbours: readonly AssetNode[],
  edges: readonly GraphEdge[],
): { nodes: GraphNodeSpec[]; edges: GraphEdgeSpec[] } {
  const nodes = new Map<string, GraphNodeSpec>();
  nodes.set(focus.id, {
    id: focus.id,
    label: focus.name || shortAssetId(focus.id),
    kind: focus.kind,
    role: 'focus',
  });
  for (const a of neighbours) {
    if (nodes.has(a.id)) continue;
    const node: GraphNodeSpec = {
      id: a.id,
      label: a.name || shortAssetId(a.id),
      kind: a.kind,
      role: 'normal',
    };
    const href = hrefFor(a.id);
    if (href) node.href = href;
    nodes.set(a.id, node);
  }
  // Edges may name pseudo-assets (internet, external principals) the API did not list as assets.
  for (const e of edges) {
    for (const id of [e.from, e.to]) {
      if (!nodes.has(id))
        nodes.set(id, { id, label: shortAssetId(id), kind: id.startsWith('aispm:') ? 'external' : 'asset' });
    }
  }
  return {
    nodes: [...nodes.values()],
    edges: edges.map((e, i) => ({
      id: e.id ?? `${i}:${e.kind}:${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      label: e.kind,
    })),
  };
}

/** How an asset's relationship reads from its side: `out:` edges leave it, `in:` edges arrive at it. */
const RELATION_LABELS: Record<string, string> = {
  'out:uses-tool': 'Tools and MCP servers it calls',
  'in:uses-tool': 'Called by',
  'out:implemented-by': 'Implemented by',
  'in:implemented-by': 'Implements',
  'out:runs-as': 'Runs as (identity)',
  'in:runs-as': 'Workloads running as it',
  'out:guarded-by': 'Guardrails',
  'in:guarded-by': 'Guards',
  'out:uses-model': 'Models',
  'in:uses-model': 'Used by',
  'out:uses-knowledge-base': 'Knowledge bases',
  'in:uses-knowledge-base': 'Retrieved by',
  'in:exposed-to-internet': 'Reachable from',
  'in:can-invoke': 'Can be invoked by',
  'in:can-read': 'Readable by',
  'in:can-write': 'Writable by',
  'in:can-assume': 'Assumable by',
  'out:encrypted-by': 'Encrypted with',
  'out:reads-from': 'Reads from',
  'out:writes-to': 'Writes to',
  'out:stores-vectors-in': 'Stores vectors in',
  'out:trained-on': 'Trained on',
  'in:contains': 'Contained in',
  'out:contains': 'Contains',
};

/** Relations listed first: what an agent, tool or MCP server calls, acts as and is guarded by. */
const RELATION_ORDER = [
  'out:uses-tool',
  'out:implemented-by',
  'out:runs-as',
  'out:guarded-by',
  'out:uses-model',
  'out:uses-knowledge-base',
  'in:exposed-to-internet',
  'in:uses-tool',
];

export interface RelationGroup {
  /** `out:<edge kind>` or `in:<edge kind>`. */
  key: string;
  label: string;
  members: { id: string; name: string; kind: string; href?: string }[];
}

/**
 * The asset's relationships grouped by edge kind and direction, read from the asset's side ("Tools it calls",
 * "Runs as", "Guardrails", "Called by"), the agent relations first, members sorted by name.
 */
export function relationGroups(
  focus: Pick<AssetNode, 'id'>,
  neighbours: readonly AssetNode[],
  edges: readonly GraphEdge[],
): RelationGroup[] {
  const byId = new Map(neighbours.map((a) => [a.id, a]));
  const groups = new Map<string, RelationGroup>();
  for (const e of edges) {
    const out = e.from === focus.id;
    if (!out && e.to !== focus.id) continue;
    const key = `${out ? 'out' : 'in'}:${e.kind}`;
    const otherId = out ? e.to : e.from;
    let group = groups.get(key);
    if (!group) {
      group = { key, label: RELATION_LABELS[key] ?? (out ? e.kind : `← ${e.kind}`), members: [] };
      groups.set(key, group);
    }
    if (group.members.some((m) => m.id === otherId)) continue;
    const other = byId.get(otherId);
    const member: RelationGroup['members'][number] = {
      id: otherId,
      name: other?.name || shortAssetId(otherId),
      kind: other?.kind ?? (otherId.startsWith('aispm:') ? 'external' : 'asset'),
    };
    const href = hrefFor(otherId);
    if (href) member.href = href;
    group.members.push(member);
  }
  const rank = (key: string) => {
    const i = RELATION_ORDER.indexOf(key);
    return i === -1 ? RELATION_ORDER.length : i;
  };
  const list = [...groups.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  for (const g of list) g.members.sort((a, b) => a.name.localeCompare(b.name));
  return list;
}
