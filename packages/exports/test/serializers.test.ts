import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import {
  collect,
  cycloneDxBom,
  findingsCsv,
  jsonDocument,
  ocsfJsonLines,
  oscalAssessmentResults,
  oscalCatalog,
  sarifLog,
} from '../src/index.ts';
import { ASSETS, EDGES, FRAMEWORK, finding, from, RULE } from './sample.ts';

describe('jsonDocument', () => {
  it('writes streamed members in document order and leaves out empty ones marked omitIfEmpty', async () => {
    const text = await collect(
      jsonDocument({ a: 1, runs: [{ x: 1 }], z: 'end' }, [
        { path: ['runs', '0', 'results'], items: from([1, 2]) },
        { path: ['empty'], items: from([]), omitIfEmpty: true },
        { path: ['kept'], items: from([]) },
      ]),
    );
    expect(JSON.parse(text)).toEqual({ a: 1, runs: [{ x: 1, results: [1, 2] }], z: 'end', kept: [] });
  });

  it('pulls the stream one element at a time', async () => {
    let pulled = 0;
    async function* items() {
      for (let i = 0; i < 1_000; i++) {
        pulled++;
        yield i;
      }
    }
    const chunks = jsonDocument({}, [{ path: ['xs'], items: items() }])[Symbol.asyncIterator]();
    await chunks.next();
    await chunks.next();
    await chunks.next();
    expect(pulled).toBeLessThanOrEqual(2);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', async () => {
    const text = await collect(
      findingsCsv(
        from([finding({ title: '=HYPERLINK("http://x")', assetName: 'a,"b"\nc', controls: ['x', 'y'] })]),
      ),
    );
    const [header, row] = text.split('\r\n');
    expect(header?.startsWith('id,ruleId,title,severity')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain('"a,""b""\nc"');
    expect(row).toContain(',x;y,');
  });
});

describe('SARIF', () => {
  it('lists every rule, reports active and suppressed findings with fingerprints, and skips resolved ones', async () => {
    const doc = JSON.parse(
      await collect(
        sarifLog({
          rules: [RULE],
          findings: from([
            finding(),
            finding({
              id: 's',
              fingerprint: 'fp-2',
              status: 'suppressed',
              suppressReason: 'accepted by CISO',
            }),
            finding({ id: 'r', fingerprint: 'fp-3', status: 'resolved' }),
          ]),
        }),
      ),
    );
    const run = doc.runs[0];
    expect(doc.version).toBe('2.1.0');
    expect(run.tool.driver.rules[0]).toMatchObject({
      id: RULE.id,
      defaultConfiguration: { level: 'error' },
      properties: { tags: expect.arrayContaining(['owasp-llm-2025/LLM04:2025']) },
    });
    expect(run.tool.driver.rules[0].help.text).toContain('Block public access');
    expect(run.results).toHaveLength(2);
    expect(run.results[0]).toMatchObject({
      ruleIndex: 0,
      partialFingerprints: { 'aispmFindingFingerprint/v1': 'fp-1' },
      locations: [
        { logicalLocations: [{ fullyQualifiedName: 'arn:aws:s3:::train-data', kind: 'resource' }] },
      ],
      properties: { 'security-severity': '8.5', evidence: { properties: { publicRead: true } } },
    });
    expect(run.results[0].suppressions).toBeUndefined();
    expect(run.results[1].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'accepted by CISO' },
    ]);
  });
});

describe('OCSF', () => {
  it('writes a Detection Finding per finding and a Compliance Finding per mapped control, as JSON Lines', async () => {
    const lines = (
      await collect(
        ocsfJsonLines({
          findings: from([
            finding(),
            finding({ id: 'z', status: 'resolved', resolvedAt: '2026-12-05T00:00:00.000Z' }),
          ]),
          rule: (id) => (id === RULE.id ? RULE : undefined),
          frameworks: [
            FRAMEWORK,
            { id: 'mitre-atlas', title: 'MITRE ATLAS', controls: [{ id: 'AML.T0020' }] },
          ],
        }),
      )
    )
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.class_uid)).toEqual([2004, 2003, 2003, 2004, 2003, 2003]);
    for (const l of lines) expect(l.type_uid).toBe(l.class_uid * 100 + l.activity_id);
    expect(lines[0]).toMatchObject({
      severity_id: 4,
      status_id: 1,
      finding_info: { uid: 'fp-1', types: [RULE.id] },
      resources: [{ uid: 'arn:aws:s3:::train-data', provider: 'AWS', region: 'us-east-1' }],
      cloud: { account: { uid: '111111111111' } },
      risk_score: 85,
    });
    expect(lines[0].finding_info.name).toBeUndefined();
    expect(lines[1].compliance).toMatchObject({ control: 'LLM04:2025', status_id: 3 });
    expect(lines[3]).toMatchObject({
      activity_id: 3,
      status_id: 4,
      time: Date.parse('2026-12-05T00:00:00.000Z'),
    });
    expect(lines[4].compliance.status_id).toBe(1);
  });
});

describe('CycloneDX', () => {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const bom = async () =>
    JSON.parse(
      await collect(
        cycloneDxBom({
          assets: () => from(ASSETS),
          edges: from(EDGES),
          findings: from([finding()]),
          generatedAt: new Date('2026-12-04T12:00:00Z'),
        }),
      ),
    );

  it('is a valid 1.6 ML-BOM: model card, data, service, lineage and the finding as a vulnerability', async () => {
    const doc = await bom();
    expect(await validator.validate(JSON.stringify(doc))).toBeNull();
    const model = doc.components.find((c: { type: string }) => c.type === 'machine-learning-model');
    expect(model.modelCard.modelParameters).toEqual({
      architectureFamily: 'llama',
      datasets: [{ ref: 'arn:aws:s3:::train-data' }],
    });
    expect(doc.components.map((c: { name: string }) => c.name)).not.toContain('r');
    expect(doc.services[0].name).toBe('e1');
    expect(doc.dependencies).toContainEqual({
      ref: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/e1',
      dependsOn: ['arn:aws:bedrock:us-east-1:111111111111:custom-model/m1'],
    });
    expect(doc.vulnerabilities[0].affects).toEqual([{ ref: 'arn:aws:s3:::train-data' }]);
  });

  it('fails validation once one field is broken, so the validator does run', async () => {
    const doc = await bom();
    doc.components[0].type = 'ai-thing';
    expect(await validator.validate(JSON.stringify(doc))).not.toBeNull();
  });
});

describe('OSCAL', () => {
  it('reviews every control, never calls a not-evaluated control satisfied, and links observations', async () => {
    const doc = JSON.parse(
      await collect(
        oscalAssessmentResults({
          framework: FRAMEWORK,
          evaluation: {
            id: 'ev1',
            startedAt: '2026-12-04T10:00:00.000Z',
            finishedAt: '2026-12-04T10:01:00.000Z',
          },
          findings: from([finding()]),
          controls: [
            {
              id: 'LLM04:2025',
              title: 'Data and Model Poisoning',
              verdict: 'not-satisfied',
              observationIds: () => from([finding().id]),
            },
            {
              id: 'LLM09:2025',
              title: 'Misinformation',
              verdict: 'not-evaluated',
              reason: 'not evidenceable',
              observationIds: () => from([]),
            },
          ],
          generatedAt: new Date('2026-12-04T12:00:00Z'),
          catalogHref: 'owasp-llm-2025.catalog.json',
        }),
      ),
    );
    const result = doc['assessment-results'].results[0];
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toEqual([
      { 'control-id': 'llm04_2025' },
      { 'control-id': 'llm09_2025' },
    ]);
    expect(result.observations).toHaveLength(1);
    const [poisoning, misinformation] = result.findings;
    expect(poisoning.target.status).toEqual({ state: 'not-satisfied', reason: 'fail' });
    expect(poisoning['related-observations']).toEqual([{ 'observation-uuid': result.observations[0].uuid }]);
    expect(misinformation.target.status).toEqual({ state: 'not-satisfied', reason: 'other' });
    expect(misinformation['related-observations']).toBeUndefined();
    const catalog = oscalCatalog(FRAMEWORK, new Date('2026-12-04T12:00:00Z')).catalog;
    expect(catalog.controls.map((c) => c.id)).toEqual(['llm04_2025', 'llm09_2025']);
    expect(catalog.controls[0]?.props[0]).toEqual({ name: 'label', value: 'LLM04:2025' });
  });
});
