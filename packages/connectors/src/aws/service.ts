import type { GraphBatch } from '@aispm/core';
import { awsGapCode, TaskGaps } from '../shared/gaps.ts';
import { FAN_OUT } from '../shared/paging.ts';
import { isPermanentAwsError } from '../shared/retry.ts';
import { runConnectorTask } from '../shared/task.ts';
import type { GraphView, ItemRead, ScanPhase, ServiceModule, TaskBatch, TaskContext } from '../types.ts';
import { parseArn } from './arn.ts';
import { type AwsClientFactory, accountConnection, type TaskClients } from './clients.ts';

/** What a service's fetch step gets: its clients (credentials, endpoint, retries already set) and the scope. */
export interface AwsFetchEnv {
  accountId: string;
  region: string;
  clients: TaskClients;
  signal: AbortSignal;
  graph: GraphView;
  log: TaskContext['log'];
  /** Per-item reads and list calls that may be a coverage gap (denied, not enabled, unknown operation). */
  gaps: TaskGaps;
  /** How many listed items to read at a time (`TaskContext.fanOut`). */
  fanOut: number;
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
  /** Optional per-item reads (fetch makes them through `env.gaps.item`). */
  itemReads?: readonly ItemRead[];
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
    itemReads: def.itemReads ?? [],
    async run(ctx: TaskContext): Promise<TaskBatch> {
      const accountId = ctx.target.accountId;
      const region = ctx.target.region === 'global' ? 'us-east-1' : ctx.target.region;
      return runConnectorTask(
        ctx.signal,
        `${def.service} in ${accountId}/${ctx.target.region}`,
        (error) => {
          if (!isPermanentAwsError(error)) return undefined;
          const e = error as { name?: string; message?: string };
          return `${e.name ?? 'Error'}: ${e.message ?? ''}`;
        },
        async (signal) => {
          // The clients' requests carry the task's signal, so calls are sent without per-call options.
          const clients = factory.forTask(
            accountId,
            region,
            () => ctx.onThrottle(),
            accountConnection(ctx.account.connection),
            ctx.pacer,
            signal,
          );
          try {
            const gaps = new TaskGaps(ctx.target, def.itemReads ?? [], awsGapCode);
            const raw = await def.fetch({
              gaps,
              accountId,
              region,
              clients,
              signal,
              graph: ctx.graph,
              log: (m, f) => ctx.log(m, f),
              fanOut: ctx.fanOut ?? FAN_OUT,
            });
            const batch = gaps.apply(
              ownAccounts(def.normalize(raw, { accountId, region: def.global ? 'global' : region })),
            );
            ctx.log(`${def.service} scanned`, {
              accountId,
              region: ctx.target.region,
              assets: batch.assets.length,
              edges: batch.edges.length,
              gaps: batch.gaps?.length ?? 0,
            });
            return batch;
          } finally {
            clients.close();
          }
        },
      );
    },
  };
}

/**
 * Every asset's account comes from the asset itself: an ARN that names an account (a role, a key, a model) is
 * labelled with it, whichever task saw it (a key another account's bucket uses is described from that account).
 * ARNs without an account (S3 buckets, AWS-owned foundation models) keep the label their normaliser chose.
 */
export function ownAccounts(batch: GraphBatch): GraphBatch {
  return {
    ...batch,
    assets: batch.assets.map((asset) => {
      const owner = asset.id.startsWith('arn:') ? parseArn(asset.id)?.accountId : undefined;
      return owner && /^\d{12}$/.test(owner) && owner !== asset.accountId
        ? { ...asset, accountId: owner }
        : asset;
    }),
  };
}

/**
 * A per-item read of an AWS service: its IAM action is `<prefix>:<operation>`; `facts` are the typed facts it
 * provides, `edges` the edge kinds drawn from it.
 */
export function awsItemRead(
  prefix: string,
  operation: string,
  facts: readonly string[],
  edges: readonly string[] = [],
  loses: readonly string[] = [],
): ItemRead {
  return { operation, permission: `${prefix}:${operation}`, facts, edges, loses };
}
