import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useAttackPath, useAttackPaths } from '../api/hooks.ts';
import type { AttackPath } from '../api/types.ts';
import GraphView from '../components/graph/GraphView.tsx';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { AssetLink, Card, KindTag, LoadMore, PageHeader, StatusBadge } from '../components/ui.tsx';
import { formatScore } from '../lib/format.ts';
import { attackPathGraph } from '../lib/graph-model.ts';

const KIND_TONE: Record<AttackPath['kind'], string> = { poisoning: 'bad', theft: 'warn', exposure: 'info' };

/** What the route does to its crown jewel: poisoning (data flows into it), theft, or exposure. */
function PathKind({ kind }: { kind: AttackPath['kind'] }) {
  return (
    <span className={`badge tone--${KIND_TONE[kind]}`} data-testid="path-kind">
      {kind}
    </span>
  );
}

function PathGraph({ path }: { path: AttackPath }) {
  const graph = useMemo(() => attackPathGraph(path), [path]);
  return (
    <>
      <dl className="kpis kpis--inline">
        <div>
          <dt>Kind</dt>
          <dd>
            <PathKind kind={path.kind} />
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>{formatScore(path.score)}</dd>
        </div>
        <div>
          <dt>Likelihood</dt>
          <dd>{formatScore(path.likelihood)}</dd>
        </div>
        <div>
          <dt>Impact</dt>
          <dd>{formatScore(path.impact)}</dd>
        </div>
        <div>
          <dt>Hops</dt>
          <dd>{path.length}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={path.status} />
          </dd>
        </div>
      </dl>
      <GraphView nodes={graph.nodes} edges={graph.edges} height={300} ariaLabel="Attack path graph" />
      <ol className="hops" data-testid="hop-list">
        {path.hops.map((hop) => (
          <li key={hop.assetId}>
            {hop.via ? (
              <span className="edge-kind">{hop.via}</span>
            ) : (
              <span className="badge tone--bad">entry</span>
            )}
            <AssetLink id={hop.assetId} name={hop.name} />
            {hop.kind ? <KindTag kind={hop.kind} /> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function SelectedPath({ id }: { id: string }) {
  const path = useAttackPath(id);
  return <QueryState query={path}>{(data) => <PathGraph path={data} />}</QueryState>;
}

export default function AttackPathsPage() {
  const { id } = useParams();
  const paths = useAttackPaths();
  const items = paths.data?.pages.flatMap((p) => p.items) ?? [];
  const selected = id ?? items[0]?.id;
  return (
    <>
      <PageHeader
        title="Attack paths"
        subtitle="How an attacker gets from an entry point to a crown jewel, hop by hop: poisoning through the data lineage, theft, exposure"
      />
      <div className="stack-lg">
        <Card title="Paths by score">
          <QueryState
            query={paths}
            isEmpty={(d) => d.pages[0]?.items.length === 0}
            empty={<EmptyState title="No attack paths found" />}
          >
            {() => (
              <>
                <ul className="path-list" data-testid="path-list">
                  {items.map((p) => (
                    <li key={p.id} className={p.id === selected ? 'is-active' : ''}>
                      <Link to={`/attack-paths/${encodeURIComponent(p.id)}`}>
                        <span className="score-pill">{formatScore(p.score)}</span>
                        <span className="path-list__names">
                          <span>{p.entryName ?? p.hops[0]?.name ?? p.entryId}</span>
                          <span className="muted">
                            → {p.targetName ?? p.hops[p.hops.length - 1]?.name ?? p.targetId}
                          </span>
                        </span>
                        <span className="muted small">
                          likelihood {formatScore(p.likelihood)} · impact {formatScore(p.impact)}
                        </span>
                        <span className="muted small">
                          <PathKind kind={p.kind} /> {p.length} {p.length === 1 ? 'hop' : 'hops'}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <LoadMore
                  shown={items.length}
                  hasNextPage={paths.hasNextPage}
                  isFetchingNextPage={paths.isFetchingNextPage}
                  onLoadMore={() => paths.fetchNextPage()}
                />
              </>
            )}
          </QueryState>
        </Card>
        <Card title="Selected path">
          {selected ? <SelectedPath id={selected} /> : <EmptyState title="Select a path" />}
        </Card>
      </div>
    </>
  );
}
