import type { Provider, ScanScope } from '@aispm/core';
import type { ScanTaskKey } from '@aispm/db';

/** The units of work both runners (BullMQ and embedded) execute with the same processor. */
export type ScanJob =
  | { kind: 'discover'; tenantId: string; scanId: string; provider: Provider }
  | ({ kind: 'task'; tenantId: string; scanId: string; phase?: number } & ScanTaskKey)
  | { kind: 'finalize'; tenantId: string; scanId: string }
  | { kind: 'schedule'; tenantId: string; schedule: string; scope: ScanScope };

/** The discover step is recorded as a task too, under the service that lists the organisation. */
export const DISCOVER_SERVICE: Record<Provider, string> = {
  aws: 'organizations',
  azure: 'management-groups',
  gcp: 'resource-manager',
};

/** Org-level items (the org root, OUs) belong to this pseudo-account. */
export const ORG_ACCOUNT_ID = 'global';

export function discoverTaskKey(provider: Provider): ScanTaskKey {
  return { provider, accountId: ORG_ACCOUNT_ID, region: 'global', service: DISCOVER_SERVICE[provider] };
}

export function isDiscoverTask(key: ScanTaskKey): boolean {
  return key.accountId === ORG_ACCOUNT_ID && key.service === DISCOVER_SERVICE[key.provider as Provider];
}

/** The `source` a task's assets are owned by. */
export function taskSource(key: { service: string; region: string }): string {
  return `${key.service}@${key.region}`;
}

/**
 * Deterministic ids make every enqueue idempotent: a replayed fan-out (after a crash) or two tasks racing to
 * start the next phase add the same job once. BullMQ forbids ':' in custom ids.
 */
export function jobIdOf(job: ScanJob): string | undefined {
  const clean = (s: string) => s.replaceAll(':', '_');
  switch (job.kind) {
    case 'discover':
      return `${job.scanId}.discover.${job.provider}`;
    case 'task':
      return clean(`${job.scanId}.task.${job.provider}.${job.accountId}.${job.service}.${job.region}`);
    case 'finalize':
      return `${job.scanId}.finalize`;
    case 'schedule':
      return undefined;
  }
}

/** Tasks of one account share a concurrency budget (the cloud's rate limits are per account). */
export function accountKeyOf(job: ScanJob): string | undefined {
  return job.kind === 'task' ? `${job.provider}.${job.accountId}` : undefined;
}

/** Thrown by the processor when an attempt failed and the task should be tried again after a backoff. */
export class RetryableAttemptError extends Error {
  override name = 'RetryableAttemptError';
  constructor(
    message: string,
    readonly throttled: boolean,
  ) {
    super(message);
  }
}

export interface AttemptInfo {
  /** 1-based. */
  attempt: number;
  maxAttempts: number;
}
