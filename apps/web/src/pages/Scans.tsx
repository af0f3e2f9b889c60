import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api/client.ts';
import {
  isScanActive,
  useCancelScan,
  useCreateSchedule,
  useDeleteSchedule,
  useScan,
  useScans,
  useSchedules,
  useStartScan,
} from '../api/hooks.ts';
import type { Provider, Scan, ScanDetail } from '../api/types.ts';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { Card, PageHeader, ProgressBar, StatusBadge } from '../components/ui.tsx';
import { formatCount, formatDateTime, formatDuration, formatRelative } from '../lib/format.ts';

function ScanProgress({ scan }: { scan: Scan }) {
  const finished = scan.tasksDone + scan.tasksFailed;
  return (
    <div className="scan-progress">
      <ProgressBar value={finished} max={scan.tasksTotal} tone={scan.tasksFailed ? 'bad' : undefined} />
      <span className="muted small">
        {finished}/{scan.tasksTotal} tasks{scan.tasksFailed ? ` · ${scan.tasksFailed} failed` : ''}
      </span>
    </div>
  );
}

function StartScan() {
  const start = useStartScan();
  const navigate = useNavigate();
  const [provider, setProvider] = useState<Provider | ''>('');
  return (
    <div className="inline-form">
      <select
        value={provider}
        onChange={(e) => setProvider(e.target.value as Provider | '')}
        aria-label="Scan provider"
      >
        <option value="">All clouds</option>
        <option value="aws">AWS</option>
        <option value="azure">Azure</option>
        <option value="gcp">GCP</option>
      </select>
      <button
        type="button"
        className="btn btn--primary"
        disabled={start.isPending}
        onClick={() =>
          start.mutate(provider ? { provider } : {}, {
            onSuccess: ({ scanId }) => navigate(`/scans/${encodeURIComponent(scanId)}`),
          })
        }
      >
        {start.isPending ? 'Starting…' : 'Start scan'}
      </button>
      {start.isError ? <span className="text-bad small">{errorMessage(start.error)}</span> : null}
    </div>
  );
}

function Schedules() {
  const schedules = useSchedules();
  const create = useCreateSchedule();
  const remove = useDeleteSchedule();
  const [name, setName] = useState('');
  const [cron, setCron] = useState('0 */6 * * *');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !cron.trim()) return;
    create.mutate({ name: name.trim(), cron: cron.trim() }, { onSuccess: () => setName('') });
  }

  return (
    <Card title="Schedules">
      <QueryState
        query={schedules}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No schedules">Scans run only when started by hand.</EmptyState>}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Cron</th>
                <th>Last run</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td className="mono">
                    {s.cron} <span className="muted">{s.timezone ?? ''}</span>
                  </td>
                  <td className="muted">{formatRelative(s.lastRunAt)}</td>
                  <td className="num">
                    <button
                      type="button"
                      className="btn btn--small btn--danger"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(s.name)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form className="inline-form inline-form--spaced" onSubmit={submit}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="name (e.g. nightly)"
          aria-label="Schedule name"
        />
        <input
          value={cron}
          onChange={(e) => setCron(e.target.value)}
          placeholder="cron (UTC)"
          aria-label="Cron expression"
          className="mono"
        />
        <button type="submit" className="btn" disabled={create.isPending || !name.trim()}>
          Add schedule
        </button>
      </form>
      {create.isError ? <div className="alert alert--error">{errorMessage(create.error)}</div> : null}
      {remove.isError ? <div className="alert alert--error">{errorMessage(remove.error)}</div> : null}
    </Card>
  );
}

export function ScansPage() {
  const scans = useScans();
  return (
    <>
      <PageHeader title="Scans" subtitle="Discovery runs across connected accounts" actions={<StartScan />} />
      <Card title="Recent scans">
        <QueryState
          query={scans}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title="No scans yet">Start one with the button above.</EmptyState>}
        >
          {(data) => (
            <table className="table" data-testid="scans-table">
              <thead>
                <tr>
                  <th>Scan</th>
                  <th>Status</th>
                  <th>Trigger</th>
                  <th style={{ width: '28%' }}>Progress</th>
                  <th className="num">Assets</th>
                  <th className="num">Edges</th>
                  <th>Started</th>
                  <th>Duration</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.id}>
                    <td className="mono">
                      <Link to={`/scans/${encodeURIComponent(s.id)}`}>{s.id.slice(0, 8)}</Link>
                    </td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>{s.trigger}</td>
                    <td>
                      <ScanProgress scan={s} />
                    </td>
                    <td className="num">{formatCount(s.assetsSeen)}</td>
                    <td className="num">{formatCount(s.edgesSeen)}</td>
                    <td className="muted">{formatRelative(s.startedAt ?? s.createdAt)}</td>
                    <td className="muted">{formatDuration(s.startedAt, s.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
      </Card>
      <Schedules />
    </>
  );
}

function ScanView({ scan }: { scan: ScanDetail }) {
  const cancel = useCancelScan();
  const failed = scan.tasks.filter((t) => t.error || t.status === 'failed');
  const active = isScanActive(scan.status);
  return (
    <>
      <ScanHeader scan={scan} active={active} cancel={cancel} />
      <Card title={active ? 'Progress (live)' : 'Progress'}>
        <ScanProgress scan={scan} />
        <dl className="kpis kpis--inline">
          <div>
            <dt>Assets seen</dt>
            <dd>{formatCount(scan.assetsSeen)}</dd>
          </div>
          <div>
            <dt>Edges seen</dt>
            <dd>{formatCount(scan.edgesSeen)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(scan.startedAt, scan.finishedAt)}</dd>
          </div>
          <div>
            <dt>Failed tasks</dt>
            <dd className={scan.tasksFailed ? 'text-bad' : ''}>{scan.tasksFailed}</dd>
          </div>
        </dl>
        {scan.error ? <div className="alert alert--error">{scan.error}</div> : null}
        {cancel.isError ? <div className="alert alert--error">{errorMessage(cancel.error)}</div> : null}
      </Card>
      {failed.length ? <TaskErrors failed={failed} /> : null}
      {scan.gaps.length ? <CoverageGaps gaps={scan.gaps} /> : null}
      <TaskTable tasks={scan.tasks} />
    </>
  );
}

function ScanHeader({
  scan,
  active,
  cancel,
}: {
  scan: ScanDetail;
  active: boolean;
  cancel: ReturnType<typeof useCancelScan>;
}) {
  return (
    <PageHeader
      title={
        <span className="title-with-badge">
          Scan <span className="mono">{scan.id.slice(0, 8)}</span> <StatusBadge status={scan.status} />
        </span>
      }
      subtitle={
        <>
          <Link to="/scans">Scans</Link> / {scan.trigger} · created {formatDateTime(scan.createdAt)}
        </>
      }
      actions={
        !active ? (
          <Link className="btn" to={`/scans/${scan.id}/changes`}>
            What changed
          </Link>
        ) : (
          <button
            type="button"
            className="btn btn--danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(scan.id)}
          >
            Cancel scan
          </button>
        )
      }
    />
  );
}

/** Tasks that failed, with their last error. */
function TaskErrors({ failed }: { failed: ScanDetail['tasks'] }) {
  return (
    <Card title={`Task errors (${failed.length})`}>
      <table className="table">
        <thead>
          <tr>
            <th>Account</th>
            <th>Region</th>
            <th>Service</th>
            <th className="num">Attempts</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {failed.map((t) => (
            <tr key={`${t.accountId}|${t.region}|${t.service}`}>
              <td className="mono">{t.accountId}</td>
              <td className="mono">{t.region}</td>
              <td className="mono">{t.service}</td>
              <td className="num">{t.attempts}</td>
              <td className="text-bad small">{t.error ?? t.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** Reads the scan could not make (denied, not enabled) and the permission that would cover them. */
function CoverageGaps({ gaps }: { gaps: ScanDetail['gaps'] }) {
  return (
    <Card title={`Not covered (${gaps.length})`}>
      <p className="muted small">
        Reads the scan could not make. A denied detail read keeps its items with the facts it gives unknown
        (rules that need them are not evaluated); a denied listing loses that resource type in that region,
        and what an earlier scan found of it is kept, not removed. Grant the permission to cover them next
        time.
      </p>
      <table className="table" data-testid="coverage-gaps">
        <thead>
          <tr>
            <th>Account</th>
            <th>Region</th>
            <th>Service</th>
            <th>Operation</th>
            <th>Lost</th>
            <th>Error</th>
            <th className="num">Calls</th>
            <th>Grant</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((g) => (
            <tr
              key={`${g.provider}|${g.accountId}|${g.region}|${g.service}|${g.operation}|${g.errorCode}`}
              data-operation={g.operation}
              data-scope={g.scope}
            >
              <td className="mono">{g.accountId}</td>
              <td className="mono">{g.region}</td>
              <td className="mono">{g.service}</td>
              <td className="mono">{g.operation}</td>
              <td className="small">{g.scope === 'list' ? 'the listing' : 'facts of the items'}</td>
              <td className="text-bad small">{g.errorCode}</td>
              <td className="num">{g.count}</td>
              <td className="mono">{g.permission}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function TaskTable({ tasks }: { tasks: ScanDetail['tasks'] }) {
  return (
    <Card title={`Tasks (${tasks.length})`}>
      {tasks.length === 0 ? (
        <EmptyState title="No tasks planned yet" />
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th>Account</th>
              <th>Region</th>
              <th>Service</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th className="num">Throttled</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={`${t.accountId}|${t.region}|${t.service}`}>
                <td className="mono">{t.accountId}</td>
                <td className="mono">{t.region}</td>
                <td className="mono">{t.service}</td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td className="num">{t.attempts}</td>
                <td className="num">{t.throttled || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export function ScanDetailPage() {
  const { id = '' } = useParams();
  const scan = useScan(id);
  return <QueryState query={scan}>{(data) => <ScanView scan={data} />}</QueryState>;
}
