import {
  type AssetRecord,
  type EdgeKind,
  type EdgeRecord,
  externalPrincipalId,
  INTERNET_ID,
} from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { chokePoints, findAttackPaths } from '../src/index.ts';

function asset(id: string, kind: AssetRecord['kind'], extra: Partial<AssetRecord> = {}): AssetRecord {
  return {
    id,
    kind,
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    name: id.split(/[:/]/).pop() ?? id,
    nativeType: 'test',
    properties: {},
    tags: {},
    ...extra,
  };
}
const e = (kind: EdgeKind, from: string, to: string): EdgeRecord => ({ kind, from, to, properties: {} });

const EXT = externalPrincipalId('aws', '999999999999');
const NB1 = 'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/nb1';
const NB2 = 'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/nb2';
const ROLE = 'arn:aws:iam::111111111111:role/ml';
const OTHER_ROLE = 'arn:aws:iam::111111111111:role/other';
const TRAIN = 'arn:aws:s3:::train';
const ARTIFACTS = 'arn:aws:s3:::artifacts';
const LOGS = 'arn:aws:s3:::logs';
const JOB = 'arn:aws:sagemaker:us-east-1:111111111111:training-job/j';
const MODEL = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/m';

function estate() {
  const assets = [
    asset(INTERNET_ID, 'internet'),
    asset(EXT, 'external-principal'),
    asset(NB1, 'notebook'),
    asset(NB2, 'notebook'),
    asset(ROLE, 'identity'),
    asset(OTHER_ROLE, 'identity'),
    asset(TRAIN, 'data-store', { tags: { 'data-classification': 'pii' } }),
    asset(ARTIFACTS, 'data-store'),
    asset(LOGS, 'data-store'),
    asset(JOB, 'training-job'),
    asset(MODEL, 'model', { nativeType: 'AWS::Bedrock::CustomModel' }),
  ];
  const edges = [
    e('exposed-to-internet', INTERNET_ID, NB1),
    e('exposed-to-internet', INTERNET_ID, NB2),
    e('runs-as', NB1, ROLE),
    e('runs-as', NB2, ROLE),
    e('can-write', ROLE, TRAIN),
    e('can-read', ROLE, ARTIFACTS),
    e('can-write', ROLE, LOGS),
    e('reads-from', JOB, TRAIN),
    e('writes-to', JOB, ARTIFACTS),
    e('trained-on', MODEL, TRAIN),
    e('can-assume', EXT, OTHER_ROLE),
    e('can-read', OTHER_ROLE, ARTIFACTS),
  ];
  return { assets, edges };
}

describe('findAttackPaths', () => {
  it('finds internet → notebook → role → AI bucket and ignores buckets no AI asset uses', () => {
    const paths = findAttackPaths(estate());
    const toTrain = paths.filter((p) => p.targetId === TRAIN);
    expect(toTrain.map((p) => p.hops.map((h) => h.assetId))).toEqual(
      expect.arrayContaining([[INTERNET_ID, NB1, ROLE, TRAIN]]),
    );
    expect(toTrain[0]?.hops.map((h) => h.via)).toEqual([null, 'exposed-to-internet', 'runs-as', 'can-write']);
    expect(paths.some((p) => p.targetId === LOGS)).toBe(false);
  });

  it('follows can-assume from an external principal', () => {
    const paths = findAttackPaths(estate());
    const ext = paths.find((p) => p.entryId === EXT);
    expect(ext?.hops.map((h) => h.assetId)).toEqual([EXT, OTHER_ROLE, ARTIFACTS]);
  });

  it('keeps one path per (entry, target), ranks sensitive and short routes first, and is deterministic', () => {
    const a = findAttackPaths(estate());
    const b = findAttackPaths(estate());
    expect(a).toEqual(b);
    const pairs = a.map((p) => `${p.entryId}|${p.targetId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const scores = a.map((p) => p.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    // internet reaches the pii training bucket (impact 9) → it outranks the external route to artifacts
    expect(a[0]?.targetId).toBe(TRAIN);
  });

  it('respects maxHops', () => {
    expect(findAttackPaths(estate(), { maxHops: 2 }).filter((p) => p.entryId === INTERNET_ID)).toEqual([]);
    expect(
      findAttackPaths(estate(), { maxHops: 3 }).filter((p) => p.entryId === INTERNET_ID).length,
    ).toBeGreaterThan(0);
  });

  it('starts from long-lived keys by walking has-key backwards', () => {
    const key = 'arn:aws:iam::111111111111:user/dev/access-key/AKIA1';
    const user = 'arn:aws:iam::111111111111:user/dev';
    const g = estate();
    g.assets.push(asset(key, 'access-key'), asset(user, 'identity'));
    g.edges.push(e('has-key', user, key), e('can-assume', user, ROLE));
    const p = findAttackPaths(g).find((x) => x.entryId === key && x.targetId === TRAIN);
    expect(p?.hops.map((h) => h.assetId)).toEqual([key, user, ROLE, TRAIN]);
    expect(p?.hops[1]?.via).toBe('has-key');
  });

  it('rejects bad options with a clear error', () => {
    expect(() => findAttackPaths(estate(), { maxHops: 0 })).toThrow(/maxHops/);
  });
});

describe('chokePoints', () => {
  it('names the role shared by two entry routes as the fix that cuts them all', () => {
    const key = 'arn:aws:iam::111111111111:user/dev/access-key/AKIA1';
    const user = 'arn:aws:iam::111111111111:user/dev';
    const g = estate();
    g.assets.push(asset(key, 'access-key'), asset(user, 'identity'));
    g.edges.push(e('has-key', user, key), e('can-assume', user, ROLE));
    const paths = findAttackPaths(g).filter((p) => p.entryId !== EXT);
    expect(new Set(paths.map((p) => p.entryId))).toEqual(new Set([INTERNET_ID, key]));
    const cps = chokePoints(paths);
    expect(cps[0]?.assetId).toBe(ROLE);
    expect(cps[0]?.cuts).toBe(paths.length);
    expect(cps).toHaveLength(1);
  });

  it('covers every path exactly once across the list, in greedy order', () => {
    const paths = findAttackPaths(estate());
    const cps = chokePoints(paths);
    const cut = cps.flatMap((c) => c.paths);
    expect(new Set(cut).size).toBe(cut.length);
    expect(new Set(cut)).toEqual(new Set(paths.map((p) => p.fingerprint)));
    for (let i = 1; i < cps.length; i++) expect(cps[i - 1]!.cuts).toBeGreaterThanOrEqual(cps[i]!.cuts);
    expect(cps.some((c) => c.assetId === INTERNET_ID || c.assetId === EXT)).toBe(false);
  });

  it('prefers the hop nearest the entry on a tie', () => {
    const g = estate();
    g.edges = g.edges.filter((x) => x.from !== NB2 && x.to !== NB2);
    const paths = findAttackPaths(g).filter((p) => p.entryId === INTERNET_ID && p.targetId === TRAIN);
    expect(chokePoints(paths)[0]?.assetId).toBe(NB1);
  });
});

describe('AI service accounts', () => {
  const SVC = '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/oai';
  const DEP = `${SVC}/deployments/gpt`;
  const EXT_AZ = externalPrincipalId('azure', 'tenant-x');
  const g = () => ({
    assets: [
      asset(INTERNET_ID, 'internet'),
      asset(EXT_AZ, 'external-principal'),
      { ...asset(SVC, 'ai-service'), provider: 'azure' as const },
      { ...asset(DEP, 'model'), provider: 'azure' as const },
    ],
    edges: [
      e('exposed-to-internet', INTERNET_ID, SVC),
      e('contains', SVC, DEP),
      e('can-invoke', EXT_AZ, SVC),
    ],
  });

  it('walks from an AI service into the deployments it contains', () => {
    const routes = findAttackPaths(g()).map((p) => p.hops.map((h) => h.assetId).join(' > '));
    expect(routes).toEqual(
      expect.arrayContaining([`${INTERNET_ID} > ${SVC} > ${DEP}`, `${EXT_AZ} > ${SVC}`]),
    );
  });

  it('names the target as the choke point when the path has nothing else to fix', () => {
    const paths = findAttackPaths(g()).filter((p) => p.entryId === EXT_AZ);
    expect(chokePoints(paths)[0]?.assetId).toBe(SVC);
  });
});
