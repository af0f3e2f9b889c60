import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Db, hashToken, recordAudit } from '@aispm/db';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Access } from './access.ts';
import { actorOf, bearerToken, deny, TokenVerifier } from './auth.ts';
import type { RouteContext } from './context.ts';
import { errorBody, installErrorHandler } from './errors.ts';
import { FailedAuthLimiter, requestControlCharacter } from './hygiene.ts';
import { ApiMetrics } from './metrics.ts';
import { accountRoutes } from './routes/accounts.ts';
import { assetRoutes } from './routes/assets.ts';
import { attackPathRoutes } from './routes/attack-paths.ts';
import { auditRoutes } from './routes/audit-log.ts';
import { changeRoutes } from './routes/changes.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { exportRoutes } from './routes/exports.ts';
import { findingRoutes } from './routes/findings.ts';
import { frameworkRoutes } from './routes/frameworks.ts';
import { governanceRoutes } from './routes/governance.ts';
import { healthRoutes } from './routes/health.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { ruleRoutes } from './routes/rules.ts';
import { scanRoutes } from './routes/scans.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { rateLimitKey, type SearchLimitOptions, searchLimits } from './search-limits.ts';
import { type ApiServices, EMPTY_RULE_CATALOG } from './services.ts';

export interface BuildAppOptions {
  db: Db;
  services: ApiServices;
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Path to the built dashboard (apps/web/dist); served at `/` when it exists. */
  webDist?: string;
  /** Requests per minute per token (per address without one); false turns rate limiting off. */
  rateLimit?: { max: number; timeWindowMs?: number } | false;
  /**
   * Failed authentications allowed per client address per window before 429, whatever token is sent; default 30 a
   * minute, off with `false` (and off by default when `rateLimit` is false).
   */
  failedAuthLimit?: { max: number; windowMs?: number } | false;
  /** Text search's own rate limit and statement timeout (defaults in search-limits.ts). */
  search?: SearchLimitOptions;
  /** Serve `/metrics` without a token (for a scraper on a private network); default: admin/auditor token. */
  metricsPublic?: boolean;
  /** Add Node process metrics to `/metrics`. */
  processMetrics?: boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app answers, with who may call it: the authorization test walks this list. */
    routeCatalog: RouteEntry[];
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SECRET_KEY = /secret|password|passwd|token|credential|private|apikey|api_key|accesskey/i;

/** A copy of a request body fit for the audit log: secrets never reach it, long values are cut. */
function auditDetails(body: unknown): unknown {
  if (Array.isArray(body)) return body.slice(0, 50).map(auditDetails);
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? '[redacted]' : auditDetails(v),
      ]),
    );
  }
  if (typeof body === 'string' && body.length > 500) return `${body.slice(0, 500)}…`;
  return body;
}

/** Fastify's logger settings for `options.logger`: none, a logger instance, or logger options. */
function loggerOptionOf(logger: BuildAppOptions['logger']) {
  if (logger === undefined) return { logger: false };
  return typeof logger === 'object' && logger !== null && 'child' in logger
    ? { loggerInstance: logger as FastifyBaseLogger }
    : { logger: logger as FastifyServerOptions['logger'] };
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptionOf(options.logger),
    exposeHeadRoutes: false,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 2_048 },
    // Fastify's own refusals (malformed URL, bad content type, unparsable JSON) answer in the API's error shape.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
      (reply as FastifyReply).code(status).send(errorBody(status, error.message));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const metrics = new ApiMetrics({ defaultMetrics: options.processMetrics ?? false });
  const tokens = new TokenVerifier(options.db);

  requireDeclaredAccess(app);
  installAuthentication(app, tokens, options);
  // After authentication (so anonymous probes learn nothing) and before zod validation and any query.
  app.addHook('preValidation', async (request, reply) => {
    const at = requestControlCharacter(request);
    if (at) return reply.code(400).send(errorBody(400, `${at}: control characters are not allowed`));
  });
  if (options.rateLimit !== false) await registerRateLimit(app, options.rateLimit ?? { max: 600 });
  const search = searchLimits(app, options.search ?? {});
  const ctx: RouteContext = {
    db: options.db,
    services: options.services,
    rules: options.services.rules ?? EMPTY_RULE_CATALOG,
    tokens,
    metrics,
    metricsPublic: options.metricsPublic ?? false,
    search,
  };
  registerSecurityHeaders(app);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  auditChanges(app, options.db);
  await registerOpenApi(app);
  await registerRoutes(app, ctx);

  if (options.webDist && existsSync(join(options.webDist, 'index.html'))) {
    await registerDashboard(app, resolve(options.webDist));
  }
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  return app;
}

/** Fail closed: a route nobody classified cannot be registered, so it cannot ship unauthenticated. */
function requireDeclaredAccess(app: FastifyInstance): void {
  app.decorate('routeCatalog', [] as RouteEntry[]);
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      route.schema = { ...(route.schema ?? {}), hide: true } as typeof route.schema;
    }
    const access = route.config?.access;
    if (!access)
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    if (access !== 'public' && route.schema && !route.schema.hide) {
      route.schema = { ...route.schema, security: [{ bearerAuth: [] }] } as typeof route.schema;
    }
    for (const method of [route.method].flat()) app.routeCatalog.push({ method, url: route.url, access });
  });
}

/**
 * Bearer-token authentication and role authorization of every non-public route, with failed attempts limited per
 * client address.
 */
function installAuthentication(app: FastifyInstance, tokens: TokenVerifier, options: BuildAppOptions): void {
  const failedAuthLimit =
    options.failedAuthLimit ?? (options.rateLimit === false ? false : { max: 30, windowMs: 60_000 });
  const failedAuth = failedAuthLimit
    ? new FailedAuthLimiter(failedAuthLimit.max, failedAuthLimit.windowMs ?? 60_000)
    : null;
  // preValidation, not onRequest: the per-route rate-limit hook runs first, so failed logins are limited too.
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const value = bearerToken(request);
    // Per client address, independent of the token sent: random tokens neither bypass the limit nor cost lookups.
    // A token that authenticated recently still passes, so one bad client cannot lock out its neighbours.
    const wait = failedAuth?.blockedFor(request.ip) ?? 0;
    if (wait > 0 && !(value && failedAuth?.isKnownGood(hashToken(value)))) {
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send(errorBody(429, `too many failed authentications from this address; retry in ${wait} s`));
    }
    if (!value) {
      failedAuth?.recordFailure(request.ip);
      return deny(reply, 401, 'missing bearer token (Authorization: Bearer <token>)');
    }
    const token = await tokens.verify(value);
    if (!token) {
      failedAuth?.recordFailure(request.ip);
      return deny(reply, 401, 'invalid, expired or revoked token');
    }
    failedAuth?.rememberGood(hashToken(value));
    request.principal = {
      tokenId: token.id,
      tokenName: token.name,
      tenantId: token.tenantId,
      role: token.role,
    };
    if (!access.includes(token.role)) {
      return deny(reply, 403, `role '${token.role}' may not ${request.method} ${request.routeOptions.url}`);
    }
  });
}

/** Requests per window per token (its hash, so the key is no secret), per client address without one. */
async function registerRateLimit(
  app: FastifyInstance,
  limit: { max: number; timeWindowMs?: number },
): Promise<void> {
  await app.register(fastifyRateLimit, {
    max: limit.max,
    timeWindow: limit.timeWindowMs ?? 60_000,
    keyGenerator: rateLimitKey,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: (_request, context) => ({
      ...errorBody(429, `rate limit of ${context.max} requests per ${context.after} exceeded`),
      statusCode: 429,
    }),
  });
}

/**
 * Helmet's headers with a content security policy the dashboard and swagger-ui work under, on every response (API,
 * dashboard, docs, 404s). Helmet's middleware is built once: none of these headers depends on the request, and the
 * fastify plugin built it again for every request (parsing the directives each time: ~2% of the API's CPU under
 * load).
 */
function registerSecurityHeaders(app: FastifyInstance): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The dashboard's chart library and swagger-ui set inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined));
  });
}

/** Every successful change leaves an audit row, written before the response goes out. */
function auditChanges(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!MUTATING.has(request.method) || !request.principal || reply.statusCode >= 400) return payload;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const target = params.id ?? params.name;
    await recordAudit(db, {
      tenantId: request.principal.tenantId,
      actor: actorOf(request.principal),
      action: request.routeOptions.config.auditAction ?? `${request.method} ${request.routeOptions.url}`,
      target: target === undefined ? null : String(target),
      details: { status: reply.statusCode, body: auditDetails(request.body) ?? null },
    });
    return payload;
  });
}

/** The OpenAPI document (generated from the routes' zod schemas) and its UI at /api/docs. */
async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'aispm API',
        description:
          'AI security posture management. Authenticate with `Authorization: Bearer <token>`; roles: admin, analyst, auditor, scanner.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}

async function registerRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  await app.register(healthRoutes, ctx);
  const v1 = { ...ctx, prefix: '/api/v1' };
  await app.register(accountRoutes, v1);
  await app.register(scanRoutes, v1);
  await app.register(scheduleRoutes, v1);
  await app.register(assetRoutes, v1);
  await app.register(inventoryRoutes, v1);
  await app.register(findingRoutes, v1);
  await app.register(attackPathRoutes, v1);
  await app.register(frameworkRoutes, v1);
  await app.register(ruleRoutes, v1);
  await app.register(evaluationRoutes, v1);
  await app.register(governanceRoutes, v1);
  await app.register(changeRoutes, v1);
  await app.register(tokenRoutes, v1);
  await app.register(auditRoutes, v1);
  await app.register(exportRoutes, v1);
}

/** The built dashboard at `/`, with unknown non-API paths answered by index.html (client-side routes). */
async function registerDashboard(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false });
  const handler = async (
    request: import('fastify').FastifyRequest,
    reply: import('fastify').FastifyReply,
  ) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/') || path === '/api') {
      return reply.code(404).send(errorBody(404, `no route ${request.method} ${path}`));
    }
    const file = resolve(root, `.${path}`);
    if (file.startsWith(`${root}/`) && existsSync(file) && statSync(file).isFile()) {
      return reply.sendFile(file.slice(root.length + 1));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, handler);
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, handler);
}
