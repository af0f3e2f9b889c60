import type { ServerResponse } from 'node:http';
import { type FaultDecision, sendWithFault } from '../faults.ts';
import type { CloudContext, CloudHandler, SimRequest } from '../handler.ts';
import { handleAad, IssuedTokens } from './aad.ts';
import { ARM_PAGE_SIZE, ArmIndex, type ArmRoute, isPagedType, parseArmPath, shortType } from './arm.ts';
import type { ArmObject, AzureEstate } from './model.ts';

export type { ArmObject, AzureEstate } from './model.ts';

type Limiter = Pick<CloudContext['limiter'], 'take'>;
export interface AzureContext {
  faults: CloudContext['faults'];
  limiter?: Limiter;
  baseUrl: string;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function armError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code, message } }, headers };
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
 * A subscription as ARM answers it: the estate keeps `name` and `type` on every object for routing, but the
 * Subscriptions API's model has neither.
 */
function asServed(o: ArmObject): ArmObject {
  if (o.type !== 'Microsoft.Resources/subscriptions') return o;
  const { name: _name, type: _type, ...rest } = o;
  return rest as ArmObject;
}

/** Drops `properties` as `GET /subscriptions/{id}/resources` does without `$expand`. */
function genericResource(o: ArmObject): ArmObject {
  const { properties: _properties, ...rest } = o;
  return rest as ArmObject;
}

/** Whether scope `inner` is `outer` or lies below it (path-segment boundaries, lower-case ids). */
function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function roleAssignmentScope(o: ArmObject): string {
  return String((o.properties as { scope?: string } | undefined)?.scope ?? '').toLowerCase();
}

/**
 * The Azure half of the simulator: AAD v2.0 client-credential endpoints and Azure Resource Manager reads
 * (JSON, `api-version` required, `value`/`nextLink` paging, ARM error bodies), over HTTPS.
 */
export function createAzureHandler(state: AzureEstate, ctx: AzureContext): CloudHandler {
  const index = new ArmIndex(state);
  const tokens = new IssuedTokens();

  const listFor = (route: Extract<ArmRoute, { kind: 'collection' }>, url: URL): ArmObject[] | Reply => {
    const type = route.type.toLowerCase();
    if (type === 'microsoft.resources/subscriptions') return state.subscriptions.map(asServed);
    if (type === 'microsoft.resources/tenants') {
      return [
        {
          id: `/tenants/${state.tenantId}`,
          name: state.tenantId,
          type: 'Microsoft.Resources/tenants',
          tenantId: state.tenantId,
          tenantCategory: 'Home',
          displayName: 'Contoso AI',
          defaultDomain: 'contoso.example',
          domains: ['contoso.example'],
          tenantType: 'AAD',
        },
      ];
    }
    const sub = route.subscriptionId ?? '';
    if (type === 'microsoft.resources/resources') {
      const prefix = `${route.parent.toLowerCase()}/`;
      return state.resources
        .filter((o) => o.id.toLowerCase().startsWith(prefix) && 'location' in o && isTopLevel(o.id))
        .map(genericResource);
    }
    if (type === 'microsoft.authorization/roleassignments') {
      // Assignments at, above and below the scope (ARM's semantics without a filter).
      const scope = route.parent.toLowerCase();
      const filter = url.searchParams.get('$filter') ?? '';
      let list = index.ofType(route.type, sub).filter((o) => {
        const s = roleAssignmentScope(o);
        return isWithin(scope, s) || isWithin(s, scope);
      });
      if (/atScope\(\)/i.test(filter)) list = list.filter((o) => isWithin(scope, roleAssignmentScope(o)));
      const principal = /principalId eq '([^']+)'/i.exec(filter) ?? /assignedTo\('([^']+)'\)/i.exec(filter);
      if (principal)
        list = list.filter((o) => (o.properties as { principalId?: string }).principalId === principal[1]);
      return list;
    }
    if (type === 'microsoft.authorization/roledefinitions') {
      // Built-in definitions are visible at every scope in the subscription.
      const filter = url.searchParams.get('$filter') ?? '';
      const roleName = /roleName eq '([^']+)'/i.exec(filter);
      const defs = index.ofType(route.type, sub);
      return roleName
        ? defs.filter((o) => (o.properties as { roleName?: string }).roleName === roleName[1])
        : defs;
    }
    return index.collection(route.path);
  };

  const parentMissing = (route: Exclude<ArmRoute, { kind: 'invalid' }>): Reply | undefined => {
    if (route.subscriptionId !== undefined && !index.subscriptions.has(route.subscriptionId.toLowerCase())) {
      return armError(
        404,
        'SubscriptionNotFound',
        `The subscription '${route.subscriptionId}' could not be found.`,
      );
    }
    if (index.exists(route.parent)) return undefined;
    const rg = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(route.path);
    if (rg && !index.exists(rg[0]))
      return armError(404, 'ResourceGroupNotFound', `Resource group '${rg[1]}' could not be found.`);
    return armError(
      404,
      'ParentResourceNotFound',
      `Can not perform requested operation on nested resource. Parent resource '${route.parent}' not found.`,
    );
  };

  const answer = (route: Exclude<ArmRoute, { kind: 'invalid' }>, url: URL, operation: string): Reply => {
    if (!index.knownTypes.has(route.type.toLowerCase())) {
      const [namespace] = route.type.split('/');
      return armError(
        400,
        'InvalidResourceType',
        `The resource type '${shortType(route.type)}' could not be found in the namespace '${namespace}' for api version '${url.searchParams.get('api-version')}'.`,
      );
    }
    const missing = parentMissing(route);
    if (missing) return missing;
    if (route.kind === 'object') {
      const found = index.byId.get(route.path.toLowerCase()) ?? tenantRoleDefinition(route);
      if (found) return { status: 200, body: asServed(found) };
      if (route.type.toLowerCase() === 'microsoft.resources/resourcegroups')
        return armError(404, 'ResourceGroupNotFound', `Resource group '${route.name}' could not be found.`);
      return armError(
        404,
        'ResourceNotFound',
        `The Resource '${shortType(route.type)}/${route.name}' under resource group '${resourceGroupOf(route.path)}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
    }
    const items = listFor(route, url);
    if (!Array.isArray(items)) return items;
    if (!isPagedType(route.type)) return { status: 200, body: { value: items } };
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const top = Number(url.searchParams.get('$top') ?? ARM_PAGE_SIZE);
    const size = Number.isInteger(top) && top > 0 ? Math.min(top, ARM_PAGE_SIZE) : ARM_PAGE_SIZE;
    const start = Number.isInteger(skip) && skip >= 0 ? skip : 0;
    const page = items.slice(start, start + size);
    const endless = ctx.faults.isEndless(operation);
    const nextStart = start + size < items.length ? start + size : endless ? 0 : undefined;
    const body: Record<string, unknown> = { value: page };
    if (nextStart !== undefined) {
      const next = new URL(route.path, ctx.baseUrl);
      for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.append(k, v);
      next.searchParams.set('$skiptoken', String(nextStart));
      body.nextLink = next.toString();
    }
    return { status: 200, body };
  };

  const tenantRoleDefinition = (route: Extract<ArmRoute, { kind: 'object' }>): ArmObject | undefined => {
    if (route.type.toLowerCase() !== 'microsoft.authorization/roledefinitions' || route.parent !== '')
      return undefined;
    return state.resources.find(
      (o) => o.type === 'Microsoft.Authorization/roleDefinitions' && o.name === route.name,
    );
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
    if (ctx.faults.isDenied(operation)) {
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
    send(answer(route, req.url, operation), decision);
  };
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

function isTopLevel(id: string): boolean {
  return /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+$/i.test(id);
}

function resourceGroupOf(path: string): string {
  return /\/resourcegroups\/([^/]+)/i.exec(path)?.[1] ?? '';
}

let requestCounter = 0;
function cryptoId(): string {
  requestCounter = (requestCounter + 1) % 0xffffffff;
  return `00000000-0000-4000-8000-${requestCounter.toString(16).padStart(12, '0')}`;
}
