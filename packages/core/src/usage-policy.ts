import { z } from 'zod';
import type { AssetKind } from './kinds.ts';

/**
 * A tenant's AI usage policy: where AI may run and what every AI resource must carry. Shadow AI is what falls
 * outside it; with no policy configured nothing is shadow AI (nothing was ruled out), and no shadow-AI check runs.
 * Every list is optional: an absent list rules nothing out on its own.
 */
const Pattern = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9*._:/@-]+$/, { error: 'letters, digits, . _ : / @ - and * (any run of characters)' });

export const AiUsagePolicySchema = z
  .object({
    approvedModels: z
      .array(Pattern)
      .max(500)
      .optional()
      .describe(
        'Models that may be deployed, by the id their maker gives them (`anthropic.claude-3-5-sonnet*`, `gpt-4o*`, `meta-llama/*`)',
      ),
    approvedRegions: z
      .array(Pattern)
      .max(200)
      .optional()
      .describe(
        'Regions / locations AI resources may run in (`*` matches any run of characters, e.g. `eu-*`)',
      ),
    aiAccounts: z
      .array(Pattern)
      .max(10_000)
      .optional()
      .describe(
        'AWS accounts, Azure subscriptions and GCP projects allowed to run AI resources (ids, `*` allowed)',
      ),
    requiredOwnerTags: z
      .array(z.string().min(1).max(128))
      .max(20)
      .optional()
      .describe(
        'Tag (label) keys of which every AI resource must carry at least one with a value, e.g. `owner`',
      ),
  })
  .strict();
export type AiUsagePolicy = z.infer<typeof AiUsagePolicySchema>;

/** Kinds that are AI resources of the organisation (not the identities, stores and networks around them). */
export const AI_RESOURCE_KINDS = [
  'model',
  'inference-endpoint',
  'vector-store',
  'dataset',
  'feature-store',
  'agent',
  'agent-gateway',
  'mcp-server',
  'knowledge-base',
  'guardrail',
  'notebook',
  'training-job',
  'ai-service',
  'ml-workspace',
  'model-registry',
  'provisioned-throughput',
] as const satisfies readonly AssetKind[];
export type AiResourceKind = (typeof AI_RESOURCE_KINDS)[number];

/**
 * Account ids that are no organisation's: the provider's catalog (Bedrock foundation models live in `aws`) and
 * org-level pseudo-assets (`global`). Shadow AI is judged only on the organisation's own resources.
 */
export const PSEUDO_ACCOUNT_IDS = ['aws', 'global'] as const;

export function isOrganisationResource(asset: { accountId: string }): boolean {
  return !(PSEUDO_ACCOUNT_IDS as readonly string[]).includes(asset.accountId);
}

/**
 * Platform settings recorded as assets of an AI kind (a region's enforced Bedrock guardrails, a project's Model Armor
 * floor setting): controls over AI use rather than AI in use, and they carry no tags. Shadow AI does not judge them.
 */
export const AI_PLATFORM_SETTING_TYPES = [
  'AWS::Bedrock::EnforcedGuardrailConfiguration',
  'modelarmor.googleapis.com/FloorSetting',
] as const;

/** Whether shadow AI judges the asset: one of the organisation's own AI resources, not a platform setting. */
export function isShadowAiSubject(asset: { accountId: string; nativeType: string }): boolean {
  return (
    isOrganisationResource(asset) &&
    !(AI_PLATFORM_SETTING_TYPES as readonly string[]).includes(asset.nativeType)
  );
}

/** Whether a value matches a policy pattern: case-insensitive, `*` for any run of characters, else exact. */
export function matchesPolicyPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}

/** Every shadow-AI rule's id starts so: the inventory tells approved from unapproved AI by their findings. */
export const SHADOW_AI_RULE_PREFIX = 'aispm-shadow-ai-';

/** Where an AI resource stands against the AI usage policy (as of the latest evaluation). */
export const AI_USAGE_STATES = ['approved', 'unapproved', 'unknown'] as const;
export type AiUsageState = (typeof AI_USAGE_STATES)[number];
