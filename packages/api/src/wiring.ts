import { type Db, suppressFinding, unsuppressFinding } from '@aispm/db';
import { FRAMEWORKS, RULES, ruleById, ruleProviders } from '@aispm/policy';
import { runEvaluation } from '@aispm/scan';
import { conflict } from './errors.ts';
import type {
  Evaluator,
  FindingActions,
  FrameworkInfo,
  RuleCatalog,
  ScanControl,
  ScanScope,
  ScheduleInput,
} from './services.ts';

/** The parts of `@aispm/scan`'s ScanService the API drives (one service per tenant). */
export interface TenantScanService {
  startScan(request: { trigger: 'api'; provider?: ScanScope['provider']; accounts?: string[] }): Promise<{
    scanId: string;
  }>;
  cancelScan(scanId: string): Promise<boolean>;
  schedules: {
    upsert(input: ScheduleInput): Promise<unknown>;
    remove(name: string): Promise<boolean>;
  };
}

/**
 * ScanControl over per-tenant scan services. A tenant without one gets a clear 409 instead of a scan
 * started under another tenant.
 */
export function scanControlFromServices(
  serviceFor: (tenantId: string) => TenantScanService | undefined,
): ScanControl {
  const of = (tenantId: string) => {
    const service = serviceFor(tenantId);
    if (!service) throw conflict('scanning is not configured for this tenant');
    return service;
  };
  return {
    start: (tenantId, scope, trigger) =>
      of(tenantId).startScan({
        trigger,
        ...(scope.provider ? { provider: scope.provider } : {}),
        ...(scope.accounts ? { accounts: scope.accounts } : {}),
      }),
    cancel: (tenantId, scanId) => of(tenantId).cancelScan(scanId),
    schedules: {
      upsert: (tenantId, input) => of(tenantId).schedules.upsert(input),
      remove: (tenantId, name) => of(tenantId).schedules.remove(name),
    },
  };
}

/** Suppression through the policy engine's findings repo (status, lifecycle events). */
export function policyFindingActions(db: Db): FindingActions {
  return {
    suppress: ({ tenantId, findingId, reason, actor, until }) =>
      suppressFinding(db, tenantId, findingId, { reason, by: actor, until: until ?? null }),
    unsuppress: ({ tenantId, findingId, actor, reason }) =>
      unsuppressFinding(db, tenantId, findingId, actor, reason),
  };
}

export function policyEvaluator(db: Db): Evaluator {
  return { run: (tenantId) => runEvaluation(db, tenantId) };
}

let frameworks: FrameworkInfo[] | undefined;

/** Rule metadata and framework catalogs of `@aispm/policy`, with each control's mapped rules. */
export function policyRuleCatalog(): RuleCatalog {
  const info = (rule: (typeof RULES)[number]) => ({
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    rationale: rule.rationale,
    providers: ruleProviders(rule),
    kinds: [...rule.appliesTo.kinds],
    concepts: [...rule.concepts],
    remediation: rule.remediation,
    references: rule.references,
    mappings: Object.fromEntries(Object.entries(rule.frameworks).map(([fw, ids]) => [fw, ids ?? []])),
    peers: rule.peers,
    enabledByDefault: rule.enabledByDefault !== false,
  });
  return {
    rules: () => RULES.map(info),
    rule(id) {
      const rule = ruleById(id);
      return rule ? info(rule) : undefined;
    },
    frameworks() {
      frameworks ??= FRAMEWORKS.map((fw) => ({
        id: fw.id,
        title: fw.title,
        version: fw.version,
        controls: fw.controls.map((c) => {
          const rules = RULES.filter((r) => r.frameworks[fw.id]?.includes(c.id)).map((r) => r.id);
          return {
            id: c.id,
            title: c.title,
            rules,
            ...(rules.length === 0 ? { reason: c.notEvidenceable ?? 'no rule maps to this control' } : {}),
          };
        }),
      }));
      return frameworks;
    },
  };
}
