import { type Db, findingGauges, scanGauges } from '@aispm/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** HTTP metrics of one app instance (its own registry, so several apps in one process do not collide). */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'aispm_http_requests_total',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'aispm_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'aispm_process_' });
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const labels = { method, route, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  /**
   * The exposition text: HTTP metrics plus finding and scan gauges, read fresh from the database for the
   * caller's tenant (or every tenant when `tenantId` is null: the unauthenticated operator setting).
   */
  async render(db: Db, tenantId: string | null): Promise<{ contentType: string; body: string }> {
    const state = new Registry();
    const findings = new Gauge({
      name: 'aispm_findings',
      help: 'Findings by severity and status',
      labelNames: ['severity', 'status'] as const,
      registers: [state],
    });
    const scans = new Gauge({
      name: 'aispm_scans',
      help: 'Scans by status',
      labelNames: ['status'] as const,
      registers: [state],
    });
    for (const r of await findingGauges(db, tenantId))
      findings.set({ severity: r.severity, status: r.status }, r.count);
    for (const r of await scanGauges(db, tenantId)) scans.set({ status: r.status }, r.count);
    const body = `${await this.registry.metrics()}\n${await state.metrics()}`;
    return { contentType: this.registry.contentType, body };
  }
}
