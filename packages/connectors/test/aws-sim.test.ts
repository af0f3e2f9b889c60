import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsConnector } from '../src/aws/index.ts';
import { type DriverResult, runConnector } from './helpers/driver.ts';
import { assetIdSets, assetMismatches } from './helpers/manifest.ts';

const SEED = 7;
const key = (e: { kind: string; from: string; to: string }) => `${e.kind} ${e.from} -> ${e.to}`;
const isAwsId = (id: string) => id.startsWith('arn:aws:');

function connectorFor(sim: CloudSim, manifest: Manifest) {
  const regions = [
    ...new Set(
      manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
    ),
  ].sort();
  return createAwsConnector({
    credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
    endpoint: sim.aws.endpoint,
    regions,
  });
}

describe('AWS connector against cloud-sim (small estate)', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let result: DriverResult;

  beforeAll(async () => {
    sim = await startCloudSim({ seed: SEED, scale: 'small', port: 0, rateLimits: false });
    manifest = sim.manifest;
    result = await runConnector(connectorFor(sim, manifest));
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('runs every task of every account and region without an error', () => {
    expect(result.errors).toEqual([]);
    const accounts = manifest.assets
      .filter((a) => a.provider === 'aws' && a.kind === 'account')
      .map((a) => a.accountId);
    expect(result.accounts.map((a) => a.accountId).sort()).toEqual([...accounts].sort());
  });

  it('imports exactly the AWS assets of the manifest, under the same ids', () => {
    const { got, want } = assetIdSets(manifest, result, 'aws', isAwsId);
    expect(got).toEqual(want);
  });

  it('gives every asset the kind, native type, account, region and name of the manifest', () => {
    expect(assetMismatches(manifest, result, 'aws', isAwsId)).toEqual([]);
  });

  it('produces every pseudo-asset (internet, external principals) the manifest lists', () => {
    const want = manifest.assets
      .filter((a) => a.provider === 'aws' && a.id.startsWith('aispm:'))
      .map((a) => a.id);
    for (const id of want) expect(result.graph.assetsById.has(id), id).toBe(true);
  });

  it('produces exactly the manifest edges of every exhaustive edge kind', () => {
    const exhaustive = new Set<string>(manifest.exhaustiveEdgeKinds);
    const touchesAws = (e: { from: string; to: string }) => isAwsId(e.from) || isAwsId(e.to);
    const want = manifest.edges.filter((e) => exhaustive.has(e.kind) && touchesAws(e)).map(key);
    const got = result.graph.edgeList.filter((e) => exhaustive.has(e.kind)).map(key);
    expect([...new Set(got)].sort()).toEqual([...new Set(want)].sort());
  });

  it('finds every planted access and exposure edge', () => {
    const exhaustive = new Set<string>(manifest.exhaustiveEdgeKinds);
    const planted = manifest.edges.filter(
      (e) => !exhaustive.has(e.kind) && (isAwsId(e.to) || isAwsId(e.from)),
    );
    expect(planted.length).toBeGreaterThan(0);
    const missing = planted
      .filter((e) => !result.graph.edgesByKey.has(`${e.kind}|${e.from}|${e.to}`))
      .map(key);
    expect(missing).toEqual([]);
  });

  it('never stores the credentials planted in agent instructions, and records what was found', () => {
    const planted = manifest.risks.filter(
      (r) => r.provider === 'aws' && r.concept === 'secret-in-agent-instructions',
    );
    expect(planted.length).toBeGreaterThan(0);
    const hosted = planted.filter((r) => r.assetId.includes(':bedrock-agentcore:'));
    expect(hosted.length).toBeGreaterThan(0);
    for (const r of planted) {
      const agent = result.graph.assetsById.get(r.assetId);
      // A Bedrock agent holds it in its instruction, an AgentCore runtime in its environment variables.
      const field = hosted.includes(r) ? 'environmentVariables.AWS_SECRET_ACCESS_KEY' : 'instruction';
      const text = hosted.includes(r)
        ? (agent?.properties.environmentVariables as Record<string, string> | undefined)
            ?.AWS_SECRET_ACCESS_KEY
        : agent?.properties.instruction;
      expect(text).toMatch(/«redacted:[a-z-]+»/);
      expect(agent?.properties.secretFindings).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(JSON.stringify(agent)).not.toMatch(/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/);
    }
  });

  it('evaluates wildcard trust as assumable from outside the organisation', () => {
    const planted = manifest.risks.filter((r) => r.provider === 'aws' && r.concept === 'role-wildcard-trust');
    expect(planted.length).toBeGreaterThan(0);
    for (const r of planted) {
      const e = result.graph.edgesByKey.get(`can-assume|aispm:external:aws:*|${r.assetId}`);
      expect(e?.properties).toMatchObject({ public: true, actions: ['sts:AssumeRole'] });
    }
  });
});

describe('AWS connector under throttling and transport faults', () => {
  it('retries throttled calls (counted), server errors, malformed, cut-off and reset responses, and still imports the full estate', async () => {
    const sim = await startCloudSim({
      seed: SEED,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: {
        throttleRate: 0.05,
        errorRate: 0.03,
        malformedRate: 0.02,
        truncateRate: 0.02,
        resetRate: 0.01,
        seed: 11,
      },
    });
    try {
      const result = await runConnector(connectorFor(sim, sim.manifest));
      expect(result.errors).toEqual([]);
      expect(result.throttles).toBeGreaterThan(0);
      const faults = sim.stats().faults;
      expect(faults.error + faults.malformed + faults.truncate + faults.reset).toBeGreaterThan(0);
      const got = [...result.graph.assetsById.keys()].filter(isAwsId).sort();
      expect(got).toEqual(
        [
          ...new Set(
            sim.manifest.assets.filter((a) => a.provider === 'aws' && isAwsId(a.id)).map((a) => a.id),
          ),
        ].sort(),
      );
    } finally {
      await sim.close();
    }
  });
});

describe('AWS connector with broken pagination and denied calls', () => {
  it('fails a task whose listing never ends, keeps a denied listing to a gap, and scans the rest', async () => {
    const sim = await startCloudSim({
      seed: SEED,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: { endlessPagination: ['sagemaker:ListEndpoints'], denied: ['bedrock:ListGuardrails'] },
    });
    try {
      const connector = connectorFor(sim, sim.manifest);
      const result = await runConnector(connector);
      const failed = new Set(result.errors.map((e) => e.split('@')[0]));
      expect(failed).toEqual(new Set(['sagemaker']));
      expect(result.errors.every((e) => /paging token repeated/.test(e))).toBe(true);
      // The denied listing loses the guardrails only: a `list` gap per bedrock task, the rest of bedrock imported.
      const bedrockTasks = result.accounts.reduce((n, a) => n + connector.regions(a).length, 0);
      expect(result.gaps.filter((g) => g.operation === 'ListGuardrails')).toHaveLength(bedrockTasks);
      for (const g of result.gaps) {
        expect(g).toMatchObject({ service: 'bedrock', scope: 'list', permission: 'bedrock:ListGuardrails' });
        expect(g.errorCode).toMatch(/AccessDenied/);
      }
      const want = sim.manifest.assets.filter(
        (a) => a.nativeType.startsWith('AWS::IAM::') || a.nativeType === 'AWS::Bedrock::CustomModel',
      );
      expect(want.some((a) => a.nativeType === 'AWS::Bedrock::CustomModel')).toBe(true);
      for (const a of want) expect(result.graph.assetsById.has(a.id), a.id).toBe(true);
      const guardrails = sim.manifest.assets.filter((a) => a.nativeType === 'AWS::Bedrock::Guardrail');
      expect(guardrails.length).toBeGreaterThan(0);
      for (const a of guardrails) expect(result.graph.assetsById.has(a.id), a.id).toBe(false);
    } finally {
      await sim.close();
    }
  });
});

describe('tasks in a process that never ran discover', () => {
  it('use the AccountTarget connection (role to assume, management account) instead of discover state', async () => {
    const sim = await startCloudSim({ seed: SEED, scale: 'small', port: 0, rateLimits: false });
    try {
      const discovered = await connectorFor(sim, sim.manifest).discover({
        signal: new AbortController().signal,
      });
      const member = discovered.accounts.find((a) => a.connection.managementAccount === false);
      expect(member?.connection.roleArn).toBe(`arn:aws:iam::${member?.accountId}:role/AispmReadOnly`);
      // A fresh connector, as a scan worker would build it: the member's IAM task must still assume the role.
      const worker = connectorFor(sim, sim.manifest);
      const iam = worker.services.find((s) => s.service === 'iam');
      const { MemoryGraph } = await import('./helpers/driver.ts');
      const batch = await iam?.run({
        target: { provider: 'aws', accountId: member?.accountId as string, region: 'global', service: 'iam' },
        account: member as NonNullable<typeof member>,
        signal: new AbortController().signal,
        graph: new MemoryGraph(),
        onThrottle: () => {},
        log: () => {},
      });
      const want = sim.manifest.assets
        .filter((a) => a.accountId === member?.accountId && a.nativeType.startsWith('AWS::IAM::'))
        .map((a) => a.id);
      expect(batch?.assets.map((a) => a.id).sort()).toEqual(want.sort());
    } finally {
      await sim.close();
    }
  });
});
