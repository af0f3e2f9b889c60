import type { GovernanceEvidence } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { assessMaturity, assessSelf, scoreBand } from '../src/index.ts';

const COMPLETE_SCAN = {
  id: 's1',
  status: 'succeeded',
  finishedAt: '2026-12-04T00:00:00.000Z',
  tasksTotal: 40,
  tasksFailed: 0,
  failedServices: [],
};

function evidence(over: Partial<GovernanceEvidence> = {}): GovernanceEvidence {
  return {
    scan: COMPLETE_SCAN,
    evaluation: { id: 'e1', finishedAt: '2026-12-04T00:00:00.000Z', frameworks: ['nist-ai-600-1'] },
    assetCounts: { model: 3, 'inference-endpoint': 1, guardrail: 1 },
    contentFilters: 1,
    openFindings: [],
    notEvaluated: [],
    answers: {},
    usagePolicyConfigured: false,
    ...over,
  };
}

const answerOf = (e: GovernanceEvidence, id: string) => assessSelf(e).answers.find((a) => a.id === id);

describe('self-assessment (seed 002) from evidence', () => {
  it('answers "yes" where no open finding stands against a question, "no" on a high one, "partly" on a medium one', () => {
    const clean = evidence();
    expect(answerOf(clean, 'q5')?.answer).toBe('yes');
    const exposed = evidence({
      openFindings: [{ ruleId: 'aispm-endpoint-public-access', assetId: 'ep1', severity: 'high' }],
    });
    expect(answerOf(exposed, 'q5')).toMatchObject({ answer: 'no', points: 10 });
    expect(answerOf(exposed, 'q5')?.evidence[0]).toMatchObject({ count: 1, assetIds: ['ep1'] });
    const keys = evidence({
      openFindings: [{ ruleId: 'aispm-identity-long-lived-key', assetId: 'u1', severity: 'medium' }],
    });
    expect(answerOf(keys, 'q9')).toMatchObject({ answer: 'partly', points: 5 });
  });

  it('turns a clean answer over an incomplete inventory into "partly", naming what could not be read', () => {
    const gap = evidence({
      scan: { ...COMPLETE_SCAN, status: 'partial', tasksFailed: 2, failedServices: ['aws/sagemaker'] },
    });
    expect(answerOf(gap, 'q1')?.answer).toBe('partly');
    expect(answerOf(gap, 'q5')?.answer).toBe('partly');
    expect(answerOf(gap, 'q5')?.evidence[0]?.label).toContain('aws/sagemaker');
  });

  it('does not call a question clean when the checks behind it could not be evaluated', () => {
    const unread = evidence({ notEvaluated: [{ ruleId: 'aispm-endpoint-public-access', assetId: 'ep9' }] });
    expect(answerOf(unread, 'q5')).toMatchObject({ answer: 'partly', points: 5 });
    expect(answerOf(unread, 'q5')?.evidence[0]).toMatchObject({ count: 1, assetIds: ['ep9'] });
    expect(answerOf(unread, 'q7')?.answer).toBe('yes');
  });

  it('answers nothing before a scan and an evaluation, and scores the gaps like "no"', () => {
    const none = evidence({ scan: null, evaluation: null, assetCounts: {}, contentFilters: 0 });
    const result = assessSelf(none);
    expect(result.answers.every((a) => a.answer === null)).toBe(true);
    expect(result.answers.filter((a) => a.status === 'not-evaluated').length).toBe(8);
    expect(result.score).toBe(100);
    expect(result.band.id).toBe('high-risk');
  });

  it("scores user answers and puts the seed's bands at its edges", () => {
    const answered = evidence({
      answers: {
        q4: { answer: 'yes', note: null, answeredBy: 'me', answeredAt: '2026-12-04T00:00:00.000Z' },
        q10: { answer: 'partly', note: 'draft', answeredBy: 'me', answeredAt: '2026-12-04T00:00:00.000Z' },
      },
    });
    const result = assessSelf(answered);
    expect(result.score).toBe(5);
    expect(result.counts).toEqual({ yes: 9, no: 0, partly: 1, unanswered: 0 });
    expect([0, 10, 11, 20, 21, 30].map((s) => scoreBand(s).id)).toEqual([
      'advanced',
      'advanced',
      'moderate',
      'moderate',
      'high-risk',
      'high-risk',
    ]);
  });
});

describe('maturity stage (seed 004) from evidence', () => {
  it('stays at stage 1 until every stage-2 criterion is met, listing the missing ones', () => {
    const m = assessMaturity(evidence());
    expect(m.stage).toBe(1);
    expect(m.next?.missing.map((c) => c.id)).toEqual(['s2-red-team-chosen']);
  });

  it('counts content filters, not tool-call policy engines, as native content filters', () => {
    // Guardrail-kind assets exist, but all are AgentCore Policy engines: no content is filtered.
    const enginesOnly = assessMaturity(
      evidence({ assetCounts: { model: 3, guardrail: 2 }, contentFilters: 0 }),
    );
    expect(enginesOnly.next?.missing.map((c) => c.id)).toContain('s2-content-filters');
    const filtered = assessMaturity(evidence({ contentFilters: 1 }));
    expect(filtered.next?.missing.map((c) => c.id)).not.toContain('s2-content-filters');
  });

  it('climbs stage by stage, never skipping an unmet stage', () => {
    const yes = {
      answer: 'yes' as const,
      note: null,
      answeredBy: 'me',
      answeredAt: '2026-12-04T00:00:00.000Z',
    };
    const allUser = Object.fromEntries(
      [
        's2-red-team-chosen',
        's3-red-team-ci',
        's3-eu-ai-act',
        's4-iso-42001',
        's4-model-cards',
        's4-adversarial-eval',
        's4-grc-evidence',
        's4-risk-owner',
      ].map((id) => [id, yes]),
    );
    // No usage policy: stage 3 is out of reach, so stage 4's answers do not count.
    expect(assessMaturity(evidence({ answers: allUser })).stage).toBe(2);
    const governed = assessMaturity(evidence({ answers: allUser, usagePolicyConfigured: true }));
    expect(governed.stage).toBe(4);
    expect(governed.next).toBeNull();
    const guardrailGap = assessMaturity(
      evidence({
        answers: allUser,
        usagePolicyConfigured: true,
        openFindings: [{ ruleId: 'aispm-agent-no-guardrail', assetId: 'a1', severity: 'high' }],
      }),
    );
    expect(guardrailGap.stage).toBe(2);
    expect(guardrailGap.next?.missing.map((c) => c.id)).toEqual(['s3-runtime-guardrail']);
  });
});
