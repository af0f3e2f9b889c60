import type { GraphView } from '@aispm/connectors';
import { canonicalJson } from '@aispm/core';
import { type Db, listLiveAssets, listLiveEdges, referencedIds } from '@aispm/db';

/** How long a worker keeps an organisation-wide read that no task has asked for. */
const SHARED_READ_TTL_MS = 5 * 60_000;

interface SharedRead {
  value: Promise<unknown>;
  usedAt: number;
  /** tenant, scan and read stage (phase) the read belongs to. */
  scope: string;
  scan: string;
}

/**
 * What tasks read of the graph stored so far. A phase's tasks only read what earlier phases wrote, and phases are
 * barriers across the provider's accounts (see ScanAdvance), so a read that does not name an account returns the
 * same rows to every task of the phase. A worker reads each such organisation-wide read once per read stage (a
 * phase, or a service started early with what it waits for) and shares it: the 1,000 access tasks of a 1,000-account organisation each used to load every
 * identity of the organisation, which made phase 3 quadratic in the organisation's size.
 */
export class GraphViews {
  private readonly shared = new Map<string, SharedRead>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** `stage`: where in the scan the task reads (`readStageOf` its service: its phase, or what it waits for). */
  forTask(tenantId: string, scanId: string, stage: string): GraphView {
    const db = this.db;
    const scan = `${tenantId}\u0000${scanId}`;
    const scope = `${scan}\u0000${stage}`;
    // A read that names an account or its target assets is the task's own; only the rest are organisation-wide.
    const orgWide = <T>(
      method: string,
      filter: { accountId?: string; to?: string[] },
      read: () => Promise<T>,
    ): Promise<T> =>
      filter.accountId !== undefined || filter.to !== undefined
        ? read()
        : this.sharedRead(scope, scan, `${method} ${canonicalJson(filter)}`, read);
    return {
      assets: (filter) =>
        orgWide('assets', filter, () =>
          listLiveAssets(db, tenantId, {
            ...(filter.accountId ? { accountId: filter.accountId } : {}),
            ...(filter.provider ? { provider: filter.provider } : {}),
            ...(filter.kinds ? { kinds: filter.kinds } : {}),
          }),
        ),
      referencedIds: (filter) => orgWide('referencedIds', filter, () => referencedIds(db, tenantId, filter)),
      edges: (filter) =>
        orgWide('edges', filter, () =>
          listLiveEdges(db, tenantId, {
            ...(filter.accountId ? { accountId: filter.accountId } : {}),
            ...(filter.kinds ? { kinds: filter.kinds } : {}),
            ...(filter.to ? { to: filter.to } : {}),
          }),
        ),
    };
  }

  /** Reads held now (for tests and reports). */
  get size(): number {
    return this.shared.size;
  }

  private sharedRead<T>(scope: string, scan: string, what: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    // An earlier phase of the same scan is over, and other scans' reads age out.
    for (const [key, entry] of this.shared)
      if ((entry.scan === scan && entry.scope !== scope) || now - entry.usedAt > SHARED_READ_TTL_MS)
        this.shared.delete(key);
    const key = `${scope}\u0000${what}`;
    const held = this.shared.get(key);
    if (held) {
      held.usedAt = now;
      return held.value as Promise<T>;
    }
    const value = read();
    this.shared.set(key, { value, usedAt: now, scope, scan });
    // A failed read is not kept: the next task (or the retry) reads again.
    value.catch(() => {
      if (this.shared.get(key)?.value === value) this.shared.delete(key);
    });
    return value;
  }
}
