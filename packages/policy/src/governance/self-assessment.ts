import type { RiskConcept } from '@aispm/core';
import {
  type Answer,
  answerFromConcepts,
  count,
  coverageGap,
  type EvidenceItem,
  type GovernanceEvidence,
  type UserAnswer,
  unevaluated,
} from './evidence.ts';

/**
 * The ten questions of the AI security self-assessment (seed 002, "Assess your security program for AI"). Most are
 * answered from the graph and the open findings through the risk concepts that evidence them; the two the platform
 * cannot see (runtime monitoring, an incident response plan) are answered by the user.
 */
export type QuestionSource =
  | { kind: 'concepts'; concepts: readonly RiskConcept[] }
  | { kind: 'inventory' }
  | { kind: 'user' };

export interface AssessmentQuestion {
  id: string;
  number: number;
  text: string;
  /** What "yes" takes, in the platform's terms. */
  basis: string;
  source: QuestionSource;
}

export const SELF_ASSESSMENT_QUESTIONS: readonly AssessmentQuestion[] = [
  {
    id: 'q1',
    number: 1,
    text: 'Can you identify all AI models in your environment?',
    basis: 'The latest scan read every account, region and service without a gap.',
    source: { kind: 'inventory' },
  },
  {
    id: 'q2',
    number: 2,
    text: "Are permissions for accessing your AI applications strictly limited to what's necessary?",
    basis:
      'No identity holds wildcard AI actions, PassRole on *, a primitive role, and no agent can write or delete data.',
    source: {
      kind: 'concepts',
      concepts: [
        'role-ai-wildcard-actions',
        'role-passrole-wildcard',
        'identity-primitive-role',
        'agent-excessive-agency',
      ],
    },
  },
  {
    id: 'q3',
    number: 3,
    text: 'Do you know which data sources your AI models can access? Are they protected?',
    basis:
      'Training and knowledge-base data is neither public nor writable/readable from outside, is encrypted with a customer key, versioned and access-logged.',
    source: {
      kind: 'concepts',
      concepts: [
        'data-store-public',
        'data-store-broad-write',
        'data-store-external-read',
        'sensitive-model-internet-facing',
        'no-cmk-encryption',
        'data-store-versioning-disabled',
        'data-store-access-logging-disabled',
      ],
    },
  },
  {
    id: 'q4',
    number: 4,
    text: 'Are you actively monitoring for runtime anomalies?',
    basis: 'Runtime behaviour is outside what a posture scan sees: answered by you.',
    source: { kind: 'user' },
  },
  {
    id: 'q5',
    number: 5,
    text: 'Do you know if your AI workloads are publicly exposed?',
    basis: 'No endpoint, notebook, vector store, AI service or data store is reachable from the internet.',
    source: {
      kind: 'concepts',
      concepts: [
        'endpoint-public-access',
        'vector-store-public-network',
        'ai-service-public-network',
        'data-store-public',
        'notebook-direct-internet',
        'sensitive-model-internet-facing',
      ],
    },
  },
  {
    id: 'q6',
    number: 6,
    text: 'Does your CSP have AI monitoring enabled by default?',
    basis: 'Model invocation / diagnostic logging and endpoint data capture are on.',
    source: { kind: 'concepts', concepts: ['invocation-logging-disabled', 'data-capture-disabled'] },
  },
  {
    id: 'q7',
    number: 7,
    text: 'Can you validate the security processes for pre-trained and third-party models prior to implementation?',
    basis: 'No model is pulled from a public hub without a pinned revision, and no artifact is a pickle.',
    source: { kind: 'concepts', concepts: ['model-unpinned-public-source', 'model-pickle-artifact'] },
  },
  {
    id: 'q8',
    number: 8,
    text: 'Is access to underlying AI systems and training data restricted?',
    basis:
      'No outside or wildcard principal can invoke models, assume AI roles, or read/write training and vector data.',
    source: {
      kind: 'concepts',
      concepts: [
        'endpoint-external-principal',
        'data-store-broad-write',
        'data-store-external-read',
        'vector-store-broad-access',
        'role-wildcard-trust',
        'role-cross-account-trust',
        'notebook-root-access',
      ],
    },
  },
  {
    id: 'q9',
    number: 9,
    text: 'Are associated API keys securely managed and regularly rotated?',
    basis:
      'No long-lived keys reach AI assets, AI services, inference endpoints and vector stores refuse static keys, ML datastores hold no storage keys, keys rotate, no secret sits in a prompt or startup script.',
    source: {
      kind: 'concepts',
      concepts: [
        'identity-long-lived-key',
        'ai-service-local-auth',
        'vector-store-key-auth',
        'endpoint-key-auth',
        'ml-datastore-stored-credential',
        'key-rotation-disabled',
        'secret-in-agent-instructions',
        'secret-in-notebook-startup',
      ],
    },
  },
  {
    id: 'q10',
    number: 10,
    text: 'Do you have an incident response plan specifically for AI-related incidents?',
    basis: 'A plan is a document, not a cloud resource: answered by you.',
    source: { kind: 'user' },
  },
];

/** Seed 002's scoring: 10 points per "no", 0 per "yes"; "partly" (ours) is half a "no". */
export const ANSWER_POINTS: Record<Answer, number> = { yes: 0, partly: 5, no: 10 };
/** A question without an answer (unanswered, or not evaluable yet) scores like a "no": a gap until shown otherwise. */
export const UNANSWERED_POINTS = 10;

export const SCORE_BANDS = [
  { id: 'advanced', max: 10, title: 'Advanced program', advice: 'Your AI security program is mature.' },
  {
    id: 'moderate',
    max: 20,
    title: 'Moderate maturity',
    advice:
      'Your program is on the right track, but you probably should update your security strategy to stay ahead of AI security risks.',
  },
  // The seed says "30+"; with "partly" worth 5, 21-29 can occur and is closer to high risk than to moderate.
  {
    id: 'high-risk',
    max: Number.POSITIVE_INFINITY,
    title: 'High risk',
    advice: 'You should take immediate action to implement foundational AI security practices.',
  },
] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number]['id'];

export interface AssessmentAnswer {
  id: string;
  number: number;
  question: string;
  basis: string;
  source: 'platform' | 'user';
  /** null: the user has not answered, or the platform has nothing to answer from yet. */
  answer: Answer | null;
  status: 'answered' | 'unanswered' | 'not-evaluated';
  points: number;
  evidence: EvidenceItem[];
  userAnswer: UserAnswer | null;
}

export interface SelfAssessment {
  answers: AssessmentAnswer[];
  score: number;
  maxScore: number;
  band: { id: ScoreBand; title: string; advice: string };
  counts: Record<Answer | 'unanswered', number>;
}

export function scoreBand(score: number): SelfAssessment['band'] {
  const band = SCORE_BANDS.find((b) => score <= b.max) ?? SCORE_BANDS[SCORE_BANDS.length - 1]!;
  return { id: band.id, title: band.title, advice: band.advice };
}

function inventoryAnswer(evidence: GovernanceEvidence): { answer: Answer | null; items: EvidenceItem[] } {
  if (!evidence.scan) return { answer: null, items: [{ label: 'No scan has finished yet', count: 0 }] };
  const items: EvidenceItem[] = [
    { label: 'Models and deployments inventoried', count: count(evidence, 'model') },
    { label: 'Inference endpoints inventoried', count: count(evidence, 'inference-endpoint') },
    {
      label: 'Other AI assets inventoried (agents, notebooks, vector stores, AI services, training jobs)',
      count: count(
        evidence,
        'agent',
        'notebook',
        'vector-store',
        'ai-service',
        'training-job',
        'knowledge-base',
      ),
    },
  ];
  const gap = coverageGap(evidence);
  if (gap) return { answer: 'partly', items: [gap, ...items] };
  return { answer: 'yes', items };
}

function platformAnswer(
  question: AssessmentQuestion,
  evidence: GovernanceEvidence,
): { answer: Answer | null; items: EvidenceItem[] } {
  if (question.source.kind === 'inventory') return inventoryAnswer(evidence);
  if (question.source.kind !== 'concepts') throw new Error(`${question.id} is answered by the user`);
  if (!evidence.evaluation)
    return { answer: null, items: [{ label: 'No evaluation has finished yet', count: 0 }] };
  const found = answerFromConcepts(evidence, question.source.concepts);
  const gaps = [coverageGap(evidence), unevaluated(evidence, question.source.concepts)].filter(
    (g): g is EvidenceItem => g !== null,
  );
  // A clean result over an incomplete inventory, or over checks that could not run, proves only part of the claim.
  if (found.answer === 'yes' && gaps.length > 0) return { answer: 'partly', items: gaps };
  return { answer: found.answer, items: [...found.items, ...gaps] };
}

/** The self-assessment answered from the evidence and the user's answers, scored with the seed's bands. */
export function assessSelf(evidence: GovernanceEvidence): SelfAssessment {
  const answers = SELF_ASSESSMENT_QUESTIONS.map((q): AssessmentAnswer => {
    const base = { id: q.id, number: q.number, question: q.text, basis: q.basis };
    if (q.source.kind === 'user') {
      const given = evidence.answers[q.id] ?? null;
      return {
        ...base,
        source: 'user',
        answer: given?.answer ?? null,
        status: given ? 'answered' : 'unanswered',
        points: given ? ANSWER_POINTS[given.answer] : UNANSWERED_POINTS,
        evidence: given?.note ? [{ label: `Answered by ${given.answeredBy}: ${given.note}`, count: 0 }] : [],
        userAnswer: given,
      };
    }
    const { answer, items } = platformAnswer(q, evidence);
    return {
      ...base,
      source: 'platform',
      answer,
      status: answer ? 'answered' : 'not-evaluated',
      points: answer ? ANSWER_POINTS[answer] : UNANSWERED_POINTS,
      evidence: items,
      userAnswer: null,
    };
  });
  const score = answers.reduce((sum, a) => sum + a.points, 0);
  const counts = { yes: 0, no: 0, partly: 0, unanswered: 0 };
  for (const a of answers) counts[a.answer ?? 'unanswered']++;
  return { answers, score, maxScore: answers.length * UNANSWERED_POINTS, band: scoreBand(score), counts };
}

/** The ids a user may answer: the self-assessment's own user questions. */
export const USER_QUESTION_IDS: readonly string[] = SELF_ASSESSMENT_QUESTIONS.filter(
  (q) => q.source.kind === 'user',
).map((q) => q.id);
