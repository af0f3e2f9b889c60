import type { AssetRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { defineAssetRule, type Rule, RuleGraph } from '../src/index.ts';
import { cmkRule } from '../src/rules/common.ts';

/**
 * Type-level guards, compiled by `pnpm --filter @aispm/policy typecheck`: each `@ts-expect-error` below must meet an
 * error, so a rule that names or reads a fact its kind does not have (one no connector produces for it) fails to
 * typecheck. The run-time half shows what would otherwise happen: the fact is simply absent.
 */
const META: Omit<Rule, 'id' | 'appliesTo' | 'evaluate'> = {
  title: 'Test rule for the fact contract',
  severity: 'low',
  rationale: 'Exercises the compile-time contract between a rule and the facts of its asset kinds.',
  remediation: { aws: { console: ['none'] } },
  references: ['https://example.com/'],
  concepts: [],
  frameworks: {},
  gaiRisks: [],
  peers: [],
};

const notebook: AssetRecord = {
  id: 'nb',
  kind: 'notebook',
  provider: 'aws',
  accountId: '111111111111',
  region: 'us-east-1',
  name: 'nb',
  nativeType: 'AWS::SageMaker::NotebookInstance',
  properties: { facts: { rootAccess: true } },
  tags: {},
};

describe('the fact contract at compile time', () => {
  it('rejects a declared kind/fact pair the kind does not have, and a read of such a fact', () => {
    // @ts-expect-error a training job has no rootAccess fact (a notebook's): the type argument is refused
    defineAssetRule<'training-job', 'rootAccess'>({
      ...META,
      id: 'aispm-test-wrong-kind-fact',
      appliesTo: { kinds: ['training-job'] },
      check: () => null,
    });
    const rule = defineAssetRule<'notebook' | 'training-job'>({
      ...META,
      id: 'aispm-test-shared-facts-only',
      appliesTo: { kinds: ['notebook', 'training-job'] },
      check(asset) {
        // @ts-expect-error rootAccess is a notebook's fact, not one every kind of the rule has
        return { fail: asset.facts.rootAccess === true, message: 'root' };
      },
    });
    const verdicts = rule.evaluate({ graph: new RuleGraph({ assets: [notebook], edges: [] }) });
    // Read anyway (the compiler said no), the value is there only by accident of the fixture's kind.
    expect(verdicts.map((v) => v.status)).toEqual(['fail']);
  });

  it('rejects a customer-key rule over a kind that reports no encryption, and needs outside its kinds', () => {
    cmkRule({
      ...META,
      id: 'aispm-test-cmk-identity',
      what: 'Identity',
      // @ts-expect-error an identity reports no encryption facts: cmkRule takes only kinds that do
      kinds: ['identity'],
      remediation: { aws: { console: ['none'] } },
    });
    // @ts-expect-error a notebook has no dataClassification fact (a data store's) to need
    cmkRule<'notebook', 'dataClassification'>({
      ...META,
      id: 'aispm-test-cmk-needs',
      what: 'Notebook',
      kinds: ['notebook'],
      remediation: { aws: { console: ['none'] } },
    });
    // What a customer-key rule needs besides its own facts: the encryption facts, unread → not evaluated.
    const rule = cmkRule<'notebook', 'directInternetAccess'>({
      ...META,
      id: 'aispm-test-cmk',
      what: 'Notebook',
      kinds: ['notebook'],
      needs: ['directInternetAccess'],
      remediation: { aws: { console: ['none'] } },
    });
    const unread = {
      ...notebook,
      properties: { facts: { directInternetAccess: false, encryption: { $unknown: 'AccessDenied' } } },
    };
    const verdicts = rule.evaluate({ graph: new RuleGraph({ assets: [unread], edges: [] }) });
    expect(verdicts.map((v) => [v.status, v.evidence.properties])).toEqual([
      ['not-evaluated', { unknownFacts: { encryption: 'AccessDenied' } }],
    ]);
  });
  it('types needsFor by kind: a kind outside the rule, or a fact of another kind, is refused', () => {
    defineAssetRule<'notebook' | 'training-job'>({
      ...META,
      id: 'aispm-test-needs-for-kind',
      appliesTo: { kinds: ['notebook', 'training-job'] },
      // @ts-expect-error data-store is not one of the rule's kinds
      needsFor: { 'data-store': ['anonymousAccess'] },
      check: () => null,
    });
    defineAssetRule<'notebook' | 'training-job'>({
      ...META,
      id: 'aispm-test-needs-for-fact',
      appliesTo: { kinds: ['notebook', 'training-job'] },
      // @ts-expect-error rootAccess is a notebook's fact, not a training job's
      needsFor: { 'training-job': ['rootAccess'] },
      check: () => null,
    });
    // The kind's own fact: unread on a notebook, not evaluated; a training job is judged as before.
    const rule = defineAssetRule<'notebook' | 'training-job'>({
      ...META,
      id: 'aispm-test-needs-for',
      appliesTo: { kinds: ['notebook', 'training-job'] },
      needsFor: { notebook: { facts: ['rootAccess'], carriedBy: ['AWS::SageMaker::NotebookInstance'] } },
      check: () => ({ fail: false, message: 'judged' }),
    });
    const job: AssetRecord = {
      ...notebook,
      id: 'job',
      kind: 'training-job',
      nativeType: 'AWS::SageMaker::TrainingJob',
      properties: {},
    };
    const graphOf = (facts: Record<string, unknown>) =>
      new RuleGraph({ assets: [{ ...notebook, properties: { facts } }, job], edges: [] });
    const statuses = (facts: Record<string, unknown>) =>
      rule.evaluate({ graph: graphOf(facts) }).map((v) => [v.assetId, v.status]);
    expect(statuses({ rootAccess: { $unknown: 'AccessDenied' } })).toEqual([
      ['nb', 'not-evaluated'],
      ['job', 'pass'],
    ]);
    // A notebook instance always reports it (carriedBy): missing from the record is unread too.
    expect(statuses({})).toEqual([
      ['nb', 'not-evaluated'],
      ['job', 'pass'],
    ]);
    expect(statuses({ rootAccess: false })).toEqual([
      ['nb', 'pass'],
      ['job', 'pass'],
    ]);
  });
});
