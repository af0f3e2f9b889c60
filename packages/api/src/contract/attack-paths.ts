import { ATTACK_PATH_KINDS } from '@aispm/paths';
import { z } from 'zod';
import { Cursor, Limit, Timestamp } from './common.ts';

export const HopSchema = z.object({
  assetId: z.string(),
  kind: z.string().optional(),
  name: z.string().optional(),
  via: z.string().nullable().optional(),
});
export type Hop = z.infer<typeof HopSchema>;

export const AttackPathSchema = z
  .object({
    id: z.string(),
    fingerprint: z.string(),
    entryId: z.string(),
    targetId: z.string(),
    entryName: z.string().nullable(),
    targetName: z.string().nullable(),
    kind: z
      .enum(ATTACK_PATH_KINDS)
      .describe(
        'What the route does to its crown jewel: poisoning (written data flows into it along the lineage), theft (it ends reading it or invoking the model behind it), exposure (any other reach)',
      ),
    hops: z.array(HopSchema),
    length: z.number(),
    likelihood: z.number(),
    impact: z.number(),
    score: z.number(),
    status: z.string(),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    resolvedAt: Timestamp.nullable(),
  })
  .meta({ id: 'AttackPath' });

export const ChokePointSchema = z
  .object({
    assetId: z.string(),
    name: z.string().nullable(),
    kind: z.string().nullable(),
    cuts: z.number(),
    paths: z.array(z.string()),
  })
  .meta({ id: 'ChokePoint' });

export const ChokePointsSchema = z.object({
  evaluationId: z.string().nullable(),
  items: z.array(ChokePointSchema),
});

export const AttackPathQuery = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  target: z.string().min(1).max(2_048).optional().describe('Crown-jewel asset id'),
  kind: z.enum(ATTACK_PATH_KINDS).optional().describe('Only paths of this kind'),
  limit: Limit(200, 50),
  cursor: Cursor,
});

export const AttackPathCursorKey = z.object({ score: z.number(), id: z.uuid() });
