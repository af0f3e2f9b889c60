import type { GraphBatch } from '@aispm/core';
import { gcpGapCodeFor, TaskGaps } from '../shared/gaps.ts';
import type { CallPacer } from '../shared/pacing.ts';
import { FAN_OUT } from '../shared/paging.ts';
import {
  callTimeoutError,
  countingRetryStrategy,
  DEFAULT_CALL_TIMEOUT_MS,
  isBrokenResponse,
} from '../shared/retry.ts';
import { runConnectorTask } from '../shared/task.ts';
import type {
  AccountTarget,
  GraphView,
  ItemRead,
  ScanPhase,
  ServiceModule,
  TaskBatch,
  TaskContext,
} from '../types.ts';
import type { GcpClientFactory } from './clients.ts';

/** HTTP status of a gax / gaxios error (REST mode reports the HTTP status; gRPC codes are mapped). */
export function gcpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { status?: unknown; code?: unknown; response?: { status?: unknown } };
  for (const v of [e.response?.status, e.status, e.code]) {
    if (typeof v === 'number' && v >= 100) return v;
    if (typeof v === 'string' && /^\d{3}$/.test(v)) return Number(v);
  }
  // gRPC status codes (gax in gRPC mode): RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL, PERMISSION_DENIED, …
  const grpc: Record<number, number> = { 4: 504, 5: 404, 7: 403, 8: 429, 13: 500, 14: 503, 16: 401 };
  return typeof e.code === 'number' ? grpc[e.code] : undefined;
}

export function isRetryableGcpError(error: unknown): 'THROTTLING' | 'TRANSIENT' | undefined {
  const status = gcpStatus(error);
  if (status === 429) return 'THROTTLING';
  // 501 UNIMPLEMENTED: the method is not offered there; another attempt gets the same answer.
  if (status !== undefined && status >= 500 && status !== 501) return 'TRANSIENT';
  if (status === undefined && isBrokenResponse(error)) return 'TRANSIENT';
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'ECONNREFUSED') return 'TRANSIENT';
  return undefined;
}

/**
 * Runs one API call with the SDKs' standard retry strategy (exponential backoff with jitter, retry quota): gax in
 * REST mode and our REST calls do not retry by themselves. Throttled attempts that are retried are counted.
 */
export async function withGcpRetry<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  options: {
    maxAttempts: number;
    onThrottle: () => void;
    signal?: AbortSignal;
    timeoutMs?: number;
    /** Paces every attempt from the project's budget for this API (`gcp:<task service>` in the limits). */
    pacing?: { pacer: CallPacer; projectId: string; operation: string };
  },
): Promise<T> {
  const pacing = options.pacing;
  const strategy = countingRetryStrategy({
    maxAttempts: options.maxAttempts,
    onThrottle: options.onThrottle,
  });
  let token = await strategy.acquireInitialRetryToken('gcp');
  for (;;) {
    try {
      await pacing?.pacer.acquire('gcp', pacing.projectId, pacing.operation, options.signal);
      const out = await withDeadline(fn, options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, options.signal);
      strategy.recordSuccess(token);
      return out;
    } catch (error) {
      const kind = isRetryableGcpError(error);
      if (kind === 'THROTTLING') pacing?.pacer.throttled('gcp', pacing.projectId, pacing.operation);
      if (!kind || options.signal?.aborted) throw error;
      try {
        token = await strategy.refreshRetryTokenForRetry(token, {
          errorType: kind,
          error: error as Error,
        } as Parameters<typeof strategy.refreshRetryTokenForRetry>[1]);
      } catch {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, token.getRetryDelay()));
    }
  }
}

/**
 * One attempt under a deadline: the call gets a signal that aborts when the deadline passes (our REST calls pass it
 * to the request); a client that ignores it is abandoned, and the attempt fails with ETIMEDOUT (retried).
 */
async function withDeadline<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  ms: number,
  outer: AbortSignal | undefined,
): Promise<T> {
  const deadline = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort();
      reject(callTimeoutError(ms, 'Google API call'));
    }, ms);
  });
  try {
    return await Promise.race([
      fn(outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Project numbers ↔ ids of every discovered project: Vertex names carry numbers, ids everything else. */
export interface ProjectDirectory {
  projectNumber: string;
  numberToId: Record<string, string>;
}

export function projectDirectory(account: AccountTarget): ProjectDirectory {
  const c = account.connection as { projectNumber?: unknown; projectIdsByNumber?: unknown };
  return {
    projectNumber: typeof c.projectNumber === 'string' ? c.projectNumber : '',
    numberToId:
      c.projectIdsByNumber && typeof c.projectIdsByNumber === 'object'
        ? (c.projectIdsByNumber as Record<string, string>)
        : {},
  };
}

export interface GcpFetchEnv {
  projectId: string;
  projects: ProjectDirectory;
  location: string;
  factory: GcpClientFactory;
  signal: AbortSignal;
  graph: GraphView;
  log: TaskContext['log'];
  /** Wraps one API call (one page) in the retry strategy and its deadline (`signal` aborts at the deadline). */
  call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Per-item reads that may be a coverage gap (PERMISSION_DENIED, SERVICE_DISABLED). */
  gaps: TaskGaps;
  /** How many listed items to read at a time (`TaskContext.fanOut`). */
  fanOut: number;
}

export interface GcpNormalizeScope {
  projectId: string;
  projects: ProjectDirectory;
  location: string;
}

export interface GcpServiceDefinition<Raw> {
  service: string;
  phase: ScanPhase;
  global: boolean;
  /** Optional per-item reads (fetch makes them through `env.gaps.item`). */
  itemReads?: readonly ItemRead[];
  fetch(env: GcpFetchEnv): Promise<Raw>;
  normalize(raw: Raw, scope: GcpNormalizeScope): GraphBatch;
}

function isPermanentGcpError(error: unknown): boolean {
  const status = gcpStatus(error);
  return status === 400 || status === 401 || status === 403;
}

export function gcpServiceModule<Raw>(
  factory: GcpClientFactory,
  def: GcpServiceDefinition<Raw>,
): ServiceModule {
  return {
    provider: 'gcp',
    service: def.service,
    phase: def.phase,
    global: def.global,
    itemReads: def.itemReads ?? [],
    async run(ctx: TaskContext): Promise<TaskBatch> {
      const projectId = ctx.target.accountId;
      const location = ctx.target.region;
      const projects = projectDirectory(ctx.account);
      return runConnectorTask(
        ctx.signal,
        `${def.service} in ${projectId}/${location}`,
        (error) => {
          if (!isPermanentGcpError(error)) return undefined;
          return `${gcpStatus(error)}: ${(error as { message?: string }).message ?? ''}`;
        },
        async (signal) => {
          const gaps = new TaskGaps(ctx.target, def.itemReads ?? [], (e) => gcpGapCodeFor(gcpStatus(e), e));
          const raw = await def.fetch({
            gaps,
            projectId,
            projects,
            location,
            factory,
            signal,
            graph: ctx.graph,
            log: (m, f) => ctx.log(m, f),
            fanOut: ctx.fanOut ?? FAN_OUT,
            call: (fn) =>
              withGcpRetry(fn, {
                maxAttempts: factory.options.maxAttempts,
                timeoutMs: factory.options.callTimeoutMs,
                onThrottle: () => ctx.onThrottle(),
                signal,
                ...(ctx.pacer ? { pacing: { pacer: ctx.pacer, projectId, operation: def.service } } : {}),
              }),
          });
          return gaps.apply(ownProjects(def.normalize(raw, { projectId, projects, location }), projects));
        },
      );
    },
  };
}

/** A JSON-plain copy of an SDK object (protobuf messages in gax fallback mode carry prototypes and defaults). */
export function plain<T = Record<string, unknown>>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/**
 * Every asset's project comes from its own resource name (`//<service>/projects/<id or number>/…`, numbers
 * resolved through the discovered projects), whichever project's task saw it. Names without a project (buckets)
 * keep the normaliser's label.
 */
export function ownProjects(batch: GraphBatch, projects: ProjectDirectory): GraphBatch {
  return {
    ...batch,
    assets: batch.assets.map((asset) => {
      const segment = /^\/\/[^/]+\/projects\/([^/]+)\//.exec(asset.id)?.[1];
      const owner = segment && /^\d+$/.test(segment) ? projects.numberToId[segment] : segment;
      return owner && owner !== asset.accountId ? { ...asset, accountId: owner } : asset;
    }),
  };
}
