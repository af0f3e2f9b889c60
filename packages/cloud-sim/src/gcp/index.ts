import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type FaultDecision, sendWithFault } from '../faults.ts';
import type { CloudContext, CloudHandler, SimRequest } from '../handler.ts';
import type { GcpEstate, GcpObject, GcpProject } from './model.ts';

export type { GcpEstate, GcpObject } from './model.ts';

/** Items per page on every GCP list: small (AIP-158 lets a server return fewer than asked), so paginators page. */
export const GCP_PAGE_SIZE = 3;
const TOKEN_LIFETIME_SECONDS = 3599;
/** Regions the Locations API reports for Vertex AI. */
const VERTEX_LOCATIONS = ['us-central1', 'us-east4', 'europe-west4', 'asia-northeast1'];

/**
 * Vertex AI v1 collections answered: the modelled ones, plus real ones the estate has none of (they list
 * empty, as in a project that does not use them). Anything else is 404, as from the real API.
 */
const VERTEX_COLLECTIONS = new Set([
  'endpoints',
  'models',
  'datasets',
  'indexes',
  'indexEndpoints',
  'customJobs',
  'trainingPipelines',
  'featurestores',
  'pipelineJobs',
  'hyperparameterTuningJobs',
  'batchPredictionJobs',
  'tuningJobs',
  'reasoningEngines',
  'featureOnlineStores',
  'deploymentResourcePools',
  'notebookRuntimes',
  'notebookRuntimeTemplates',
  'ragCorpora',
  'persistentResources',
]);

type Limiter = Pick<CloudContext['limiter'], 'take'>;
export interface GcpContext {
  faults: CloudContext['faults'];
  limiter?: Limiter;
  baseUrl: string;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'UNIMPLEMENTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
const STORAGE_REASONS: Record<number, string> = {
  400: 'invalid',
  401: 'required',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

/** Google API error (`google.rpc.Status` in JSON); Cloud Storage's JSON API uses its older `errors[]` shape. */
function googleError(
  status: number,
  message: string,
  storage = false,
  headers?: Record<string, string>,
): Reply {
  if (storage) {
    return {
      status,
      headers,
      body: {
        error: {
          code: status,
          message,
          errors: [{ message, domain: 'global', reason: STORAGE_REASONS[status] ?? 'unknown' }],
        },
      },
    };
  }
  return {
    status,
    headers,
    body: { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } },
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}
function decodeToken(token: string): number | undefined {
  const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function singular(s: string): string {
  if (s.endsWith('ies')) return `${s.slice(0, -3)}y`;
  if (s.endsWith('es') && s.endsWith('indexes')) return s.slice(0, -2);
  if (s.endsWith('s')) return s.slice(0, -1);
  return s;
}

/** A resolved request: the operation it counts as, the project it is billed to, and how to answer it. */
interface Route {
  operation: string;
  projectId?: string;
  storage?: boolean;
  run: () => Reply;
}

/**
 * The GCP half of the simulator (plain HTTP): an OAuth token endpoint, Vertex AI v1, Notebooks v2
 * (Workbench instances), Cloud Resource Manager v3, IAM v1 service accounts and keys, and the Cloud Storage
 * JSON API, all on one listener.
 */
export function createGcpHandler(state: GcpEstate, ctx: GcpContext): CloudHandler {
  const tokens = new Map<string, number>();
  const byNumber = new Map<string, GcpProject>();
  const byId = new Map<string, GcpProject>();
  for (const p of state.projects) {
    byNumber.set(p.projectNumber, p);
    byId.set(p.projectId, p);
  }
  const project = (ref: string): GcpProject | undefined => byId.get(ref) ?? byNumber.get(ref);
  const bucketsByName = new Map(state.buckets.map((b) => [String(b.name), b]));

  const page = (
    items: GcpObject[],
    key: string,
    url: URL,
    operation: string,
    opts: { extra?: Record<string, unknown>; storage?: boolean } = {},
  ): Reply => {
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

  const notFound = (what: string, name: string) => googleError(404, `${what} \`${name}\` not found.`);
  const unknownProject = (ref: string) => googleError(403, `Permission denied on resource project ${ref}.`);

  const route = (method: string, url: URL, body: Buffer): Route | Reply => {
    const path = url.pathname;
    let m: RegExpExecArray | null;

    // --- Cloud Storage JSON API
    if (path.startsWith('/storage/v1/')) {
      if (method !== 'GET') return googleError(405, 'The simulator is read-only.', true);
      if (path === '/storage/v1/b') {
        const ref = url.searchParams.get('project') ?? '';
        const proj = project(ref);
        return {
          operation: 'storage:ListBuckets',
          projectId: proj?.projectId,
          storage: true,
          run: () => {
            if (!ref) return googleError(400, 'Required parameter: project', true);
            if (!proj)
              return googleError(
                403,
                `The project ${ref} does not exist or the caller does not have storage.buckets.list access to it.`,
                true,
              );
            const items = state.buckets.filter((b) => b.projectNumber === proj.projectNumber);
            return page(items, 'items', url, 'storage:ListBuckets', {
              extra: { kind: 'storage#buckets' },
              storage: true,
            });
          },
        };
      }
      m = /^\/storage\/v1\/b\/([^/]+)(\/iam)?$/.exec(path);
      if (m) {
        const name = decodeURIComponent(m[1] as string);
        const bucket = bucketsByName.get(name);
        const proj = bucket ? byNumber.get(String(bucket.projectNumber)) : undefined;
        const iam = Boolean(m[2]);
        return {
          operation: iam ? 'storage:GetBucketIamPolicy' : 'storage:GetBucket',
          projectId: proj?.projectId,
          storage: true,
          run: () => {
            if (!bucket) return googleError(404, 'The specified bucket does not exist.', true);
            return { status: 200, body: iam ? state.bucketIam[name] : bucket };
          },
        };
      }
      return googleError(404, `Not Found: ${path}`, true);
    }

    // --- Cloud Resource Manager v3
    if (path.startsWith('/v3/')) {
      m = /^\/v3\/(projects|folders|organizations)\/([^/:]+):getIamPolicy$/.exec(path);
      if (m) {
        const [, collection, ref] = m as unknown as [string, string, string];
        if (method !== 'POST') return googleError(405, 'getIamPolicy must be POSTed.');
        const proj = collection === 'projects' ? project(ref) : undefined;
        return {
          operation: 'cloudresourcemanager:GetIamPolicy',
          projectId: proj?.projectId,
          run: () => {
            try {
              if (body.length > 0) JSON.parse(body.toString('utf8'));
            } catch {
              return googleError(400, 'Invalid JSON payload received.');
            }
            if (collection === 'projects')
              return proj ? { status: 200, body: proj.iamPolicy } : unknownProject(ref);
            const exists =
              collection === 'folders'
                ? state.folders.some((f) => f.name === `folders/${ref}`)
                : state.organization.name === `organizations/${ref}`;
            if (!exists)
              return googleError(403, `The caller does not have permission on ${collection}/${ref}.`);
            return {
              status: 200,
              body: {
                version: 1,
                etag: 'BwYl6Zc3K8Q=',
                bindings: [
                  {
                    role: 'roles/resourcemanager.folderViewer',
                    members: ['group:platform-admins@contoso.example'],
                  },
                ],
              },
            };
          },
        };
      }
      if (method !== 'GET') return googleError(405, 'The simulator is read-only.');
      if (path === '/v3/organizations:search') {
        return {
          operation: 'cloudresourcemanager:SearchOrganizations',
          run: () =>
            page([state.organization], 'organizations', url, 'cloudresourcemanager:SearchOrganizations'),
        };
      }
      m = /^\/v3\/organizations\/([^/]+)$/.exec(path);
      if (m) {
        const name = `organizations/${m[1]}`;
        return {
          operation: 'cloudresourcemanager:GetOrganization',
          run: () =>
            state.organization.name === name
              ? { status: 200, body: state.organization }
              : googleError(403, `The caller does not have permission on ${name}.`),
        };
      }
      if (path === '/v3/folders' || path === '/v3/folders:search') {
        const search = path.endsWith(':search');
        const op = search ? 'cloudresourcemanager:SearchFolders' : 'cloudresourcemanager:ListFolders';
        return {
          operation: op,
          run: () => {
            const parent = url.searchParams.get('parent');
            if (!search && !parent)
              return googleError(400, 'Request contains an invalid argument: parent is required.');
            const items = search
              ? state.folders.filter((f) => matchesQuery(f, url.searchParams.get('query')))
              : state.folders.filter((f) => f.parent === parent);
            return page(items, 'folders', url, op);
          },
        };
      }
      m = /^\/v3\/folders\/([^/]+)$/.exec(path);
      if (m) {
        const name = `folders/${m[1]}`;
        return {
          operation: 'cloudresourcemanager:GetFolder',
          run: () => {
            const folder = state.folders.find((f) => f.name === name);
            return folder
              ? { status: 200, body: folder }
              : googleError(403, `The caller does not have permission on ${name}.`);
          },
        };
      }
      if (path === '/v3/projects' || path === '/v3/projects:search') {
        const search = path.endsWith(':search');
        const op = search ? 'cloudresourcemanager:SearchProjects' : 'cloudresourcemanager:ListProjects';
        return {
          operation: op,
          run: () => {
            const parent = url.searchParams.get('parent');
            if (!search && !parent)
              return googleError(400, 'Request contains an invalid argument: parent is required.');
            const all = state.projects.map((p) => p.resource);
            const items = search
              ? all.filter((p) => matchesQuery(p, url.searchParams.get('query')))
              : all.filter((p) => p.parent === parent);
            return page(items, 'projects', url, op);
          },
        };
      }
      m = /^\/v3\/projects\/([^/]+)$/.exec(path);
      if (m) {
        const ref = m[1] as string;
        const proj = project(ref);
        return {
          operation: 'cloudresourcemanager:GetProject',
          projectId: proj?.projectId,
          run: () => (proj ? { status: 200, body: proj.resource } : unknownProject(ref)),
        };
      }
      return googleError(404, `Not Found: ${path}`);
    }

    if (method !== 'GET') return googleError(405, 'The simulator is read-only.');

    // --- IAM v1 service accounts and keys
    m = /^\/v1\/projects\/([^/]+)\/serviceAccounts(?:\/([^/]+)(\/keys)?)?$/.exec(path);
    if (m) {
      const ref = m[1] as string;
      const email = m[2] ? decodeURIComponent(m[2]) : undefined;
      const keys = Boolean(m[3]);
      const proj = project(ref);
      const op = !email
        ? 'iam:ListServiceAccounts'
        : keys
          ? 'iam:ListServiceAccountKeys'
          : 'iam:GetServiceAccount';
      return {
        operation: op,
        projectId: proj?.projectId,
        run: () => {
          if (!proj && ref !== '-') return unknownProject(ref);
          const accounts =
            ref === '-'
              ? Object.values(state.serviceAccounts).flat()
              : (state.serviceAccounts[proj?.projectId ?? ''] ?? []);
          if (!email) return page(accounts, 'accounts', url, op);
          const account = accounts.find((a) => a.email === email || a.uniqueId === email);
          if (!account) return notFound('Service account', `projects/${ref}/serviceAccounts/${email}`);
          if (!keys) return { status: 200, body: account };
          const types = url.searchParams.getAll('keyTypes');
          const all = state.serviceAccountKeys[String(account.email)] ?? [];
          return {
            status: 200,
            body: { keys: types.length > 0 ? all.filter((k) => types.includes(String(k.keyType))) : all },
          };
        },
      };
    }

    // --- Locations (Vertex AI's location mixin)
    m = /^\/v1\/projects\/([^/]+)\/locations$/.exec(path);
    if (m) {
      const ref = m[1] as string;
      const proj = project(ref);
      return {
        operation: 'aiplatform:ListLocations',
        projectId: proj?.projectId,
        run: () => {
          if (!proj) return unknownProject(ref);
          const items = VERTEX_LOCATIONS.map((l) => ({
            name: `projects/${proj.projectId}/locations/${l}`,
            locationId: l,
            displayName: l,
          }));
          return page(items, 'locations', url, 'aiplatform:ListLocations');
        },
      };
    }

    // --- Vertex AI v1 and Notebooks v2: projects/{p}/locations/{l}/{collection}[/{id}]
    m = /^\/(v1|v2)\/projects\/([^/]+)\/locations\/([^/]+)\/([A-Za-z]+)(?:\/([^/:]+))?$/.exec(path);
    if (m) {
      const [, version, ref, location, collection, id] = m as unknown as [
        string,
        string,
        string,
        string,
        string,
        string | undefined,
      ];
      const notebooks = version === 'v2';
      const service = notebooks ? 'notebooks' : 'aiplatform';
      if (notebooks ? collection !== 'instances' : !VERTEX_COLLECTIONS.has(collection))
        return googleError(404, `Not Found: ${path}`);
      const proj = project(ref);
      const op = id
        ? `${service}:Get${capitalise(singular(collection))}`
        : `${service}:List${capitalise(collection)}`;
      return {
        operation: op,
        projectId: proj?.projectId,
        run: () => {
          if (!proj) return unknownProject(ref);
          // Vertex names carry the project number, Workbench names the project id.
          const projectKey = notebooks ? proj.projectId : proj.projectNumber;
          const prefix = `projects/${projectKey}/locations/`;
          const items =
            location === '-'
              ? Object.entries(state.collections)
                  .filter(([k]) => k.startsWith(prefix) && k.endsWith(`/${collection}`))
                  .flatMap(([, v]) => v)
              : (state.collections[`${prefix}${location}/${collection}`] ?? []);
          if (!id) {
            const filtered = filterList(items, url.searchParams.get('filter'));
            return page(filtered, collection, url, op);
          }
          const name = `${prefix}${location}/${collection}/${decodeURIComponent(id)}`;
          const found = items.find((o) => o.name === name);
          return found ? { status: 200, body: found } : notFound(capitalise(singular(collection)), name);
        },
      };
    }
    return googleError(404, `Not Found: ${path}`);
  };

  const handleToken = (req: SimRequest): Reply => {
    if (req.method !== 'POST')
      return { status: 405, body: { error: 'invalid_request', error_description: 'POST required' } };
    const form = new URLSearchParams(req.body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') {
      const c = state.oauthClient;
      if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
        };
      }
      if (form.get('refresh_token') !== c.refreshToken) {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
        };
      }
    } else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      // Service-account JWTs: the issuer must be a known account (signatures are not checked).
      const claims = decodeJwtClaims(form.get('assertion') ?? '');
      const known = Object.values(state.serviceAccounts)
        .flat()
        .some((a) => a.email === claims?.iss);
      if (!known)
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    } else {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` },
      };
    }
    const token = `ya29.sim-${randomBytes(24).toString('base64url')}`;
    tokens.set(token, Date.now() + TOKEN_LIFETIME_SECONDS * 1000);
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: TOKEN_LIFETIME_SECONDS,
        token_type: 'Bearer',
        scope: 'https://www.googleapis.com/auth/cloud-platform',
      },
    };
  };

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
      send(handleToken(req));
      return;
    }
    const resolved = route(req.method, req.url, req.body);
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
    if (ctx.faults.isDenied(operation)) {
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
    send(resolved.run(), decision);
  };
}

function quotaExceeded(operation: string, storage: boolean | undefined, retryAfterMs: number): Reply {
  const service = operation.split(':')[0];
  const message = storage
    ? 'The project exceeded the rate limit for read operations.'
    : `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service '${service}.googleapis.com'.`;
  return googleError(429, message, storage, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });
}

/** Cloud Resource Manager search queries: space-separated `field:value` / `field=value` terms, all must match. */
function matchesQuery(o: GcpObject, query: string | null): boolean {
  if (!query) return true;
  return query
    .split(/\s+(?:AND\s+)?/i)
    .filter(Boolean)
    .every((term) => {
      const m = /^([A-Za-z.]+)\s*[:=]\s*"?([^"]*)"?$/.exec(term);
      if (!m) return true;
      const [, field, value] = m as unknown as [string, string, string];
      const actual =
        field === 'parent.id'
          ? String(o.parent ?? '').split('/')[1]
          : field === 'id'
            ? o.projectId
            : o[field];
      if (field === 'parent' && !value.includes('/')) return String(o.parent ?? '').endsWith(`/${value}`);
      return String(actual ?? '').toLowerCase() === value.toLowerCase();
    });
}

/** Vertex list filters: only `labels.KEY=VALUE` and `display_name=VALUE` terms are understood. */
function filterList(items: GcpObject[], filter: string | null): GcpObject[] {
  if (!filter) return items;
  const terms = filter.split(/\s+AND\s+/i);
  return items.filter((o) =>
    terms.every((term) => {
      const m = /^\s*(labels\.[\w-]+|display_name|displayName)\s*=\s*"?([^"]*)"?\s*$/.exec(term);
      if (!m) return true;
      const [, field, value] = m as unknown as [string, string, string];
      if (field.startsWith('labels.'))
        return (o.labels as Record<string, string> | undefined)?.[field.slice(7)] === value;
      return o.displayName === value;
    }),
  );
}

function decodeJwtClaims(jwt: string): { iss?: string } | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string };
  } catch {
    return undefined;
  }
}
