import {
  type AccountTarget,
  type Connector,
  PermanentTaskError,
  type ScanPhase,
  type ServiceModule,
  type TaskContext,
} from '@aispm/connectors';
import { type AssetRecord, type EdgeRecord, edge, type GraphBatch } from '@aispm/core';

/**
 * A cloud-less connector for exercising the scan machinery: it implements the real `Connector` contract and
 * produces deterministic batches for N accounts × regions × services, reads the stored graph in phases 2
 * and 3 exactly like the AWS connector does, and fails or throttles on request. No SDK is involved.
 */
export interface TestConnectorOptions {
  accounts: number;
  regions: string[];
  /** Assets each phase-1 regional task produces. */
  assetsPerTask: number;
  /** Tasks (pattern `account/service@region`, `*` wildcards) that fail with a retryable error the first n times. */
  failFirst?: Record<string, number>;
  /** Tasks that always fail with PermanentTaskError. */
  failPermanently?: string[];
  /** Tasks whose first attempt throws a throttling error. */
  throttleFirst?: string[];
  /** Throttled calls each task reports as retried by the SDK (ctx.onThrottle). */
  sdkThrottlesPerTask?: number;
  /** Milliseconds each task takes. */
  delayMs?: number;
  /** Extra milliseconds for tasks matching a pattern (`account/service@region`, `*` wildcards): a slow account. */
  extraDelayMs?: Record<string, number>;
  /** Estate version: from 1 on, the last model of the first account's first region is gone and one changes. */
  generation?: number;
  /**
   * Adds a phase-2 service, `agent-tools`, that reads only what `agents` stored (`after: ['agents']`): one tool per
   * agent of its account. From generation 1 on, the first account's first-region agent is then gone as well.
   */
  agentTools?: boolean;
  /** Leaves `stores` out, so with `agentTools` every phase-2 service starts early. */
  withoutStores?: boolean;
  /** Called at the start and end of every task attempt (in-process tests check phase order with it). */
  onEvent?: (event: TestTaskEvent) => void;
}

export interface TestTaskEvent {
  type: 'start' | 'end';
  accountId: string;
  service: string;
  region: string;
  phase: ScanPhase;
  attempt: number;
  at: number;
  /** The fan-out width the scan gave the task. */
  fanOut: number | undefined;
}

export const TEST_ORG_ID = 'o-testorg';
export const TEST_MANAGEMENT_ACCOUNT = '200000000000';

export function testAccountId(index: number): string {
  return String(200000000000 + index + 1);
}

class TestThrottlingError extends Error {
  override name = 'ThrottlingException';
  readonly $metadata = { httpStatusCode: 400 };
}

function matches(pattern: string, key: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(key);
}

function asset(
  partial: Omit<AssetRecord, 'provider' | 'tags'> & { tags?: Record<string, string> },
): AssetRecord {
  return { provider: 'aws', tags: {}, ...partial };
}

export function createTestConnector(
  options: TestConnectorOptions,
): Connector & { attempts: Map<string, number> } {
  const attempts = new Map<string, number>();
  const generation = options.generation ?? 0;
  const firstAccount = testAccountId(0);
  const firstRegion = options.regions[0];

  const behave = async (ctx: TaskContext, phase: ScanPhase, produce: () => Promise<GraphBatch>) => {
    const { accountId, service, region } = ctx.target;
    const key = `${accountId}/${service}@${region}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const event = (type: TestTaskEvent['type']) =>
      options.onEvent?.({
        type,
        accountId,
        service,
        region,
        phase,
        attempt,
        at: Date.now(),
        fanOut: ctx.fanOut,
      });
    event('start');
    try {
      const extra = Object.entries(options.extraDelayMs ?? {}).find(([p]) => matches(p, key))?.[1] ?? 0;
      const delay = (options.delayMs ?? 0) + extra;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      for (let i = 0; i < (options.sdkThrottlesPerTask ?? 0); i++) ctx.onThrottle();
      if (options.failPermanently?.some((p) => matches(p, key))) {
        throw new PermanentTaskError(`AccessDenied: not authorized to scan ${key}`);
      }
      if (attempt === 1 && options.throttleFirst?.some((p) => matches(p, key))) {
        throw new TestThrottlingError(`Rate exceeded for ${key}`);
      }
      const failFirst = Object.entries(options.failFirst ?? {}).find(([p]) => matches(p, key));
      if (failFirst && attempt <= failFirst[1])
        throw new Error(`InternalFailure: transient failure ${attempt} of ${key}`);
      return await produce();
    } finally {
      event('end');
    }
  };

  const models: ServiceModule = {
    provider: 'aws',
    service: 'models',
    phase: 1,
    global: false,
    run: (ctx) =>
      behave(ctx, 1, async () => {
        const { accountId, region } = ctx.target;
        const assets: AssetRecord[] = [];
        const edges: EdgeRecord[] = [];
        for (let i = 0; i < options.assetsPerTask; i++) {
          const gone =
            generation >= 1 &&
            accountId === firstAccount &&
            region === firstRegion &&
            i === options.assetsPerTask - 1;
          if (gone) continue;
          const id = `arn:aws:testml:${region}:${accountId}:model/m-${i}`;
          const changed = generation >= 1 && accountId === firstAccount && region === firstRegion && i === 0;
          assets.push(
            asset({
              id,
              kind: 'model',
              accountId,
              region,
              name: `m-${i}`,
              nativeType: 'Test::Model',
              properties: { index: i, encrypted: !changed },
            }),
          );
          edges.push(
            edge('trained-on', id, `arn:aws:teststore:global:${accountId}:bucket/data-${region}-${i % 3}`),
          );
          edges.push(edge('runs-as', id, `arn:aws:iam::${accountId}:role/trainer-${i % 2}`));
        }
        return { assets, edges };
      }),
  };

  const agents: ServiceModule = {
    provider: 'aws',
    service: 'agents',
    phase: 1,
    global: false,
    run: (ctx) =>
      behave(ctx, 1, async () => {
        const { accountId, region } = ctx.target;
        const id = `arn:aws:testml:${region}:${accountId}:agent/a-0`;
        if (options.agentTools && generation >= 1 && accountId === firstAccount && region === firstRegion)
          return { assets: [], edges: [] };
        return {
          assets: [
            asset({
              id,
              kind: 'agent',
              accountId,
              region,
              name: 'a-0',
              nativeType: 'Test::Agent',
              properties: {},
            }),
          ],
          edges: [edge('uses-model', id, `arn:aws:testml:${region}:${accountId}:model/m-0`)],
        };
      }),
  };

  const identities: ServiceModule = {
    provider: 'aws',
    service: 'identities',
    phase: 1,
    global: true,
    run: (ctx) =>
      behave(ctx, 1, async () => {
        const { accountId } = ctx.target;
        return {
          assets: [0, 1].map((i) =>
            asset({
              id: `arn:aws:iam::${accountId}:role/trainer-${i}`,
              kind: 'identity',
              accountId,
              region: 'global',
              name: `trainer-${i}`,
              nativeType: 'Test::Role',
              properties: { admin: i === 1 },
            }),
          ),
          edges: [],
        };
      }),
  };

  /** Phase 2: only the stores phase-1 edges point at, as the S3 module does. */
  const stores: ServiceModule = {
    provider: 'aws',
    service: 'stores',
    phase: 2,
    global: true,
    run: (ctx) =>
      behave(ctx, 2, async () => {
        const { accountId } = ctx.target;
        const ids = await ctx.graph.referencedIds({ accountId, prefix: 'arn:aws:teststore:' });
        return {
          assets: ids.map((id) =>
            asset({
              id,
              kind: 'data-store',
              accountId,
              region: 'global',
              name: id.split('/').at(-1) ?? id,
              nativeType: 'Test::Bucket',
              properties: { public: id.endsWith('-0') },
            }),
          ),
          edges: [],
        };
      }),
  };

  /** Phase 2, started as soon as every account's agents are stored: a tool per agent the account has. */
  const agentTools: ServiceModule = {
    provider: 'aws',
    service: 'agent-tools',
    phase: 2,
    after: ['agents'],
    global: true,
    run: (ctx) =>
      behave(ctx, 2, async () => {
        const { accountId } = ctx.target;
        const stored = await ctx.graph.assets({ accountId, kinds: ['agent'] });
        return {
          assets: stored.map((a) =>
            asset({
              id: `${a.id}/tool`,
              kind: 'agent-tool',
              accountId,
              region: a.region,
              name: `${a.name}-tool`,
              nativeType: 'Test::AgentTool',
              properties: {},
            }),
          ),
          edges: [],
        };
      }),
  };

  /** Phase 3: pure computation over what phases 1 and 2 stored. */
  const access: ServiceModule = {
    provider: 'aws',
    service: 'access',
    phase: 3,
    global: true,
    run: (ctx) =>
      behave(ctx, 3, async () => {
        const { accountId } = ctx.target;
        const roles = await ctx.graph.assets({ accountId, kinds: ['identity'] });
        const buckets = await ctx.graph.assets({ accountId, kinds: ['data-store'] });
        const admins = roles.filter((r) => r.properties.admin === true);
        return {
          assets: [],
          edges: admins.flatMap((role) =>
            buckets.map((b) => edge('can-read', role.id, b.id, { actions: ['s3:GetObject'] })),
          ),
        };
      }),
  };

  const accounts: AccountTarget[] = Array.from({ length: options.accounts }, (_, i) => ({
    provider: 'aws',
    accountId: testAccountId(i),
    name: `test-account-${i + 1}`,
    orgPath: [TEST_ORG_ID, 'r-root'],
    connection: { roleName: 'AispmReadOnly' },
  }));

  return {
    provider: 'aws',
    attempts,
    services: [
      models,
      agents,
      identities,
      ...(options.withoutStores ? [] : [stores]),
      ...(options.agentTools ? [agentTools] : []),
      access,
    ],
    regions: () => options.regions,
    async discover({ only }) {
      const inScope = only ? accounts.filter((a) => only.includes(a.accountId)) : accounts;
      const rootId = `arn:aws:organizations::${TEST_MANAGEMENT_ACCOUNT}:root/${TEST_ORG_ID}/r-root`;
      const accountAssets = inScope.map((a) =>
        asset({
          id: `arn:aws:organizations::${TEST_MANAGEMENT_ACCOUNT}:account/${TEST_ORG_ID}/${a.accountId}`,
          kind: 'account',
          accountId: a.accountId,
          region: 'global',
          name: a.name,
          nativeType: 'AWS::Organizations::Account',
          properties: {},
        }),
      );
      return {
        accounts: inScope,
        batch: {
          assets: [
            asset({
              id: rootId,
              kind: 'account',
              accountId: 'global',
              region: 'global',
              name: 'Root',
              nativeType: 'AWS::Organizations::Root',
              properties: {},
            }),
            ...accountAssets,
          ],
          edges: accountAssets.map((a) => edge('contains', rootId, a.id)),
        },
      };
    },
  };
}

/**
 * What a complete scan of the test estate contains, computed independently of the machinery: the oracle the
 * queue tests compare the stored graph with.
 */
export function expectedTestEstate(
  options: Pick<TestConnectorOptions, 'accounts' | 'regions' | 'assetsPerTask' | 'generation'>,
): {
  assets: number;
  edges: number;
  tasksTotal: number;
} {
  const regions = options.regions.length;
  const perTask = options.assetsPerTask;
  const dropped = (options.generation ?? 0) >= 1 ? 1 : 0;
  const models = options.accounts * regions * perTask - dropped;
  const storesPerRegion = Math.min(3, perTask);
  // The dropped model (index perTask-1) may have been the only reference to its store.
  const lostStore = dropped && perTask <= 3 ? 1 : 0;
  const stores = options.accounts * regions * storesPerRegion - lostStore;
  const assets = 1 + options.accounts + models + options.accounts * regions + options.accounts * 2 + stores;
  const edges = options.accounts + models * 2 + options.accounts * regions + stores;
  const tasksTotal = 1 + options.accounts * (2 * regions + 3);
  return { assets, edges, tasksTotal };
}
