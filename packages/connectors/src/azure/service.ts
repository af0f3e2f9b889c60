import { setMaxListeners } from 'node:events';
import type { GraphBatch } from '@aispm/core';
import { PaginationError } from '../shared/paging.ts';
import {
  type GraphView,
  PermanentTaskError,
  type ScanPhase,
  type ServiceModule,
  type TaskContext,
} from '../types.ts';
import { armStatus } from './arm.ts';
import type { AzureClientFactory, AzureTaskClients } from './clients.ts';

export interface AzureFetchEnv {
  subscriptionId: string;
  clients: AzureTaskClients;
  signal: AbortSignal;
  graph: GraphView;
  log: TaskContext['log'];
  /** Per-call options so an aborted scan stops in-flight calls. */
  call: { abortSignal: AbortSignal };
}

export interface AzureNormalizeScope {
  subscriptionId: string;
}

export interface AzureServiceDefinition<Raw> {
  service: string;
  phase: ScanPhase;
  operations: readonly string[];
  fetch(env: AzureFetchEnv): Promise<Raw>;
  normalize(raw: Raw, scope: AzureNormalizeScope): GraphBatch;
}

/** 401/403 (no role on the scope, provider not registered) cannot be fixed by retrying. */
function isPermanentArmError(error: unknown): boolean {
  const status = armStatus(error);
  if (status === 401 || status === 403) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === 'AuthorizationFailed' || code === 'SubscriptionNotFound' || code === 'InvalidAuthenticationToken'
  );
}

/** ARM lists are subscription-wide, so every Azure service runs once per subscription with region 'global'. */
export function azureServiceModule<Raw>(
  factory: AzureClientFactory,
  def: AzureServiceDefinition<Raw>,
): ServiceModule {
  return {
    provider: 'azure',
    service: def.service,
    phase: def.phase,
    global: true,
    operations: def.operations,
    async run(ctx: TaskContext): Promise<GraphBatch> {
      const subscriptionId = ctx.target.accountId;
      const clients = factory.forTask(subscriptionId, () => ctx.onThrottle());
      const task = new AbortController();
      setMaxListeners(64, task.signal);
      const abort = () => task.abort(ctx.signal.reason);
      if (ctx.signal.aborted) abort();
      else ctx.signal.addEventListener('abort', abort, { once: true });
      try {
        const raw = await def.fetch({
          subscriptionId,
          clients,
          signal: task.signal,
          graph: ctx.graph,
          log: (m, f) => ctx.log(m, f),
          call: { abortSignal: task.signal },
        });
        return def.normalize(raw, { subscriptionId });
      } catch (error) {
        if (error instanceof PaginationError)
          throw new PermanentTaskError(`${def.service} in ${subscriptionId}: ${error.message}`);
        if (isPermanentArmError(error)) {
          const e = error as { code?: string; message?: string };
          throw new PermanentTaskError(
            `${def.service} in ${subscriptionId}: ${e.code ?? 'Error'}: ${e.message ?? ''}`,
          );
        }
        throw error;
      } finally {
        ctx.signal.removeEventListener('abort', abort);
        // A failed task may leave sibling calls in flight (one list of a Promise.all failed): stop them.
        task.abort(new Error('task finished'));
      }
    },
  };
}
