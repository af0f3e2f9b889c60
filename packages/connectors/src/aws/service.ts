import { setMaxListeners } from 'node:events';
import type { GraphBatch } from '@aispm/core';
import { PaginationError } from '../shared/paging.ts';
import { isPermanentAwsError } from '../shared/retry.ts';
import {
  type GraphView,
  PermanentTaskError,
  type ScanPhase,
  type ServiceModule,
  type TaskContext,
} from '../types.ts';
import { type AwsClientFactory, accountConnection, type TaskClients } from './clients.ts';

/** What a service's fetch step gets: its clients (credentials, endpoint, retries already set) and the scope. */
export interface AwsFetchEnv {
  accountId: string;
  region: string;
  clients: TaskClients;
  signal: AbortSignal;
  graph: GraphView;
  log: TaskContext['log'];
  /** Passed as the SDK's per-call options so an aborted scan stops in-flight calls. */
  call: { abortSignal: AbortSignal };
}

/** What a normaliser gets besides the raw API objects: only plain, serialisable scope. */
export interface NormalizeScope {
  accountId: string;
  region: string;
}

export interface AwsServiceDefinition<Raw> {
  service: string;
  phase: ScanPhase;
  global: boolean;
  operations: readonly string[];
  fetch(env: AwsFetchEnv): Promise<Raw>;
  normalize(raw: Raw, scope: NormalizeScope): GraphBatch;
}

export function awsServiceModule<Raw>(
  factory: AwsClientFactory,
  def: AwsServiceDefinition<Raw>,
): ServiceModule {
  return {
    provider: 'aws',
    service: def.service,
    phase: def.phase,
    global: def.global,
    operations: def.operations,
    async run(ctx: TaskContext): Promise<GraphBatch> {
      const accountId = ctx.target.accountId;
      const region = ctx.target.region === 'global' ? 'us-east-1' : ctx.target.region;
      const clients = factory.forTask(
        accountId,
        region,
        () => ctx.onThrottle(),
        accountConnection(ctx.account.connection),
      );
      // Every in-flight SDK call listens on the signal; a per-task child keeps that count off the scan's signal.
      const task = new AbortController();
      setMaxListeners(64, task.signal);
      const abort = () => task.abort(ctx.signal.reason);
      if (ctx.signal.aborted) abort();
      else ctx.signal.addEventListener('abort', abort, { once: true });
      try {
        const raw = await def.fetch({
          accountId,
          region,
          clients,
          signal: task.signal,
          graph: ctx.graph,
          log: (m, f) => ctx.log(m, f),
          call: { abortSignal: task.signal },
        });
        const batch = def.normalize(raw, { accountId, region: def.global ? 'global' : region });
        ctx.log(`${def.service} scanned`, {
          accountId,
          region: ctx.target.region,
          assets: batch.assets.length,
          edges: batch.edges.length,
        });
        return batch;
      } catch (error) {
        // Retrying a listing whose pagination never ends would loop again: report it as permanent.
        if (error instanceof PaginationError)
          throw new PermanentTaskError(
            `${def.service} in ${accountId}/${ctx.target.region}: ${error.message}`,
          );
        if (isPermanentAwsError(error)) {
          const e = error as { name?: string; message?: string };
          throw new PermanentTaskError(
            `${def.service} in ${accountId}/${ctx.target.region}: ${e.name ?? 'Error'}: ${e.message ?? ''}`,
          );
        }
        throw error;
      } finally {
        ctx.signal.removeEventListener('abort', abort);
        clients.close();
      }
    },
  };
}
