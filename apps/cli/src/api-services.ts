import type { ApiServices, FrameworkInfo, RuleCatalog } from '@aispm/api';
import type { Connector } from '@aispm/connectors';
import type { Db } from '@aispm/db';
import { createScanService, type ScanService } from '@aispm/scan';
import { evaluate } from './stack.ts';

/** The rule catalog the API shows next to findings and frameworks, from @aispm/policy. */
export async function policyRuleCatalog(): Promise<RuleCatalog> {
  const policy = await import('@aispm/policy');
  const frameworks: FrameworkInfo[] = policy.FRAMEWORKS.map((f) => ({
    id: f.id,
    title: f.title,
    version: f.version,
    controls: f.controls.map((c) => ({
      id: c.id,
      title: c.title,
      rules: policy.RULES.filter((r) => r.frameworks[f.id]?.includes(c.id)).map((r) => r.id),
      ...(c.notEvidenceable ? { reason: c.notEvidenceable } : {}),
    })),
  }));
  return {
    rule(id) {
      const r = policy.ruleById(id);
      if (!r) return undefined;
      return {
        id: r.id,
        title: r.title,
        severity: r.severity,
        rationale: r.rationale,
        remediation: r.remediation,
        references: r.references,
        mappings: Object.fromEntries(Object.entries(r.frameworks).map(([k, v]) => [k, v ?? []])),
      };
    },
    frameworks: () => frameworks,
  };
}

export interface ApiServicesOptions {
  db: Db;
  connectors: Connector[];
  /** Undefined runs scans in-process (embedded). */
  redis: string | undefined;
  queuePrefix?: string;
}

/**
 * Wires the real scan service (one per tenant: scans are tenant-scoped), the policy engine and the rule
 * catalog into the API.
 */
export async function buildApiServices(
  options: ApiServicesOptions,
): Promise<{ services: ApiServices; close(): Promise<void> }> {
  const { db } = options;
  const policy = await import('@aispm/policy');
  const dbRepos = await import('@aispm/db');
  const perTenant = new Map<string, Promise<ScanService>>();
  const scansFor = (tenantId: string): Promise<ScanService> => {
    let service = perTenant.get(tenantId);
    if (!service) {
      service = (async () => {
        const s = createScanService({
          db,
          tenantId,
          connectors: options.connectors,
          redis: options.redis,
          queuePrefix: options.queuePrefix ?? 'aispm',
          onScanFinished: async (scanId) => {
            await evaluate(db, tenantId, scanId);
          },
        });
        await s.startWorkers();
        return s;
      })();
      perTenant.set(tenantId, service);
    }
    return service;
  };
  const services: ApiServices = {
    scans: {
      async start(tenantId, scope, trigger) {
        const s = await scansFor(tenantId);
        const known = ['manual', 'schedule', 'api', 'demo'] as const;
        const t = (known as readonly string[]).includes(trigger)
          ? (trigger as (typeof known)[number])
          : 'api';
        const { scanId } = await s.startScan({ trigger: t, ...scope });
        return { scanId };
      },
      async cancel(tenantId, scanId) {
        return (await scansFor(tenantId)).cancelScan(scanId);
      },
      schedules: {
        async upsert(tenantId, input) {
          return (await scansFor(tenantId)).schedules.upsert({
            name: input.name,
            cron: input.cron,
            ...(input.timezone ? { timezone: input.timezone } : {}),
            ...(input.scope ? { scope: input.scope } : {}),
          });
        },
        async remove(tenantId, name) {
          return (await scansFor(tenantId)).schedules.remove(name);
        },
      },
    },
    findings: {
      suppress: (input) =>
        dbRepos.suppressFinding(db, input.tenantId, input.findingId, {
          reason: input.reason,
          by: input.actor,
          ...(input.until ? { until: input.until } : {}),
        }),
      unsuppress: (input) =>
        dbRepos.unsuppressFinding(db, input.tenantId, input.findingId, input.actor, input.reason),
    },
    evaluator: {
      run: (tenantId) => policy.runEvaluation(db, tenantId, {}),
    },
    rules: await policyRuleCatalog(),
  };
  return {
    services,
    async close() {
      for (const s of perTenant.values()) await (await s).close();
    },
  };
}
