import { readFileSync } from 'node:fs';
import { type RunningDemo, runDemo } from '@aispm/cli/src/demo.ts';
import { BOM_KINDS } from '@aispm/exports';
import { FRAMEWORKS } from '@aispm/policy';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import draft04 from 'ajv-draft-04';
import formats from 'ajv-formats';

// ajv-formats is CommonJS with its function as `default`.
const addFormats = formats as unknown as typeof formats.default;
const AjvDraft04 = draft04 as unknown as typeof draft04.default;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOcsfClass } from '../src/ocsf-schema.ts';
import { standardPath } from '../src/standards.ts';

/**
 * Every export format against its official schema, on the `medium` estate of all three simulated clouds
 * through the real pipeline (cloud-sim → connectors → scan → evaluation → API), fetched over HTTP as a GRC
 * tool would. Each validator is also shown a record with one field broken, and must refuse it.
 */
let demo: RunningDemo;
let findings: { id: string; status: string; provider: string; asset_kind: string | null }[];

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function fetchText(path: string): Promise<string> {
  const res = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${demo.adminToken}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.text();
}

/** ajv's errors, short enough to read in a failure message. */
const explain = (errors: unknown) => JSON.stringify(errors)?.slice(0, 1_500);

beforeAll(async () => {
  demo = await runDemo({ port: 0, quiet: true, buildWeb: false, scale: 'medium' });
  findings = await demo.db.query(
    `SELECT f.id, f.status, f.provider, a.kind AS asset_kind FROM findings f
       LEFT JOIN assets a ON a.tenant_id = f.tenant_id AND a.id = f.asset_id`,
  );
}, 900_000);
afterAll(async () => {
  await demo?.close();
});

describe('the medium estate', () => {
  it('has findings on all three clouds', () => {
    expect(new Set(findings.map((f) => f.provider))).toEqual(new Set(['aws', 'azure', 'gcp']));
    expect(findings.length).toBeGreaterThan(100);
  });
});

describe('SARIF 2.1.0 (OASIS schema, draft-04)', () => {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(json(standardPath('sarif-2.1.0', 'sarif-schema-2.1.0.json')));

  it('validates, with one result per active or suppressed finding', async () => {
    const log = JSON.parse(await fetchText('/api/v1/exports/findings.sarif'));
    expect(validate(log), explain(validate.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(findings.filter((f) => f.status !== 'resolved').length);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'critical';
    expect(validate(broken)).toBe(false);
  });
});

describe('OCSF 1.8.0 (classes compiled from the OCSF source)', () => {
  const root = standardPath('ocsf-1.8.0');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validators = {
    2004: ajv.compile(compileOcsfClass(root, 'detection_finding', ['cloud'])),
    2003: ajv.compile(compileOcsfClass(root, 'compliance_finding', ['cloud'])),
  } as const;

  it('validates every Detection Finding (one per finding) and every Compliance Finding', async () => {
    const lines = (await fetchText('/api/v1/exports/findings.ocsf.jsonl'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const line of lines) {
      const validate = validators[line.class_uid as 2004 | 2003];
      expect(validate, `class ${line.class_uid}`).toBeDefined();
      expect(validate(line), `${line.metadata.uid}: ${explain(validate.errors)}`).toBe(true);
    }
    expect(lines.filter((l) => l.class_uid === 2004)).toHaveLength(findings.length);
    expect(lines.filter((l) => l.class_uid === 2003).length).toBeGreaterThan(findings.length);
    const detection = structuredClone(lines.find((l) => l.class_uid === 2004));
    detection.finding_info.name = 'not an OCSF field';
    expect(validators[2004](detection)).toBe(false);
    const compliance = structuredClone(lines.find((l) => l.class_uid === 2003));
    compliance.compliance.status_id = 7;
    expect(validators[2003](compliance)).toBe(false);
  });
});

describe('CycloneDX 1.6 (the library validator, strict JSON schema)', () => {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

  it('validates the ML-BOM of every AI asset, with findings on them as vulnerabilities', async () => {
    const text = await fetchText('/api/v1/exports/aibom.cdx.json');
    expect(await validator.validate(text)).toBeNull();
    const bom = JSON.parse(text);
    const [count] = await demo.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assets WHERE removed_at IS NULL AND kind = ANY($1::text[])`,
      [BOM_KINDS],
    );
    expect(bom.components.length + bom.services.length).toBe(count?.n);
    expect(bom.components.some((c: { type: string }) => c.type === 'machine-learning-model')).toBe(true);
    expect(bom.dependencies.length).toBeGreaterThan(0);
    expect(bom.vulnerabilities.length).toBeGreaterThan(0);
    bom.components[0].type = 'model';
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
  });
});

describe('OSCAL 1.1.3 (NIST JSON schemas, unicode regexps)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const results = ajv.compile(json(standardPath('oscal-1.1.3', 'oscal_assessment-results_schema.json')));
  const catalogs = ajv.compile(json(standardPath('oscal-1.1.3', 'oscal_catalog_schema.json')));

  it.each(FRAMEWORKS.map((f) => [f.id]))(
    'validates the %s assessment results and catalog, ids resolving',
    async (id) => {
      const doc = JSON.parse(
        await fetchText(`/api/v1/exports/assessment-results.oscal.json?framework=${id}`),
      );
      expect(results(doc), explain(results.errors)).toBe(true);
      const catalog = JSON.parse(await fetchText(`/api/v1/exports/oscal-catalogs/${id}`));
      expect(catalogs(catalog), explain(catalogs.errors)).toBe(true);
      const controlIds = new Set(catalog.catalog.controls.map((c: { id: string }) => c.id));
      const result = doc['assessment-results'].results[0];
      for (const x of result.findings) expect(controlIds.has(x.target['target-id'])).toBe(true);
      expect(result.findings).toHaveLength(controlIds.size);
      const broken = structuredClone(doc);
      broken['assessment-results'].results[0].findings[0].target.status.state = 'passed';
      expect(results(broken)).toBe(false);
      catalog.catalog.controls[0].id = 'LLM01:2025';
      expect(catalogs(catalog)).toBe(false);
    },
  );
});
