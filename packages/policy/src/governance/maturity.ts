import type { RiskConcept } from '@aispm/core';
import {
  count,
  coverageGap,
  findingsByConcept,
  type GovernanceEvidence,
  type UserAnswer,
  unevaluated,
} from './evidence.ts';

/** Seed 004's staging of an AI security program. */
export const MATURITY_STAGES = [
  { stage: 1, name: 'Experimenting' },
  { stage: 2, name: 'Piloting' },
  { stage: 3, name: 'Production' },
  { stage: 4, name: 'Governed' },
] as const;

interface CriterionCheck {
  met: boolean;
  evidence: string;
}

export interface MaturityCriterion {
  id: string;
  /** The stage this criterion belongs to (2–4; stage 1 has none: it is where every program starts). */
  stage: 2 | 3 | 4;
  title: string;
  source: 'platform' | 'user';
  check?: (e: GovernanceEvidence) => CriterionCheck;
}

function noOpenFindings(concepts: RiskConcept[], what: string) {
  return (e: GovernanceEvidence): CriterionCheck => {
    if (!e.evaluation) return { met: false, evidence: 'No evaluation has finished yet' };
    const hits = findingsByConcept(e, concepts);
    const assets = new Set([...hits.values()].flatMap((h) => [...h.assetIds]));
    if (assets.size > 0)
      return { met: false, evidence: `${assets.size} asset(s) with open findings: ${what}` };
    const unread = unevaluated(e, concepts);
    if (unread)
      return { met: false, evidence: `${unread.count} check(s) not evaluated (facts unreadable): ${what}` };
    return { met: true, evidence: `No open finding: ${what}` };
  };
}

export const MATURITY_CRITERIA: readonly MaturityCriterion[] = [
  {
    id: 's2-inventory',
    stage: 2,
    title: 'AI inventory exists (every production model, dataset and endpoint)',
    source: 'platform',
    check: (e) => {
      const gap = coverageGap(e);
      if (gap) return { met: false, evidence: gap.label };
      return {
        met: true,
        evidence: `A complete scan inventoried ${count(e, 'model')} models and ${count(e, 'inference-endpoint')} endpoints`,
      };
    },
  },
  {
    id: 's2-managed-genai',
    stage: 2,
    title: 'Production features use managed GenAI (Bedrock / Azure OpenAI / Vertex)',
    source: 'platform',
    check: (e) => {
      const n = count(e, 'model', 'ai-service', 'provisioned-throughput');
      return n > 0
        ? { met: true, evidence: `${n} managed model / AI service assets inventoried` }
        : { met: false, evidence: 'No managed model or AI service found' };
    },
  },
  {
    id: 's2-content-filters',
    stage: 2,
    title: 'Native content filters enabled',
    source: 'platform',
    check: (e) => {
      // Guardrails that filter model content: an AgentCore Policy engine decides tool calls, it filters nothing.
      const n = e.contentFilters;
      return n > 0
        ? { met: true, evidence: `${n} guardrail / content filter policies inventoried` }
        : { met: false, evidence: 'No guardrail or content filter found' };
    },
  },
  {
    id: 's2-prompt-logging',
    stage: 2,
    title: 'Basic prompt logging',
    source: 'platform',
    check: noOpenFindings(['invocation-logging-disabled'], 'model invocation / diagnostic logging off'),
  },
  { id: 's2-red-team-chosen', stage: 2, title: 'Red-team toolset chosen', source: 'user' },
  {
    id: 's2-nist-mapping',
    stage: 2,
    title: 'NIST AI RMF mapping started',
    source: 'platform',
    check: (e) =>
      e.evaluation?.frameworks.includes('nist-ai-600-1')
        ? { met: true, evidence: 'The latest evaluation mapped findings to NIST AI 600-1' }
        : { met: false, evidence: 'No evaluation has mapped findings to NIST AI 600-1 yet' },
  },
  {
    id: 's3-shadow-ai',
    stage: 3,
    title: 'AI-SPM catching shadow AI',
    source: 'platform',
    check: (e) =>
      e.usagePolicyConfigured
        ? { met: true, evidence: 'An AI usage policy is configured: unapproved AI is flagged' }
        : {
            met: false,
            evidence:
              'No AI usage policy is configured, so shadow AI cannot be told apart: set one on the Settings page or with `pnpm aispm policy set <file>`',
          },
  },
  {
    id: 's3-runtime-guardrail',
    stage: 3,
    title: 'Runtime guardrail in front of all inference',
    source: 'platform',
    check: noOpenFindings(
      ['guardrail-missing', 'agent-no-guardrail', 'guardrail-weak'],
      'inference or agents without a (strong) guardrail',
    ),
  },
  {
    id: 's3-supply-chain',
    stage: 3,
    title: 'Model supply chain enforces safe formats, pinned artifacts and a private registry',
    source: 'platform',
    check: noOpenFindings(
      ['model-unpinned-public-source', 'model-pickle-artifact'],
      'unpinned public models or pickle artifacts',
    ),
  },
  {
    id: 's3-rag-isolated',
    stage: 3,
    title: 'RAG tenant-isolated',
    source: 'platform',
    check: noOpenFindings(
      ['vector-store-broad-access', 'vector-store-public-network', 'vector-store-key-auth'],
      'vector stores open to broad principals, public networks or static keys',
    ),
  },
  {
    id: 's3-agent-least-privilege',
    stage: 3,
    title: 'Agent platforms have least-privilege tool scopes',
    source: 'platform',
    check: noOpenFindings(['agent-excessive-agency'], 'agents whose tools can write or delete data'),
  },
  { id: 's3-red-team-ci', stage: 3, title: 'Red-team suite runs in CI', source: 'user' },
  {
    id: 's3-eu-ai-act',
    stage: 3,
    title: 'EU AI Act risk classification complete for every system',
    source: 'user',
  },
  {
    id: 's4-iso-42001',
    stage: 4,
    title: 'ISO/IEC 42001 (or equivalent) certified AI management system',
    source: 'user',
  },
  {
    id: 's4-model-cards',
    stage: 4,
    title: 'Model cards, evals and risk classifications for every deployed model',
    source: 'user',
  },
  {
    id: 's4-adversarial-eval',
    stage: 4,
    title: 'Continuous adversarial-eval pipeline producing trend data',
    source: 'user',
  },
  {
    id: 's4-grc-evidence',
    stage: 4,
    title: 'Audit-ready evidence flowing from the platform to GRC',
    source: 'user',
  },
  {
    id: 's4-risk-owner',
    stage: 4,
    title: 'AI risk has an owner, a register and a board-level reporting cadence',
    source: 'user',
  },
];

export interface CriterionResult {
  id: string;
  stage: number;
  title: string;
  source: 'platform' | 'user';
  met: boolean;
  /** Why: what the platform saw, or the user's answer. */
  evidence: string;
  userAnswer: UserAnswer | null;
}

export interface MaturityAssessment {
  stage: number;
  name: string;
  /** The next stage and what it still takes (null at stage 4). */
  next: { stage: number; name: string; met: CriterionResult[]; missing: CriterionResult[] } | null;
  /** Every criterion, by stage. */
  criteria: CriterionResult[];
}

function judge(c: MaturityCriterion, e: GovernanceEvidence): CriterionResult {
  const base = { id: c.id, stage: c.stage, title: c.title, source: c.source };
  if (c.source === 'user' || !c.check) {
    const given = e.answers[c.id] ?? null;
    const evidence = given
      ? `Answered "${given.answer}" by ${given.answeredBy}${given.note ? `: ${given.note}` : ''}`
      : 'Not answered yet (answer it on the maturity page)';
    // Only a full "yes" meets a criterion; "partly" is progress, not the stage.
    return { ...base, met: given?.answer === 'yes', evidence, userAnswer: given };
  }
  const { met, evidence } = c.check(e);
  return { ...base, met, evidence, userAnswer: null };
}

/** The stage reached: the highest one whose criteria, and those of every stage below, are all met. */
export function assessMaturity(evidence: GovernanceEvidence): MaturityAssessment {
  const criteria = MATURITY_CRITERIA.map((c) => judge(c, evidence));
  let stage = 1;
  for (const s of [2, 3, 4]) {
    if (criteria.filter((c) => c.stage === s).every((c) => c.met)) stage = s;
    else break;
  }
  const nextStage = MATURITY_STAGES.find((s) => s.stage === stage + 1);
  const ofNext = criteria.filter((c) => c.stage === stage + 1);
  return {
    stage,
    name: MATURITY_STAGES[stage - 1]!.name,
    next: nextStage
      ? {
          stage: nextStage.stage,
          name: nextStage.name,
          met: ofNext.filter((c) => c.met),
          missing: ofNext.filter((c) => !c.met),
        }
      : null,
    criteria,
  };
}

/** Ids a user may answer on the maturity page. */
export const USER_CRITERION_IDS: readonly string[] = MATURITY_CRITERIA.filter((c) => c.source === 'user').map(
  (c) => c.id,
);
