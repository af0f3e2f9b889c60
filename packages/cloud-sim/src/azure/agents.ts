import type { CloudContext } from '../handler.ts';
import { armError, type Reply } from './errors.ts';
import type { FoundryAgent, FoundryProjectAgents } from './model.ts';

/** The operation name faults, denials and rate limits use for the agent listing. */
export const LIST_AGENTS_OPERATION = 'cognitiveservices:ListAgents';
/** The Entra data action the listing needs (what the service names when it refuses). */
export const AGENTS_READ_DATA_ACTION = 'Microsoft.CognitiveServices/accounts/AIServices/agents/read';
/** The token scope `@azure/ai-agents` asks for (its default `credentials.scopes`). */
export const AGENTS_SCOPE = 'https://ai.azure.com/.default';
/** Agents per page whatever `limit` asks (the service allows 1–100, default 20): small, so listings really page. */
export const AGENT_PAGE_SIZE = 2;

/**
 * A Foundry project endpoint reached through the simulator: `https://127.0.0.1:PORT/{host}/api/projects/{p}` stands
 * for `https://{host}/api/projects/{p}` (the host keeps the account name the project lives under).
 */
const AGENTS_PATH =
  /^\/([a-z0-9-]+\.services\.ai\.azure\.com)\/api\/projects\/([^/]+)\/assistants(?:\/([^/]+))?$/i;

export function isAgentsPath(pathname: string): boolean {
  return AGENTS_PATH.test(pathname);
}

/** The Agent Service's error body: `{ error: { code, message } }` (the SDK's `AgentV1Error`). */
export function agentError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return armError(status, code, message, headers);
}

type Limiter = Pick<CloudContext['limiter'], 'take'>;

/**
 * The slice of the Foundry Agent Service data plane `@azure/ai-agents` `listAgents` / `getAgent` call:
 * `GET {project}/assistants` (OpenAI-style paging: `limit`, `order`, `after`, `before`; `last_id`, `has_more`) and `GET {project}/assistants/{id}`. Faults follow the ARM side: `denied` answers the service's
 * 401 PermissionDenied naming the data action, `notEnabled` the provider-not-registered 400, `stalled` never answers.
 */
export function createAgentsReader(
  stores: readonly FoundryProjectAgents[],
  ctx: { faults: CloudContext['faults']; limiter?: Limiter },
): (url: URL, clientId: string) => Reply | 'stalled' {
  const byKey = new Map(stores.map((s) => [`${s.host}/${s.project}`.toLowerCase(), s]));
  return (url, clientId) => {
    const m = AGENTS_PATH.exec(url.pathname) as RegExpExecArray;
    const host = m[1] as string;
    const project = decodeURIComponent(m[2] as string);
    const agentId = m[3] ? decodeURIComponent(m[3]) : undefined;
    const store = byKey.get(`${host}/${project}`.toLowerCase());
    if (!store) return agentError(404, 'NotFound', `Project '${project}' was not found on '${host}'.`);
    const operation = agentId ? 'cognitiveservices:GetAgent' : LIST_AGENTS_OPERATION;
    const where = { account: store.subscriptionId };
    if (ctx.faults.isStalled(operation, where)) return 'stalled';
    if (ctx.faults.isNotEnabled(operation, where))
      return agentError(
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for the Agent Service on '${host}' (project '${project}').`,
      );
    const template = agentId
      ? '/api/projects/{projectName}/assistants/{assistantId}'
      : '/api/projects/{projectName}/assistants';
    if (ctx.faults.isDenied(operation, where))
      return agentError(
        401,
        'PermissionDenied',
        `The principal \`${clientId}\` lacks the required data action \`${AGENTS_READ_DATA_ACTION}\` to perform \`GET ${template}\` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.`,
      );
    const limit = ctx.limiter?.take('azure', store.subscriptionId, operation) ?? { ok: true as const };
    if (!limit.ok)
      return agentError(429, 'TooManyRequests', 'Rate limit is exceeded. Try again later.', {
        'retry-after': String(Math.max(1, Math.ceil(limit.retryAfterMs / 1000))),
        'retry-after-ms': String(Math.max(1, Math.round(limit.retryAfterMs))),
      });
    if (agentId) {
      const agent = store.agents.find((a) => a.id === agentId);
      return agent
        ? { status: 200, body: agent }
        : agentError(404, 'NotFound', `No assistant found with id '${agentId}'.`);
    }
    return listPage(store.agents, url.searchParams);
  };
}

/** One page of the listing, ordered by `created_at` (`desc` by default), after / before a cursor id. */
export function listPage(agents: readonly FoundryAgent[], params: URLSearchParams): Reply {
  const paged = cursorPage(agents, params, (a) => a.created_at, 'assistant');
  if ('status' in paged) return paged;
  // The fields of the SDK's `_AgentsPagedResultAgent` (the service also says `object` and `first_id`, which
  // @azure/ai-agents 1.1.0 does not model; the simulator serves only what the SDK reads).
  const last = paged.page[paged.page.length - 1]?.id;
  return {
    status: 200,
    body: { data: paged.page, ...(last ? { last_id: last } : {}), has_more: paged.hasMore },
  };
}

/**
 * The OpenAI-style cursor paging both generations of the Agent Service use: `order` (`desc` by default) by creation
 * time, `limit` 1–100 (default 20, served at most {@link AGENT_PAGE_SIZE}), `after` / `before` an item id.
 */
export function cursorPage<T extends { id: string }>(
  items: readonly T[],
  params: URLSearchParams,
  createdAt: (item: T) => number,
  noun: string,
): { page: T[]; hasMore: boolean } | Reply {
  const order = params.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    return agentError(400, 'invalid_request_error', `Invalid value for 'order': '${order}'.`);
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return agentError(400, 'invalid_request_error', `Invalid value for 'limit': must be between 1 and 100.`);
  const sorted = [...items].sort((a, b) =>
    order === 'asc'
      ? createdAt(a) - createdAt(b) || cmp(a.id, b.id)
      : createdAt(b) - createdAt(a) || cmp(b.id, a.id),
  );
  let rest = sorted;
  const after = params.get('after');
  const before = params.get('before');
  if (after) {
    const at = sorted.findIndex((a) => a.id === after);
    if (at < 0) return agentError(400, 'invalid_request_error', `No ${noun} found with id '${after}'.`);
    rest = sorted.slice(at + 1);
  }
  if (before) {
    const at = rest.findIndex((a) => a.id === before);
    if (at < 0) return agentError(400, 'invalid_request_error', `No ${noun} found with id '${before}'.`);
    rest = rest.slice(0, at);
  }
  const page = rest.slice(0, Math.min(limit, AGENT_PAGE_SIZE));
  return { page, hasMore: rest.length > page.length };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
