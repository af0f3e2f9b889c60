import { z } from 'zod';
import { Timestamp } from './common.ts';

const FactChangeSchema = z.object({ from: z.unknown(), to: z.unknown() }).meta({ id: 'FactChange' });
const Facts = z.record(z.string(), FactChangeSchema).describe('The facts that differ: fact → {from, to}');

export const AssetDriftSchema = z
  .object({
    assetId: z.string(),
    name: z.string().nullable(),
    kind: z.string(),
    provider: z.string(),
    accountId: z.string(),
    change: z.enum(['added', 'removed', 'changed']),
    facts: Facts,
  })
  .meta({ id: 'AssetDrift' });

export const FindingDriftSchema = z
  .object({
    findingId: z.string(),
    ruleId: z.string(),
    title: z.string(),
    severity: z.string(),
    assetId: z.string(),
    change: z.enum(['opened', 'resolved', 'reopened']),
  })
  .meta({ id: 'FindingDrift' });

export const PathDriftSchema = z
  .object({
    pathId: z.string(),
    entryId: z.string(),
    targetId: z.string(),
    length: z.number().int(),
    score: z.number(),
    change: z.enum(['new', 'gone']),
  })
  .meta({ id: 'PathDrift' });

export const ChokePointDriftSchema = z
  .object({
    assetId: z.string(),
    change: z.enum(['new', 'gone', 'moved']),
    cutsBefore: z.number().int(),
    cutsAfter: z.number().int(),
  })
  .meta({ id: 'ChokePointDrift' });

export const ScanChangesSchema = z
  .object({
    scanId: z.string(),
    previousScanId: z
      .string()
      .nullable()
      .describe(
        'The previous successful scan of the same scope; null for the first (nothing to compare with)',
      ),
    from: Timestamp.nullable(),
    to: Timestamp,
    assets: z.array(AssetDriftSchema),
    findings: z.array(FindingDriftSchema),
    attackPaths: z.array(PathDriftSchema),
    chokePoints: z.array(ChokePointDriftSchema),
    counts: z.record(z.string(), z.number().int()).describe('`group.change` → how many (`assets.added` …)'),
  })
  .meta({ id: 'ScanChanges' });

export const AssetHistorySchema = z
  .object({
    items: z.array(z.object({ change: z.string(), facts: Facts, at: Timestamp })),
  })
  .meta({ id: 'AssetHistory' });
