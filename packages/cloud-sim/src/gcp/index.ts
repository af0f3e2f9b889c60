import type { ServerResponse } from 'node:http';
import { type FaultDecision, sendWithFault } from '../faults.ts';
import type { CloudContext, CloudHandler, SimRequest } from '../handler.ts';
import { googleError, quotaExceeded, type Reply, serviceDisabled } from './errors.ts';
import type { GcpEstate, GcpObject, GcpProject } from './model.ts';
import { type GcpApi, gcpRoutes, type RouteSpec } from './routes.ts';
import { handleToken } from './token.ts';

export type { GcpEstate, GcpObject } from './model.ts';

/** Items per page on every GCP list: small (AIP-158 lets a server return fewer than asked), so paginators page. */
export const GCP_PAGE_SIZE = 3;

type Limiter = Pick<CloudContext['limiter'], 'take'>;
export interface GcpContext {
  faults: CloudContext['faults'];
  limiter?: Limiter;
  baseUrl: string;
}

function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}
function decodeToken(token: string): number | undefined {
  const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** A resolved request: the operation it counts as, the project it is billed to, and how to answer it. */
interface Route {
  operation: string;
  projectId?: string;
  storage?: boolean;
  run: () => Reply;
}

/**
 * Finds the route table's first route matching the path. A path no route matches is 404 (405 for a method
 * other than GET: the simulator is read-only); a matching path with the wrong method is 405.
 */
function resolve(routes: RouteSpec[], req: SimRequest): Route | Reply {
  const path = req.url.pathname;
  for (const spec of routes) {
    const m = spec.pattern.exec(path);
    if (!m) continue;
    if (req.method !== spec.method)
      return googleError(405, spec.wrongMethod ?? 'The simulator is read-only.', spec.storage);
    const params = m.slice(1);
    const operation = typeof spec.operation === 'string' ? spec.operation : spec.operation(params);
    const project = spec.project?.(params, req.url);
    return {
      operation,
      projectId: project?.projectId,
      storage: spec.storage,
      run: () => spec.handler({ params, url: req.url, body: req.body, project, operation }),
    };
  }
  const storage = path.startsWith('/storage/v1/');
  if (req.method !== 'GET') return googleError(405, 'The simulator is read-only.', storage);
  return googleError(404, `Not Found: ${path}`, storage);
}

/**
 * The GCP half of the simulator (plain HTTP): an OAuth token endpoint, Vertex AI v1, Notebooks v2
 * (Workbench instances), Cloud Resource Manager v3, IAM v1 service accounts and keys, and the Cloud Storage
 * JSON API, all on one listener. What each path answers is the route table in routes.ts.
 */
export function createGcpHandler(state: GcpEstate, ctx: GcpContext): CloudHandler {
  const tokens = new Map<string, number>();
  const byNumber = new Map<string, GcpProject>();
  const byId = new Map<string, GcpProject>();
  for (const p of state.projects) {
    byNumber.set(p.projectNumber, p);
    byId.set(p.projectId, p);
  }
  const page: GcpApi['page'] = (items, key, url, operation, opts = {}) => {
    const token = url.searchParams.get('pageToken');
    let start = 0;
    if (token) {
      const decoded = decodeToken(token);
      if (decoded === undefined) return googleError(400, `Invalid page token: ${token}`, opts.storage);
      start = decoded;
    }
    const requested = Number(url.searchParams.get(opts.storage ? 'maxResults' : 'pageSize') ?? GCP_PAGE_SIZE);
    const size =
      Number.isInteger(requested) && requested > 0 ? Math.min(requested, GCP_PAGE_SIZE) : GCP_PAGE_SIZE;
    const slice = items.slice(start, start + size);
    const next = start + size < items.length ? start + size : ctx.faults.isEndless(operation) ? 0 : undefined;
    return {
      status: 200,
      body: {
        ...opts.extra,
        // Like the real APIs (proto3 JSON), an empty list is an absent field.
        ...(slice.length > 0 ? { [key]: slice } : {}),
        ...(next !== undefined ? { nextPageToken: encodeToken(next) } : {}),
      },
    };
  };
  const routes = gcpRoutes({
    state,
    project: (ref: string): GcpProject | undefined => byId.get(ref) ?? byNumber.get(ref),
    byNumber,
    bucketsByName: new Map<string, GcpObject>(state.buckets.map((b) => [String(b.name), b])),
    page,
  });

  return async (req: SimRequest, res: ServerResponse): Promise<void> => {
    const send = (reply: Reply, decision: FaultDecision = 'none') => {
      sendWithFault(
        res,
        reply.status,
        { 'content-type': 'application/json; charset=UTF-8', ...(reply.headers ?? {}) },
        JSON.stringify(reply.body),
        decision,
      );
    };
    const path = req.url.pathname;
    if (path === '/token' || path === '/oauth2/v4/token') {
      send(handleToken(state, tokens, req));
      return;
    }
    const resolved = resolve(routes, req);
    const storage = path.startsWith('/storage/');
    const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''));
    const expiry = bearer ? tokens.get(bearer[1] as string) : undefined;
    if (!expiry || expiry < Date.now()) {
      send(
        googleError(
          401,
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          storage,
          { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        ),
      );
      return;
    }
    if (!('operation' in resolved)) {
      send(resolved);
      return;
    }
    const { operation } = resolved;
    const where = {
      account: resolved.projectId,
      region: /\/locations\/([^/]+)/.exec(req.url.pathname)?.[1],
    };
    if (ctx.faults.isStalled(operation, where)) return; // never answered: the client's deadline ends it
    if (ctx.faults.isNotEnabled(operation, where)) {
      send(serviceDisabled(operation, resolved.projectId, resolved.storage));
      return;
    }
    if (ctx.faults.isDenied(operation, where)) {
      send(
        googleError(
          403,
          `Permission denied for operation ${operation} on the requested resource (or it may not exist).`,
          resolved.storage,
        ),
      );
      return;
    }
    const limit = ctx.limiter?.take(
      'gcp',
      resolved.projectId ?? String(state.organization.name),
      operation,
    ) ?? { ok: true as const };
    if (!limit.ok) {
      send(quotaExceeded(operation, resolved.storage, limit.retryAfterMs));
      return;
    }
    const decision = ctx.faults.decide(operation);
    if (decision === 'error') {
      send(googleError(503, 'The service is currently unavailable.', resolved.storage));
      return;
    }
    if (decision === 'throttle') {
      send(quotaExceeded(operation, resolved.storage, 20));
      return;
    }
    send(resolved.run(), ctx.faults.bodyFault(operation, where, decision));
  };
}
