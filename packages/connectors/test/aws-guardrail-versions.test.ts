import { readFileSync } from 'node:fs';
import type { EdgeRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { analyzeAccess } from '../src/aws/access/analyze.ts';
import { guardrailRef } from '../src/aws/arn.ts';
import { awsAsset } from '../src/aws/asset.ts';
import { normalizeBedrock } from '../src/aws/bedrock/normalize.ts';
import { normalizeBedrockAgent } from '../src/aws/bedrock-agent/normalize.ts';
import { normalizeIam } from '../src/aws/iam/normalize.ts';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are recorded API payloads, typed by the normaliser inputs.
const fixture = (path: string): any =>
  JSON.parse(readFileSync(new URL(`./fixtures/aws/${path}`, import.meta.url), 'utf8'));

const A = '111122223333';
const R = 'us-east-1';
const GUARDRAIL = `arn:aws:bedrock:${R}:${A}:guardrail/gr0001abcd`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const find = (edges: EdgeRecord[], kind: string, from: string, to: string) =>
  edges.find((e) => e.kind === kind && e.from === from && e.to === to);

describe('guardrail references with and without a version resolve to one guardrail asset', () => {
  it('splits a version-qualified ARN into the asset id and the version; ids and plain ARNs have none', () => {
    expect(guardrailRef(R, A, `${GUARDRAIL}:3`)).toEqual({ arn: GUARDRAIL, version: '3' });
    expect(guardrailRef(R, A, `${GUARDRAIL}:DRAFT`)).toEqual({ arn: GUARDRAIL, version: 'DRAFT' });
    expect(guardrailRef(R, A, GUARDRAIL)).toEqual({ arn: GUARDRAIL });
    expect(guardrailRef(R, A, 'gr0001abcd')).toEqual({ arn: GUARDRAIL });
  });

  it('links an agent to the unversioned guardrail asset and keeps the pinned version on the edge', () => {
    const recorded = fixture('bedrock-agent/get-agent.json').agent;
    const agent = {
      ...recorded,
      guardrailConfiguration: { guardrailIdentifier: GUARDRAIL, guardrailVersion: '2' },
    };
    const batch = normalizeBedrockAgent(
      { agents: [{ agent, actionGroups: [], knowledgeBases: [] }], knowledgeBases: [] },
      {
        accountId: A,
        region: R,
      },
    );
    const guarded = batch.edges.filter((e) => e.kind === 'guarded-by');
    expect(guarded.map((e) => [e.to, e.properties])).toEqual([[GUARDRAIL, { version: '2' }]]);
  });

  it('records an enforced configuration whose ARN carries the version against the guardrail asset', () => {
    const batch = normalizeBedrock(
      {
        foundationModels: [],
        customModels: [],
        importedModels: [],
        customizationJobs: [],
        provisionedThroughputs: [],
        guardrails: [fixture('bedrock/get-guardrail.json')],
        loggingConfig: undefined,
        enforcedGuardrails: [{ configId: 'cfg-1', guardrailArn: `${GUARDRAIL}:4`, owner: 'ACCOUNT' }],
      },
      { accountId: A, region: R },
    );
    const ids = batch.assets.map((a) => a.id);
    expect(ids).toContain(GUARDRAIL);
    const enforced = batch.assets.find((a) => a.id === `arn:aws:bedrock:${R}:${A}:enforced-guardrails`);
    expect(enforced?.properties.configurations).toEqual([
      expect.objectContaining({ guardrailArn: GUARDRAIL, guardrailVersion: '4' }),
    ]);
  });
});

describe('bedrock:GuardrailIdentifier conditions (recorded GetAccountAuthorizationDetails)', () => {
  const iam = normalizeIam(
    {
      details: fixture('iam/get-account-authorization-details-guardrail-condition.json'),
      accessKeys: {},
    } as never,
    { accountId: A, region: 'global' },
  );
  const model = awsAsset({
    id: `arn:aws:bedrock:${R}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
    kind: 'model',
    accountId: 'aws',
    region: R,
    name: 'Claude 3 Haiku',
    nativeType: 'AWS::Bedrock::FoundationModel',
    properties: {},
  });
  const { edges } = analyzeAccess({ accountId: A, identities: iam.assets, resources: [model] });

  it('resolves a condition pinned to a numbered version to the guardrail asset, with the version', () => {
    const invoke = find(edges, 'can-invoke', role('GuardedInvoker'), model.id);
    expect(invoke?.properties).toMatchObject({
      conditional: true,
      requiredGuardrails: [{ guardrail: GUARDRAIL, version: '1' }],
    });
    expect(find(edges, 'guarded-by', role('GuardedInvoker'), GUARDRAIL)?.properties).toEqual({
      versions: ['1'],
      via: 'iam-condition',
    });
  });

  it('reads an unversioned ARN as the DRAFT version and `:*` as any numbered version, of the same guardrail', () => {
    expect(find(edges, 'guarded-by', role('DraftGuardedInvoker'), GUARDRAIL)?.properties).toMatchObject({
      versions: ['DRAFT'],
    });
    expect(find(edges, 'guarded-by', role('AnyVersionInvoker'), GUARDRAIL)?.properties).toMatchObject({
      versions: ['*'],
    });
  });

  it('does not count an …IfExists condition as requiring the guardrail (a call without one passes)', () => {
    const invoke = find(edges, 'can-invoke', role('OptionalGuardInvoker'), model.id);
    expect(invoke?.properties.conditional).toBe(true);
    expect(invoke?.properties.requiredGuardrails).toBeUndefined();
    expect(edges.filter((e) => e.kind === 'guarded-by' && e.from === role('OptionalGuardInvoker'))).toEqual(
      [],
    );
  });
});
