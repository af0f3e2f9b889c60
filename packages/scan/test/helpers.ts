import { randomBytes } from 'node:crypto';
import { type Db, ensureTenant } from '@aispm/db';
import {
  createScanService,
  deleteQueueKeys,
  type ScanRequest,
  type ScanService,
  type ScanServiceOptions,
  type ScanSummary,
} from '../src/index.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `aispm-test-${label}-${randomBytes(4).toString('hex')}`;
}

export async function newTenant(db: Db, label: string): Promise<string> {
  return (await ensureTenant(db, `${label}-${randomBytes(3).toString('hex')}`)).id;
}

/** Services built in a test file, closed (and their Redis keys deleted) in afterAll. */
export class ServiceHarness {
  private readonly services: ScanService[] = [];
  private readonly prefixes = new Set<string>();

  create(options: Omit<ScanServiceOptions, 'queuePrefix'> & { queuePrefix?: string }): ScanService {
    const queuePrefix = options.queuePrefix ?? uniquePrefix('q');
    if (options.redis) this.prefixes.add(queuePrefix);
    const service = createScanService({
      retry: { baseDelayMs: 40, maxDelayMs: 2_000, throttleMultiplier: 4, attempts: 3 },
      lockDurationMs: 5_000,
      stalledIntervalMs: 2_000,
      log: () => {},
      ...options,
      queuePrefix,
    });
    this.services.push(service);
    return service;
  }

  /** One scan on a service of its own, started, awaited and closed: the summary it ended with. */
  async scanOnce(
    options: Omit<ScanServiceOptions, 'queuePrefix'> & { queuePrefix?: string },
    request: ScanRequest,
  ): Promise<ScanSummary> {
    const service = this.create(options);
    await service.startWorkers();
    const { scanId } = await service.startScan(request);
    const summary = await service.waitForScan(scanId, { timeoutMs: 120_000, pollMs: 20 });
    await service.close();
    return summary;
  }

  async close(): Promise<void> {
    await Promise.all(this.services.map((s) => s.close()));
    for (const prefix of this.prefixes) await deleteQueueKeys(REDIS_URL, prefix);
  }
}

/** Every live asset (id → content hash) and edge id of a tenant: two scans agree when these are equal. */
export async function graphFingerprint(db: Db, tenantId: string) {
  const assets = await db.query<{ id: string; content_hash: string }>(
    `SELECT id, content_hash FROM assets WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
    [tenantId],
  );
  const edges = await db.query<{ id: string; content_hash: string }>(
    `SELECT id, content_hash FROM edges WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
    [tenantId],
  );
  return {
    assets: assets.map((a) => `${a.id} ${a.content_hash}`),
    edges: edges.map((e) => `${e.id} ${e.content_hash}`),
  };
}

/** Row versions of the tenant's assets: an UPDATE gives a row a new xmin, so equal maps mean nothing was rewritten. */
export async function assetRowVersions(db: Db, tenantId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; v: string }>(
    `SELECT id, xmin::text AS v FROM assets WHERE tenant_id = $1`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.id, r.v]));
}
