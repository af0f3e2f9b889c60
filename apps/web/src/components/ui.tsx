import { type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  formatReason,
  formatScore,
  formatValue,
  humanizeKey,
  providerLabel,
  shortAssetId,
} from '../lib/format.ts';

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev sev--${severity}`}>{severity}</span>;
}

const STATUS_TONE: Record<string, string> = {
  open: 'warn',
  fail: 'bad',
  failed: 'bad',
  error: 'bad',
  suppressed: 'muted',
  resolved: 'good',
  pass: 'good',
  succeeded: 'good',
  completed: 'good',
  done: 'good',
  running: 'info',
  queued: 'muted',
  cancelled: 'muted',
  'not-evidenceable': 'muted',
  'no-data': 'muted',
  'not-evaluated': 'warn',
  enabled: 'good',
  active: 'good',
  disabled: 'muted',
  revoked: 'muted',
  reopened: 'warn',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge tone--${STATUS_TONE[status] ?? 'muted'}`}>{status}</span>;
}

export function ProviderTag({ provider }: { provider: string }) {
  return <span className={`provider provider--${provider}`}>{providerLabel(provider)}</span>;
}

export function KindTag({ kind }: { kind: string }) {
  return <span className="kind">{kind}</span>;
}

export function assetHref(id: string): string {
  return `/assets/${encodeURIComponent(id)}`;
}

export function AssetLink({ id, name }: { id: string; name?: string | null | undefined }) {
  const label = name || shortAssetId(id);
  if (id.startsWith('aispm:')) return <span title={id}>{label}</span>;
  return (
    <Link to={assetHref(id)} title={id} className="mono-link">
      {label}
    </Link>
  );
}

/** A risk score whose reasons expand in place (click) and show on hover (title). */
export function RiskScore({ score, reasons: raw }: { score: number; reasons: readonly unknown[] }) {
  const [open, setOpen] = useState(false);
  const reasons = raw.map(formatReason);
  const id = useId();
  const level = score >= 8 ? 'critical' : score >= 6 ? 'high' : score >= 4 ? 'medium' : 'low';
  return (
    <span className="risk">
      <button
        type="button"
        className={`risk__score risk--${level}`}
        title={reasons.length ? reasons.join('\n') : 'No contributing factors recorded'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
      >
        {formatScore(score)}
      </button>
      {open ? (
        <ul id={id} className="risk__reasons">
          {reasons.length ? (
            reasons.map((r) => <li key={r}>{r}</li>)
          ) : (
            <li>No contributing factors recorded</li>
          )}
        </ul>
      ) : null}
    </span>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title || actions ? (
        <header className="card__header">
          {title ? <h2 className="card__title">{title}</h2> : <span />}
          {actions ? <div className="card__actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className="card__body">{children}</div>
    </section>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

export function ProgressBar({ value, max, tone }: { value: number; max: number; tone?: 'bad' | 'good' }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div
      className={`progress ${tone ? `progress--${tone}` : ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div className="progress__bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Tabs<T extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: { id: T; label: string }[];
  active: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === active}
          className={`tabs__tab ${t.id === active ? 'is-active' : ''}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function PropertyTable({ data }: { data: Record<string, unknown> }) {
  const entries = Object.entries(data);
  if (!entries.length) return <p className="muted">No properties.</p>;
  return (
    <table className="table table--kv">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th title={key}>{humanizeKey(key)}</th>
            <td>
              {value !== null && typeof value === 'object' ? (
                <pre className="code code--inline">{JSON.stringify(value, null, 2)}</pre>
              ) : (
                <span className={typeof value === 'boolean' ? `bool bool--${value}` : 'mono'}>
                  {formatValue(value)}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
  shown,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  shown: number;
}) {
  return (
    <div className="load-more">
      <span className="muted">{shown} shown</span>
      {hasNextPage ? (
        <button type="button" className="btn" disabled={isFetchingNextPage} onClick={onLoadMore}>
          {isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : (
        <span className="muted">End of list</span>
      )}
    </div>
  );
}
