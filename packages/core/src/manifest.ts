import { z } from 'zod';
import { AssetKindSchema, EdgeKindSchema, ProviderSchema, SeveritySchema } from './kinds.ts';
import { RISK_CONCEPT_IDS, type RiskConcept } from './risk-concepts.ts';

/**
 * Ground truth written by the cloud simulator (`aispm sim --manifest`). Scanner, policy and path tests
 * assert their output against it.
 */
export const ManifestSchema = z.object({
  generator: z.literal('aispm-cloud-sim'),
  version: z.literal(1),
  seed: z.number().int(),
  scale: z.string(),
  counts: z.record(ProviderSchema, z.record(z.string(), z.number().int())),
  /** Every asset a connector must import, with the id it must import it under. */
  assets: z.array(
    z.object({
      id: z.string(),
      provider: ProviderSchema,
      kind: AssetKindSchema,
      accountId: z.string(),
      region: z.string(),
      name: z.string(),
      nativeType: z.string(),
    }),
  ),
  /** Every structural / lineage edge, and the access edges the planted risks rely on. */
  edges: z.array(z.object({ kind: EdgeKindSchema, from: z.string(), to: z.string() })),
  /**
   * Edges a correct scan must NOT produce although identity policies alone would grant them: an organisation
   * policy (an SCP on the principal's OU) denies the action. Absent when the estate plants none.
   */
  forbiddenEdges: z
    .array(z.object({ kind: EdgeKindSchema, from: z.string(), to: z.string(), note: z.string() }))
    .optional(),
  /**
   * Accounts the scanner cannot enter (its role is missing or does not trust the scanner): a scan imports only
   * their account record from the organisation, reports each as a gap, and keeps scanning the others. Their
   * other assets above exist but cannot be read. Absent when every account can be entered.
   */
  unreachableAccounts: z
    .array(z.object({ provider: ProviderSchema, accountId: z.string(), reason: z.string() }))
    .optional(),
  /** Edge kinds listed exhaustively above (a scan must produce exactly these, no more, no fewer). */
  exhaustiveEdgeKinds: z.array(EdgeKindSchema),
  risks: z.array(
    z.object({
      assetId: z.string(),
      provider: ProviderSchema,
      concept: z.enum(RISK_CONCEPT_IDS as [RiskConcept, ...RiskConcept[]]),
      severity: SeveritySchema,
      note: z.string(),
    }),
  ),
  /** Assets deliberately configured soundly: no finding may name them. */
  clean: z.array(z.string()),
  attackPaths: z.array(
    z.object({
      id: z.string(),
      provider: ProviderSchema,
      /** Asset ids from the entry point to the crown jewel, inclusive. */
      hops: z.array(z.string()).min(2),
      /** The asset whose fix cuts this path (the expected top choke point for it). */
      chokePoint: z.string(),
      note: z.string(),
    }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;
