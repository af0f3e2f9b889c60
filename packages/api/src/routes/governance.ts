import {
  clearGovernanceAnswer,
  type Db,
  evaluationTrend,
  getUsagePolicy,
  loadGovernanceEvidence,
  type StoredUsagePolicy,
  setGovernanceAnswer,
  setUsagePolicy,
  usagePolicyConfigured,
} from '@aispm/db';
import { assessMaturity, assessSelf, USER_ANSWERABLE_IDS } from '@aispm/policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN, READERS, TRIAGE } from '../access.ts';
import { actorOf, principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  AiUsagePolicyBody,
  ERRORS,
  GovernanceAnswerBody,
  GovernanceAnswerParams,
  MaturitySchema,
  NoContent,
  SelfAssessmentSchema,
  UsagePolicyStateSchema,
  UserAnswerSchema,
} from '../contract/index.ts';
import { badRequest, notFound } from '../errors.ts';

const TREND_POINTS = 30;

const HOW_TO_SET =
  'PUT /api/v1/ai-usage-policy (admin) or `pnpm aispm policy set <file.json>` with approvedModels, approvedRegions, aiAccounts and requiredOwnerTags; `{}` rules nothing out';

/** The policy in force as the API shows it (an empty policy when none was ever set). */
function usagePolicyState(stored: StoredUsagePolicy | null) {
  return {
    configured: usagePolicyConfigured(stored?.policy),
    version: stored?.version ?? null,
    policy: stored?.policy ?? {},
    createdBy: stored?.createdBy ?? null,
    createdAt: stored?.createdAt ?? null,
    howToSet: HOW_TO_SET,
  };
}

interface StoredGovernance {
  score: number;
  band: string;
  stage: number;
}

/** Score and stage of the recent evaluations that stored them (older ones predate the self-assessment). */
async function governanceTrend(db: Db, tenantId: string) {
  const evaluations = await evaluationTrend(db, tenantId, TREND_POINTS);
  return evaluations.flatMap((e) => {
    const g = (e.summary as { governance?: StoredGovernance }).governance;
    if (!g || !e.finishedAt) return [];
    return [{ evaluationId: e.id, at: e.finishedAt, score: g.score, band: g.band, stage: g.stage }];
  });
}

export const governanceRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/self-assessment',
    {
      config: { access: READERS },
      schema: {
        tags: ['governance'],
        summary:
          'The ten self-assessment questions answered from evidence (and by you), scored with their band',
        response: { 200: SelfAssessmentSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const evidence = await loadGovernanceEvidence(ctx.db, tenantId);
      return {
        ...assessSelf(evidence),
        evaluatedAt: evidence.evaluation?.finishedAt ?? null,
        trend: await governanceTrend(ctx.db, tenantId),
      };
    },
  );

  app.get(
    '/maturity',
    {
      config: { access: READERS },
      schema: {
        tags: ['governance'],
        summary: 'The AI security maturity stage (1–4) with the criteria met and missing for the next one',
        response: { 200: MaturitySchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const evidence = await loadGovernanceEvidence(ctx.db, tenantId);
      return { ...assessMaturity(evidence), trend: await governanceTrend(ctx.db, tenantId) };
    },
  );

  app.put(
    '/governance/answers/:id',
    {
      config: { access: TRIAGE, auditAction: 'governance.answer' },
      schema: {
        tags: ['governance'],
        summary: 'Answer a question the platform cannot see (self-assessment question or maturity criterion)',
        params: GovernanceAnswerParams,
        body: GovernanceAnswerBody,
        response: { 200: UserAnswerSchema, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (!USER_ANSWERABLE_IDS.includes(request.params.id)) {
        throw badRequest(
          `${request.params.id} is not answered by you (the platform answers it from evidence, or it does not exist); answerable: ${USER_ANSWERABLE_IDS.join(', ')}`,
        );
      }
      return setGovernanceAnswer(ctx.db, p.tenantId, {
        questionId: request.params.id,
        answer: request.body.answer,
        note: request.body.note || null,
        answeredBy: actorOf(p),
      });
    },
  );

  app.delete(
    '/governance/answers/:id',
    {
      config: { access: TRIAGE, auditAction: 'governance.answer.clear' },
      schema: {
        tags: ['governance'],
        summary: 'Withdraw an answer (the question scores as unanswered again)',
        params: GovernanceAnswerParams,
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!(await clearGovernanceAnswer(ctx.db, p.tenantId, request.params.id))) {
        throw notFound(`answer to ${request.params.id}`);
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/ai-usage-policy',
    {
      config: { access: READERS },
      schema: {
        tags: ['governance'],
        summary: 'The AI usage policy in force (shadow AI is what falls outside it) and its version',
        response: { 200: UsagePolicyStateSchema, ...ERRORS },
      },
    },
    async (request) => usagePolicyState(await getUsagePolicy(ctx.db, principalOf(request).tenantId)),
  );

  app.put(
    '/ai-usage-policy',
    {
      config: { access: ADMIN, auditAction: 'usage-policy.set' },
      schema: {
        tags: ['governance'],
        summary:
          'Put a new version of the AI usage policy in force (judged from the next evaluation on); `{}` rules nothing out',
        body: AiUsagePolicyBody,
        response: { 200: UsagePolicyStateSchema, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return usagePolicyState(await setUsagePolicy(ctx.db, p.tenantId, request.body, actorOf(p)));
    },
  );
};
