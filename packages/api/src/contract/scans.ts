import { ScanScopeSchema } from '@aispm/core';
import { z } from 'zod';
import { Cursor, Limit, Timestamp } from './common.ts';

export { ScanScopeSchema };

export const ScanSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    status: z.string(),
    scope: z.record(z.string(), z.unknown()),
    tasksTotal: z.number(),
    tasksDone: z.number(),
    tasksFailed: z.number(),
    assetsSeen: z.number(),
    edgesSeen: z.number(),
    assetsWritten: z.number(),
    assetsRemoved: z.number(),
    error: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Scan' });

export const ScanTaskSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    accountId: z.string(),
    region: z.string(),
    service: z.string(),
    status: z.string(),
    attempts: z.number(),
    error: z.string().nullable(),
    throttled: z.number(),
    assetsSeen: z.number(),
    edgesSeen: z.number(),
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ScanTask' });

export const CoverageGapSchema = z
  .object({
    provider: z.string(),
    accountId: z.string(),
    region: z.string(),
    service: z.string(),
    operation: z.string(),
    permission: z.string(),
    errorCode: z.string(),
    scope: z.string(),
    count: z.number(),
    message: z.string(),
  })
  .meta({ id: 'CoverageGap' });

export const ScanDetailSchema = ScanSchema.extend({
  tasks: z.array(ScanTaskSchema),
  /** Reads the scan could not make (denied, not enabled): what was not covered and the permission to grant. */
  gaps: z.array(CoverageGapSchema),
}).meta({
  id: 'ScanDetail',
});

export const StartScanBody = z.strictObject({ scope: ScanScopeSchema.optional() }).nullish();
export const ScanStartedSchema = z.object({ scanId: z.string() });
export const ScanCancelledSchema = z.object({ scanId: z.string(), cancelled: z.literal(true) });

export const ScanQuery = z.object({
  status: z.string().max(40).optional(),
  limit: Limit(200, 20),
  cursor: Cursor,
});

// Validated in full before use: a forged createdAt must be a 400, not a failed ::timestamptz cast.
export const ScanCursorKey = z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.uuid() });
