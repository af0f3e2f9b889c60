import { randomUUID } from 'node:crypto';
import { type AssetRecord, type EdgeRecord, externalPrincipalId, INTERNET_ID } from '@aispm/core';
import { countFindings, ensureTenant, listAttackPaths, writeGraphBatch } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { DEFAULT_RULES, evaluateGraph, findingFingerprint } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../src/index.ts';

const ACCT = '111111111111';
const R = 'us-east-1';
const NB = `arn:aws:sagemaker:${R}:${ACCT}:notebook-instance/research`;
const ROLE = `arn:aws:iam::${ACCT}:role/research-exec`;
const TRAIN = 'arn:aws:s3:::train-pii';
const JOB = `arn:aws:sagemaker:${R}:${ACCT}:training-job/churn`;
const MODEL = `arn:aws:bedrock:${R}:${ACCT}:custom-model/churn`;
const EXT = externalPrincipalId('aws', '999999999999');
const VENDOR = `arn:aws:iam::${ACCT}:role/vendor`;

function a(
  id: string,
  kind: AssetRecord['kind'],
  nativeType: string,
  properties: Record<string, unknown> = {},
  tags: Record<string, string> = {},
): AssetRecord {
  const pseudo = id.startsWith('aispm:');
  return {
    id,
    kind,
    provider: 'aws',
    accountId: pseudo ? 'global' : ACCT,
    region: pseudo ? 'global' : R,
    name: id.split(/[:/]/).pop() ?? id,
    nativeType,
    properties,
    tags,
  };
}
const e = (
  kind: EdgeRecord['kind'],
  from: string,
  to: string,
  properties: Record<string, unknown> = {},
): EdgeRecord => ({ kind, from, to, properties });

function estate() {
  const assets = [
    a(INTERNET_ID, 'internet', 'aispm::Internet'),
    a(EXT, 'external-principal', 'aispm::ExternalPrincipal'),
    a(NB, 'notebook', 'AWS::SageMaker::NotebookInstance', {
      directInternetAccess: 'Enabled',
      rootAccess: 'Disabled',
    }),
    a(ROLE, 'identity', 'AWS::IAM::Role'),
    a(VENDOR, 'identity', 'AWS::IAM::Role'),
    a(
      TRAIN,
      'data-store',
      'AWS::S3::Bucket',
      { versioning: { status: 'Enabled' } },
      { 'data-classification': 'pii' },
    ),
    a(JOB, 'training-job', 'AWS::SageMaker::TrainingJob', { enableNetworkIsolation: true }),
    a(MODEL, 'model', 'AWS::Bedrock::CustomModel', {}, { owner: 'ml' }),
  ];
  const edges = [
    e('exposed-to-internet', INTERNET_ID, NB),
    e('runs-as', NB, ROLE),
    e('can-write', ROLE, TRAIN, { actions: ['s3:PutObject'] }),
    e('reads-from', JOB, TRAIN),
    e('trained-on', MODEL, TRAIN),
    e('can-assume', EXT, VENDOR),
    e('can-write', VENDOR, TRAIN, { actions: ['s3:PutObject'] }),
  ];
  return { assets, edges };
}

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await ensureTenant(t.db, 'policy-eval')).id;
  await writeGraphBatch(
    t.db,
    { tenantId, scanId: randomUUID(), source: 'test@global', accountId: ACCT },
    estate(),
  );
});
afterAll(async () => {
  await t?.drop();
});

async function events(): Promise<number> {
  const [r] = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM finding_events WHERE tenant_id = $1',
    [tenantId],
  );
  return r?.n ?? 0;
}

describe('evaluateGraph (in memory)', () => {
  it('finds the planted risks with concepts, controls and risk reasons', () => {
    const result = evaluateGraph(estate());
    expect(result.errors).toEqual([]);
    const byRule = new Map(result.findings.map((f) => [`${f.ruleId}|${f.assetId}`, f]));
    const poison = byRule.get(`aispm-data-store-poisonable|${TRAIN}`);
    expect(poison?.controls).toEqual(
      expect.arrayContaining(['LLM04:2025', 'LLM05:2026', 'ML02:2023', 'AML.T0020']),
    );
    expect(poison?.riskReasons.join(' ')).toMatch(/sensitive data/);
    expect(poison?.riskScore).toBeGreaterThan(9);
    expect(byRule.has(`aispm-notebook-direct-internet|${NB}`)).toBe(true);
    expect(byRule.has(`aispm-role-cross-account-trust|${VENDOR}`)).toBe(true);
    expect(byRule.get(`aispm-notebook-direct-internet|${NB}`)?.riskReasons.join(' ')).toMatch(/internet/);
    // nothing fails on what is configured well
    expect(byRule.has(`aispm-model-no-network-isolation|${JOB}`)).toBe(false);
    expect(byRule.has(`aispm-data-store-versioning-disabled|${TRAIN}`)).toBe(false);
    expect(result.paths.map((p) => p.hops.map((h) => h.assetId))).toEqual(
      expect.arrayContaining([
        [INTERNET_ID, NB, ROLE, TRAIN],
        [EXT, VENDOR, TRAIN],
      ]),
    );
  });
});

describe('runEvaluation', () => {
  it('persists findings, attack paths and a summary the CLI can print', async () => {
    const summary = await runEvaluation(t.db, tenantId);
    expect(summary.rules).toBe(DEFAULT_RULES.length);
    expect(summary.attackPaths).toBeGreaterThanOrEqual(2);
    expect(summary.changes.opened).toBeGreaterThan(3);
    expect(summary.findings.byStatus.open).toBe(summary.changes.opened);
    expect(Object.keys(summary.frameworks).sort()).toEqual([
      'eu-ai-act',
      'iso-42001',
      'mitre-atlas',
      'nist-ai-600-1',
      'owasp-agentic-2026',
      'owasp-llm-2025',
      'owasp-llm-2026',
      'owasp-ml-2023',
    ]);
    expect(summary.frameworks['owasp-llm-2025']?.failing).toBeGreaterThan(0);
    const stored = await listAttackPaths(t.db, tenantId);
    expect(stored.length).toBe(summary.attackPaths);
    // choke point paths are attack_paths row ids the API can open
    const ids = new Set(stored.map((p) => p.id));
    expect(summary.chokePoints.length).toBeGreaterThan(0);
    for (const c of summary.chokePoints) for (const p of c.paths) expect(ids.has(p)).toBe(true);
    const [row] = await t.db.query<{ summary: { rules: number } }>(
      'SELECT summary FROM evaluations WHERE id = $1',
      [summary.evaluationId],
    );
    expect(row?.summary.rules).toBe(DEFAULT_RULES.length);
  });

  it('is idempotent: a second run changes no status and writes no finding event', async () => {
    const before = await events();
    const counts = await countFindings(t.db, tenantId);
    const again = await runEvaluation(t.db, tenantId);
    expect(again.changes).toEqual({ opened: 0, reopened: 0, resolved: 0, unsuppressed: 0 });
    expect(await events()).toBe(before);
    expect(await countFindings(t.db, tenantId)).toEqual(counts);
  });

  it('resolves the finding and the attack path when the exposure is fixed', async () => {
    await t.db.execute(
      `UPDATE edges SET removed_at = now() WHERE tenant_id = $1 AND kind = 'exposed-to-internet'`,
      [tenantId],
    );
    await t.db.execute(
      `UPDATE assets SET properties = properties || '{"directInternetAccess":"Disabled"}'::jsonb WHERE tenant_id = $1 AND id = $2`,
      [tenantId, NB],
    );
    const fixed = await runEvaluation(t.db, tenantId);
    expect(fixed.changes.resolved).toBeGreaterThanOrEqual(1);
    const [f] = await t.db.query<{ status: string }>(
      'SELECT status FROM findings WHERE tenant_id = $1 AND fingerprint = $2',
      [tenantId, findingFingerprint('aispm-notebook-direct-internet', NB)],
    );
    expect(f?.status).toBe('resolved');
    const open = await listAttackPaths(t.db, tenantId);
    expect(open.every((p) => p.entryId !== INTERNET_ID)).toBe(true);
    expect(open.some((p) => p.entryId === EXT)).toBe(true);
  });

  it('rejects a tenant id that is not a UUID with a clear error, before touching the database', async () => {
    await expect(runEvaluation(t.db, 'default')).rejects.toThrow(/tenantId must be a tenant UUID/);
    await expect(runEvaluation(t.db, tenantId, { scanId: 'x' })).rejects.toThrow(/scanId/);
  });

  it('evaluates an empty graph to an empty result', () => {
    const empty = evaluateGraph({ assets: [], edges: [] });
    expect(empty.findings).toEqual([]);
    expect(empty.paths).toEqual([]);
    expect(empty.chokePoints).toEqual([]);
    expect(empty.compliance.length).toBe(8);
  });
});
