import { STATUS_CODES } from 'node:http';
import { STATEMENT_TIMEOUT_CODE } from '@aispm/db';
import { HttpError, httpErrors } from '@fastify/sensible';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from './hygiene.ts';

/**
 * HTTP errors come from @fastify/sensible (http-errors): thrown from a handler, they answer with their status and
 * message through the error handler below.
 */
export { httpErrors };
export const notFound = (what: string) => httpErrors.notFound(`${what} not found`);
export const badRequest = (message: string) => httpErrors.badRequest(message);
export const conflict = (message: string) => httpErrors.conflict(message);

/** Seconds a client is told to wait when the database is unreachable (it usually is back within seconds). */
export const DATABASE_RETRY_AFTER_S = 5;

export function errorBody(statusCode: number, message: string) {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * Every error answers `{statusCode, error, message}`; validation errors name each offending field
 * (`querystring.limit: Too big: expected number to be <=500`); unexpected errors are logged and answered
 * with a generic 500 so internals never leak.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = err.validationContext ?? 'request';
      const issues = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { location: path ? `${context}.${path}` : context, message: v.message ?? 'invalid' };
      });
      return reply
        .code(400)
        .send({ ...errorBody(400, issues.map((i) => `${i.location}: ${i.message}`).join('; ')), issues });
    }
    if (err instanceof HttpError && err.expose)
      return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message));
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      return reply.code(500).send(errorBody(500, 'internal error'));
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send(errorBody(503, 'database unavailable, retry shortly'));
    }
    if ((err as { code?: unknown }).code === STATEMENT_TIMEOUT_CODE) {
      // A search cancelled by its statement timeout: the same request would time out again, so no Retry-After.
      request.log.warn({ err }, 'statement timeout');
      return reply
        .code(503)
        .send(errorBody(503, 'the query took too long and was cancelled; narrow it with filters'));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody(status, err.message));
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody(500, 'internal error'));
  });
}
