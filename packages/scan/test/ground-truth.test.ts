import { randomUUID } from 'node:crypto';
import type { CloudSim } from '@aispm/cloud-sim';
import { externalPrincipalId, type Manifest, type Provider } from '@aispm/core';
import { ensureTenant, listAttackPaths, writeGraphBatch } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../src/index.ts';
import { type SimScan, scanAwsSim, scanGcpSim, scanSim, startSmallSim } from './helpers/scan-sim.ts';

/**
 * The simulator's ground truth: scan an estate with the real connector, store the graph, evaluate, and hold the
 * findings to the manifest — every planted risk found under its concept, no finding on an asset the manifest
 * calls clean, the planted attack paths found hop for hop with their expected choke points.
 */
const CASES: {
  provider: Provider;
  scan: (sim: CloudSim, m: Manifest) => Promise<SimScan>;
  paths: boolean;
}[] = [
  { provider: 'aws', scan: scanAwsSim, paths: true },
  // GCP's "service account with a key → project" paths are not modelled yet (see README), so only risks here.
  { provider: 'gcp', scan: scanGcpSim, paths: false },
  // Azure's estate plants no attack path yet: risks only.
  { provider: 'azure', scan: (sim, m) => scanSim('azure', sim, m), paths: false },
];

describe.each(CASES)(
  'policy engine against the simulator ground truth ($provider, small estate)',
  ({ provider, scan, paths }) => {
    let sim: CloudSim;
    let manifest: Manifest;
    let t: TestDatabase;
    let tenantId: string;
    let findings: { rule_id: string; asset_id: string }[];
    let scanned: SimScan['batch'];

    beforeAll(async () => {
      sim = await startSmallSim(provider);
      manifest = sim.manifest;
      const { batch, errors } = await scan(sim, manifest);
      expect(errors).toEqual([]);
      scanned = batch;
      t = await createTestDatabase();
      tenantId = (await ensureTenant(t.db, `ground-truth-${provider}`)).id;
      await writeGraphBatch(
        t.db,
        { tenantId, scanId: randomUUID(), source: 'sim@global', accountId: 'all' },
        batch,
      );
      const summary = await runEvaluation(t.db, tenantId);
      expect((summary as { ruleErrors?: unknown }).ruleErrors).toBeUndefined();
      findings = await t.db.query('SELECT rule_id, asset_id FROM findings WHERE tenant_id = $1', [tenantId]);
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await t?.drop();
    });

    it('detects every planted risk under its concept', () => {
      const concepts = new Map(RULES.map((r) => [r.id, r.concepts as string[]]));
      const detected = new Set(
        findings.flatMap((f) => (concepts.get(f.rule_id) ?? []).map((c) => `${f.asset_id}|${c}`)),
      );
      const planted = manifest.risks.filter((r) => r.provider === provider);
      expect(planted.length).toBeGreaterThan(10);
      expect(
        planted
          .filter((r) => !detected.has(`${r.assetId}|${r.concept}`))
          .map((r) => `${r.concept} ${r.assetId}`),
      ).toEqual([]);
    });

    it('names no asset the manifest calls clean', () => {
      const clean = new Set(manifest.clean);
      expect(findings.filter((f) => clean.has(f.asset_id)).map((f) => `${f.rule_id} ${f.asset_id}`)).toEqual(
        [],
      );
    });

    // Defined only where the paths are modelled: a test that cannot run is not written (rather than skipped).
    if (paths)
      it('finds every planted attack path hop for hop, with its expected choke point', async () => {
        const stored = await listAttackPaths(t.db, tenantId, { limit: 1000 });
        const routes = new Set(
          stored.map((p) => (p.hops as { assetId: string }[]).map((h) => h.assetId).join(' > ')),
        );
        const planted = manifest.attackPaths.filter((p) => p.provider === provider);
        expect(planted.length).toBeGreaterThan(0);
        expect(planted.filter((p) => !routes.has(p.hops.join(' > '))).map((p) => p.hops.join(' > '))).toEqual(
          [],
        );
        const [row] = await t.db.query<{ summary: { chokePoints: { assetId: string; paths: string[] }[] } }>(
          'SELECT summary FROM evaluations WHERE tenant_id = $1 ORDER BY started_at DESC LIMIT 1',
          [tenantId],
        );
        // Ranked first: the first choke point of the list that cuts the planted path is the planted one.
        const idOf = new Map(
          stored.map((p) => [(p.hops as { assetId: string }[]).map((h) => h.assetId).join(' > '), p.id]),
        );
        const firstCut = (pathId: string | undefined) =>
          row?.summary.chokePoints.find((c) => pathId !== undefined && c.paths.includes(pathId))?.assetId;
        expect(
          planted
            .map((p) => ({
              path: p.id,
              planted: p.chokePoint,
              first: firstCut(idOf.get(p.hops.join(' > '))),
            }))
            .filter((c) => c.first !== c.planted),
        ).toEqual([]);
      });

    if (paths)
      it('plants poisoning paths through the lineage (bucket → job → model → endpoint, bucket → knowledge base → agent), theft paths from long-lived keys and through an open agent gateway', () => {
        const kinds = new Map(manifest.assets.map((a) => [a.id, a.kind]));
        const shapes = manifest.attackPaths
          .filter((p) => p.provider === provider)
          .map((p) => p.hops.map((h) => kinds.get(h)).join(' > '));
        expect(shapes).toEqual(
          expect.arrayContaining([
            'external-principal > identity > data-store > training-job > model > inference-endpoint',
            'external-principal > identity > data-store > knowledge-base > agent',
            'external-principal > data-store > knowledge-base > agent',
            'access-key > identity > identity > data-store',
            'access-key > identity > inference-endpoint > model',
            // An AgentCore gateway without inbound auth: its MCP-server target runs with a role over the documents.
            'internet > agent-gateway > agent-tool > mcp-server > identity > data-store',
          ]),
        );
      });

    it('charges excessive agency only to the agents whose own identities can write (not a read-only agent behind a world-writable bucket)', () => {
      const flagged = findings
        .filter((f) => f.rule_id === 'aispm-agent-excessive-agency')
        .map((f) => f.asset_id);
      const planted = manifest.risks
        .filter((r) => r.provider === provider && r.concept === 'agent-excessive-agency')
        .map((r) => r.assetId);
      expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
    });

    it('charges a guardrail resource policy only where it lets an outside account in (not its organisation-only twins)', () => {
      const flagged = findings
        .filter((f) => f.rule_id === 'aispm-guardrail-policy-external-access')
        .map((f) => f.asset_id);
      const planted = manifest.risks
        .filter((r) => r.provider === provider && r.concept === 'guardrail-policy-external-access')
        .map((r) => r.assetId);
      // Planted on AWS only: Bedrock guardrails are the only ones with resource-based policies.
      if (provider === 'aws') expect(planted.length).toBeGreaterThan(0);
      expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
    });

    it('charges an AgentCore runtime endpoint or memory only where its resource policy lets outsiders in (not its owner-only twins)', () => {
      const agentCore = (id: string) => id.includes('/runtime-endpoint/') || id.includes(':memory/');
      const cases: [string, string][] = [
        ['aispm-endpoint-external-principal', 'endpoint-external-principal'],
        ['aispm-data-store-external-read', 'data-store-external-read'],
      ];
      for (const [rule, concept] of cases) {
        const flagged = findings
          .filter((f) => f.rule_id === rule && agentCore(f.asset_id))
          .map((f) => f.asset_id);
        const planted = manifest.risks
          .filter((r) => r.provider === provider && r.concept === concept && agentCore(r.assetId))
          .map((r) => r.assetId);
        // AgentCore exists on AWS only: an open prod endpoint and an open memory beside owner-only twins.
        if (provider === 'aws') expect(planted.length, concept).toBeGreaterThan(0);
        expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
      }
      const twins = manifest.clean.filter(agentCore);
      if (provider === 'aws') expect(twins.length).toBeGreaterThan(0);
      expect(
        findings.filter((f) => twins.includes(f.asset_id)).map((f) => `${f.rule_id} ${f.asset_id}`),
      ).toEqual([]);
    });

    it('charges a permit-all policy engine only to the gateway enforcing one (not its tool-scoped twins, not LOG_ONLY)', () => {
      const flagged = findings
        .filter((f) => f.rule_id === 'aispm-agent-gateway-policy-permit-all')
        .map((f) => f.asset_id);
      const planted = manifest.risks
        .filter((r) => r.provider === provider && r.concept === 'agent-gateway-policy-permit-all')
        .map((r) => r.assetId);
      // AgentCore Policy engines exist on AWS only.
      if (provider === 'aws') expect(planted.length).toBeGreaterThan(0);
      expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
      // The engines themselves are clean assets: no content-filter rule reads a Cedar engine as a weak guardrail.
      const engines = new Set(
        manifest.assets
          .filter((a) => a.nativeType === 'AWS::BedrockAgentCore::PolicyEngine')
          .map((a) => a.id),
      );
      expect(findings.filter((f) => engines.has(f.asset_id)).map((f) => f.rule_id)).toEqual([]);
    });

    it('charges indirect-injection exfiltration only to the agent holding both halves (not its twin that only reads untrusted content)', () => {
      const flagged = findings
        .filter((f) => f.rule_id === 'aispm-agent-injection-exfiltration')
        .map((f) => f.asset_id);
      const planted = manifest.risks
        .filter((r) => r.provider === provider && r.concept === 'agent-injection-exfiltration')
        .map((r) => r.assetId);
      // Planted on AWS (browser, poisoned knowledge base), Azure (Foundry agent: Bing grounding + OpenAPI tool to
      // an outside host) and GCP (Agent Engine agent bound in Agent Registry to an MCP server with an open-world read
      // tool and an open-world send tool; its twin's tools are closed-world or read-only).
      expect(planted.length).toBeGreaterThan(0);
      expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
    });

    if (paths)
      it('flags a world-writable knowledge-base bucket, not the read-only agent retrieving from it', () => {
        const kinds = new Map(manifest.assets.map((a) => [a.id, a.kind]));
        // "*" writes the bucket → knowledge base → agent.
        const open = manifest.attackPaths.filter(
          (p) =>
            p.provider === provider &&
            p.hops[0] === externalPrincipalId(provider, '*') &&
            p.hops.map((h) => kinds.get(h)).join(' > ') ===
              'external-principal > data-store > knowledge-base > agent',
        );
        expect(open.length).toBeGreaterThan(0);
        for (const p of open) {
          const [, bucket, , agent] = p.hops;
          const on = (id: string | undefined) =>
            findings.filter((f) => f.asset_id === id).map((f) => f.rule_id);
          expect(on(bucket)).toEqual(
            expect.arrayContaining(['aispm-data-store-public', 'aispm-data-store-poisonable']),
          );
          expect(on(agent)).not.toContain('aispm-agent-excessive-agency');
          // Not vacuous: the agent's tool role does hold a write on the bucket, only as everyone does.
          const toolRoles = new Set(
            scanned.edges
              .filter((e) => e.kind === 'uses-tool' && e.from === agent)
              .flatMap((u) => scanned.edges.filter((e) => e.kind === 'implemented-by' && e.from === u.to))
              .flatMap((i) => scanned.edges.filter((e) => e.kind === 'runs-as' && e.from === i.to))
              .map((e) => e.to),
          );
          const writes = scanned.edges.filter(
            (e) => e.kind === 'can-write' && e.to === bucket && toolRoles.has(e.from),
          );
          expect(writes.length).toBeGreaterThan(0);
          expect(writes.every((e) => e.properties.grantedToEveryone === true)).toBe(true);
        }
      });
  },
);
