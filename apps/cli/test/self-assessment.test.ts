import { type Manifest, RISK_CONCEPTS } from '@aispm/core';
import { MATURITY_CRITERIA, SELF_ASSESSMENT_QUESTIONS } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, runDemo } from '../src/demo.ts';

/**
 * Must-show: the self-assessment and the maturity stage on the `medium` estate, held to what the simulator's
 * manifest implies. The expectations are computed from the manifest's planted risks and assets (through each
 * question's risk concepts, which are the question's definition), never written down as results.
 */
interface Answer {
  id: string;
  answer: 'yes' | 'no' | 'partly' | null;
  status: string;
  points: number;
  evidence: { label: string; count: number }[];
}
interface SelfAssessment {
  answers: Answer[];
  score: number;
  band: { id: string };
  trend: { evaluationId: string; score: number; stage: number }[];
}
interface Maturity {
  stage: number;
  next: { stage: number; missing: { id: string }[]; met: { id: string }[] } | null;
}

const POINTS = { yes: 0, partly: 5, no: 10 } as const;

/** What the planted risks say about a question answered through risk concepts. */
function expectedFromManifest(manifest: Manifest, concepts: readonly string[]): 'yes' | 'no' | 'partly' {
  const planted = manifest.risks.filter((r) => concepts.includes(r.concept));
  if (planted.length === 0) return 'yes';
  return planted.some((r) => r.severity === 'critical' || r.severity === 'high') ? 'no' : 'partly';
}

function band(score: number): string {
  return score <= 10 ? 'advanced' : score <= 20 ? 'moderate' : 'high-risk';
}

describe('self-assessment and maturity on the medium estate, from evidence', () => {
  let demo: RunningDemo;
  let manifest: Manifest;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${demo.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${demo.adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const get = async <T>(path: string): Promise<T> => {
    const res = await call('GET', path);
    expect(res.status, path).toBe(200);
    return res.body as T;
  };

  beforeAll(async () => {
    demo = await runDemo({ port: 0, quiet: true, buildWeb: false, scale: 'medium', seed: 42 });
    manifest = demo.sim.manifest;
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('answers every evidence question as the planted risks imply, with the evidence behind it', async () => {
    const scan = await get<{ status: string; tasksFailed: number }>(`/scans/${demo.scanId}`);
    expect(scan.tasksFailed).toBe(0);
    const assessment = await get<SelfAssessment>('/self-assessment');
    expect(assessment.answers.map((a) => a.id)).toEqual(SELF_ASSESSMENT_QUESTIONS.map((q) => q.id));
    let expectedScore = 0;
    const seen = new Set<string>();
    for (const q of SELF_ASSESSMENT_QUESTIONS) {
      const got = assessment.answers.find((a) => a.id === q.id);
      if (!got) throw new Error(`${q.id} missing`);
      if (q.source.kind === 'concepts') {
        const expected = expectedFromManifest(manifest, q.source.concepts);
        seen.add(expected);
        expect(got.answer, q.id).toBe(expected);
        // Every planted concept of the question shows up as a line of evidence counting its assets.
        for (const concept of new Set(manifest.risks.map((r) => r.concept))) {
          if (!q.source.concepts.includes(concept)) continue;
          const planted = new Set(manifest.risks.filter((r) => r.concept === concept).map((r) => r.assetId));
          const line = got.evidence.find((e) => e.label.startsWith(RISK_CONCEPTS[concept].title));
          expect(line, `${q.id} evidence for ${concept}`).toBeDefined();
          expect(line?.count, `${q.id} ${concept}`).toBeGreaterThanOrEqual(planted.size);
        }
        expectedScore += POINTS[expected];
      } else if (q.source.kind === 'inventory') {
        // A complete scan: the inventory holds exactly the manifest's models.
        expect(got.answer).toBe('yes');
        const models = manifest.assets.filter((a) => a.kind === 'model').length;
        expect(got.evidence.find((e) => e.label.startsWith('Models'))?.count).toBe(models);
      } else {
        expect(got).toMatchObject({ answer: null, status: 'unanswered', points: 10 });
        expectedScore += 10;
      }
    }
    // The medium estate exercises more than one kind of answer.
    expect(seen.size).toBeGreaterThan(1);
    expect(assessment.score).toBe(expectedScore);
    expect(assessment.band.id).toBe(band(expectedScore));
  });

  it('stores the answers the platform cannot see, audited, and scores them', async () => {
    const before = await get<SelfAssessment>('/self-assessment');
    const put = await call('PUT', '/governance/answers/q4', {
      answer: 'yes',
      note: 'Falco rules for inference pods',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ answer: 'yes', note: 'Falco rules for inference pods' });
    expect((await call('PUT', '/governance/answers/q10', { answer: 'partly' })).status).toBe(200);
    const after = await get<SelfAssessment>('/self-assessment');
    expect(after.score).toBe(before.score - 10 - 5);
    expect(after.answers.find((a) => a.id === 'q4')).toMatchObject({ answer: 'yes', status: 'answered' });
    // A question the platform answers from evidence cannot be overridden.
    const refused = await call('PUT', '/governance/answers/q5', { answer: 'yes' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('q5');
    const audit = await get<{
      items: { action: string; target: string | null; details: { body?: unknown } }[];
    }>('/audit-log?action=governance.answer');
    expect(audit.items.length).toBe(2);
  });

  it('estimates the maturity stage with the criteria missing for the next one', async () => {
    const planted = new Set(manifest.risks.map((r) => r.concept));
    const stage2Platform = MATURITY_CRITERIA.filter((c) => c.stage === 2 && c.source === 'platform');
    // What the manifest says about each platform criterion of stage 2.
    const expectedMissing = stage2Platform
      .filter((c) => {
        if (c.id === 's2-prompt-logging') return planted.has('invocation-logging-disabled');
        if (c.id === 's2-content-filters') return !manifest.assets.some((a) => a.kind === 'guardrail');
        if (c.id === 's2-managed-genai') return !manifest.assets.some((a) => a.kind === 'model');
        return false; // a complete scan and an evaluation mapping NIST AI 600-1
      })
      .map((c) => c.id);
    expect((await call('PUT', '/governance/answers/s2-red-team-chosen', { answer: 'yes' })).status).toBe(200);
    const maturity = await get<Maturity>('/maturity');
    expect(maturity.next?.stage).toBe(maturity.stage + 1);
    expect(maturity.next?.missing.map((c) => c.id).sort()).toEqual(expectedMissing.sort());
    expect(maturity.stage).toBe(expectedMissing.length === 0 ? 2 : 1);
  });

  it('keeps a trend across evaluations', async () => {
    const first = await get<SelfAssessment>('/self-assessment');
    expect(first.trend.length).toBe(1);
    const run = await call('POST', '/evaluations');
    expect(run.status).toBe(200);
    const second = await get<SelfAssessment>('/self-assessment');
    expect(second.trend.length).toBe(2);
    // The new evaluation scored the answers given since the first one.
    expect(second.trend[1]?.score).toBe(second.score);
    expect(second.trend[1]?.score).toBeLessThan(second.trend[0]?.score ?? 0);
  });
});
