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

describe('lineage: poisoning and theft paths', () => {
  const OUT = externalPrincipalId('aws', '888888888888');
  const VENDOR = 'arn:aws:iam::111111111111:role/vendor-sync';
  const SM_ROLE = 'arn:aws:iam::111111111111:role/service-role/sm';
  const DATA = 'arn:aws:s3:::training-data';
  const OUTPUT = 'arn:aws:s3:::model-output';
  const TJOB = 'arn:aws:sagemaker:us-east-1:111111111111:training-job/train';
  const SMODEL = 'arn:aws:sagemaker:us-east-1:111111111111:model/m';
  const EP = 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/ep';
  const DOCS = 'arn:aws:s3:::kb-docs';
  const KB = 'arn:aws:bedrock:us-east-1:111111111111:knowledge-base/KB1';
  const AGENT = 'arn:aws:bedrock:us-east-1:111111111111:agent/A1';
  const AGENT_ROLE = 'arn:aws:iam::111111111111:role/agent';
  const USER = 'arn:aws:iam::111111111111:user/bot';
  const KEY = `${USER}/access-key/AKIA2`;
  const PUBLIC = externalPrincipalId('aws', '*');

  function lineage() {
    const assets = [
      asset(OUT, 'external-principal'),
      asset(PUBLIC, 'external-principal'),
      asset(VENDOR, 'identity'),
      asset(SM_ROLE, 'identity'),
      asset(DATA, 'data-store'),
      asset(OUTPUT, 'data-store'),
      asset(TJOB, 'training-job'),
      asset(SMODEL, 'model', { nativeType: 'AWS::SageMaker::Model' }),
      asset(EP, 'inference-endpoint'),
      asset(DOCS, 'data-store'),
      asset(KB, 'knowledge-base'),
      asset(AGENT, 'agent'),
      asset(AGENT_ROLE, 'identity'),
      asset(USER, 'identity'),
      asset(KEY, 'access-key'),
    ];
    const edges: EdgeRecord[] = [
      e('can-assume', OUT, VENDOR),
      e('can-write', VENDOR, DATA),
      e('reads-from', TJOB, DATA),
      e('writes-to', TJOB, OUTPUT),
      e('runs-as', TJOB, SM_ROLE),
      e('produced-by', SMODEL, TJOB),
      e('reads-from', SMODEL, OUTPUT),
      e('serves', EP, SMODEL),
      // The documents bucket lets everyone write: the agent's read-only role holds that only as everyone does.
      e('can-write', PUBLIC, DOCS),
      {
        kind: 'can-write',
        from: AGENT_ROLE,
        to: DOCS,
        properties: { via: 'resource', grantedToEveryone: true },
      },
      e('reads-from', KB, DOCS),
      e('uses-knowledge-base', AGENT, KB),
      e('runs-as', AGENT, AGENT_ROLE),
      e('has-key', USER, KEY),
      e('can-read', USER, OUTPUT),
      e('can-invoke', USER, EP),
    ];
    return { assets, edges };
  }
  const route = (p: { hops: { assetId: string }[] } | undefined) => p?.hops.map((h) => h.assetId);

  it('follows a write on training data through the job and the model to the endpoint serving it', () => {
    const paths = findAttackPaths(lineage());
    const toEp = paths.find((p) => p.entryId === OUT && p.targetId === EP);
    expect(route(toEp)).toEqual([OUT, VENDOR, DATA, TJOB, SMODEL, EP]);
    expect(toEp?.hops.map((h) => h.via)).toEqual([
      null,
      'can-assume',
      'can-write',
      'reads-from',
      'produced-by',
      'serves',
    ]);
    expect(toEp?.kind).toBe('poisoning');
    expect(route(paths.find((p) => p.entryId === OUT && p.targetId === SMODEL))).toEqual([
      OUT,
      VENDOR,
      DATA,
      TJOB,
      SMODEL,
    ]);
    // Data flows down the lineage only: the training job's own role is not the attacker's.
    expect(paths.some((p) => p.entryId === OUT && p.hops.some((h) => h.assetId === SM_ROLE))).toBe(false);
    expect(chokePoints(paths.filter((p) => p.entryId === OUT))[0]?.assetId).toBe(VENDOR);
  });

  it('poisons an agent through a world-writable knowledge-base bucket from "*", not through its own role', () => {
    const paths = findAttackPaths(lineage());
    const toAgent = paths.filter((p) => p.targetId === AGENT);
    expect(toAgent.map(route)).toEqual([[PUBLIC, DOCS, KB, AGENT]]);
    expect(toAgent[0]?.kind).toBe('poisoning');
  });

  it('finds theft from a long-lived key: read the model artifacts, invoke the endpoint', () => {
    const paths = findAttackPaths(lineage()).filter((p) => p.entryId === KEY);
    expect(paths.map((p) => [route(p), p.kind])).toEqual([
      [[KEY, USER, OUTPUT], 'theft'],
      // Invoking the endpoint reaches the model it serves (extraction by queries).
      [[KEY, USER, EP, SMODEL], 'theft'],
    ]);
    // The endpoint is worth poisoning, not invoking: the invoke route ends at the model, not at the endpoint.
    expect(paths.some((p) => p.targetId === EP)).toBe(false);
  });

  it('keeps every entry that reaches an asset, not the first three', () => {
    const g = lineage();
    const outsiders = ['111', '222', '333', '444', '555'].map((n) => externalPrincipalId('aws', n.repeat(4)));
    for (const o of outsiders) {
      g.assets.push(asset(o, 'external-principal'));
      g.edges.push(e('can-assume', o, VENDOR));
    }
    const entries = findAttackPaths(g)
      .filter((p) => p.targetId === EP)
      .map((p) => p.entryId);
    expect(new Set(entries)).toEqual(new Set([OUT, ...outsiders]));
  });

  it('gives the same paths whatever order the graph is read in, and bounds lineage by maxHops', () => {
    const g = lineage();
    const reversed = { assets: [...g.assets].reverse(), edges: [...g.edges].reverse() };
    expect(findAttackPaths(reversed)).toEqual(findAttackPaths(g));
    expect(findAttackPaths(g, { maxHops: 4 }).some((p) => p.targetId === EP)).toBe(false);
    expect(findAttackPaths(g, { maxHops: 5 }).some((p) => p.targetId === EP)).toBe(true);
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

describe('Foundry agents acting as their project identity', () => {
  const ACCT = '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ais';
  const PROJ = `${ACCT}/projects/p`;
  const AGENT = `${PROJ}/agents/asst_a`;
  const SP = '/providers/microsoft.graph/serviceprincipals/0000';
  const DOCS = '/subscriptions/s1/resourcegroups/rg/providers/microsoft.storage/storageaccounts/docs';
  const CONN = `${ACCT}/connections/docs-conn`;
  const EXT_AZ = externalPrincipalId('azure', 'partner-group');
  const az = (id: string, kind: AssetRecord['kind']) => ({ ...asset(id, kind), provider: 'azure' as const });
  const g = (agentRunsAs: boolean) => ({
    assets: [
      az(EXT_AZ, 'external-principal'),
      az(ACCT, 'ai-service'),
      az(PROJ, 'ml-workspace'),
      az(AGENT, 'agent'),
      az(SP, 'identity'),
      az(DOCS, 'data-store'),
      az(CONN, 'agent-tool'),
    ],
    edges: [
      e('can-invoke', EXT_AZ, ACCT),
      e('contains', ACCT, PROJ),
      e('contains', ACCT, CONN),
      e('reads-from', CONN, DOCS),
      e('contains', PROJ, AGENT),
      e('runs-as', PROJ, SP),
      e('can-read', SP, DOCS),
      ...(agentRunsAs ? [e('runs-as', AGENT, SP)] : []),
    ],
  });
  const route = (graph: ReturnType<typeof g>) =>
    findAttackPaths(graph)
      .find((p) => p.entryId === EXT_AZ && p.targetId === DOCS)
      ?.hops.map((h) => `${h.kind} ${h.via ?? ''}`.trim());

  it('reaches the data through the agent that acts as the project identity, hop for hop', () => {
    const path = findAttackPaths(g(true)).find((p) => p.entryId === EXT_AZ && p.targetId === DOCS);
    expect(path?.hops.map((h) => h.assetId)).toEqual([EXT_AZ, ACCT, PROJ, AGENT, SP, DOCS]);
    expect(route(g(true))).toEqual([
      'external-principal',
      'ai-service can-invoke',
      'ml-workspace contains',
      'agent contains',
      'identity runs-as',
      'data-store can-read',
    ]);
    expect(path?.kind).toBe('theft');
  });

  it("still walks a workspace's own identity when nothing it hosts runs as it", () => {
    expect(route(g(false))).toEqual([
      'external-principal',
      'ai-service can-invoke',
      'ml-workspace contains',
      'identity runs-as',
      'data-store can-read',
    ]);
  });
});
