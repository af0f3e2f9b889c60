import { FRAMEWORKS, RULES } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyRuleCatalog } from '../src/wiring.ts';
import { type ApiFixture, apiFixture, awsAsset, bearer, edge, seedFindings, seedGraph } from './helpers.ts';

/** The standard-format exports over the real rule catalog: filters, statuses, tenants and the OSCAL verdicts. */
let f: ApiFixture;
const bucket = awsAsset('111111111111', 'data-store', 'exports-bucket');
const model = awsAsset('111111111111', 'model', 'exports-model');
const endpoint = awsAsset('111111111111', 'inference-endpoint', 'exports-endpoint');
const llm2025 = FRAMEWORKS.find((fw) => fw.id === 'owasp-llm-2025');
const mapped = RULES.find((r) => (r.frameworks['owasp-llm-2025'] ?? []).length > 0);
const unmapped = RULES.find((r) => !r.frameworks['owasp-llm-2025']?.length);
if (!llm2025 || !mapped || !unmapped)
  throw new Error('catalog changed: no rule mapped / unmapped to LLM 2025');
const controlsOf = (r: (typeof RULES)[number]) => Object.values(r.frameworks).flat();

beforeAll(async () => {
  f = await apiFixture({ rules: policyRuleCatalog() });
  await seedGraph(f.db, f.home.id, {
    assets: [bucket, model, endpoint],
    edges: [edge('trained-on', model.id, bucket.id), edge('serves', endpoint.id, model.id)],
  });
  await seedFindings(f.db, f.home.id, [
    { ruleId: mapped.id, assetId: bucket.id, severity: 'high', riskScore: 8, controls: controlsOf(mapped) },
    {
      ruleId: mapped.id,
      assetId: model.id,
      severity: 'high',
      riskScore: 7,
      controls: controlsOf(mapped),
      status: 'suppressed',
    },
    { ruleId: unmapped.id, assetId: model.id, severity: 'low', riskScore: 2, controls: controlsOf(unmapped) },
    {
      ruleId: mapped.id,
      assetId: endpoint.id,
      severity: 'medium',
      riskScore: 5,
      controls: controlsOf(mapped),
      status: 'resolved',
    },
  ]);
  await f.db.execute(`INSERT INTO evaluations (tenant_id, summary, finished_at) VALUES ($1, '{}', now())`, [
    f.home.id,
  ]);
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string, token = f.home.tokens.auditor) => f.app.inject({ url, headers: bearer(token) });

describe('standard exports', () => {
  it('SARIF: every rule in the driver, active and suppressed findings as results, filters honoured', async () => {
    const res = await get('/api/v1/exports/findings.sarif');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/sarif+json');
    const run = res.json().runs[0];
    expect(run.tool.driver.rules).toHaveLength(RULES.length);
    expect(run.results).toHaveLength(3);
    expect(run.results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(1);
    const high = (await get('/api/v1/exports/findings.sarif?severity=low')).json().runs[0].results;
    expect(high.map((r: { ruleId: string }) => r.ruleId)).toEqual([unmapped.id]);
    const framework = (await get('/api/v1/exports/findings.sarif?framework=owasp-llm-2025')).json().runs[0];
    expect(framework.results.map((r: { ruleId: string }) => r.ruleId)).toEqual([mapped.id, mapped.id]);
  });

  it('OCSF: one Detection Finding per finding (all statuses) and Compliance Findings per control', async () => {
    const res = await get('/api/v1/exports/findings.ocsf.jsonl?framework=owasp-llm-2025');
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const detections = lines.filter((l) => l.class_uid === 2004);
    expect(detections.map((d) => d.status_id).sort()).toEqual([1, 3, 4]);
    const compliance = lines.filter((l) => l.class_uid === 2003);
    expect(compliance).toHaveLength(3 * (mapped.frameworks['owasp-llm-2025']?.length ?? 0));
    expect(compliance.every((c) => llm2025.controls.some((x) => x.id === c.compliance.control))).toBe(true);
  });

  it('CycloneDX: the AI inventory with lineage; findings on it as vulnerabilities', async () => {
    const bom = (await get('/api/v1/exports/aibom.cdx.json')).json();
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']).sort()).toEqual(
      [bucket.id, model.id].sort(),
    );
    expect(bom.services.map((s: { 'bom-ref': string }) => s['bom-ref'])).toEqual([endpoint.id]);
    expect(bom.dependencies).toEqual(
      expect.arrayContaining([
        { ref: model.id, dependsOn: [bucket.id] },
        { ref: endpoint.id, dependsOn: [model.id] },
      ]),
    );
    expect(bom.vulnerabilities).toHaveLength(3);
  });

  it('OSCAL: OWASP LLM 2025 by default, failing control not satisfied, unmapped controls not evaluated', async () => {
    const res = await get('/api/v1/exports/assessment-results.oscal.json');
    expect(res.statusCode).toBe(200);
    const result = res.json()['assessment-results'].results[0];
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toHaveLength(
      llm2025.controls.length,
    );
    expect(result.observations).toHaveLength(2);
    const byControl = new Map(
      result.findings.map((x: { target: { 'target-id': string; status: unknown } }) => [
        x.target['target-id'],
        x,
      ]),
    );
    const failing = mapped.frameworks['owasp-llm-2025']?.[0] ?? '';
    const failed = byControl.get(failing.toLowerCase().replace(':', '_')) as
      | { target: { status: unknown }; 'related-observations'?: unknown[] }
      | undefined;
    expect(failed?.target.status).toEqual({ state: 'not-satisfied', reason: 'fail' });
    expect(failed?.['related-observations']).toHaveLength(1);
    const others = result.findings.filter(
      (x: { target: { 'target-id': string } }) =>
        !(mapped.frameworks['owasp-llm-2025'] ?? []).some(
          (c) => c.toLowerCase().replace(':', '_') === x.target['target-id'],
        ),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const x of others) expect(x.target.status).toEqual({ state: 'satisfied', reason: 'pass' });
    const ml = (await get('/api/v1/exports/assessment-results.oscal.json?framework=owasp-ml-2023')).json();
    const ml09 = ml['assessment-results'].results[0].findings.find(
      (x: { target: { 'target-id': string } }) => x.target['target-id'] === 'ml09_2023',
    );
    expect(
      FRAMEWORKS.find((fw) => fw.id === 'owasp-ml-2023')?.controls.find((c) => c.id === 'ML09:2023')
        ?.notEvidenceable,
    ).toBeTruthy();
    expect(ml09.target.status).toEqual({ state: 'not-satisfied', reason: 'other' });
    const catalog = (await get('/api/v1/exports/oscal-catalogs/owasp-llm-2025')).json().catalog;
    expect(catalog.controls).toHaveLength(llm2025.controls.length);
  });

  it('refuses an unknown framework with a 400 and gives another tenant none of these findings', async () => {
    const bad = await get('/api/v1/exports/assessment-results.oscal.json?framework=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message ?? bad.body).toContain('unknown framework');
    const foreign = await get('/api/v1/exports/findings.ocsf.jsonl', f.foreign.tokens.admin);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.body).toBe('');
    const foreignBom = (await get('/api/v1/exports/aibom.cdx.json', f.foreign.tokens.admin)).json();
    expect(foreignBom.components).toEqual([]);
  });
});
