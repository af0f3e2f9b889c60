import dagre from '@dagrejs/dagre';

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  source: string;
  target: string;
}

export interface LayoutOptions {
  /** LR puts sources (attack-path entries) on the left and sinks (crown jewels) on the right. */
  direction?: 'LR' | 'TB';
  nodeSep?: number;
  rankSep?: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Positions for a directed graph, computed by dagre. Returned positions are top-left corners (what
 * React Flow expects), not dagre's centres. Edges to unknown nodes are ignored rather than invented.
 */
export function layoutGraph(
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  options: LayoutOptions = {},
): Map<string, Point> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: options.direction ?? 'LR',
    nodesep: options.nodeSep ?? 28,
    // Wide enough between ranks for an edge-kind label such as `exposed-to-internet`.
    ranksep: options.rankSep ?? 150,
    marginx: 8,
    marginy: 8,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set<string>();
  for (const node of nodes) {
    known.add(node.id);
    graph.setNode(node.id, { width: node.width, height: node.height });
  }
  edges.forEach((edge, index) => {
    if (known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target) {
      graph.setEdge(edge.source, edge.target, {}, `e${index}`);
    }
  });
  dagre.layout(graph);
  const positions = new Map<string, Point>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, { x: placed.x - node.width / 2, y: placed.y - node.height / 2 });
  }
  return positions;
}
