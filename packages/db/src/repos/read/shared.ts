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
