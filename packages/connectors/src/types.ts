import type { AssetRecord, CoverageGap, GraphBatch, Provider, ReferenceFilter } from '@aispm/core';
import type { CallPacer } from './shared/pacing.ts';

/**
 * The shape every connector (AWS now, Azure and GCP next) gives the scan machinery.
 *
 * A scan runs in three phases, each a set of independent tasks per account; a phase starts once the previous one
 * is settled in every account of the provider (phases 2 and 3 read what other accounts stored):
 *   1. inventory   — AI services and identities (one task per service × region, or per service for global ones)
 *   2. referenced  — supporting resources that phase-1 assets reference (buckets, keys, functions), found by
 *                    reading the edges phase 1 wrote, so aispm never imports an account's unrelated resources
 *   3. analysis    — pure computation over the stored graph (effective IAM access, exposure), no API calls
 * Every asset is owned by exactly one task (its `source`), which is what lets finalize reconcile removals:
 * an asset not seen by a task that succeeded is marked removed; a failed task removes nothing.
 */
export type ScanPhase = 1 | 2 | 3;

export interface AccountTarget {
  provider: Provider;
  /** AWS account id, Azure subscription id, GCP project id. */
  accountId: string;
  name: string;
  /** Org hierarchy from the root, e.g. ['o-abc', 'r-root', 'ou-ml'] or ['tenant', 'mg-prod']. */
  orgPath: string[];
  /** Provider-specific, non-secret connection settings (role ARN to assume, regions, …). */
  connection: Record<string, unknown>;
}

export interface TaskTarget {
  provider: Provider;
  accountId: string;
  /** A region / location, or 'global' for account-wide services. */
  region: string;
  service: string;
}

/**
 * Read access to what the scan has stored so far (phases 2 and 3). A worker may hand one result to several tasks
 * of a phase (reads that name no account are shared): treat what it returns as read-only.
 */
export interface GraphView {
  assets(filter: { accountId?: string; kinds?: string[]; provider?: Provider }): Promise<AssetRecord[]>;
  /** Ids of assets referenced by edges (to_id) that start with the prefix, e.g. `arn:aws:s3:::`. */
  referencedIds(filter: ReferenceFilter): Promise<string[]>;
  edges(filter: {
    accountId?: string;
    kinds?: string[];
    /** Only edges into these assets (a read that names them, like one that names an account, is not shared). */
    to?: string[];
  }): Promise<{ kind: string; from: string; to: string; properties: Record<string, unknown> }[]>;
}

export interface TaskContext {
  target: TaskTarget;
  account: AccountTarget;
  signal: AbortSignal;
  graph: GraphView;
  /** Counts throttled calls that the SDK retried, so the scan can report them. */
  onThrottle(): void;
  /** Paces every API attempt by the documented limits (shared by every worker of a BullMQ scan); none → unpaced. */
  pacer?: CallPacer | undefined;
  /**
   * How many listed items the task reads at a time where it fans out (FAN_OUT unless the scan widens it: a service
   * that later services wait on takes a larger share of a budget it shares with the rest of its phase).
   */
  fanOut?: number | undefined;
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A read made once per listed item (Describe / Get after a List) that the item can do without: when it is denied,
 * not enabled or unknown, the item is kept from its list data and `facts` are marked unknown on its asset.
 */
export interface ItemRead {
  /** The API operation as the cloud names it: DescribeEndpoint, deployments.list, serviceAccounts.keys.list. */
  operation: string;
  /** What grants it: the IAM action, the Azure RBAC action or the GCP permission. */
  permission: string;
  /** Asset properties the read provides (marked unknown when it is a gap). */
  facts: readonly string[];
  /** Edge kinds whose evidence is the read (they cannot be drawn without it). */
  edges?: readonly string[];
  /** Native types of assets that only this read reveals (an access key only its user's key listing). */
  loses?: readonly string[];
}

/** A task's result: the graph batch, and what it could not read. */
export interface TaskBatch extends GraphBatch {
  gaps?: CoverageGap[];
}

export interface ServiceModule {
  provider: Provider;
  service: string;
  phase: ScanPhase;
  /**
   * The services of earlier phases whose stored results this one reads, when that is fewer than all of them: its
   * tasks then start once those services have settled (and been reconciled) in every account of the provider,
   * without waiting for the rest of the phase before. Its reads must stay within what those services own, so
   * it reads the same graph whenever it starts. Unset: the whole earlier phases (the barrier).
   */
  after?: readonly string[];
  /** Global services run once per account with region 'global'. */
  global: boolean;

  /** The optional per-item reads the task makes (its coverage-gap seam; tests deny each one in turn). */
  itemReads?: readonly ItemRead[];
  /** fetch (SDK calls, paging, retries) → normalize (pure) → a batch for the graph writer, with its gaps. */
  run(ctx: TaskContext): Promise<TaskBatch>;
}

/**
 * Something discovery found it cannot cover: an account whose scanner role cannot be assumed, an organisation
 * the credentials may not read. The scan records it (a failed task named `operation` on that account) and goes on
 * with everything else; nothing already stored for that account is removed.
 */
export interface DiscoveryGap {
  account: AccountTarget;
  /** What could not be done, e.g. `assume-role`, `organization`. */
  operation: string;
  /** Why, with the denied action, e.g. `AccessDenied: … sts:AssumeRole on arn:aws:iam::…:role/AispmReadOnly`. */
  reason: string;
}

export interface Connector {
  provider: Provider;
  services: readonly ServiceModule[];
  /** Discovers the accounts in scope (e.g. Organizations ListAccounts) and the org-level assets. */
  discover(options: {
    signal: AbortSignal;
    only?: string[];
    /** Paces discovery's calls like the tasks' (AWS Organizations allows a few calls per second). */
    pacer?: CallPacer | undefined;
  }): Promise<{ accounts: AccountTarget[]; batch: GraphBatch; gaps?: DiscoveryGap[] }>;
  /** Regions to scan for an account. */
  regions(account: AccountTarget): string[];
}

/** Thrown by a task for errors a retry cannot fix (access denied, validation); the scan records it. */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
}
