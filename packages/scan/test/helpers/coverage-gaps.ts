import type { CloudSim } from '@aispm/cloud-sim';
import type { Connector, ItemRead } from '@aispm/connectors';
import { isUnknownFact, type Provider } from '@aispm/core';
import { type Db, listLiveAssets, listLiveEdges, loadGraph } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { evaluateGraph } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, ServiceHarness } from '../helpers.ts';
import { simConnector, startSmallSim } from './scan-sim.ts';

/**
 * Must show 1 (issue 10): every optional per-item read that the connectors declare (their `itemReads`, so the list
 * cannot drift from the code) is denied in turn against one simulator. Each time the scan ends `partial` with that
 * read as a coverage gap, keeps every other asset and edge of the undenied scan (only what the declaration says
 * the read reveals may be missing), stores the facts the read gives as UnknownFact, and no rule that failed on an
 * asset with such a fact now claims a pass.
 */

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const singular = (s: string) => (s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.replace(/s$/, ''));

/** The simulator's operation names for a read (its fault rules use them, as the clouds' policies do). */
function simOperations(provider: Provider, read: ItemRead): string[] {
  if (provider === 'aws') return [read.permission];
  if (provider === 'azure') {
    const [namespace = '', ...types] = read.permission.replace(/\/read$/, '').split('/');
    const service = namespace.replace(/^microsoft\./i, '').toLowerCase();
    const last = types.at(-1) ?? '';
    return [`${service}:List${cap(last)}`, `${service}:Get${cap(singular(last))}`];
  }
  const [service = '', resource = '', verb = ''] = read.permission.split('.');
  return verb === 'list'
    ? [`${service}:List${cap(resource)}`]
    : [`${service}:Get${cap(singular(resource))}${verb.replace(/^get/, '')}`];
}

interface Snapshot {
  assets: Map<string, { nativeType: string; facts: Record<string, unknown> }>;
  edges: Set<string>;
  /** rule|asset pairs that failed / were not evaluated. */
  failing: Set<string>;
  notEvaluated: Set<string>;
}

async function snapshot(db: Db, tenantId: string): Promise<Snapshot> {
  const assets = await listLiveAssets(db, tenantId, {});
  const edges = await listLiveEdges(db, tenantId, {});
  const evaluation = evaluateGraph(await loadGraph(db, tenantId));
  const failing = new Set<string>();
  const notEvaluated = new Set<string>();
  for (const [ruleId, verdicts] of evaluation.verdicts) {
    for (const v of verdicts) {
      if (v.status === 'fail') failing.add(`${ruleId}|${v.assetId}`);
      if (v.status === 'not-evaluated') notEvaluated.add(`${ruleId}|${v.assetId}`);
    }
  }
  return {
    assets: new Map(
      assets.map((a) => [
        a.id,
        { nativeType: a.nativeType, facts: (a.properties.facts ?? {}) as Record<string, unknown> },
      ]),
    ),
    edges: new Set(edges.map((e) => `${e.kind}|${e.from}|${e.to}`)),
    failing,
    notEvaluated,
  };
}

/** The suite for one cloud: one file per cloud, so the three run side by side. */
export function describeCoverageGaps(provider: Provider): void {
  describe(`every declared per-item read of ${provider} denied in turn (small estate)`, () => {
    let sim: CloudSim;
    let connector: Connector;
    let t: TestDatabase;
    const harness = new ServiceHarness();
    let baseline: Snapshot;

    async function scan(label: string) {
      const tenantId = await newTenant(t.db, label);
      const summary = await harness.scanOnce(
        { db: t.db, tenantId, connectors: [connector] },
        { trigger: 'manual', provider },
      );
      return { summary, state: await snapshot(t.db, tenantId) };
    }

    beforeAll(async () => {
      sim = await startSmallSim(provider);
      connector = simConnector(provider, sim);
      t = await createTestDatabase('postgres');
      const first = await scan(`gaps-${provider}-baseline`);
      expect(first.summary.status).toBe('succeeded');
      expect(first.summary.gaps).toEqual([]);
      baseline = first.state;
    }, 120_000);
    afterAll(async () => {
      await harness.close();
      await sim?.close();
      await t?.drop();
    });

    it('declares per-item reads for its services', () => {
      const reads = connector.services.flatMap((m) => m.itemReads ?? []);
      expect(reads.length).toBeGreaterThan(provider === 'gcp' ? 1 : 8);
    });

    it('keeps every item, marks what the denied read gives unknown and ends partial, for each read', async () => {
      const problems: string[] = [];
      const notExercised: string[] = [];
      for (const module of connector.services) {
        for (const read of module.itemReads ?? []) {
          const what = `${module.service} ${read.operation}`;
          sim.faults.place({ denied: simOperations(provider, read) });
          const { summary, state } = await scan(`gaps-${provider}-${module.service}-${read.operation}`);
          sim.faults.place({});
          if (summary.gaps.length === 0 && summary.status === 'succeeded') {
            // The estate has no item this read is made for: nothing to deny (asserted below by name).
            notExercised.push(what);
            continue;
          }
          if (summary.status !== 'partial') problems.push(`${what}: scan ended ${summary.status}`);
          const gaps = summary.gaps.filter((g) => g.operation === read.operation);
          if (gaps.length === 0)
            problems.push(`${what}: not listed as a gap (${JSON.stringify(summary.gaps)})`);
          for (const g of gaps) {
            if (g.permission !== read.permission || !/denied|authorization|permission/i.test(g.errorCode))
              problems.push(`${what}: gap ${JSON.stringify(g)}`);
          }
          // Assets: only those the read alone reveals may be missing (and what only they lead to).
          const missing = [...baseline.assets.keys()].filter((id) => !state.assets.has(id));
          const lostTypes = new Set(read.loses ?? []);
          const lostEdgeKinds = new Set(read.edges ?? []);
          const excused = new Set(
            missing.filter((id) => lostTypes.has(baseline.assets.get(id)?.nativeType ?? '')),
          );
          // A supporting asset (bucket, key) referenced through an edge this read draws goes with that edge, and so
          // does what only such assets lead to (the outside account only their policy names): to a fixed point.
          const edgeParts = [...baseline.edges].map((e) => e.split('|') as [string, string, string]);
          for (let grew = true; grew; ) {
            grew = false;
            for (const id of missing) {
              if (excused.has(id)) continue;
              const touching = edgeParts.filter(([, from, to]) => from === id || to === id);
              const viaLostEdge = touching.some(([kind, , to]) => to === id && lostEdgeKinds.has(kind));
              const onlyViaExcused = touching.every(([, from, to]) => excused.has(from === id ? to : from));
              if (viaLostEdge || (touching.length > 0 && onlyViaExcused)) {
                excused.add(id);
                grew = true;
              }
            }
          }
          for (const id of missing) if (!excused.has(id)) problems.push(`${what}: lost asset ${id}`);
          for (const e of baseline.edges) {
            if (state.edges.has(e)) continue;
            const [kind = '', from = '', to = ''] = e.split('|');
            if (lostEdgeKinds.has(kind) || excused.has(from) || excused.has(to)) continue;
            problems.push(`${what}: lost edge ${e}`);
          }
          // The facts the read gives are UnknownFact on the assets it was denied for.
          const unknownOn = [...state.assets].filter(([, a]) =>
            Object.values(a.facts).some((v) => isUnknownFact(v) && v.$unknown.includes(read.permission)),
          );
          for (const fact of read.facts) {
            if (!unknownOn.some(([, a]) => isUnknownFact(a.facts[fact])))
              problems.push(`${what}: fact ${fact} is not unknown on any asset`);
          }
          // No rule that failed on such an asset claims a pass now: it still fails or is not evaluated.
          const unknownIds = new Set(unknownOn.map(([id]) => id));
          for (const pair of baseline.failing) {
            const asset = pair.split('|')[1] ?? '';
            if (!unknownIds.has(asset)) continue;
            if (!state.failing.has(pair) && !state.notEvaluated.has(pair))
              problems.push(`${what}: ${pair} failed with the fact, passes without it`);
          }
        }
      }
      expect(problems).toEqual([]);
      // The small estate has an item for every declared read: none may go untested.
      expect(notExercised).toEqual([]);
    }, 600_000);
  });
}
