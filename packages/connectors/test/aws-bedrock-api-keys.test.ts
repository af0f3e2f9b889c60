import { readFileSync } from 'node:fs';
import { startCloudSim } from '@aispm/cloud-sim';
import { deriveFacts } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { normalizeIam } from '../src/aws/iam/normalize.ts';
import { createAwsConnector } from '../src/aws/index.ts';
import { runConnector } from './helpers/driver.ts';

const A = '111122223333';
const recorded = (path: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/aws/${path}`, import.meta.url), 'utf8'));

describe('Bedrock API keys (IAM service-specific credentials) from a recorded ListServiceSpecificCredentials', () => {
  const details = recorded('iam/get-account-authorization-details.json');
  const listed = recorded('iam/list-service-specific-credentials.json');
  // As the SDK hands them over: dates are Date objects.
  const bedrockApiKeys = listed.ServiceSpecificCredentials.map((k: Record<string, string>) => ({
    ...k,
    CreateDate: new Date(k.CreateDate as string),
    ...(k.ExpirationDate ? { ExpirationDate: new Date(k.ExpirationDate) } : {}),
  }));
  const batch = normalizeIam({ details, accessKeys: {}, bedrockApiKeys } as never, {
    accountId: A,
    region: 'global',
  });
  const alice = `arn:aws:iam::${A}:user/alice`;
  const keyOf = (id: string) => batch.assets.find((a) => a.id === `${alice}/service-credential/${id}`);

  it("stores each key of a known user as the user's access key", () => {
    const keys = batch.assets.filter((a) => a.nativeType === 'AWS::IAM::ServiceSpecificCredential');
    // The ghost's key names a user the account does not list: not stored, never attached to a made-up identity.
    expect(keys.map((k) => k.name).sort()).toEqual(['ACCAEXAMPLEALICE0001', 'ACCAEXAMPLEALICE0002']);
    expect(keys.every((k) => k.kind === 'access-key' && k.accountId === A)).toBe(true);
    expect(
      batch.edges
        .filter((e) => e.kind === 'has-key' && e.to.includes('/service-credential/'))
        .map((e) => e.from),
    ).toEqual([alice, alice]);
  });

  it('derives the AI service and lifetime: one never expires, one lives 7 days', () => {
    const facts = (id: string) => {
      const key = keyOf(id);
      // Facts are derived from stored properties: go through JSON as the database does.
      return deriveFacts('access-key', JSON.parse(JSON.stringify(key?.properties ?? {})));
    };
    expect(facts('ACCAEXAMPLEALICE0001')).toEqual({ active: true, aiService: 'bedrock', expires: false });
    expect(facts('ACCAEXAMPLEALICE0002')).toEqual({
      active: true,
      aiService: 'bedrock',
      expires: true,
      lifetimeDays: 7,
    });
  });
});

describe('Bedrock API keys read from the simulator', () => {
  async function scan(denied: string[] = []) {
    const sim = await startCloudSim({
      seed: 7,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: { denied },
    });
    try {
      const result = await runConnector(
        createAwsConnector({
          credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
          endpoint: sim.aws.endpoint,
          regions: ['us-east-1'],
        }),
      );
      return { sim, result };
    } finally {
      await sim.close();
    }
  }

  it('finds every planted key, never-expiring where the manifest says so', async () => {
    const { sim, result } = await scan();
    expect(result.errors).toEqual([]);
    const planted = sim.manifest.assets.filter((a) => a.nativeType === 'AWS::IAM::ServiceSpecificCredential');
    const longTerm = new Set(
      sim.manifest.risks
        .filter((r) => r.provider === 'aws' && r.concept === 'ai-api-key-long-term')
        .map((r) => r.assetId),
    );
    expect(planted.length).toBeGreaterThan(1);
    expect(longTerm.size).toBeGreaterThan(0);
    expect(longTerm.size).toBeLessThan(planted.length);
    for (const p of planted) {
      const got = result.graph.assetsById.get(p.id);
      const facts = (got?.properties.facts ?? {}) as Record<string, unknown>;
      expect(facts, p.id).toMatchObject({ aiService: 'bedrock', expires: !longTerm.has(p.id) });
    }
  });

  it('keeps the rest of IAM when the listing is denied, and reports the gap', async () => {
    const { result } = await scan(['iam:ListServiceSpecificCredentials']);
    expect(result.errors).toEqual([]);
    const assets = [...result.graph.assetsById.values()];
    expect(assets.some((a) => a.nativeType === 'AWS::IAM::ServiceSpecificCredential')).toBe(false);
    expect(assets.some((a) => a.nativeType === 'AWS::IAM::AccessKey')).toBe(true);
    const gaps = result.gaps.filter((g) => g.permission === 'iam:ListServiceSpecificCredentials');
    expect(gaps.map((g) => g.scope)).toEqual(expect.arrayContaining(['list']));
    expect(gaps.length).toBeGreaterThan(0);
  });
});
