import type { GraphBatch } from '@aispm/core';
import { azureGapCode, TaskGaps } from '../shared/gaps.ts';
import { FAN_OUT } from '../shared/paging.ts';
import { runConnectorTask } from '../shared/task.ts';
import type { GraphView, ItemRead, ScanPhase, ServiceModule, TaskBatch, TaskContext } from '../types.ts';
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
  /** Per-item reads that may be a coverage gap (AuthorizationFailed, NoRegisteredProviderFound, …). */
  gaps: TaskGaps;
  /** How many listed items to read at a time (`TaskContext.fanOut`). */
  fanOut: number;
}

export interface AzureNormalizeScope {
  subscriptionId: string;
}

export interface AzureServiceDefinition<Raw> {
  service: string;
  phase: ScanPhase;
  /** The earlier services it reads, when fewer than the whole earlier phases (see `ServiceModule.after`). */
  after?: readonly string[];
  /** Optional per-item reads (fetch makes them through `env.gaps.item`). */
  itemReads?: readonly ItemRead[];
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
    ...(def.after ? { after: def.after } : {}),
    global: true,
    itemReads: def.itemReads ?? [],
    async run(ctx: TaskContext): Promise<TaskBatch> {
      const subscriptionId = ctx.target.accountId;
      const clients = factory.forTask(subscriptionId, () => ctx.onThrottle(), ctx.pacer);
      return runConnectorTask(
        ctx.signal,
        `${def.service} in ${subscriptionId}`,
        (error) => {
          if (!isPermanentArmError(error)) return undefined;
          const e = error as { code?: string; message?: string };
          return `${e.code ?? 'Error'}: ${e.message ?? ''}`;
        },
        async (signal) => {
          const gaps = new TaskGaps(ctx.target, def.itemReads ?? [], azureGapCode);
          const raw = await def.fetch({
            gaps,
            subscriptionId,
            clients,
            signal,
            graph: ctx.graph,
            log: (m, f) => ctx.log(m, f),
            call: { abortSignal: signal },
            fanOut: ctx.fanOut ?? FAN_OUT,
          });
          return gaps.apply(ownSubscriptions(def.normalize(raw, { subscriptionId })));
        },
      );
    },
  };
}

/**
 * Every asset's subscription comes from its own ARM id (`/subscriptions/<id>/…`), whichever subscription's task
 * saw it (a key vault or identity another subscription's resource references). Ids outside a subscription
 * (tenant-level role definitions, principals, management groups) keep the normaliser's label.
 */
export function ownSubscriptions(batch: GraphBatch): GraphBatch {
  return {
    ...batch,
    assets: batch.assets.map((asset) => {
      const owner = /^\/subscriptions\/([0-9a-f-]{36})(?:\/|$)/i.exec(asset.id)?.[1];
      return owner && owner.toLowerCase() !== asset.accountId.toLowerCase()
        ? { ...asset, accountId: owner.toLowerCase() }
        : asset;
    }),
  };
}

/**
 * A per-item ARM read: `operation` is the REST operation id, the permission is the RBAC action on the resource
 * type (`Microsoft.CognitiveServices/accounts/deployments/read`).
 */
export function azureItemRead(
  operation: string,
  resourceType: string,
  facts: readonly string[],
  edges: readonly string[] = [],
  loses: readonly string[] = [],
): ItemRead {
  return { operation, permission: `${resourceType}/read`, facts, edges, loses };
}
