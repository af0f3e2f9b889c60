/**
 * What the API needs from the rest of aispm, as interfaces: the CLI wires in the real scan service, policy
 * engine and rule catalog; tests pass small real implementations backed by the same database.
 */

import type { ScanScope } from '@aispm/core';
import type { z } from 'zod';
import type { RuleSchema } from './contract/findings.ts';

export type { ScanScope };

export interface ScheduleInput {
  name: string;
  /** Five cron fields, or six with leading seconds. */
  cron: string;
  timezone?: string;
  scope?: ScanScope;
}

export interface ScanControl {
  /** Starts (or joins an equivalent running) scan; resolves once it is recorded, not when it finishes. */
  start(tenantId: string, scope: ScanScope, trigger: 'api'): Promise<{ scanId: string }>;
  /** Asks a scan to stop; false when it is unknown to the tenant or already finished. */
  cancel(tenantId: string, scanId: string): Promise<boolean>;
  schedules: {
    upsert(tenantId: string, input: ScheduleInput): Promise<unknown>;
    remove(tenantId: string, name: string): Promise<boolean>;
  };
}

export interface SuppressInput {
  tenantId: string;
  findingId: string;
  reason: string;
  actor: string;
  until?: Date;
}

export interface FindingActions {
  suppress(input: SuppressInput): Promise<unknown>;
  unsuppress(input: {
    tenantId: string;
    findingId: string;
    actor: string;
    reason?: string;
  }): Promise<unknown>;
}

export interface Evaluator {
  run(tenantId: string): Promise<{ evaluationId: string } | unknown>;
}

/** A rule's metadata as the API answers it (RuleSchema of the contract). */
export type RuleInfo = z.infer<typeof RuleSchema>;

export interface FrameworkControl {
  id: string;
  title: string;
  /** Rules that evidence the control; none means the control cannot be checked from cloud configuration. */
  rules: string[];
  /** Why the control cannot be evidenced from configuration, when it cannot. */
  reason?: string;
}

export interface FrameworkInfo {
  id: string;
  title: string;
  version?: string;
  controls: FrameworkControl[];
}

export interface RuleCatalog {
  rule(id: string): RuleInfo | undefined;
  /** Every rule (SARIF lists them all in `tool.driver.rules`); none when absent. */
  rules?(): RuleInfo[];
  frameworks(): FrameworkInfo[];
}

export interface ApiServices {
  scans: ScanControl;
  findings: FindingActions;
  evaluator: Evaluator;
  /** Without one, findings carry no rule metadata and no framework is listed. */
  rules?: RuleCatalog;
}

export const EMPTY_RULE_CATALOG: RuleCatalog = {
  rule: () => undefined,
  frameworks: () => [],
};
