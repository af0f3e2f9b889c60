import {
  type AssetRecord,
  type CoverageGap,
  type GraphBatch,
  replaceControlCharacters,
  unknownFact,
} from '@aispm/core';
import type { ItemRead, TaskBatch, TaskTarget } from '../types.ts';

/**
 * Classifies an error as a coverage gap: the call was denied, the operation is not enabled where it was made, or
 * the endpoint does not know it. Returns the cloud's error code, or undefined for anything else (throttling and
 * server errors stay retryable, credential errors fail the task).
 */
export type GapClassifier = (error: unknown) => string | undefined;

const AWS_GAP_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'OptInRequired',
  'SubscriptionRequiredException',
  'UnsupportedOperation',
  'UnsupportedOperationException',
]);
// A 403 with these names is about the credentials, not the operation: the task fails instead.
const AWS_CREDENTIAL_CODES = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
]);

export const awsGapCode: GapClassifier = (error) => {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && AWS_CREDENTIAL_CODES.has(e.name)) return undefined;
  if (e.name && AWS_GAP_CODES.has(e.name)) return e.name;
  return e.$metadata?.httpStatusCode === 403 ? (e.name ?? 'AccessDenied') : undefined;
};

const AZURE_GAP_CODES = new Set([
  'AuthorizationFailed',
  'NoRegisteredProviderFound',
  'FeatureNotSupported',
  'MissingSubscriptionRegistration',
  'LinkedAuthorizationFailed',
  // Data planes (Foundry Agent Service): 401 PermissionDenied names the data action the principal lacks.
  'PermissionDenied',
  // An endpoint the resource names outside the service's own domains: not called (see foundry-agents/fetch.ts).
  'UntrustedEndpoint',
]);

export const azureGapCode: GapClassifier = (error) => {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; statusCode?: unknown };
  if (typeof e.code === 'string' && AZURE_GAP_CODES.has(e.code)) return e.code;
  if (e.code === 'InvalidAuthenticationToken' || e.code === 'ExpiredAuthenticationToken') return undefined;
  return e.statusCode === 403 ? (typeof e.code === 'string' ? e.code : 'Forbidden') : undefined;
};

/** Google's reason for a 403 (`SERVICE_DISABLED`, …), read from the google.rpc.Status body wherever the client put it. */
function googleReason(error: unknown): string | undefined {
  const e = error as { reason?: unknown; message?: unknown; response?: { data?: unknown } };
  if (typeof e.reason === 'string') return e.reason;
  const bodies = [e.response?.data, e.message];
  for (const body of bodies) {
    const text = typeof body === 'string' ? body : body ? JSON.stringify(body) : '';
    const m = /"reason"\s*:\s*"([A-Z_]+)"/.exec(text);
    if (m?.[1]) return m[1];
    if (/SERVICE_DISABLED|has not been used in project|it is disabled/.test(text)) return 'SERVICE_DISABLED';
  }
  return undefined;
}

export function gcpGapCodeFor(status: number | undefined, error: unknown): string | undefined {
  if (status === 403) {
    const reason = googleReason(error);
    return reason === 'SERVICE_DISABLED' ? 'SERVICE_DISABLED' : 'PERMISSION_DENIED';
  }
  // UNIMPLEMENTED: the endpoint does not offer the method (in this location).
  return status === 501 ? 'UNIMPLEMENTED' : undefined;
}

const MESSAGE_LIMIT = 500;

/**
 * One task's coverage gaps. `item(operation, assetIds, call)` runs a per-item read declared by the service
 * module: when the read is a gap it is recorded (once per operation, counted per call), the facts the read would
 * have given are marked unknown on those assets, and `undefined` comes back so the item is kept from its list
 * data. `list(...)` does the same for a list call, losing only that resource type. Anything else is rethrown.
 */
export class TaskGaps {
  private readonly gaps = new Map<string, CoverageGap>();
  /** Asset id (lower-cased) → fact → reason. */
  private readonly unknown = new Map<string, Map<string, string>>();
  private readonly reads: ReadonlyMap<string, ItemRead>;

  constructor(
    private readonly target: TaskTarget,
    reads: readonly ItemRead[],
    private readonly classify: GapClassifier,
  ) {
    this.reads = new Map(reads.map((r) => [r.operation, r]));
  }

  async item<T>(
    operation: string,
    assetIds: string | readonly string[],
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    const read = this.reads.get(operation);
    if (!read) throw new Error(`${this.target.service}: ${operation} is not a declared per-item read`);
    try {
      return await call();
    } catch (error) {
      const code = this.classify(error);
      if (code === undefined) throw error;
      this.record(read.operation, read.permission, code, 'item', error);
      const reason = `${code}: ${read.permission}`;
      for (const id of typeof assetIds === 'string' ? [assetIds] : assetIds) {
        const facts = this.unknown.get(id.toLowerCase()) ?? new Map<string, string>();
        for (const fact of read.facts) facts.set(fact, reason);
        this.unknown.set(id.toLowerCase(), facts);
      }
      return undefined;
    }
  }

  /** A list call: on a gap the resource type is skipped (an empty list) and the gap recorded with scope `list`. */
  async list<T>(operation: string, permission: string, call: () => Promise<T[]>): Promise<T[]> {
    try {
      return await call();
    } catch (error) {
      const code = this.classify(error);
      if (code === undefined) throw error;
      this.record(operation, permission, code, 'list', error);
      return [];
    }
  }

  private record(
    operation: string,
    permission: string,
    errorCode: string,
    scope: CoverageGap['scope'],
    error: unknown,
  ): void {
    const key = `${operation}\u0000${errorCode}`;
    const seen = this.gaps.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.gaps.set(key, {
      provider: this.target.provider,
      accountId: this.target.accountId,
      region: this.target.region,
      service: this.target.service,
      operation,
      permission,
      errorCode,
      scope,
      count: 1,
      message: replaceControlCharacters(message).slice(0, MESSAGE_LIMIT),
    });
  }

  /** The normalised batch with unread facts marked unknown, and the task's gaps. */
  apply(batch: GraphBatch): TaskBatch {
    const gaps = [...this.gaps.values()];
    if (this.unknown.size === 0) return gaps.length ? { ...batch, gaps } : batch;
    const assets = batch.assets.map((asset): AssetRecord => {
      const facts = this.unknown.get(asset.id.toLowerCase());
      if (!facts) return asset;
      // Rules read the kind's typed facts (`properties.facts`); the raw properties stay as the list data gave them.
      const typed = { ...((asset.properties.facts as Record<string, unknown> | undefined) ?? {}) };
      for (const [fact, reason] of facts) typed[fact] = unknownFact(reason);
      return { ...asset, properties: { ...asset.properties, facts: typed } };
    });
    return { ...batch, assets, gaps };
  }
}
