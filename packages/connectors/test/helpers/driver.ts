import type { AssetRecord, CoverageGap, EdgeRecord, GraphBatch, ReferenceFilter } from '@aispm/core';
import type { CallPacer } from '../../src/shared/pacing.ts';
import type { AccountTarget, Connector, GraphView, ScanPhase, TaskContext } from '../../src/types.ts';

/** An in-memory graph: the last writer of an id wins, like the graph writer's upsert. */
export class MemoryGraph implements GraphView {
  readonly assetsById = new Map<string, AssetRecord>();
  readonly edgesByKey = new Map<string, EdgeRecord>();

  write(batch: GraphBatch): void {
    for (const a of batch.assets) this.assetsById.set(a.id, a);
    for (const e of batch.edges) this.edgesByKey.set(`${e.kind}|${e.from}|${e.to}`, e);
  }

  async assets(filter: { accountId?: string; kinds?: string[]; provider?: string }): Promise<AssetRecord[]> {
    return [...this.assetsById.values()].filter(
      (a) =>
        (!filter.accountId || a.accountId === filter.accountId) &&
        (!filter.kinds || filter.kinds.includes(a.kind)) &&
        (!filter.provider || a.provider === filter.provider),
    );
  }

  async referencedIds(filter: ReferenceFilter): Promise<string[]> {
    const out = new Set<string>();
    for (const e of this.edgesByKey.values()) {
      if (!e.to.startsWith(filter.prefix)) continue;
      if (filter.kinds && !filter.kinds.includes(e.kind)) continue;
      if (filter.excludeFromPrefix && e.from.startsWith(filter.excludeFromPrefix)) continue;
      if (filter.accountId && this.assetsById.get(e.from)?.accountId !== filter.accountId) continue;
      out.add(e.to);
    }
    return [...out];
  }

  async edges(filter: { accountId?: string; kinds?: string[] }) {
    return [...this.edgesByKey.values()].filter(
      (e) =>
        (!filter.kinds || filter.kinds.includes(e.kind)) &&
        (!filter.accountId || this.assetsById.get(e.from)?.accountId === filter.accountId),
    );
  }

  get edgeList(): EdgeRecord[] {
    return [...this.edgesByKey.values()];
  }
}

export interface DriverResult {
  graph: MemoryGraph;
  accounts: AccountTarget[];
  throttles: number;
  tasks: number;
  errors: string[];
  /** Coverage gaps the tasks reported (denied or not-enabled reads and listings). */
  gaps: CoverageGap[];
}

/** A tiny scan driver: discover, then every task of phase 1, 2 and 3 for every account (and region), in order. */
export async function runConnector(
  connector: Connector,
  options: { concurrency?: number; pacer?: CallPacer } = {},
): Promise<DriverResult> {
  const signal = new AbortController().signal;
  const graph = new MemoryGraph();
  const { accounts, batch } = await connector.discover({ signal });
  graph.write(batch);
  let throttles = 0;
  let tasks = 0;
  const errors: string[] = [];
  const gaps: CoverageGap[] = [];
  for (const phase of [1, 2, 3] as ScanPhase[]) {
    const jobs: (() => Promise<void>)[] = [];
    for (const account of accounts) {
      for (const service of connector.services.filter((s) => s.phase === phase)) {
        const regions = service.global ? ['global'] : connector.regions(account);
        for (const region of regions) {
          jobs.push(async () => {
            const ctx: TaskContext = {
              target: { provider: 'aws', accountId: account.accountId, region, service: service.service },
              account,
              signal,
              graph,
              onThrottle: () => {
                throttles++;
              },
              log: () => {},
              ...(options.pacer ? { pacer: options.pacer } : {}),
            };
            tasks++;
            try {
              const out = await service.run(ctx);
              gaps.push(...(out.gaps ?? []));
              graph.write(out);
            } catch (error) {
              errors.push(`${service.service}@${account.accountId}/${region}: ${(error as Error).message}`);
            }
          });
        }
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 8 }, async () => {
        while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
      }),
    );
  }
  return { graph, accounts, throttles, tasks, errors, gaps };
}
