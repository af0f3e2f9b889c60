import { type AssetRecord, unknownFact } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { defineAssetRule, evaluateGraph, FRAMEWORKS, type Rule, RuleGraph, ruleById } from '../src/index.ts';

const guardrail = (id: string, facts: Record<string, unknown> | undefined): AssetRecord => ({
  id,
  kind: 'guardrail',
  provider: 'aws',
  accountId: '111111111111',
  region: 'us-east-1',
  name: id,
  nativeType: 'AWS::Bedrock::Guardrail',
  properties: facts === undefined ? {} : { facts },
  tags: {},
});

const META: Omit<Rule, 'id' | 'appliesTo' | 'evaluate'> = {
  title: 'Test rule reading the prompt-attack filter',
  severity: 'medium',
  rationale: 'Exercises typed facts: the check reads a fact of its kind, narrowed to its value.',
  remediation: { aws: { console: ['none'] } },
  references: ['https://example.com/'],
  concepts: [],
  frameworks: { 'owasp-llm-2025': ['LLM01:2025'] },
  gaiRisks: [],
  peers: [],
};

describe('typed facts in rules', () => {
  it('hands the check its needed facts typed and without UnknownFact', () => {
    const seen: string[] = [];
    const rule = defineAssetRule({
      ...META,
      id: 'aispm-test-typed',
      appliesTo: { kinds: ['guardrail'] },
      needs: ['promptAttackFilter'],
      check(asset) {
        // The type is the schema's enum (or absent): no UnknownFact left to handle.
        const strength: 'none' | 'low' | 'medium' | 'high' | undefined = asset.facts.promptAttackFilter;
        seen.push(`${asset.id}=${strength}`);
        return { fail: strength !== 'high', message: String(strength) };
      },
    });
    const result = evaluateGraph(
      {
        assets: [
          guardrail('g-high', { promptAttackFilter: 'high' }),
          guardrail('g-denied', { promptAttackFilter: unknownFact('AccessDenied: bedrock:GetGuardrail') }),
        ],
        edges: [],
      },
      { rules: [rule] },
    );
    const verdicts = result.verdicts.get('aispm-test-typed') ?? [];
    expect(seen).toEqual(['g-high=high']);
    expect(verdicts.map((v) => [v.assetId, v.status])).toEqual([
      ['g-high', 'pass'],
      ['g-denied', 'not-evaluated'],
    ]);
    expect(verdicts[1]?.message).toContain(
      'promptAttackFilter could not be read (AccessDenied: bedrock:GetGuardrail)',
    );
    expect(verdicts[1]?.evidence.properties).toEqual({
      unknownFacts: { promptAttackFilter: 'AccessDenied: bedrock:GetGuardrail' },
    });
  });

  it('rules reading a fact their kind does not have do not compile', () => {
    defineAssetRule({
      ...META,
      id: 'aispm-test-wrong-fact',
      appliesTo: { kinds: ['guardrail'] },
      // @ts-expect-error a guardrail has no rootAccess fact (it is a notebook's)
      needs: ['rootAccess'],
      check: () => null,
    });
    const rule = defineAssetRule({
      ...META,
      id: 'aispm-test-wrong-read',
      appliesTo: { kinds: ['guardrail'] },
      check(asset) {
        // @ts-expect-error a guardrail has no rootAccess fact: the connector does not produce it
        return { fail: asset.facts.rootAccess === true, message: 'root' };
      },
    });
    // At run time the missing fact is simply absent: the type error is the guard.
    const verdicts = rule.evaluate({ graph: new RuleGraph({ assets: [guardrail('g', {})], edges: [] }) });
    expect(verdicts.map((v) => v.status)).toEqual(['pass']);
  });

  it('a not-evaluated verdict never passes a control and never becomes a finding', () => {
    const rule = ruleById('aispm-guardrail-prompt-attack-weak');
    if (!rule) throw new Error('rule missing');
    const denied = guardrail('g-denied', {
      promptAttackFilter: unknownFact('AccessDenied: bedrock:GetGuardrail'),
    });
    const unknown = evaluateGraph({ assets: [denied], edges: [] }, { rules: [rule] });
    expect(unknown.findings).toEqual([]);
    expect(unknown.notEvaluated).toHaveLength(1);
    const llm01 = (r: typeof unknown) =>
      r.compliance.find((f) => f.id === 'owasp-llm-2025')?.controls.find((c) => c.id === 'LLM01:2025')
        ?.status;
    expect(llm01(unknown)).toBe('not-evaluated');
    // The same guardrail read as strong passes the control; read as weak fails it.
    const strong = evaluateGraph(
      { assets: [guardrail('g', { promptAttackFilter: 'high' })], edges: [] },
      { rules: [rule] },
    );
    expect(llm01(strong)).toBe('pass');
    const weak = evaluateGraph(
      { assets: [guardrail('g', { promptAttackFilter: 'low' }), denied], edges: [] },
      { rules: [rule] },
    );
    expect(llm01(weak)).toBe('fail');
    expect(FRAMEWORKS.some((f) => f.id === 'owasp-llm-2025')).toBe(true);
  });
});
