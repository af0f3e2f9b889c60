import { FINDING_SORTS, type FindingKey } from '@aispm/db';
import { z } from 'zod';
import {
  Cursor,
  csvOf,
  FINDING_STATUSES,
  JsonObject,
  Limit,
  ProviderSchema,
  SeveritySchema,
  Timestamp,
} from './common.ts';
import { FrameworkId } from './frameworks.ts';

export const FindingSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    title: z.string(),
    severity: z.string(),
    riskScore: z.number(),
    riskReasons: z.array(z.unknown()),
    status: z.string(),
    assetId: z.string(),
    assetName: z.string().nullable(),
    assetKind: z.string().nullable(),
    provider: z.string(),
    accountId: z.string(),
    region: z.string(),
    controls: z.array(z.string()),
    suppressReason: z.string().nullable(),
    suppressedBy: z.string().nullable(),
    suppressedUntil: Timestamp.nullable(),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp.describe(
      'When the rule last saw it failing: for an open, reopened or suppressed finding, the latest evaluation',
    ),
    resolvedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Finding' });

/** How to fix a failing rule, per medium (policy's Remediation). */
export const RemediationSchema = z
  .object({
    console: z.array(z.string()).optional().describe('Console steps'),
    cli: z.string().optional(),
    terraform: z.string().optional(),
  })
  .meta({ id: 'Remediation' });

export const EvidenceEdgeSchema = z
  .object({
    id: z.string().optional(),
    kind: z.string(),
    from: z.string(),
    to: z.string(),
    properties: JsonObject.optional(),
  })
  .meta({ id: 'EvidenceEdge' });

/** What made a verdict (policy's Evidence): the properties read, the edges followed, related assets. */
export const EvidenceSchema = z
  .looseObject({
    properties: JsonObject.optional(),
    edges: z.array(EvidenceEdgeSchema).optional(),
    related: z.array(z.string()).optional(),
  })
  .meta({ id: 'Evidence' });

/** How to fix a rule's findings on each cloud it applies to. */
export const RemediationByProviderSchema = z
  .object({
    aws: RemediationSchema.optional(),
    azure: RemediationSchema.optional(),
    gcp: RemediationSchema.optional(),
  })
  .meta({ id: 'RemediationByProvider' });

/** A rule of the catalog: what it checks, on which clouds, how bad, what it maps to, how to fix it per cloud. */
export const RuleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: z.string().optional(),
    rationale: z.string().optional(),
    providers: z.array(ProviderSchema).optional().describe('The clouds the rule applies to'),
    kinds: z.array(z.string()).optional().describe('The asset kinds it judges'),
    concepts: z.array(z.string()).optional().describe('The risk concepts it detects'),
    remediation: RemediationByProviderSchema.optional(),
    references: z.array(z.string()).optional(),
    mappings: z.record(z.string(), z.array(z.string())).optional(),
    peers: z.array(z.string()).optional().describe('The same check in peer tools'),
    enabledByDefault: z.boolean().optional(),
  })
  .meta({ id: 'Rule' });

/** The rule as a finding shows it: the remediation for the finding's own cloud only. */
export const FindingRuleSchema = RuleSchema.omit({ remediation: true })
  .extend({
    remediation: RemediationSchema.optional().describe("For the finding's provider"),
  })
  .meta({ id: 'FindingRule' });

export const RuleListQuery = z.object({
  provider: ProviderSchema.optional().describe('Only rules that apply to this cloud'),
  framework: FrameworkId.optional().describe('Only rules mapped to this framework'),
});

export const FindingDetailSchema = FindingSchema.extend({
  fingerprint: z.string(),
  evidence: EvidenceSchema,
  lastEvaluationId: z.string().nullable(),
  rule: FindingRuleSchema.nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actor: z.string(),
      reason: z.string().nullable(),
      at: Timestamp,
    }),
  ),
}).meta({ id: 'FindingDetail' });

/** The filters of the findings list, shared with the exports. */
export const FindingFilterQuery = z.object({
  severity: csvOf(SeveritySchema).optional().describe('One severity or a comma-separated list'),
  status: csvOf(z.enum(FINDING_STATUSES)).optional().describe('One status or a comma-separated list'),
  rule: csvOf(z.string().min(1).max(200)).optional().describe('Rule id(s)'),
  control: z.string().min(1).max(200).optional().describe('A framework control, e.g. `LLM03:2025`'),
  framework: FrameworkId.optional().describe(
    'Only findings of rules mapped to the framework, e.g. `owasp-llm-2025`',
  ),
  provider: ProviderSchema.optional(),
  account: z.string().min(1).max(200).optional(),
  asset: z.string().min(1).max(2_048).optional().describe('Asset id'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Text search (case-insensitive) in title, rule id, asset id and asset name'),
  sort: z
    .enum(FINDING_SORTS)
    .default('risk')
    .describe('risk (default), severity, or lastSeen; all descending'),
});

export const FindingListQuery = FindingFilterQuery.extend({ limit: Limit(500, 50), cursor: Cursor });

export const FindingCursorKey: z.ZodType<FindingKey> = z.discriminatedUnion('sort', [
  z.object({ sort: z.literal('risk'), risk: z.number(), id: z.uuid() }),
  z.object({ sort: z.literal('severity'), rank: z.number().int(), risk: z.number(), id: z.uuid() }),
  z.object({ sort: z.literal('lastSeen'), lastSeen: z.iso.datetime(), seen: z.iso.datetime(), id: z.uuid() }),
]);

export const SuppressBody = z.strictObject({
  reason: z.string().trim().min(3, { error: 'give a reason of at least 3 characters' }).max(2_000),
  until: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
    .refine((s) => Date.parse(s) > Date.now(), { error: 'must be in the future' })
    .optional(),
});

export const UnsuppressBody = z.strictObject({ reason: z.string().trim().max(2_000).optional() }).nullish();
