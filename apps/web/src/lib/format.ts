/** Severities in display order, most severe first. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITY_ORDER)[number];

export function severityRank(severity: string): number {
  const i = SEVERITY_ORDER.indexOf(severity as Severity);
  return i === -1 ? SEVERITY_ORDER.length : i;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return numberFormat.format(n);
}

/** Risk scores are 0–10 (or 0–100 on some rules); one decimal is enough to rank them. */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toFixed(1);
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}

export function percent(part: number, whole: number): number {
  if (!whole) return 0;
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-11-23 13:37` in UTC: security tools compare timestamps across teams and zones. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatRelative(value: string | Date | null | undefined, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return '—';
  const seconds = Math.round((now.getTime() - d.getTime()) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  let text: string;
  if (abs < 45) text = 'just now';
  else if (abs < 3600) text = `${Math.round(abs / 60)}m`;
  else if (abs < 86_400) text = `${Math.round(abs / 3600)}h`;
  else if (abs < 86_400 * 60) text = `${Math.round(abs / 86_400)}d`;
  else return formatDateTime(d).slice(0, 10);
  if (text === 'just now') return text;
  return future ? `in ${text}` : `${text} ago`;
}

export function formatDuration(
  start: string | Date | null | undefined,
  end: string | Date | null | undefined,
  now: Date = new Date(),
): string {
  const s = toDate(start);
  if (!s) return '—';
  const e = toDate(end) ?? now;
  const ms = Math.max(0, e.getTime() - s.getTime());
  if (ms < 1000) return `${ms}ms`;
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total}s`;
  const m = Math.floor(total / 60);
  const sec = total % 60;
  if (m < 60) return `${m}m ${sec}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/**
 * A readable short name for a provider-native id: the last path segment of an ARN / ARM id / GCP name,
 * so tables stay narrow while the full id stays in the title attribute.
 */
export function shortAssetId(id: string): string {
  if (id.startsWith('aispm:')) return id.slice('aispm:'.length);
  if (id.startsWith('arn:')) {
    const resource = id.split(':').slice(5).join(':');
    const parts = resource.split('/');
    return parts[parts.length - 1] || resource || id;
  }
  const parts = id.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] || id;
}

export function truncateMiddle(text: string, max = 48): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

export const PROVIDER_LABEL: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP' };

export function providerLabel(provider: string): string {
  return PROVIDER_LABEL[provider] ?? provider;
}

/** Turn a camelCase / kebab key into a label: `publicNetworkAccess` → `Public network access`. */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * One risk factor as a sentence. Reasons are normally strings; structured ones (`{ factor, weight }`,
 * `{ reason }`, `{ label }`) are flattened so an engine change cannot blank the column.
 */
export function formatReason(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object') {
    const r = reason as Record<string, unknown>;
    const text = [r.reason, r.label, r.description, r.message, r.factor, r.id].find(
      (v) => typeof v === 'string',
    );
    const weight =
      typeof r.weight === 'number' ? r.weight : typeof r.delta === 'number' ? r.delta : undefined;
    if (typeof text === 'string')
      return weight === undefined ? text : `${text} (${weight >= 0 ? '+' : ''}${weight})`;
    return JSON.stringify(reason);
  }
  return String(reason);
}

/** A compact one-line rendering of a property value for tables. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Controls with evidence that pass; derived when an older API sends no `passing`. */
export function frameworkPassing(f: {
  evidenced: number;
  failing: number;
  passing?: number | undefined;
}): number {
  return f.passing ?? Math.max(0, f.evidenced - f.failing);
}
