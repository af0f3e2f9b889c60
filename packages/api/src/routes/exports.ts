import { Readable } from 'node:stream';
import { csvRows } from '@aispm/exports';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_RATE_LIMIT, EXPORTERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import { frameworkPostures } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import { Download, ERRORS, ExportQuery, OscalCatalogParams } from '../contract/index.ts';
import {
  DEFAULT_OSCAL_FRAMEWORK,
  type ExportFormat,
  exportStream,
  oscalCatalogJson,
} from '../export-streams.ts';
import { findingFilter } from './findings.ts';

const attachment = (name: string) => `attachment; filename="${name}"`;

/** Streams bypass the response serializer; the typed reply only knows the declared JSON shapes. */
function streamed(reply: FastifyReply, type: string, filename: string, body: AsyncIterable<string>) {
  return reply.type(type).header('content-disposition', attachment(filename)).send(Readable.from(body));
}

/** The streamed finding exports: path, format, what the OpenAPI document says of the body. */
const FINDING_EXPORTS: { path: string; format: ExportFormat; summary: string; body: string }[] = [
  { path: '/exports/findings.csv', format: 'csv', summary: 'Findings as CSV', body: 'text/csv' },
  {
    path: '/exports/findings.json',
    format: 'json',
    summary: 'Findings as a JSON array',
    body: 'application/json array of findings',
  },
  {
    path: '/exports/findings.sarif',
    format: 'sarif',
    summary: 'Active and suppressed findings as SARIF 2.1.0 (one run, every rule)',
    body: 'application/sarif+json',
  },
  {
    path: '/exports/findings.ocsf.jsonl',
    format: 'ocsf',
    summary:
      'OCSF 1.8.0 JSON Lines: a Detection Finding (2004) per finding, a Compliance Finding (2003) per control',
    body: 'application/x-ndjson',
  },
  {
    path: '/exports/aibom.cdx.json',
    format: 'cyclonedx',
    summary: 'CycloneDX 1.6 ML-BOM of the AI inventory, lineage as dependencies, findings as vulnerabilities',
    body: 'application/vnd.cyclonedx+json',
  },
  {
    path: '/exports/assessment-results.oscal.json',
    format: 'oscal',
    summary: `OSCAL 1.1.3 assessment results for one framework (default ${DEFAULT_OSCAL_FRAMEWORK})`,
    body: 'application/json (OSCAL assessment-results)',
  },
];

export const exportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  for (const route of FINDING_EXPORTS) {
    app.get(
      route.path,
      {
        config: { access: EXPORTERS, rateLimit: EXPORT_RATE_LIMIT },
        schema: {
          tags: ['exports'],
          summary: `${route.summary} (streamed; the filters of GET /findings)`,
          querystring: ExportQuery,
          response: { 200: Download(route.body), ...ERRORS },
        },
      },
      async (request, reply) => {
        const out = exportStream(ctx.db, principalOf(request).tenantId, ctx.rules, {
          format: route.format,
          ...(request.query.framework ? { framework: request.query.framework } : {}),
          filter: findingFilter(request.query, ctx.rules),
        });
        return streamed(reply, out.contentType, out.filename, out.body);
      },
    );
  }

  app.get(
    '/exports/oscal-catalogs/:framework',
    {
      config: { access: EXPORTERS, rateLimit: EXPORT_RATE_LIMIT },
      schema: {
        tags: ['exports'],
        summary:
          "One of aispm's frameworks as an OSCAL 1.1.3 catalog (the control ids of the assessment results)",
        params: OscalCatalogParams,
        response: { 200: Download('application/json (OSCAL catalog)'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const body = oscalCatalogJson(ctx.rules, request.params.framework);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', attachment(`${request.params.framework}.oscal-catalog.json`))
        .send(body);
    },
  );

  app.get(
    '/exports/compliance.csv',
    {
      config: { access: EXPORTERS, rateLimit: EXPORT_RATE_LIMIT },
      schema: {
        tags: ['exports'],
        summary: 'Per-control status of every framework, as CSV',
        response: { 200: Download('text/csv'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const postures = await frameworkPostures(ctx.db, principalOf(request).tenantId, ctx.rules);
      async function* rows() {
        for (const f of postures)
          for (const c of f.controls)
            yield [f.id, f.title, c.id, c.title, c.status, c.failing, c.suppressed, c.rules];
      }
      const header = [
        'framework',
        'frameworkTitle',
        'control',
        'controlTitle',
        'status',
        'openFindings',
        'suppressedFindings',
        'rules',
      ];
      return streamed(reply, 'text/csv; charset=utf-8', 'compliance.csv', csvRows(header, rows()));
    },
  );

  app.get(
    '/exports/compliance.json',
    {
      config: { access: EXPORTERS, rateLimit: EXPORT_RATE_LIMIT },
      schema: {
        tags: ['exports'],
        summary: 'Per-control status of every framework, as JSON',
        response: { 200: Download('application/json'), ...ERRORS },
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
