import { querySchedules } from '@aispm/db';
import { cronError } from '@aispm/scan';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, SCAN_READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { ERRORS, Timestamp } from '../schemas.ts';
import { ScanScopeSchema } from './scans.ts';

const Cron = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    // Five fields only over the API (BullMQ's optional seconds field is for tests); and a pattern that can fire.
    const invalid = pattern.split(/\s+/).length === 5 ? cronError(pattern) : 'expected 5 fields';
    if (invalid) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a 5-field cron expression that can fire, e.g. "0 */6 * * *" (${invalid})`,
      });
    }
  });
const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone, e.g. "Europe/Paris"' },
);
const ScheduleName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, {
  error: 'lowercase letters, digits, ".", "_", "-"; at most 63 characters',
});

const ScheduleBody = z.strictObject({
  cron: Cron,
  timezone: TimeZone.default('UTC'),
  scope: ScanScopeSchema.default({}),
});

const ScheduleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    cron: z.string(),
    timezone: z.string(),
    scope: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    lastRunAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Schedule' });

const NameParams = z.object({ name: ScheduleName });

export const scheduleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/schedules',
    {
      config: { access: SCAN_READERS },
      schema: {
        tags: ['schedules'],
        summary: 'Scan schedules',
        response: { 200: z.object({ items: z.array(ScheduleSchema) }), ...ERRORS },
      },
    },
    async (request) => ({ items: await querySchedules(ctx.db, principalOf(request).tenantId) }),
  );

  app.get(
    '/schedules/:name',
    {
      config: { access: SCAN_READERS },
      schema: {
        tags: ['schedules'],
        summary: 'One schedule',
        params: NameParams,
        response: { 200: ScheduleSchema, ...ERRORS },
      },
    },
    async (request) => {
      const [schedule] = await querySchedules(ctx.db, principalOf(request).tenantId, request.params.name);
      if (!schedule) throw notFound('schedule');
      return schedule;
    },
  );

  app.put(
    '/schedules/:name',
    {
      config: { access: ADMIN, auditAction: 'schedule.upsert' },
      schema: {
        tags: ['schedules'],
        summary: 'Create or replace a schedule',
        params: NameParams,
        body: ScheduleBody,
        response: { 200: ScheduleSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      await ctx.services.scans.schedules.upsert(tenantId, { name: request.params.name, ...request.body });
      const [schedule] = await querySchedules(ctx.db, tenantId, request.params.name);
      if (!schedule) throw notFound('schedule');
      return schedule;
    },
  );

  app.delete(
    '/schedules/:name',
    {
      config: { access: ADMIN, auditAction: 'schedule.remove' },
      schema: {
        tags: ['schedules'],
        summary: 'Remove a schedule',
        params: NameParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const removed = await ctx.services.scans.schedules.remove(
        principalOf(request).tenantId,
        request.params.name,
      );
      if (!removed) throw notFound('schedule');
      return reply.code(204).send(null);
    },
  );
};
