import type { AssetRecord } from '@aispm/core';
import { createToken, ensureTenant } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import {
  policyEvaluator,
  policyFindingActions,
  policyRuleCatalog,
  scanControlFromServices,
} from '../src/wiring.ts';
import { bearer, seedGraph } from './helpers.ts';

const RULE = 'aispm-notebook-direct-internet';

let t: TestDatabase;
let app: FastifyInstance;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await ensureTenant(t.db);
  token = (await createToken(t.db, { tenantId: tenant.id, name: 'admin', role: 'admin' })).token;
  const notebook = (name: string, direct: string): AssetRecord => ({
    id: `arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/${name}`,
    kind: 'notebook',
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    name,
    nativeType: 'AWS::SageMaker::NotebookInstance',
    properties: { directInternetAccess: direct },
    tags: {},
  });
  const workbench: AssetRecord = {
    id: '//notebooks.googleapis.com/projects/ml-prod/locations/us-central1-a/instances/open-wb',
    kind: 'notebook',
    provider: 'gcp',
    accountId: 'ml-prod',
    region: 'us-central1',
    name: 'open-wb',
    nativeType: 'notebooks.googleapis.com/Instance',
    properties: { directInternetAccess: true },
    tags: {},
  };
  await seedGraph(t.db, tenant.id, {
    assets: [notebook('open-nb', 'Enabled'), notebook('closed-nb', 'Disabled'), workbench],
    edges: [],
  });
  app = await buildApp({
    db: t.db,
    rateLimit: false,
    services: {
      scans: scanControlFromServices(() => undefined),
      findings: policyFindingActions(t.db),
      evaluator: policyEvaluator(t.db),
      rules: policyRuleCatalog(),
    },
  });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the API on the real policy engine', () => {
  it('evaluates, then serves findings with rule metadata and framework status', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/v1/evaluations', headers: bearer(token) });
    expect(run.statusCode, run.body).toBe(200);
    const findings = (
      await app.inject({ url: `/api/v1/findings?rule=${RULE}`, headers: bearer(token) })
    ).json();
    const aws = findings.items.find((f: { provider: string }) => f.provider === 'aws');
    expect(findings.items.map((f: { assetName: string }) => f.assetName).sort()).toEqual([
      'open-nb',
      'open-wb',
    ]);
    const detail = (await app.inject({ url: `/api/v1/findings/${aws.id}`, headers: bearer(token) })).json();
    expect(detail.rule).toMatchObject({ id: RULE, severity: 'high' });
    expect(detail.rule.mappings['owasp-ml-2023']).toContain('ML05:2023');

    const byControl = (
      await app.inject({ url: '/api/v1/findings?control=ML05:2023', headers: bearer(token) })
    ).json();
    expect(byControl.items.map((f: { id: string }) => f.id)).toContain(aws.id);

    const ml = (await app.inject({ url: '/api/v1/frameworks/owasp-ml-2023', headers: bearer(token) })).json();
    const ml05 = ml.controls.find((c: { id: string }) => c.id === 'ML05:2023');
    expect(ml05).toMatchObject({ status: 'fail' });
    expect(ml05.rules).toContain(RULE);
    const list = (await app.inject({ url: '/api/v1/frameworks', headers: bearer(token) })).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['owasp-llm-2025', 'mitre-atlas']),
    );

    const latest = (await app.inject({ url: '/api/v1/evaluations/latest', headers: bearer(token) })).json();
    expect(latest.summary).toHaveProperty('findings');
  });

  it("serves each finding the remediation of its own cloud, and the catalog every cloud's", async () => {
    const findings = (
      await app.inject({ url: `/api/v1/findings?rule=${RULE}`, headers: bearer(token) })
    ).json();
    const remediationOf = async (provider: string) => {
      const f = findings.items.find((i: { provider: string }) => i.provider === provider);
      const detail = (await app.inject({ url: `/api/v1/findings/${f.id}`, headers: bearer(token) })).json();
      return detail.rule.remediation;
    };
    const gcp = await remediationOf('gcp');
    expect(gcp.cli).toMatch(/^gcloud workbench /);
    expect(JSON.stringify(gcp)).not.toMatch(/SageMaker|aws /);
    expect((await remediationOf('aws')).cli).toMatch(/^aws sagemaker /);

    const res = await app.inject({ url: '/api/v1/rules', headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const catalog = res.json().items;
    expect(catalog.length).toBeGreaterThanOrEqual(60);
    const rule = catalog.find((r: { id: string }) => r.id === RULE);
    expect(rule.providers).toEqual(['aws', 'azure', 'gcp']);
    expect(Object.keys(rule.remediation).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(rule.remediation.azure.cli).toMatch(/^az ml compute create /);
    expect(rule.concepts.length).toBeGreaterThan(0);
    const onlyAzure = (
      await app.inject({
        url: '/api/v1/rules?provider=azure&framework=owasp-agentic-2026',
        headers: bearer(token),
      })
    ).json().items;
    expect(onlyAzure.length).toBeGreaterThan(0);
    for (const r of onlyAzure) {
      expect(r.providers).toContain('azure');
      expect(r.mappings['owasp-agentic-2026'].length).toBeGreaterThan(0);
    }
    expect(onlyAzure.length).toBeLessThan(catalog.length);
    const bad = await app.inject({ url: '/api/v1/rules?provider=oracle', headers: bearer(token) });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 409 (not a crash) when scanning is not configured for the tenant', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/scans',
      headers: bearer(token),
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('scanning is not configured');
  });
});
