import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AiUsagePolicySchema,
  AssetRecordSchema,
  EdgeRecordSchema,
  PROVIDERS,
  RISK_CONCEPT_IDS,
} from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FRAMEWORKS, RULES, RuleGraph, remediationFor, ruleProviders } from '../src/index.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FixtureSchema = z.object({
  target: z.string(),
  assets: z.array(AssetRecordSchema),
  edges: z.array(EdgeRecordSchema),
  /** The tenant's AI usage policy the fixture is judged under (shadow-AI rules). */
  usagePolicy: AiUsagePolicySchema.optional(),
});

function contextOf(f: z.infer<typeof FixtureSchema>) {
  return { graph: new RuleGraph(f), ...(f.usagePolicy ? { usagePolicy: f.usagePolicy } : {}) };
}

function load(ruleId: string, kind: 'fail' | 'pass') {
  return FixtureSchema.parse(JSON.parse(readFileSync(join(fixtures, `${ruleId}.${kind}.json`), 'utf8')));
}

/** A rule's fixture pairs: its own (`<rule-id>`) and its variants (`<rule-id>.<variant>`: another cloud's shape). */
const fixtureNames = (ruleId: string) => [
  ruleId,
  ...readdirSync(fixtures)
    .map((f) => /^(.+)\.fail\.json$/.exec(f)?.[1])
    .filter((n): n is string => n?.startsWith(`${ruleId}.`) === true)
    .sort(),
];

describe.each(RULES.flatMap((r) => fixtureNames(r.id).map((name) => [name, r] as const)))(
  '%s',
  (name, rule) => {
    it('fails on the named asset of its failing fixture, with evidence', () => {
      const f = load(name, 'fail');
      expect(f.assets.some((a) => a.id === f.target)).toBe(true);
      const verdicts = rule.evaluate(contextOf(f));
      const failing = verdicts.filter((v) => v.status === 'fail');
      expect(failing.map((v) => v.assetId)).toContain(f.target);
      const onTarget = failing.find((v) => v.assetId === f.target);
      expect(onTarget?.message.length).toBeGreaterThan(0);
      expect(
        Object.keys(onTarget?.evidence.properties ?? {}).length + (onTarget?.evidence.edges.length ?? 0),
      ).toBeGreaterThan(0);
    });

    it('does not fail on its passing fixture, and does judge the target there', () => {
      const f = load(name, 'pass');
      const verdicts = rule.evaluate(contextOf(f));
      expect(verdicts.filter((v) => v.status === 'fail')).toEqual([]);
      expect(verdicts.some((v) => v.assetId === f.target && v.status === 'pass')).toBe(true);
    });
  },
);

describe('rule catalogue', () => {
  const controlIds = new Map(FRAMEWORKS.map((f) => [f.id, new Set(f.controls.map((c) => c.id))]));

  it('has at least 40 rules with unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.id).toMatch(/^aispm-[a-z0-9-]+$/);
  });

  it('gives every rule both fixtures and complete metadata', () => {
    for (const r of RULES) {
      expect(existsSync(join(fixtures, `${r.id}.fail.json`)), `${r.id}.fail.json`).toBe(true);
      expect(existsSync(join(fixtures, `${r.id}.pass.json`)), `${r.id}.pass.json`).toBe(true);
      expect(r.title.length, r.id).toBeGreaterThan(10);
      expect(r.rationale.length, r.id).toBeGreaterThan(40);
      expect(r.references.length, r.id).toBeGreaterThan(0);
      for (const url of r.references) expect(url, r.id).toMatch(/^https:\/\//);
      expect(r.appliesTo.kinds.length, r.id).toBeGreaterThan(0);
      for (const c of r.concepts) expect(RISK_CONCEPT_IDS, r.id).toContain(c);
    }
  });

  it('has remediation (console steps) for every cloud a rule applies to, and for no other', () => {
    const missing: string[] = [];
    const stray: string[] = [];
    for (const r of RULES) {
      const providers = ruleProviders(r);
      expect(providers.length, `${r.id} applies to no cloud`).toBeGreaterThan(0);
      for (const p of providers) {
        const steps = remediationFor(r, p);
        if (!steps || steps.console.length === 0 || steps.console.some((c) => c.trim().length === 0))
          missing.push(`${r.id}: ${p}`);
      }
      for (const p of PROVIDERS) if (!providers.includes(p) && r.remediation[p]) stray.push(`${r.id}: ${p}`);
    }
    expect(missing).toEqual([]);
    expect(stray).toEqual([]);
  });

  it("writes each cloud's remediation in that cloud's own tools", () => {
    const foreign: Record<string, RegExp> = {
      aws: /\b(az|gcloud) |azurerm_|google_/,
      azure: /\b(aws|gcloud) |aws_|google_|SageMaker|Bedrock/,
      gcp: /\b(aws|az) |aws_|azurerm_|SageMaker|Bedrock|Azure/,
    };
    const wrong: string[] = [];
    for (const r of RULES) {
      for (const p of ruleProviders(r)) {
        const steps = remediationFor(r, p);
        const text = [...(steps?.console ?? []), steps?.cli ?? '', steps?.terraform ?? ''].join('\n');
        if (foreign[p]?.test(text)) wrong.push(`${r.id}: ${p}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('judges only the clouds a rule declares (key auth exists only on Azure AI Search)', () => {
    const rule = RULES.find((r) => r.id === 'aispm-vector-store-key-auth');
    expect(rule?.providers).toEqual(['azure']);
    const store = (provider: string) =>
      AssetRecordSchema.parse({
        id: `${provider}-vs`,
        kind: 'vector-store',
        provider,
        accountId: 'a1',
        region: 'r1',
        name: 'vs',
        nativeType: 'any',
        properties: { localAuthEnabled: true },
        tags: {},
      });
    const judged = (provider: string) =>
      rule?.evaluate({ graph: new RuleGraph({ assets: [store(provider)], edges: [] }) }).map((v) => v.status);
    expect(judged('azure')).toEqual(['fail']);
    expect(judged('aws')).toEqual([]);
    expect(judged('gcp')).toEqual([]);
  });

  it('maps every rule to valid framework control ids, with both OWASP LLM editions where it maps one', () => {
    for (const r of RULES) {
      for (const [fw, ids] of Object.entries(r.frameworks)) {
        const known = controlIds.get(fw as never);
        expect(known, `${r.id}: unknown framework ${fw}`).toBeDefined();
        for (const id of ids ?? []) expect(known?.has(id), `${r.id}: ${fw} has no ${id}`).toBe(true);
      }
      expect((r.frameworks['nist-ai-600-1'] ?? []).length, `${r.id} NIST`).toBeGreaterThan(0);
      // The governance crosswalk (by concept, else by rule id) leaves no rule out of the EU AI Act or ISO/IEC 42001.
      expect((r.frameworks['eu-ai-act'] ?? []).length, `${r.id} EU AI Act`).toBeGreaterThan(0);
      expect((r.frameworks['iso-42001'] ?? []).length, `${r.id} ISO/IEC 42001`).toBeGreaterThan(0);
      expect((r.frameworks['owasp-llm-2025'] ?? []).length > 0, `${r.id} LLM 2025 vs 2026`).toBe(
        (r.frameworks['owasp-llm-2026'] ?? []).length > 0,
      );
      if (r.concepts.some((c) => c.startsWith('agent-') || c === 'secret-in-agent-instructions')) {
        expect((r.frameworks['owasp-agentic-2026'] ?? []).length, `${r.id} agentic`).toBeGreaterThan(0);
      }
    }
  });

  it('maps every rule with a risk concept to MITRE ATLAS techniques of the catalog', () => {
    // Whether those ids exist in ATLAS.yaml itself is checked by the conformance suite.
    for (const r of RULES) {
      if (r.concepts.length > 0)
        expect((r.frameworks['mitre-atlas'] ?? []).length, `${r.id} ATLAS`).toBeGreaterThan(0);
      for (const id of r.frameworks['mitre-atlas'] ?? [])
        expect(id, r.id).toMatch(/^AML\.T\d{4}(?:\.\d{3})?$/);
    }
  });

  it('detects every ground-truth risk concept with at least one rule', () => {
    const covered = new Set(RULES.flatMap((r) => r.concepts));
    expect(RISK_CONCEPT_IDS.filter((c) => !covered.has(c))).toEqual([]);
  });
});
