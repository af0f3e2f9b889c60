import type { AssetRecord, EdgeRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { analyzeAccess, buildPrincipals } from '../src/aws/access/analyze.ts';
import { evaluateAccess } from '../src/aws/access/evaluate.ts';
import { awsAsset } from '../src/aws/asset.ts';

const A = '111111111111';
const B = '222222222222';
const OUTSIDE = '999999999999';
const ORG = 'o-example';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

const account = (
  accountId: string,
  scpLevels?: { targetId: string; policies: { policyId: string; document: unknown }[] }[],
) =>
  awsAsset({
    id: `arn:aws:organizations::${A}:account/${ORG}/${accountId}`,
    kind: 'account',
    accountId,
    region: 'global',
    name: accountId,
    nativeType: 'AWS::Organizations::Account',
    properties: { orgId: ORG, scpLevels },
  });

function identity(
  type: 'Role' | 'User' | 'Group',
  accountId: string,
  name: string,
  props: Record<string, unknown>,
): AssetRecord {
  return awsAsset({
    id: `arn:aws:iam::${accountId}:${type.toLowerCase()}/${name}`,
    kind: 'identity',
    accountId,
    region: 'global',
    name,
    nativeType: `AWS::IAM::${type}`,
    properties: props,
  });
}
const inline = (...documents: unknown[]) => documents.map((document, i) => ({ name: `p${i}`, document }));

const bucket = (name: string, props: Record<string, unknown> = {}) =>
  awsAsset({
    id: `arn:aws:s3:::${name}`,
    kind: 'data-store',
    accountId: A,
    region: 'us-east-1',
    name,
    nativeType: 'AWS::S3::Bucket',
    properties: props,
  });

const find = (edges: EdgeRecord[], kind: string, from: string, to: string) =>
  edges.find((e) => e.kind === kind && e.from === from && e.to === to);

describe('analyzeAccess: effective-access edges from stored assets', () => {
  const group = identity('Group', A, 'readers', {
    attachedPolicies: inline(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::training/*' }),
    ),
  });
  const alice = identity('User', A, 'alice', { groups: [group.id], inlinePolicies: [] });
  const analyst = identity('Role', B, 'analyst', {
    inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })),
  });

  it('grants a user what its groups allow (can-read) and nothing more (no can-write)', () => {
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), group, alice],
      resources: [bucket('training')],
    });
    expect(find(edges, 'can-read', alice.id, 'arn:aws:s3:::training')?.properties).toMatchObject({
      actions: ['s3:GetObject'],
      via: 'identity',
    });
    expect(find(edges, 'can-write', alice.id, 'arn:aws:s3:::training')).toBeUndefined();
  });

  it('another org account reads a bucket only when the bucket policy trusts it', () => {
    const trusting = bucket('shared', {
      bucketPolicy: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::shared/*',
      }),
    });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), account(B), analyst],
      resources: [trusting, bucket('private')],
    });
    expect(find(edges, 'can-read', analyst.id, 'arn:aws:s3:::shared')?.properties.via).toBe(
      'identity+resource',
    );
    expect(find(edges, 'can-write', analyst.id, 'arn:aws:s3:::shared')).toBeUndefined();
    expect(edges.filter((e) => e.to === 'arn:aws:s3:::private')).toEqual([]);
  });

  it('a public bucket policy yields public edges from the "*" external principal, unless RestrictPublicBuckets', () => {
    const policy = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::open/*',
    });
    const open = analyzeAccess({
      accountId: A,
      identities: [account(A)],
      resources: [bucket('open', { bucketPolicy: policy, policyIsPublic: true })],
    });
    expect(
      find(open.edges, 'can-read', 'aispm:external:aws:*', 'arn:aws:s3:::open')?.properties,
    ).toMatchObject({ public: true });
    expect(
      find(open.edges, 'can-write', 'aispm:external:aws:*', 'arn:aws:s3:::open')?.properties,
    ).toMatchObject({ actions: ['s3:PutObject'] });
    expect(open.assets.map((a) => [a.id, a.kind])).toEqual([['aispm:external:aws:*', 'external-principal']]);
    const restricted = analyzeAccess({
      accountId: A,
      identities: [account(A)],
      resources: [
        bucket('open', {
          bucketPolicy: policy,
          policyIsPublic: true,
          publicAccessBlock: { restrictPublicBuckets: true },
        }),
      ],
    });
    expect(restricted.edges.filter((e) => e.from.startsWith('aispm:'))).toEqual([]);
  });

  it("marks an org principal's edge that only a grant to everyone gives as grantedToEveryone, not its own grant", () => {
    const reader = identity('Role', A, 'reader', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
    });
    const writer = identity('Role', A, 'writer', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' })),
    });
    const named = identity('Role', A, 'named', { inlinePolicies: [] });
    const policy = doc(
      {
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: 'arn:aws:s3:::kb/*',
      },
      {
        Effect: 'Allow',
        Principal: { AWS: named.id },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::kb/*',
      },
    );
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), reader, writer, named],
      resources: [bucket('kb', { bucketPolicy: policy, policyIsPublic: true })],
    });
    const kb = 'arn:aws:s3:::kb';
    // The read-only role can write only because the bucket lets everyone write.
    expect(find(edges, 'can-write', reader.id, kb)?.properties).toMatchObject({
      via: 'resource',
      grantedToEveryone: true,
    });
    // Its own identity policy, or a statement naming it, is its own grant.
    expect(find(edges, 'can-write', writer.id, kb)?.properties.grantedToEveryone).toBeUndefined();
    // (PutObject by its identity policy, DeleteObject only through the public statement.)
    expect(find(edges, 'can-write', writer.id, kb)?.properties.via).toBe('identity,resource');
    expect(find(edges, 'can-write', named.id, kb)?.properties).toMatchObject({ via: 'resource' });
    expect(find(edges, 'can-write', named.id, kb)?.properties.grantedToEveryone).toBeUndefined();
    expect(find(edges, 'can-write', 'aispm:external:aws:*', kb)?.properties).toMatchObject({ public: true });
  });

  it('a foreign account in a bucket policy becomes an external principal with its account recorded', () => {
    const policy = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
      Action: 's3:*',
      Resource: 'arn:aws:s3:::partner/*',
    });
    const { edges, assets } = analyzeAccess({
      accountId: A,
      identities: [account(A), account(B)],
      resources: [bucket('partner', { bucketPolicy: policy })],
    });
    expect(
      find(edges, 'can-write', `aispm:external:aws:${OUTSIDE}`, 'arn:aws:s3:::partner')?.properties,
    ).toMatchObject({
      externalAccount: OUTSIDE,
      actions: ['s3:PutObject', 's3:DeleteObject'],
    });
    expect(assets.map((a) => a.id)).toEqual([`aispm:external:aws:${OUTSIDE}`]);
  });

  it('can-pass-role only to roles an AI service trusts, recording the services the grant covers', () => {
    const exec = identity('Role', A, 'sm-exec', {
      trustedServices: ['sagemaker.amazonaws.com'],
      trustPolicy: doc(),
    });
    const lambdaRole = identity('Role', A, 'fn', {
      trustedServices: ['lambda.amazonaws.com'],
      trustPolicy: doc(),
    });
    const ds = identity('User', A, 'ds', {
      inlinePolicies: inline(
        doc({
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
      ),
    });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), exec, lambdaRole, ds],
      resources: [exec, lambdaRole],
    });
    expect(find(edges, 'can-pass-role', ds.id, exec.id)?.properties).toMatchObject({
      services: ['sagemaker.amazonaws.com'],
      actions: ['iam:PassRole'],
    });
    expect(find(edges, 'can-pass-role', ds.id, lambdaRole.id)).toBeUndefined();
  });

  it('can-invoke on an agent through its aliases, and on foundation models only for this account, capped by SCPs', () => {
    const agent = awsAsset({
      id: `arn:aws:bedrock:us-east-1:${A}:agent/AGENT1`,
      kind: 'agent',
      accountId: A,
      region: 'us-east-1',
      name: 'a',
      nativeType: 'AWS::Bedrock::Agent',
      properties: { agentId: 'AGENT1' },
    });
    const model = awsAsset({
      id: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2',
      kind: 'model',
      accountId: 'aws',
      region: 'us-east-1',
      name: 'c',
      nativeType: 'AWS::Bedrock::FoundationModel',
      properties: {},
    });
    const app = identity('Role', A, 'app', {
      inlinePolicies: inline(
        doc({
          Effect: 'Allow',
          Action: ['bedrock:InvokeAgent', 'bedrock:InvokeModel'],
          Resource: ['arn:aws:bedrock:*:*:agent-alias/AGENT1/*', '*'],
        }),
      ),
    });
    const other = identity('Role', B, 'other', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' })),
    });
    const denyBedrock = [
      {
        targetId: 'r-1',
        policies: [
          {
            policyId: 'p-full',
            document: doc(
              { Effect: 'Allow', Action: '*', Resource: '*' },
              { Effect: 'Deny', Action: 'bedrock:InvokeModel*', Resource: '*' },
            ),
          },
        ],
      },
    ];
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A, denyBedrock), account(B), app, other],
      resources: [agent, model],
    });
    expect(find(edges, 'can-invoke', app.id, agent.id)?.properties).toMatchObject({
      actions: ['bedrock:InvokeAgent'],
    });
    expect(find(edges, 'can-invoke', app.id, model.id)).toBeUndefined();
    expect(edges.filter((e) => e.from === other.id)).toEqual([]);
  });

  it('can-assume from same-org principals (trust + identity policy) and from an external account (conditional on sts:ExternalId)', () => {
    const admin = identity('Role', A, 'admin', {
      trustPolicy: doc(
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } },
        },
      ),
    });
    const ops = identity('Role', B, 'ops', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: admin.id })),
    });
    const idle = identity('Role', B, 'idle', { inlinePolicies: [] });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), account(B), admin, ops, idle],
      resources: [admin],
    });
    expect(find(edges, 'can-assume', ops.id, admin.id)?.properties.via).toBe('identity+resource');
    expect(find(edges, 'can-assume', idle.id, admin.id)).toBeUndefined();
    const ext = find(edges, 'can-assume', `aispm:external:aws:${OUTSIDE}`, admin.id);
    expect(ext?.properties).toMatchObject({
      conditional: true,
      conditions: [{ clauses: [{ key: 'sts:ExternalId', values: ['x-1'] }] }],
    });
  });

  it('knows aws:RequestedRegion for regional resources, so a region-lock SCP decides instead of staying conditional', () => {
    const regionLock = [
      {
        targetId: 'r-1',
        policies: [
          { policyId: 'p-full', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
          {
            policyId: 'p-lock',
            document: doc({
              Effect: 'Deny',
              NotAction: ['iam:*', 'sts:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
            }),
          },
        ],
      },
    ];
    const reader = identity('Role', A, 'reader', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
    });
    const east = bucket('east');
    const west = awsAsset({ ...bucket('west'), region: 'eu-west-1' });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A, regionLock), reader],
      resources: [east, west],
    });
    const e = find(edges, 'can-read', reader.id, east.id);
    expect(e?.properties.conditional).toBeUndefined();
    expect(e?.properties.deniedIf).toBeUndefined();
    expect(find(edges, 'can-read', reader.id, west.id)).toBeUndefined();
  });
});

describe('analyzeAccess: Bedrock AgentCore runtimes and gateways', () => {
  const runtime = awsAsset({
    id: `arn:aws:bedrock-agentcore:us-east-1:${A}:runtime/mcp_docs-abc`,
    kind: 'mcp-server',
    accountId: A,
    region: 'us-east-1',
    name: 'mcp_docs',
    nativeType: 'AWS::BedrockAgentCore::Runtime#mcp',
    properties: {},
  });
  const gateway = (authorizerType: string) =>
    awsAsset({
      id: `arn:aws:bedrock-agentcore:us-east-1:${A}:gateway/gw-${authorizerType.toLowerCase()}`,
      kind: 'agent-gateway',
      accountId: A,
      region: 'us-east-1',
      name: `gw-${authorizerType}`,
      nativeType: 'AWS::BedrockAgentCore::Gateway',
      properties: { authorizerType },
    });
  const caller = identity('Role', A, 'agent', {
    inlinePolicies: inline(
      doc(
        { Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntime', Resource: `${runtime.id}*` },
        { Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: '*' },
      ),
    ),
  });
  const bystander = identity('Role', A, 'bystander', {
    inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
  });

  it('draws can-invoke to a runtime and to an IAM-authorized gateway, for the roles allowed to call them', () => {
    const iamGateway = gateway('AWS_IAM');
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), caller, bystander],
      resources: [runtime, iamGateway],
    });
    expect(find(edges, 'can-invoke', caller.id, runtime.id)?.properties.actions).toEqual([
      'bedrock-agentcore:InvokeAgentRuntime',
    ]);
    expect(find(edges, 'can-invoke', caller.id, iamGateway.id)?.properties.actions).toEqual([
      'bedrock-agentcore:InvokeGateway',
    ]);
    expect(edges.filter((e) => e.from === bystander.id && e.kind === 'can-invoke')).toEqual([]);
  });

  it('draws none to a JWT or open gateway: IAM is not asked there', () => {
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), caller],
      resources: [gateway('CUSTOM_JWT'), gateway('NONE')],
    });
    expect(edges.filter((e) => e.kind === 'can-invoke')).toEqual([]);
  });
});

describe('analyzeAccess: AgentCore resource-based policies', () => {
  const runtimeArn = `arn:aws:bedrock-agentcore:us-east-1:${A}:runtime/agent_support-abc`;
  const runtime = (props: Record<string, unknown>) =>
    awsAsset({
      id: runtimeArn,
      kind: 'agent',
      accountId: A,
      region: 'us-east-1',
      name: 'agent_support',
      nativeType: 'AWS::BedrockAgentCore::Runtime',
      properties: { inboundAuthorizer: 'AWS_IAM', ...props },
    });
  const grant = (principal: unknown) =>
    doc({
      Effect: 'Allow',
      Principal: principal,
      Action: 'bedrock-agentcore:InvokeAgentRuntime',
      Resource: runtimeArn,
    });
  const invoker = identity('Role', B, 'invoker', {
    inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'bedrock-agentcore:*', Resource: '*' })),
  });
  const local = identity('Role', A, 'app', {
    inlinePolicies: inline(
      doc({ Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntime', Resource: runtimeArn }),
    ),
  });
  const ids = [account(A), account(B), invoker, local];

  it('gives an outside account its policy names an external-principal can-invoke edge', () => {
    const { assets, edges } = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [runtime({ resourcePolicy: grant({ AWS: `arn:aws:iam::${OUTSIDE}:root` }) })],
    });
    expect(find(edges, 'can-invoke', `aispm:external:aws:${OUTSIDE}`, runtimeArn)?.properties).toMatchObject({
      actions: ['bedrock-agentcore:InvokeAgentRuntime'],
      externalAccount: OUTSIDE,
    });
    expect(assets.map((a) => a.id)).toContain(`aispm:external:aws:${OUTSIDE}`);
    // This account's role still invokes it by its own policy; the other org account is not named.
    expect(find(edges, 'can-invoke', local.id, runtimeArn)).toBeDefined();
    expect(find(edges, 'can-invoke', invoker.id, runtimeArn)).toBeUndefined();
  });

  it('makes a runtime whose policy grants everyone public, and lets another org account in when named', () => {
    const open = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [runtime({ resourcePolicy: grant('*') })],
    });
    expect(find(open.edges, 'can-invoke', 'aispm:external:aws:*', runtimeArn)?.properties).toMatchObject({
      public: true,
    });
    const org = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [runtime({ resourcePolicy: grant({ AWS: `arn:aws:iam::${B}:root` }) })],
    });
    expect(find(org.edges, 'can-invoke', invoker.id, runtimeArn)).toBeDefined();
    expect(org.edges.filter((e) => e.from.startsWith('aispm:external:'))).toEqual([]);
  });

  it('ignores the policy of a JWT-authorized runtime (callers present tokens, not SigV4) and of none', () => {
    for (const props of [
      { inboundAuthorizer: 'CUSTOM_JWT', resourcePolicy: grant('*') },
      { resourcePolicy: undefined },
    ]) {
      const { edges } = analyzeAccess({ accountId: A, identities: ids, resources: [runtime(props)] });
      expect(edges.filter((e) => e.from.startsWith('aispm:external:'))).toEqual([]);
      expect(find(edges, 'can-invoke', local.id, runtimeArn)).toBeDefined();
      expect(find(edges, 'can-invoke', invoker.id, runtimeArn)).toBeUndefined();
    }
  });
});

describe('analyzeAccess: Bedrock guardrail resource-based policies', () => {
  const guardrailArn = `arn:aws:bedrock:us-east-1:${A}:guardrail/abc123def456`;
  const guardrail = (resourcePolicy: unknown) =>
    awsAsset({
      id: guardrailArn,
      kind: 'guardrail',
      accountId: A,
      region: 'us-east-1',
      name: 'guard-support',
      nativeType: 'AWS::Bedrock::Guardrail',
      properties: { resourcePolicy },
    });
  const grant = (principal: unknown, Action: string | string[], Condition?: object) =>
    doc({
      Effect: 'Allow',
      Principal: principal,
      Action,
      Resource: guardrailArn,
      ...(Condition ? { Condition } : {}),
    });
  const member = identity('Role', B, 'member-app', {
    inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: '*' })),
  });
  const admin = identity('Role', A, 'guardrail-admin', {
    inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'bedrock:*Guardrail*', Resource: '*' })),
  });
  const ids = [account(A), account(B), member, admin];
  const outside = `aispm:external:aws:${OUTSIDE}`;
  const analyze = (policy: unknown) =>
    analyzeAccess({ accountId: A, identities: ids, resources: [guardrail(policy)] });

  it('lets a foreign account the policy names apply and read the guardrail (external-principal edges)', () => {
    const { assets, edges } = analyze(
      grant({ AWS: `arn:aws:iam::${OUTSIDE}:root` }, ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail']),
    );
    expect(find(edges, 'can-invoke', outside, guardrailArn)?.properties).toMatchObject({
      actions: ['bedrock:ApplyGuardrail'],
      externalAccount: OUTSIDE,
    });
    expect(find(edges, 'can-read', outside, guardrailArn)?.properties).toMatchObject({
      actions: ['bedrock:GetGuardrail'],
    });
    expect(find(edges, 'can-admin', outside, guardrailArn)).toBeUndefined();
    expect(assets.map((a) => a.id)).toContain(outside);
    // The account's own administrator holds its identity grant; the other org account is not named.
    expect(find(edges, 'can-admin', admin.id, guardrailArn)).toBeDefined();
    expect(find(edges, 'can-invoke', member.id, guardrailArn)).toBeUndefined();
  });

  it('sees a management grant to everyone as a can-admin edge from `*`', () => {
    const { edges } = analyze(grant('*', 'bedrock:*'));
    expect(find(edges, 'can-admin', 'aispm:external:aws:*', guardrailArn)?.properties).toMatchObject({
      public: true,
      actions: expect.arrayContaining(['bedrock:UpdateGuardrail', 'bedrock:DeleteGuardrail']),
    });
  });

  it('keeps an organisation-scoped ApplyGuardrail grant inside, and draws no edge for the use it was shared for', () => {
    const { edges } = analyze(
      grant({ AWS: '*' }, 'bedrock:ApplyGuardrail', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
    );
    expect(edges.filter((e) => e.from.startsWith('aispm:external:'))).toEqual([]);
    // Applying an organisation-shared guardrail is what sharing it is for: not an edge per org principal.
    expect(find(edges, 'can-invoke', member.id, guardrailArn)).toBeUndefined();
    expect(find(edges, 'can-admin', admin.id, guardrailArn)).toBeDefined();
  });

  it("weighs the organisation's principals for management rights the policy hands to other accounts", () => {
    const otherAdmin = identity('Role', B, 'other-admin', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' })),
    });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [...ids, otherAdmin],
      resources: [
        guardrail(
          grant({ AWS: '*' }, 'bedrock:UpdateGuardrail', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
        ),
      ],
    });
    expect(find(edges, 'can-admin', otherAdmin.id, guardrailArn)?.properties).toMatchObject({
      actions: ['bedrock:UpdateGuardrail'],
    });
    expect(find(edges, 'can-admin', member.id, guardrailArn)).toBeUndefined();
    expect(find(edges, 'can-invoke', otherAdmin.id, guardrailArn)).toBeUndefined();
  });

  it('weighs no guardrail without a resource policy', () => {
    expect(analyze(undefined).edges).toEqual([]);
  });
});

describe('analyzeAccess: a bucket open to everyone, weighed against other accounts', () => {
  it("grants another account's principal only through its own identity Allow (Action or NotAction), never without one", () => {
    const publicPolicy = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::open/*',
    });
    const reader = identity('Role', B, 'reader', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })),
    });
    const broad = identity('Role', B, 'broad', {
      inlinePolicies: inline(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
    });
    const unrelated = identity('Role', B, 'unrelated', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: ['ec2:*', 's3:PutObject'], Resource: '*' })),
    });
    const writer = identity('Role', B, 'writer', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' })),
    });
    const sameAccount = identity('Role', A, 'nobody', {
      inlinePolicies: inline(doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })),
    });
    const { edges } = analyzeAccess({
      accountId: A,
      identities: [account(A), account(B), reader, broad, unrelated, writer, sameAccount],
      resources: [bucket('open', { bucketPolicy: publicPolicy })],
    });
    const open = 'arn:aws:s3:::open';
    expect(find(edges, 'can-read', reader.id, open)).toBeDefined();
    expect(find(edges, 'can-read', broad.id, open)).toBeDefined();
    expect(find(edges, 'can-read', unrelated.id, open)).toBeUndefined();
    // Its Allow for PutObject meets no Allow in the bucket policy: nothing to write with.
    expect(find(edges, 'can-write', writer.id, open)).toBeUndefined();
    expect(find(edges, 'can-read', writer.id, open)).toBeUndefined();
    // The bucket's own account needs no identity Allow: the policy naming everyone grants it the read.
    expect(find(edges, 'can-read', sameAccount.id, open)?.properties).toMatchObject({
      grantedToEveryone: true,
    });
  });
});

describe('analyzeAccess: AgentCore runtime endpoint and memory resource-based policies', () => {
  const endpointArn = `arn:aws:bedrock-agentcore:us-east-1:${A}:runtime/agent_support-abc/runtime-endpoint/prod`;
  const memoryArn = `arn:aws:bedrock-agentcore:us-east-1:${A}:memory/mem_support-abc`;
  const endpoint = (props: Record<string, unknown>) =>
    awsAsset({
      id: endpointArn,
      kind: 'inference-endpoint',
      accountId: A,
      region: 'us-east-1',
      name: 'agent_support/prod',
      nativeType: 'AWS::BedrockAgentCore::RuntimeEndpoint',
      properties: { inboundAuthorizer: 'AWS_IAM', ...props },
    });
  const memory = (resourcePolicy: unknown) =>
    awsAsset({
      id: memoryArn,
      kind: 'knowledge-base',
      accountId: A,
      region: 'us-east-1',
      name: 'mem_support',
      nativeType: 'AWS::BedrockAgentCore::Memory',
      properties: { resourcePolicy },
    });
  const ids = [account(A), account(B)];
  const outside = { AWS: `arn:aws:iam::${OUTSIDE}:root` };

  it('lets an outside account its endpoint policy names invoke the runtime through it (not under a JWT authorizer)', () => {
    const policy = doc({
      Effect: 'Allow',
      Principal: outside,
      Action: 'bedrock-agentcore:InvokeAgentRuntime',
      Resource: endpointArn,
    });
    const open = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [endpoint({ resourcePolicy: policy })],
    });
    expect(find(open.edges, 'can-invoke', `aispm:external:aws:${OUTSIDE}`, endpointArn)).toBeDefined();
    const jwt = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [endpoint({ resourcePolicy: policy, inboundAuthorizer: 'CUSTOM_JWT' })],
    });
    expect(jwt.edges.filter((e) => e.from.startsWith('aispm:external:'))).toEqual([]);
  });

  it('draws read and write edges for everyone a memory policy opens to, and none for an owner-only one', () => {
    const open = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [
        memory(
          doc({
            Effect: 'Allow',
            Principal: '*',
            Action: ['bedrock-agentcore:RetrieveMemoryRecords', 'bedrock-agentcore:CreateEvent'],
            Resource: memoryArn,
          }),
        ),
      ],
    });
    expect(find(open.edges, 'can-read', 'aispm:external:aws:*', memoryArn)?.properties).toMatchObject({
      public: true,
    });
    expect(find(open.edges, 'can-write', 'aispm:external:aws:*', memoryArn)).toBeDefined();
    const own = analyzeAccess({
      accountId: A,
      identities: ids,
      resources: [
        memory(
          doc({
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${A}:root` },
            Action: 'bedrock-agentcore:*',
            Resource: memoryArn,
          }),
        ),
        memory(undefined),
      ],
    });
    expect(own.edges).toEqual([]);
  });
});

describe('analyzeAccess: the shortcuts past principals decide nothing', () => {
  // Every principal of a small organisation weighed against buckets open to everyone, to the organisation and to
  // one account, by the evaluator itself: the analysis (which reads cross-account candidates from a per-action
  // index and skips those without an identity Allow for the bucket) must draw exactly the edges this does.
  const C = '333333333333';
  const statements: object[] = [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::shared-*' },
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::upload/*' },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::elsewhere/*' },
    { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    {
      Effect: 'Allow',
      Action: 's3:Get*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/x': 'y' } },
    },
    { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' },
    { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
  ];
  const principals = [A, B, C].flatMap((acct, a) =>
    statements.flatMap((first, i) => {
      // Each principal holds two of the statements, a different pair per account.
      const second = statements[(i + a + 1) % statements.length] as object;
      return [
        identity('Role', acct, `r${i}`, { inlinePolicies: inline(doc(first, second)) }),
        identity('User', acct, `u${i}`, { attachedPolicies: inline(doc(first)) }),
      ];
    }),
  );
  const orgOnly = { StringEquals: { 'aws:PrincipalOrgID': ORG } };
  const buckets = [
    bucket('shared-data', {
      bucketPolicy: doc({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::shared-data/*',
      }),
    }),
    bucket('upload', {
      bucketPolicy: doc({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::upload/*',
      }),
    }),
    bucket('shared-org', {
      bucketPolicy: doc({
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::shared-org/*',
        Condition: orgOnly,
      }),
    }),
    bucket('to-b', {
      bucketPolicy: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: 's3:*',
        Resource: '*',
      }),
    }),
    bucket('private'),
  ];
  const identities = [account(A), account(B), account(C), ...principals];

  it('draws the edges evaluating every principal against every bucket would', () => {
    const { edges } = analyzeAccess({ accountId: A, identities, resources: buckets });
    const drawn = edges
      .filter((e) => !e.from.startsWith('aispm:'))
      .map((e) => `${e.kind} ${e.from} ${e.to}`)
      .sort();
    const expected: string[] = [];
    for (const b of buckets) {
      const resource = { arn: `${b.id}/`, anySuffix: true, accountId: A, policy: b.properties.bucketPolicy };
      for (const p of buildPrincipals(identities).principals) {
        for (const [kind, actions] of [
          ['can-read', ['s3:GetObject']],
          ['can-write', ['s3:PutObject', 's3:DeleteObject']],
        ] as const) {
          const context = { ...p.context, 'aws:requestedregion': ['us-east-1'] };
          if (actions.some((action) => evaluateAccess(p.info, resource, action, context).allowed))
            expected.push(`${kind} ${p.info.arn} ${b.id}`);
        }
      }
    }
    expect(drawn).toEqual(expected.sort());
    // The fixture reaches every branch: same-account and cross-account grants, and cross-account principals skipped.
    expect(drawn.some((e) => e.includes(`::${B}:`))).toBe(true);
    expect(drawn.some((e) => e.includes(`::${C}:`))).toBe(true);
    expect(drawn.some((e) => e.includes(`::${A}:`))).toBe(true);
    expect(expected.length).toBeLessThan(buckets.length * principals.length * 2);
  });
});
