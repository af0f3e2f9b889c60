import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import {
  useAttackPaths,
  useChokePoints,
  useEvaluations,
  useFrameworks,
  useInventorySummary,
  useLatestEvaluation,
} from '../api/hooks.ts';
import type { Evaluation } from '../api/types.ts';
import { EmptyState, Loading, QueryState } from '../components/QueryState.tsx';
import { AssetLink, Card, KindTag, PageHeader, ProgressBar } from '../components/ui.tsx';
import { findingsHref } from '../lib/filters.ts';
import {
  formatCount,
  formatDateTime,
  formatPercent,
  formatScore,
  frameworkPassing,
  SEVERITY_ORDER,
} from '../lib/format.ts';

const TrendChart = lazy(() => import('../components/TrendChart.tsx'));

function SeverityTiles({ evaluation }: { evaluation: Evaluation }) {
  const bySeverity = evaluation.summary.findings?.bySeverity ?? {};
  return (
    <div className="tiles">
      {SEVERITY_ORDER.map((severity) => (
        <Link
          key={severity}
          to={findingsHref({ severity, status: 'open' })}
          className={`tile tile--${severity}`}
          data-testid={`tile-${severity}`}
        >
          <span className="tile__value">{formatCount(bySeverity[severity] ?? 0)}</span>
          <span className="tile__label">{severity}</span>
        </Link>
      ))}
    </div>
  );
}

function Kpis({ evaluation }: { evaluation: Evaluation }) {
  const inventory = useInventorySummary();
  const totalAssets = inventory.data
    ? Object.values(inventory.data.byProvider).reduce((a, b) => a + b, 0)
    : null;
  const byStatus = evaluation.summary.findings?.byStatus ?? {};
  return (
    <dl className="kpis">
      <div>
        <dt>Assets</dt>
        <dd>
          <Link to="/inventory">{formatCount(totalAssets)}</Link>
        </dd>
      </div>
      <div>
        <dt>Open findings</dt>
        <dd>
          <Link to={findingsHref({ status: 'open' })}>{formatCount(byStatus.open ?? 0)}</Link>
        </dd>
      </div>
      <div>
        <dt>Suppressed</dt>
        <dd>{formatCount(byStatus.suppressed ?? 0)}</dd>
      </div>
      <div>
        <dt>Attack paths</dt>
        <dd>
          <Link to="/attack-paths">{formatCount(evaluation.summary.attackPaths ?? 0)}</Link>
        </dd>
      </div>
      <div>
        <dt>Rules evaluated</dt>
        <dd>{formatCount(evaluation.summary.rules ?? 0)}</dd>
      </div>
      <div>
        <dt>Last evaluation</dt>
        <dd className="small">{formatDateTime(evaluation.startedAt)}</dd>
      </div>
    </dl>
  );
}

function FrameworkPostureCard() {
  const frameworks = useFrameworks();
  return (
    <Card title="Compliance posture" actions={<Link to="/compliance">All frameworks →</Link>}>
      <QueryState
        query={frameworks}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No frameworks loaded" />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>Framework</th>
                <th className="num">Controls</th>
                <th className="num">Failing</th>
                <th style={{ width: '34%' }}>Evidenced passing</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link to={`/compliance/${encodeURIComponent(f.id)}`}>{f.title}</Link>
                  </td>
                  <td className="num">{f.controls}</td>
                  <td className={`num ${f.failing ? 'text-bad' : ''}`}>{f.failing}</td>
                  <td>
                    <div className="bar-cell">
                      <ProgressBar value={frameworkPassing(f)} max={f.evidenced} tone="good" />
                      <span className="muted small">{formatPercent(frameworkPassing(f), f.evidenced)}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}

function TrendCard() {
  const evaluations = useEvaluations(30);
  return (
    <Card title="Trend across evaluations">
      <QueryState
        query={evaluations}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No evaluations yet" />}
      >
        {(data) => (
          <Suspense fallback={<Loading label="Loading chart…" />}>
            <TrendChart evaluations={data.items} />
          </Suspense>
        )}
      </QueryState>
    </Card>
  );
}

function TopAttackPaths() {
  const paths = useAttackPaths(5);
  return (
    <Card title="Top attack paths" actions={<Link to="/attack-paths">All paths →</Link>}>
      <QueryState
        query={paths}
        isEmpty={(d) => d.pages[0]?.items.length === 0}
        empty={<EmptyState title="No attack paths found" />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th className="num">Score</th>
                <th>Entry → crown jewel</th>
                <th className="num">Hops</th>
              </tr>
            </thead>
            <tbody>
              {(data.pages[0]?.items ?? []).slice(0, 5).map((p) => (
                <tr key={p.id}>
                  <td className="num">
                    <span className="score-pill">{formatScore(p.score)}</span>
                  </td>
                  <td>
                    <Link to={`/attack-paths/${encodeURIComponent(p.id)}`} className="path-link">
                      {p.entryName ?? p.hops[0]?.name ?? p.entryId} →{' '}
                      {p.targetName ?? p.hops[p.hops.length - 1]?.name ?? p.targetId}
                    </Link>
                  </td>
                  <td className="num">{p.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}

function ChokePoints() {
  const query = useChokePoints();
  return (
    <Card
      title="Top choke points"
      actions={<span className="muted small">fix these to cut the most paths</span>}
    >
      <QueryState
        query={query}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="No choke points" />}
      >
        {(chokePoints) => (
          <table className="table" data-testid="choke-points">
            <thead>
              <tr>
                <th>Asset</th>
                <th>Kind</th>
                <th className="num">Paths cut</th>
              </tr>
            </thead>
            <tbody>
              {chokePoints.slice(0, 6).map((c) => (
                <tr key={c.assetId}>
                  <td>
                    <AssetLink id={c.assetId} name={c.name} />
                  </td>
                  <td>{c.kind ? <KindTag kind={c.kind} /> : null}</td>
                  <td className="num">{c.cuts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}

export function OverviewPage() {
  const latest = useLatestEvaluation();
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="AI security posture across every connected cloud"
        actions={
          <Link className="btn" to="/changes">
            What changed
          </Link>
        }
      />
      <QueryState
        query={latest}
        isEmpty={(d) => d === null}
        empty={
          <EmptyState title="No evaluation yet">
            Run a scan from the <Link to="/scans">Scans</Link> page.
          </EmptyState>
        }
      >
        {(evaluation) =>
          evaluation && (
            <>
              <SeverityTiles evaluation={evaluation} />
              <Kpis evaluation={evaluation} />
              <div className="grid grid--2">
                <TrendCard />
                <FrameworkPostureCard />
                <TopAttackPaths />
                <ChokePoints />
              </div>
            </>
          )
        }
      </QueryState>
    </>
  );
}
