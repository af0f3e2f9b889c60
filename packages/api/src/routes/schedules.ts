import { querySchedules } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN, SCAN_READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  ERRORS,
  itemsOf,
  NoContent,
  ScheduleBody,
  ScheduleParams,
  ScheduleSchema,
} from '../contract/index.ts';
import { notFound } from '../errors.ts';

export const scheduleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/schedules',
    {
      config: { access: SCAN_READERS },
      schema: {
        tags: ['schedules'],
        summary: 'Scan schedules',
        response: { 200: itemsOf(ScheduleSchema), ...ERRORS },
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
        params: ScheduleParams,
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
        params: ScheduleParams,
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
        params: ScheduleParams,
        response: { 204: NoContent, ...ERRORS },
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
