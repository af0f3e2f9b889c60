import type { CloudContext } from '../handler.ts';
import { AGENTS_READ_DATA_ACTION, agentError, cursorPage, LIST_AGENTS_OPERATION } from './agents.ts';
import type { Reply } from './errors.ts';
import type { FoundryProjectAgents, FoundryVersionedAgent } from './model.ts';

/** The operation name faults, denials and rate limits use for the (new) agent listing. */
export const LIST_VERSIONED_AGENTS_OPERATION = 'cognitiveservices:ListVersionedAgents';
/** The only api-version the (new) Agent Service's GA surface takes, what `@azure/ai-projects` 2.x sends. */
export const AGENTS_API_VERSION = 'v1';

/**
 * `https://127.0.0.1:PORT/{host}/api/projects/{p}/agents[/{name}[/versions[/{version}]]]` stands for the same path on
 * `https://{host}` (the host keeps the account name the project lives under).
 */
const VERSIONED_PATH =
  /^\/([a-z0-9-]+\.services\.ai\.azure\.com)\/api\/projects\/([^/]+)\/agents(?:\/([^/]+)(?:\/(versions)(?:\/([^/]+))?)?)?$/i;

export function isVersionedAgentsPath(pathname: string): boolean {
  return VERSIONED_PATH.test(pathname);
}

type Limiter = Pick<CloudContext['limiter'], 'take'>;

interface Route {
  template: string;
  operation: string;
  answer: (store: FoundryProjectAgents, params: URLSearchParams) => Reply;
}

/** Which of the four reads the path is (list agents, get agent, list versions, get version). */
function route(name: string | undefined, versions: boolean, version: string | undefined): Route {
  const agents = (s: FoundryProjectAgents) => s.versionedAgents ?? [];
  const notFound = () => agentError(404, 'not_found', `Agent '${name}' was not found.`);
  if (!name)
    return {
      template: '/agents',
      operation: LIST_VERSIONED_AGENTS_OPERATION,
      answer: (s, params) => {
        const paged = cursorPage(agents(s), params, (a) => a.versions.latest.created_at, 'agent');
        if ('status' in paged) return paged;
        return { status: 200, body: pagedBody(paged.page, paged.hasMore) };
      },
    };
  const find = (s: FoundryProjectAgents): FoundryVersionedAgent | undefined =>
    agents(s).find((a) => a.name === name);
  if (!versions)
    return {
      template: '/agents/{agent_name}',
      operation: 'cognitiveservices:GetVersionedAgent',
      answer: (s) => {
        const agent = find(s);
        return agent ? { status: 200, body: agent } : notFound();
      },
    };
  if (!version)
    return {
      template: '/agents/{agent_name}/versions',
      operation: 'cognitiveservices:ListAgentVersions',
      // The simulator keeps each agent's latest version only: the listing has that one.
      answer: (s, params) => {
        const agent = find(s);
        if (!agent) return notFound();
        const paged = cursorPage([agent.versions.latest], params, (v) => v.created_at, 'agent version');
        if ('status' in paged) return paged;
        return { status: 200, body: pagedBody(paged.page, paged.hasMore) };
      },
    };
  return {
    template: '/agents/{agent_name}/versions/{agent_version}',
    operation: 'cognitiveservices:GetAgentVersion',
    answer: (s) => {
      const latest = find(s)?.versions.latest;
      return latest && latest.version === version
        ? { status: 200, body: latest }
        : agentError(404, 'not_found', `Version '${version}' of agent '${name}' was not found.`);
    },
  };
}

/** The fields of the SDK's `_AgentsPagedResult…` deserializers: `data`, `first_id`, `last_id`, `has_more`. */
function pagedBody(page: { id: string }[], hasMore: boolean): Record<string, unknown> {
  const first = page[0]?.id;
  const last = page[page.length - 1]?.id;
  return {
    data: page,
    ...(first ? { first_id: first } : {}),
    ...(last ? { last_id: last } : {}),
    has_more: hasMore,
  };
}

/**
 * The slice of the (new) Foundry Agent Service `@azure/ai-projects` 2.x `agents.list` / `get` / `listVersions` /
 * `getVersion` call, on the project endpoint with `api-version=v1`. Faults follow the classic listing: `denied` answers
 * the service's 401 PermissionDenied naming the data action, `notEnabled` the provider-not-registered 400, `stalled`
 * never answers.
 */
export function createVersionedAgentsReader(
  stores: readonly FoundryProjectAgents[],
  ctx: { faults: CloudContext['faults']; limiter?: Limiter },
): (url: URL, clientId: string) => { reply: Reply; operation: string } | 'stalled' {
  const byKey = new Map(stores.map((s) => [`${s.host}/${s.project}`.toLowerCase(), s]));
  return (url, clientId) => {
    const m = VERSIONED_PATH.exec(url.pathname) as RegExpExecArray;
    const host = m[1] as string;
    const project = decodeURIComponent(m[2] as string);
    const name = m[3] ? decodeURIComponent(m[3]) : undefined;
    const r = route(name, !!m[4], m[5] ? decodeURIComponent(m[5]) : undefined);
    const { operation } = r;
    const store = byKey.get(`${host}/${project}`.toLowerCase());
    if (!store)
      return {
        operation,
        reply: agentError(404, 'not_found', `Project '${project}' was not found on '${host}'.`),
      };
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion !== AGENTS_API_VERSION)
      return {
        operation,
        reply: agentError(
          400,
          'BadRequest',
          apiVersion
            ? `API version '${apiVersion}' is not supported; use '${AGENTS_API_VERSION}'.`
            : 'The api-version query parameter is required.',
        ),
      };
    const where = { account: store.subscriptionId };
    if (ctx.faults.isStalled(operation, where)) return 'stalled';
    if (ctx.faults.isNotEnabled(operation, where))
      return {
        operation,
        reply: agentError(
          400,
          'NoRegisteredProviderFound',
          `No registered resource provider found for the Agent Service on '${host}' (project '${project}').`,
        ),
      };
    // The data action is the classic listing's too: a principal denied it there (`ListAgents`) is denied here.
    if (ctx.faults.isDenied(operation, where) || ctx.faults.isDenied(LIST_AGENTS_OPERATION, where))
      return {
        operation,
        reply: agentError(
          401,
          'PermissionDenied',
          `The principal \`${clientId}\` lacks the required data action \`${AGENTS_READ_DATA_ACTION}\` to perform \`GET /api/projects/{projectName}${r.template}\` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.`,
        ),
      };
    const limit = ctx.limiter?.take('azure', store.subscriptionId, operation) ?? { ok: true as const };
    if (!limit.ok)
      return {
        operation,
        reply: agentError(429, 'TooManyRequests', 'Rate limit is exceeded. Try again later.', {
          'retry-after': String(Math.max(1, Math.ceil(limit.retryAfterMs / 1000))),
          'retry-after-ms': String(Math.max(1, Math.round(limit.retryAfterMs))),
        }),
      };
    return { operation, reply: r.answer(store, url.searchParams) };
  };
}
