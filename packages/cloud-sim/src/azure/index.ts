import type { ServerResponse } from 'node:http';
import { type FaultDecision, sendWithFault } from '../faults.ts';
import type { CloudContext, CloudHandler, SimRequest } from '../handler.ts';
import { handleAad, IssuedTokens } from './aad.ts';
import { AGENTS_SCOPE, createAgentsReader, isAgentsPath, LIST_AGENTS_OPERATION } from './agents.ts';
import { ArmIndex, type ArmRoute, parseArmPath } from './arm.ts';
import { armError, type Reply } from './errors.ts';
import type { AzureEstate } from './model.ts';
import { createArmReader } from './reader.ts';
import { createVersionedAgentsReader, isVersionedAgentsPath } from './versioned-agents.ts';

export type { ArmObject, AzureEstate } from './model.ts';

type Limiter = Pick<CloudContext['limiter'], 'take'>;
export interface AzureContext {
  faults: CloudContext['faults'];
  limiter?: Limiter;
  baseUrl: string;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function singular(s: string): string {
  if (s.endsWith('ies')) return `${s.slice(0, -3)}y`;
  if (s.endsWith('s')) return s.slice(0, -1);
  return s;
}

/**
 * The operation name faults, denials and rate limits are keyed by: `<namespace>:<List|Get><Type>`, e.g.
 * `cognitiveservices:ListDeployments`, `authorization:ListRoleAssignments`, `resources:GetSubscription`.
 */
export function armOperation(route: Exclude<ArmRoute, { kind: 'invalid' }>): string {
  const [namespace = '', ...types] = route.type.split('/');
  const service = namespace.replace(/^microsoft\./i, '').toLowerCase();
  const last = types[types.length - 1] ?? '';
  return route.kind === 'collection'
    ? `${service}:List${capitalise(last)}`
    : `${service}:Get${capitalise(singular(last))}`;
}

/**
 * The Azure half of the simulator: AAD v2.0 client-credential endpoints and Azure Resource Manager reads
 * (JSON, `api-version` required, `value`/`nextLink` paging, ARM error bodies), over HTTPS.
 */
export function createAzureHandler(state: AzureEstate, ctx: AzureContext): CloudHandler {
  const index = new ArmIndex(state);
  const tokens = new IssuedTokens();

  const answer = createArmReader(state, index, ctx);
  const agents = createAgentsReader(state.foundryAgents ?? [], ctx);
  const versionedAgents = createVersionedAgentsReader(state.foundryAgents ?? [], ctx);
  /** The Agent Service data plane (classic `/assistants` or new `/agents`): its reply and its operation name. */
  const dataPlane = (url: URL, clientId: string) => {
    if (isVersionedAgentsPath(url.pathname)) return versionedAgents(url, clientId);
    const reply = agents(url, clientId);
    return reply === 'stalled' ? reply : { reply, operation: LIST_AGENTS_OPERATION };
  };

  return async (req: SimRequest, res: ServerResponse): Promise<void> => {
    if (await handleAad(req, res, state, tokens, ctx.baseUrl)) return;
    const send = (reply: Reply, decision: FaultDecision = 'none') => {
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-ms-request-id': cryptoId(),
        ...(reply.headers ?? {}),
      };
      sendWithFault(res, reply.status, headers, JSON.stringify(reply.body), decision);
    };

    const auth = String(req.headers.authorization ?? '');
    const bearer = /^Bearer (.+)$/i.exec(auth);
    if (!bearer) {
      send(
        armError(
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing.",
        ),
      );
      return;
    }
    const clientId = tokens.verify(bearer[1] as string);
    if (!clientId) {
      send(armError(401, 'InvalidAuthenticationToken', 'The access token is invalid or has expired.'));
      return;
    }
    if (isAgentsPath(req.url.pathname) || isVersionedAgentsPath(req.url.pathname)) {
      serveAgentService(
        req,
        send,
        tokens.scopeOf(bearer[1] as string),
        () => dataPlane(req.url, clientId),
        ctx,
      );
      return;
    }
    const apiVersion = req.url.searchParams.get('api-version');
    if (!apiVersion) {
      send(
        armError(
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        ),
      );
      return;
    }
    let segments: string[];
    try {
      segments = armPathname(req.url, ctx.baseUrl).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      send(armError(400, 'InvalidRequestUri', `The request URI '${req.url.pathname}' is not valid.`));
      return;
    }
    const route = parseArmPath(segments);
    if (route.kind === 'invalid') {
      send(armError(404, 'NotFound', route.message));
      return;
    }
    if (req.method !== 'GET') {
      send(
        armError(
          405,
          'MethodNotAllowed',
          `The simulator is read-only: ${req.method} is not supported on '${route.path}'.`,
        ),
      );
      return;
    }
    const operation = armOperation(route);
    const scopeAccount = route.subscriptionId ?? state.tenantId;
    const where = { account: scopeAccount };
    if (ctx.faults.isStalled(operation, where)) return; // never answered: the client's deadline ends it
    if (ctx.faults.isNotEnabled(operation, where)) {
      const [namespace = '', ...types] = route.type.split('/');
      send(
        armError(
          400,
          'NoRegisteredProviderFound',
          `No registered resource provider found for location 'global' and API version '${apiVersion}' for type '${types.join('/')}' of namespace '${namespace}'.`,
        ),
      );
      return;
    }
    if (ctx.faults.isDenied(operation, where)) {
      const scope = route.kind === 'collection' ? route.parent || '/' : route.path;
      send(
        armError(
          403,
          'AuthorizationFailed',
          `The client '${clientId}' with object id '${clientId}' does not have authorization to perform action '${route.type}/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
        ),
      );
      return;
    }
    const limit = ctx.limiter?.take('azure', scopeAccount, operation) ?? { ok: true as const };
    if (!limit.ok) {
      send(throttled(limit.retryAfterMs, scopeAccount));
      return;
    }
    const decision = ctx.faults.decide(operation);
    if (decision === 'error') {
      send(
        armError(
          500,
          'InternalServerError',
          'Encountered internal server error. Diagnostic information: timestamp, MSARM correlation id.',
        ),
      );
      return;
    }
    if (decision === 'throttle') {
      send(throttled(20, scopeAccount));
      return;
    }
    send(answer(route, req.url, operation), ctx.faults.bodyFault(operation, where, decision));
  };
}

/**
 * The Foundry Agent Service data plane (project endpoints, not ARM): read-only, tokens for its own audience only
 * (what `@azure/ai-agents` and `@azure/ai-projects` ask for), then the reader's reply under the operation's faults.
 */
function serveAgentService(
  req: SimRequest,
  send: (reply: Reply, decision?: FaultDecision) => void,
  tokenScope: string | undefined,
  read: () => 'stalled' | { reply: Reply; operation: string },
  ctx: AzureContext,
): void {
  if (req.method !== 'GET') {
    send(armError(405, 'MethodNotAllowed', `The simulator is read-only: ${req.method} is not supported.`));
    return;
  }
  if (!/(^|\s)https:\/\/ai\.azure\.com\/\.default(\s|$)/.test(tokenScope ?? '')) {
    send(
      armError(
        401,
        'InvalidAuthenticationToken',
        `The access token's audience is not ${AGENTS_SCOPE.replace('/.default', '')}.`,
      ),
    );
    return;
  }
  const answered = read();
  if (answered === 'stalled') return;
  const { reply, operation } = answered;
  const decision = reply.status === 200 ? ctx.faults.decide(operation) : 'none';
  if (decision === 'error') send(armError(500, 'InternalServerError', 'An internal server error occurred.'));
  else if (decision === 'throttle') send(throttled(20, 'agents'));
  else send(reply, decision);
}

/** ARM's 429: seconds in Retry-After, plus the millisecond header the Azure SDK retry policy prefers. */
function throttled(retryAfterMs: number, subscriptionId: string): Reply {
  return armError(
    429,
    'SubscriptionRequestsThrottled',
    `Number of 'read' requests for subscription '${subscriptionId}' exceeded the limit. Please try again after '${Math.ceil(retryAfterMs / 1000)}' seconds.`,
    {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      'retry-after-ms': String(Math.max(1, Math.round(retryAfterMs))),
      'x-ms-ratelimit-remaining-subscription-reads': '0',
    },
  );
}

/**
 * SDKs build scope paths as `/{scope}/providers/…` with scope itself starting with a slash, so the request
 * line is `//subscriptions/…`, which URL parsing reads as a protocol-relative host: put it back in the path.
 */
function armPathname(url: URL, baseUrl: string): string {
  const expectedHost = baseUrl ? new URL(baseUrl).host : url.host;
  return url.host !== expectedHost ? `/${url.host}${url.pathname}` : url.pathname;
}

let requestCounter = 0;
function cryptoId(): string {
  requestCounter = (requestCounter + 1) % 0xffffffff;
  return `00000000-0000-4000-8000-${requestCounter.toString(16).padStart(12, '0')}`;
}
