import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useFramework, useFrameworks } from '../api/hooks.ts';
import type { ControlStatus, FrameworkDetail } from '../api/types.ts';
import { DownloadMenu } from '../components/DownloadMenu.tsx';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { Card, PageHeader, ProgressBar, StatusBadge } from '../components/ui.tsx';
import { findingsHref } from '../lib/filters.ts';
import { formatPercent, frameworkPassing } from '../lib/format.ts';

export function CompliancePage() {
  const frameworks = useFrameworks();
  return (
    <>
      <PageHeader
        title="Compliance"
        subtitle="Frameworks → controls → evidence from findings"
        actions={
          <DownloadMenu
            items={[
              ...(frameworks.data?.items ?? []).map((f) => ({
                label: `OSCAL results: ${f.title}`,
                path: '/exports/assessment-results.oscal.json',
                query: { framework: f.id },
              })),
              { label: 'Control status (CSV)', path: '/exports/compliance.csv' },
              { label: 'Control status (JSON)', path: '/exports/compliance.json' },
            ]}
          />
        }
      />
      <QueryState
        query={frameworks}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No frameworks loaded" />}
      >
        {(data) => (
          <div className="grid grid--3">
            {data.items.map((f) => (
              <Link key={f.id} to={`/compliance/${encodeURIComponent(f.id)}`} className="card card--link">
                <div className="card__body">
                  <h2 className="card__title">{f.title}</h2>
                  <p className="muted small mono">{f.id}</p>
                  <ProgressBar value={frameworkPassing(f)} max={f.evidenced} tone="good" />
                  <dl className="kpis kpis--inline">
                    <div>
                      <dt>Controls</dt>
                      <dd>{f.controls}</dd>
                    </div>
                    <div>
                      <dt>Evidenced</dt>
                      <dd>{f.evidenced}</dd>
                    </div>
                    <div>
                      <dt>Failing</dt>
                      <dd className={f.failing ? 'text-bad' : ''}>{f.failing}</dd>
                    </div>
                    <div>
                      <dt>Passing</dt>
                      <dd>{formatPercent(frameworkPassing(f), f.evidenced)}</dd>
                    </div>
                  </dl>
                </div>
              </Link>
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

const STATUS_FILTERS: (ControlStatus | 'all')[] = [
  'all',
  'fail',
  'pass',
  'no-data',
  'not-evaluated',
  'not-evidenceable',
];

function FrameworkView({ framework }: { framework: FrameworkDetail }) {
  const [status, setStatus] = useState<ControlStatus | 'all'>('all');
  const counts = framework.controls.reduce<Record<string, number>>((acc, c) => {
    acc[c.status] = (acc[c.status] ?? 0) + 1;
    return acc;
  }, {});
  const controls =
    status === 'all' ? framework.controls : framework.controls.filter((c) => c.status === status);
  return (
    <>
      <PageHeader
        title={framework.title}
        subtitle={
          <>
            <Link to="/compliance">Compliance</Link> / <span className="mono">{framework.id}</span>
          </>
        }
      />
      <fieldset className="segmented" aria-label="Filter by status">
        {STATUS_FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? 'is-active' : ''}
            onClick={() => setStatus(s)}
          >
            {s} <span className="muted">{s === 'all' ? framework.controls.length : (counts[s] ?? 0)}</span>
          </button>
        ))}
      </fieldset>
      <Card>
        {controls.length === 0 ? (
          <EmptyState title="No controls with this status" />
        ) : (
          <table className="table" data-testid="controls-table">
            <thead>
              <tr>
                <th style={{ width: '24%' }}>Control</th>
                <th>Status</th>
                <th>Rules</th>
                <th className="num">Failing</th>
                <th className="num">Passing</th>
                <th>Findings</th>
              </tr>
            </thead>
            <tbody>
              {controls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <div className="mono strong">{c.id}</div>
                    <div className="small">{c.title}</div>
                    {c.reason ? <div className="muted small">{c.reason}</div> : null}
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    {c.rules.length
                      ? c.rules.map((r) => (
                          <Link key={r} className="chip" to={findingsHref({ rule: r })}>
                            {r}
                          </Link>
                        ))
                      : '—'}
                  </td>
                  <td className={`num ${c.failing ? 'text-bad' : ''}`}>{c.failing}</td>
                  <td className="num">{c.passing}</td>
                  <td>
                    {c.failing > 0 ? (
                      <Link className="nowrap" to={findingsHref({ control: c.id, status: 'open' })}>
                        View {c.failing} →
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

export function FrameworkPage() {
  const { id = '' } = useParams();
  const framework = useFramework(id);
  return <QueryState query={framework}>{(data) => <FrameworkView framework={data} />}</QueryState>;
}
