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
