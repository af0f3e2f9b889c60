import {
  type AssetKind,
  type AssetRecord,
  type EdgeKind,
  externalPrincipalId,
  type GraphEdge,
  INTERNET_ID,
  Rng,
} from '@aispm/core';
import { ensureTenant, finishEvaluation, startEvaluation, syncAttackPaths, syncFindings } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { DEFAULT_RULES, evaluateGraph, RuleGraph } from '@aispm/policy';

const args = process.argv.slice(2);
const accounts = Number(args[args.indexOf('--accounts') + 1]) || 100;
const withDb = !args.includes('--no-db');

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 20);
const mb = (n: number) => Math.round(n / 1024 / 1024);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function timed<T>(
  phase: string,
  fn: () => T | Promise<T>,
  extra: (t: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  sample();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const ms = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  sample();
  // cpuMs (this process's user+system time) is the figure to compare when the machine is shared.
  emit({
    phase,
    ms,
    cpuMs: Math.round((used.user + used.system) / 1000),
    rssMb: mb(process.memoryUsage().rss),
    ...extra(result),
  });
  return result;
}

function generate(nAccounts: number): { assets: AssetRecord[]; edges: GraphEdge[] } {
  const rng = new Rng(42);
  const assets: AssetRecord[] = [];
  const edges: GraphEdge[] = [];
  let edgeSeq = 0;
  const add = (
    id: string,
    kind: AssetKind,
    nativeType: string,
    acct: string,
    properties: Record<string, unknown> = {},
    tags: Record<string, string> = {},
  ) => {
    assets.push({
      id,
      kind,
      provider: 'aws',
      accountId: acct,
      region: 'us-east-1',
      name: id.slice(id.lastIndexOf('/') + 1),
      nativeType,
      properties,
      tags,
    });
    return id;
  };
  const link = (kind: EdgeKind, from: string, to: string, properties: Record<string, unknown> = {}) => {
    edges.push({ id: `e${edgeSeq++}`, kind, from, to, properties });
  };
  add(INTERNET_ID, 'internet', 'aispm::Internet', 'global');
  const anyone = add(
    externalPrincipalId('aws', '*'),
    'external-principal',
    'aispm::ExternalPrincipal',
    'global',
  );
  const foreign = Array.from({ length: 20 }, (_, i) =>
    add(
      externalPrincipalId('aws', String(900000000000 + i)),
      'external-principal',
      'aispm::ExternalPrincipal',
      'global',
    ),
  );

  for (let a = 0; a < nAccounts; a++) {
    const acct = String(100000000000 + a);
    const mk = (
      id: string,
      kind: AssetKind,
      nativeType: string,
      properties: Record<string, unknown> = {},
      tags: Record<string, string> = {},
    ) => add(id, kind, nativeType, acct, properties, tags);
    const p = `arn:aws:`;
    const ids = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const keys = ids(20, (i) =>
      mk(`${p}kms:us-east-1:${acct}:key/k${i}`, 'key', 'AWS::KMS::Key', {
        keyManager: 'CUSTOMER',
        keyRotationEnabled: rng.chance(0.7),
      }),
    );
    const roles = ids(360, (i) =>
      mk(`${p}iam::${acct}:role/r${i}`, 'identity', 'AWS::IAM::Role', {
        rolePolicyList: [
          {
            policyName: 'p',
            policyDocument: {
              Statement: [
                { Effect: 'Allow', Action: rng.chance(0.05) ? 'bedrock:*' : 's3:GetObject', Resource: '*' },
              ],
            },
          },
        ],
      }),
    );
    const groups = ids(20, (i) => mk(`${p}iam::${acct}:group/g${i}`, 'identity', 'AWS::IAM::Group'));
    const users = ids(100, (i) => mk(`${p}iam::${acct}:user/u${i}`, 'identity', 'AWS::IAM::User'));
    const accessKeys = users.map((u, i) =>
      mk(`${u}/access-key/AKIA${acct}${i}`, 'access-key', 'AWS::IAM::AccessKey', {
        status: rng.chance(0.8) ? 'Active' : 'Inactive',
      }),
    );
    const buckets = ids(150, (i) =>
      mk(
        `${p}s3:::b-${acct}-${i}`,
        'data-store',
        'AWS::S3::Bucket',
        { versioning: { status: rng.chance(0.5) ? 'Enabled' : 'Suspended' } },
        rng.chance(0.1) ? { 'data-classification': 'pii' } : {},
      ),
    );
    const jobs = ids(50, (i) =>
      mk(
        `${p}sagemaker:us-east-1:${acct}:training-job/j${i}`,
        'training-job',
        'AWS::SageMaker::TrainingJob',
        { enableNetworkIsolation: rng.chance(0.5) },
      ),
    );
    const models = ids(50, (i) =>
      mk(`${p}sagemaker:us-east-1:${acct}:model/m${i}`, 'model', 'AWS::SageMaker::Model', {
        enableNetworkIsolation: rng.chance(0.5),
        primaryContainer: {
          modelDataUrl: `s3://b-${acct}-${i}/model.${rng.pick(['tar.gz', 'pkl', 'safetensors'])}`,
          environment: rng.chance(0.2) ? ['HF_MODEL_ID'] : [],
        },
      }),
    );
    const endpoints = ids(30, (i) =>
      mk(
        `${p}sagemaker:us-east-1:${acct}:endpoint/ep${i}`,
        'inference-endpoint',
        'AWS::SageMaker::Endpoint',
        { dataCaptureConfig: { enableCapture: rng.chance(0.3) } },
      ),
    );
    const notebooks = ids(20, (i) =>
      mk(
        `${p}sagemaker:us-east-1:${acct}:notebook-instance/nb${i}`,
        'notebook',
        'AWS::SageMaker::NotebookInstance',
        {
          directInternetAccess: rng.chance(0.25) ? 'Enabled' : 'Disabled',
          rootAccess: rng.chance(0.5) ? 'Enabled' : 'Disabled',
        },
      ),
    );
    const fns = ids(30, (i) =>
      mk(`${p}lambda:us-east-1:${acct}:function:f${i}`, 'function', 'AWS::Lambda::Function'),
    );
    const agents = ids(10, (i) =>
      mk(`${p}bedrock:us-east-1:${acct}:agent/a${i}`, 'agent', 'AWS::Bedrock::Agent', {
        instruction: rng.chance(0.05) ? 'token «redacted:generic-api-key»' : 'help',
      }),
    );
    const tools = agents.flatMap((ag, i) =>
      ids(3, (t) => mk(`${ag}/action-group/t${t}`, 'agent-tool', 'AWS::Bedrock::AgentActionGroup')).map(
        (t, k) => [t, fns[(i * 3 + k) % fns.length] ?? ''] as const,
      ),
    );
    const kbs = ids(10, (i) =>
      mk(
        `${p}bedrock:us-east-1:${acct}:knowledge-base/kb${i}`,
        'knowledge-base',
        'AWS::Bedrock::KnowledgeBase',
      ),
    );
    const vss = ids(10, (i) =>
      mk(
        `${p}aoss:us-east-1:${acct}:collection/c${i}`,
        'vector-store',
        'AWS::OpenSearchServerless::Collection',
      ),
    );
    const guardrails = ids(5, (i) =>
      mk(`${p}bedrock:us-east-1:${acct}:guardrail/g${i}`, 'guardrail', 'AWS::Bedrock::Guardrail', {
        contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: rng.pick(['NONE', 'HIGH']) }] },
      }),
    );
    mk(
      `${p}bedrock:us-east-1:${acct}:model-invocation-logging`,
      'logging-config',
      'AWS::Bedrock::ModelInvocationLoggingConfiguration',
      { enabled: rng.chance(0.5) },
    );

    // lineage and structure
    jobs.forEach((j, i) => {
      link('reads-from', j, buckets[i] ?? '');
      link('writes-to', j, buckets[50 + i] ?? '');
      link('runs-as', j, rng.pick(roles));
      link('encrypted-by', j, rng.pick(keys));
    });
    models.forEach((m, i) => {
      link('reads-from', m, buckets[50 + i] ?? '');
      link('produced-by', m, jobs[i] ?? '');
      link('runs-as', m, rng.pick(roles));
    });
    endpoints.forEach((ep, i) => {
      link('serves', ep, models[i] ?? '');
    });
    for (const nb of notebooks) {
      link('runs-as', nb, rng.pick(roles));
      link('encrypted-by', nb, rng.pick(keys));
    }
    for (const fn of fns) link('runs-as', fn, rng.pick(roles));
    agents.forEach((ag, i) => {
      link('runs-as', ag, rng.pick(roles));
      link('uses-knowledge-base', ag, kbs[i] ?? '');
      if (rng.chance(0.5)) link('guarded-by', ag, rng.pick(guardrails));
    });
    for (const [tool, fn] of tools) {
      link('uses-tool', tool.slice(0, tool.indexOf('/action-group')), tool);
      link('implemented-by', tool, fn);
    }
    kbs.forEach((kb, i) => {
      link('stores-vectors-in', kb, vss[i] ?? '');
      link('reads-from', kb, buckets[100 + i] ?? '');
      link('runs-as', kb, rng.pick(roles));
    });
    for (const b of buckets) if (rng.chance(0.5)) link('encrypted-by', b, rng.pick(keys));
    users.forEach((u, i) => {
      link('has-key', u, accessKeys[i] ?? '');
      link('member-of', u, rng.pick(groups));
      for (let k = 0; k < 3; k++) link('can-assume', u, rng.pick(roles));
    });
    // access: the bulk of the edges, as in real estates
    for (const r of roles) {
      for (let k = 0; k < 20; k++)
        link(rng.chance(0.3) ? 'can-write' : 'can-read', r, rng.pick(buckets), { actions: ['s3:GetObject'] });
      for (let k = 0; k < 3; k++)
        link('can-invoke', r, rng.pick(endpoints), { actions: ['sagemaker:InvokeEndpoint'] });
      if (rng.chance(0.02)) link('can-assume', rng.pick(foreign), r);
      if (rng.chance(0.005)) link('can-assume', anyone, r);
    }
    for (const g of groups) for (let k = 0; k < 5; k++) link('can-read', g, rng.pick(buckets));
    for (const nb of notebooks)
      if (nb && assets.length && rng.chance(0.25)) link('exposed-to-internet', INTERNET_ID, nb);
    for (const vs of vss) if (rng.chance(0.2)) link('exposed-to-internet', INTERNET_ID, vs);
  }
  return { assets, edges };
}

const graph = await timed(
  'generate',
  () => generate(accounts),
  (g) => ({ assets: g.assets.length, edges: g.edges.length }),
);
const index = await timed('index', () => new RuleGraph(graph));
const result = await timed(
  'evaluate (rules + risk + attack paths + choke points + compliance)',
  () => evaluateGraph(index),
  (r) => ({
    rules: DEFAULT_RULES.length,
    verdicts: [...r.verdicts.values()].reduce((n, v) => n + v.length, 0),
    findings: r.findings.length,
    attackPaths: r.paths.length,
    chokePoints: r.chokePoints.length,
    topChoke: r.chokePoints[0] ? { assetId: r.chokePoints[0].assetId, cuts: r.chokePoints[0].cuts } : null,
    ruleErrors: r.errors.length,
  }),
);
// The same pieces timed on their own, for where the time goes.
const { findAttackPaths, chokePoints } = await import('@aispm/paths');
const paths = await timed(
  'attack paths alone',
  () => findAttackPaths(index),
  (p) => ({ paths: p.length }),
);
await timed(
  'choke points alone',
  () => chokePoints(paths),
  (c) => ({ chokePoints: c.length }),
);
sample();
emit({
  phase: 'in-memory peak',
  peakRssMb: mb(peakRss),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
});

if (withDb) {
  const t = await createTestDatabase('postgres');
  try {
    const tenantId = (await ensureTenant(t.db, 'bench')).id;
    for (const round of ['first (insert)', 'second (idempotent)']) {
      const evalId = await startEvaluation(t.db, tenantId);
      await timed(
        `persist findings: ${round}`,
        () => syncFindings(t.db, tenantId, evalId, result.findings),
        (r) => ({ ...r }),
      );
      await timed(
        `persist attack paths: ${round}`,
        () => syncAttackPaths(t.db, tenantId, result.paths),
        (r) => ({ open: r.open, written: r.written, resolved: r.resolved }),
      );
      await finishEvaluation(t.db, evalId, { bench: true });
    }
  } finally {
    await t.drop();
  }
  emit({
    phase: 'overall peak',
    peakRssMb: mb(peakRss),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}
clearInterval(sampler);
process.exit(0);
