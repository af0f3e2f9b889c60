import { sql as fragment, type RawBuilder } from 'kysely';

/**
 * Read models for the REST API: every list is tenant-scoped and keyset-paginated on an indexed order,
 * timestamps come back as ISO strings (the wire format).
 */
export function iso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function isoRequired(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/**
 * When a row an evaluation keeps (a finding, an attack path) was last seen. An evaluation does not rewrite what it
 * sees unchanged and resolves what it does not see, so every row still standing was seen by the tenant's latest
 * finished evaluation: its last-seen time is that evaluation's (or the row's own, when the row was written later).
 * Resolved rows keep theirs. `standing` says which rows still stand; `tenant` is the tenant to look up.
 */
export function seenByLatestEvaluation(
  table: string,
  standing: RawBuilder<unknown>,
  tenant: RawBuilder<unknown>,
): RawBuilder<Date> {
  return seenBy(
    table,
    standing,
    fragment<Date | null>`(SELECT max(ev.finished_at) FROM evaluations ev WHERE ev.tenant_id = ${tenant})`,
  );
}

/** The same last-seen time given the latest evaluation's finish (null when none finished: every row keeps its own). */
export function seenBy(
  table: string,
  standing: RawBuilder<unknown>,
  latest: RawBuilder<Date | null>,
): RawBuilder<Date> {
  const lastSeen = fragment.ref(`${table}.last_seen_at`);
  return fragment<Date>`(CASE WHEN ${standing} THEN GREATEST(${lastSeen}, ${latest}) ELSE ${lastSeen} END)`;
}

/** Builds a parameterised WHERE clause: `p(value)` appends a bind parameter and returns its placeholder. */
export class Conditions {
  readonly params: unknown[] = [];
  readonly clauses: string[] = [];
  p = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };
  add(clause: string): void {
    this.clauses.push(clause);
  }
  where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface KeysetPage<T> {
  items: T[];
  /** The last item's sort key, for the caller to encode into an opaque cursor; null on the last page. */
  nextKey: Record<string, unknown> | null;
}

export function pageOf<T>(rows: T[], limit: number, key: (t: T) => Record<string, unknown>): KeysetPage<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextKey: more && last ? key(last) : null };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
