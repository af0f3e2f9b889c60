import { Readable } from 'node:stream';
import { type FindingDto, iterateFindings } from '@aispm/db';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORTERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import { frameworkPostures } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import { ERRORS } from '../schemas.ts';
import { FindingFilterQuery, findingFilter } from './findings.ts';

/** RFC 4180 quoting, plus a leading `'` on cells a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

const FINDING_COLUMNS: (keyof FindingDto)[] = [
  'id',
  'ruleId',
  'title',
  'severity',
  'riskScore',
  'status',
  'provider',
  'accountId',
  'region',
  'assetId',
  'assetName',
  'assetKind',
  'controls',
  'suppressReason',
  'suppressedBy',
  'suppressedUntil',
  'firstSeenAt',
  'lastSeenAt',
  'resolvedAt',
];

const attachment = (name: string) => `attachment; filename="${name}"`;

/** Streams bypass the response serializer; the typed reply only knows the declared JSON shapes. */
function streamed(reply: FastifyReply, type: string, filename: string, body: Readable) {
  return reply.type(type).header('content-disposition', attachment(filename)).send(body);
}

export const exportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/exports/findings.csv',
    {
      config: { access: EXPORTERS },
      schema: {
        tags: ['exports'],
        summary: 'Every finding matching the filters, as CSV (streamed)',
        querystring: FindingFilterQuery,
        response: { 200: z.string().describe('text/csv'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const pages = iterateFindings(ctx.db, principalOf(request).tenantId, findingFilter(request.query));
      async function* lines() {
        yield csvRow(FINDING_COLUMNS);
        for await (const page of pages)
          yield page.map((f) => csvRow(FINDING_COLUMNS.map((c) => f[c]))).join('');
      }
      return streamed(reply, 'text/csv; charset=utf-8', 'findings.csv', Readable.from(lines()));
    },
  );

  app.get(
    '/exports/findings.json',
    {
      config: { access: EXPORTERS },
      schema: {
        tags: ['exports'],
        summary: 'Every finding matching the filters, as a JSON array (streamed)',
        querystring: FindingFilterQuery,
        response: { 200: z.string().describe('application/json array of findings'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const pages = iterateFindings(ctx.db, principalOf(request).tenantId, findingFilter(request.query));
      async function* chunks() {
        yield '[';
        let first = true;
        for await (const page of pages) {
          const body = page.map((f) => JSON.stringify(f)).join(',\n');
          yield first ? body : `,\n${body}`;
          first = false;
        }
        yield ']\n';
      }
      return streamed(reply, 'application/json; charset=utf-8', 'findings.json', Readable.from(chunks()));
    },
  );

  app.get(
    '/exports/compliance.csv',
    {
      config: { access: EXPORTERS },
      schema: {
        tags: ['exports'],
        summary: 'Per-control status of every framework, as CSV',
        response: { 200: z.string().describe('text/csv'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const postures = await frameworkPostures(ctx.db, principalOf(request).tenantId, ctx.rules);
      let out = csvRow([
        'framework',
        'frameworkTitle',
        'control',
        'controlTitle',
        'status',
        'openFindings',
        'suppressedFindings',
        'rules',
      ]);
      for (const f of postures) {
        for (const c of f.controls)
          out += csvRow([f.id, f.title, c.id, c.title, c.status, c.failing, c.suppressed, c.rules]);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('compliance.csv'))
        .send(out);
    },
  );

  app.get(
    '/exports/compliance.json',
    {
      config: { access: EXPORTERS },
      schema: {
        tags: ['exports'],
        summary: 'Per-control status of every framework, as JSON',
        response: { 200: z.string().describe('application/json'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const frameworks = await frameworkPostures(ctx.db, principalOf(request).tenantId, ctx.rules);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', attachment('compliance.json'))
        .send(JSON.stringify({ generatedAt: new Date().toISOString(), frameworks }));
    },
  );
};
