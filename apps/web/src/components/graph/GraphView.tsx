import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { layoutGraph } from './layout.ts';

export type GraphNodeRole = 'entry' | 'target' | 'focus' | 'normal';

export interface GraphNodeSpec {
  id: string;
  label: string;
  kind: string;
  role?: GraphNodeRole;
  /** Where a click on the node goes (asset detail); none for pseudo-assets without a page. */
  href?: string;
  badge?: string;
}

export interface GraphEdgeSpec {
  id: string;
  source: string;
  target: string;
  label?: string;
  emphasis?: boolean;
}

const NODE_WIDTH = 190;
const NODE_HEIGHT = 54;

type AssetNodeData = GraphNodeSpec & Record<string, unknown>;

function AssetNode({ data }: NodeProps<Node<AssetNodeData>>) {
  return (
    <div
      className={`graph-node graph-node--${data.role ?? 'normal'}`}
      title={data.id}
      data-testid="graph-node"
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="graph-node__kind">
        {data.kind}
        {data.badge ? <span className="graph-node__badge">{data.badge}</span> : null}
      </div>
      <div className="graph-node__label">{data.label}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Stable identity: React Flow warns when nodeTypes changes between renders.
const nodeTypes = { asset: AssetNode };

export interface GraphViewProps {
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  height?: number;
  direction?: 'LR' | 'TB';
  ariaLabel: string;
}

export default function GraphView({
  nodes,
  edges,
  height = 420,
  direction = 'LR',
  ariaLabel,
}: GraphViewProps) {
  const navigate = useNavigate();
  const { flowNodes, flowEdges } = useMemo(() => {
    const positions = layoutGraph(
      nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges,
      { direction },
    );
    const flowNodes: Node<AssetNodeData>[] = nodes.map((n) => ({
      id: n.id,
      type: 'asset',
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      data: { ...n },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      connectable: false,
      selectable: Boolean(n.href),
    }));
    const flowEdges: Edge[] = edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      type: 'smoothstep',
      animated: Boolean(e.emphasis),
      className: e.emphasis ? 'graph-edge--emphasis' : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      labelBgPadding: [4, 2] as [number, number],
      labelBgBorderRadius: 3,
    }));
    return { flowNodes, flowEdges };
  }, [nodes, edges, direction]);

  return (
    <section className="graph-canvas" style={{ height }} aria-label={ariaLabel}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_event, node) => {
          const href = (node.data as AssetNodeData).href;
          if (href) navigate(href);
        }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
