import { agentRegistryRoutes } from './agent-registry.ts';
import { googleError, type Reply } from './errors.ts';
import type { GcpEstate, GcpObject, GcpProject } from './model.ts';
import { filterList, matchesQuery } from './query.ts';

/** Regions the Locations API reports for Vertex AI. */
const VERTEX_LOCATIONS = ['us-central1', 'us-east4', 'europe-west4', 'asia-northeast1'];

/**
 * Vertex AI v1 collections answered: the modelled ones, plus real ones the estate has none of (they list
 * empty, as in a project that does not use them). Anything else is 404, as from the real API.
 */
const VERTEX_COLLECTIONS = [
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
];

/** What a route's handler sees: the path's captures, the request, and the project the request is billed to. */
export interface RouteMatch {
  /** The pattern's capture groups, undecoded (`undefined` for an optional group that did not match). */
  params: (string | undefined)[];
  url: URL;
  body: Buffer;
  project: GcpProject | undefined;
  operation: string;
}

/** One route of the GCP listener. The first route whose pattern matches the path answers it. */
export interface RouteSpec {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** The operation the request counts as for faults and rate limits (the IAM-style `service:Method`). */
  operation: string | ((params: (string | undefined)[]) => string);
  /** The project the request concerns, when it names one (rate limits are per project). */
  project?: (params: (string | undefined)[], url: URL) => GcpProject | undefined;
  /** Cloud Storage's JSON API answers errors in its own shape. */
  storage?: boolean;
  /** The 405 message when the path matches but the method does not. */
  wrongMethod?: string;
  handler: (match: RouteMatch) => Reply;
}

/** What the route handlers read: the estate, indexed, and the paging helper bound to the fault injector. */
export interface GcpApi {
  state: GcpEstate;
  project(ref: string): GcpProject | undefined;
  byNumber: Map<string, GcpProject>;
  bucketsByName: Map<string, GcpObject>;
  page(
    items: GcpObject[],
    key: string,
    url: URL,
    operation: string,
    opts?: { extra?: Record<string, unknown>; storage?: boolean },
  ): Reply;
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
const p = (params: (string | undefined)[], i: number): string => params[i] as string;

const notFound = (what: string, name: string) => googleError(404, `${what} \`${name}\` not found.`);
const unknownProject = (ref: string) => googleError(403, `Permission denied on resource project ${ref}.`);

/** The listener's routes, in match order. */
export function gcpRoutes(api: GcpApi): RouteSpec[] {
  return [
    ...storageRoutes(api),
    ...resourceManagerRoutes(api),
    ...iamRoutes(api),
    ...modelArmorRoutes(api),
    ...apiKeysRoutes(api),
    ...agentRegistryRoutes(api),
    ...vertexRoutes(api),
  ];
}

/**
 * API Keys v2: a project's keys (`locations/global` is the only location), paged like every list. The list never
 * carries the key string (that is `keys/{k}/keyString`, not modelled); deleted keys are not listed.
 */
function apiKeysRoutes(api: GcpApi): RouteSpec[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v2\/projects\/([^/]+)\/locations\/global\/keys$/,
      operation: 'apikeys:ListKeys',
      project: (params) => api.project(p(params, 0)),
      handler: ({ params, project, url, operation }) => {
        if (!project) return unknownProject(p(params, 0));
        return api.page(project.apiKeys ?? [], 'keys', url, operation);
      },
    },
  ];
}

/**
 * Model Armor v1: the project's floor setting (`locations/global` only). A project that never configured one is
 * answered with the bare resource (its name, no filters, enforcement off), as the API does.
 */
function modelArmorRoutes(api: GcpApi): RouteSpec[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/projects\/([^/]+)\/locations\/global\/floorSetting$/,
      operation: 'modelarmor:GetFloorSetting',
      project: (params) => api.project(p(params, 0)),
      handler: ({ params, project }) => {
        if (!project) return unknownProject(p(params, 0));
        const name = `projects/${p(params, 0)}/locations/global/floorSetting`;
        return { status: 200, body: { ...(project.floorSetting ?? {}), name } };
      },
    },
  ];
}

/** Cloud Storage JSON API: buckets, bucket metadata and bucket IAM. */
function storageRoutes(api: GcpApi): RouteSpec[] {
  const { state } = api;
  const bucketProject = (params: (string | undefined)[]) => {
    const bucket = api.bucketsByName.get(decodeURIComponent(p(params, 0)));
    return bucket ? api.byNumber.get(String(bucket.projectNumber)) : undefined;
  };
  const bucket =
    (iam: boolean) =>
    ({ params }: RouteMatch): Reply => {
      const name = decodeURIComponent(p(params, 0));
      const found = api.bucketsByName.get(name);
      if (!found) return googleError(404, 'The specified bucket does not exist.', true);
      return { status: 200, body: iam ? state.bucketIam[name] : found };
    };
  return [
    {
      method: 'GET',
      pattern: /^\/storage\/v1\/b$/,
      operation: 'storage:ListBuckets',
      storage: true,
      project: (_, url) => api.project(url.searchParams.get('project') ?? ''),
      handler: ({ url, project, operation }) => {
        const ref = url.searchParams.get('project') ?? '';
        if (!ref) return googleError(400, 'Required parameter: project', true);
        if (!project)
          return googleError(
            403,
            `The project ${ref} does not exist or the caller does not have storage.buckets.list access to it.`,
            true,
          );
        const items = state.buckets.filter((b) => b.projectNumber === project.projectNumber);
        return api.page(items, 'items', url, operation, {
          extra: { kind: 'storage#buckets' },
          storage: true,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/storage\/v1\/b\/([^/]+)$/,
      operation: 'storage:GetBucket',
      storage: true,
      project: bucketProject,
      handler: bucket(false),
    },
    {
      method: 'GET',
      pattern: /^\/storage\/v1\/b\/([^/]+)\/iam$/,
      operation: 'storage:GetBucketIamPolicy',
      storage: true,
      project: bucketProject,
      handler: bucket(true),
    },
  ];
}

/** Cloud Resource Manager v3: organizations, folders, projects and their IAM policies. */
function resourceManagerRoutes(api: GcpApi): RouteSpec[] {
  const { state } = api;
  const denied = (name: string) => googleError(403, `The caller does not have permission on ${name}.`);
  /** `GET /v3/{collection}` (children of `parent`) and `GET /v3/{collection}:search` (by `query`). */
  const listOrSearch =
    (all: () => GcpObject[], key: string) =>
    ({ url, operation }: RouteMatch): Reply => {
      const search = url.pathname.endsWith(':search');
      const parent = url.searchParams.get('parent');
      if (!search && !parent)
        return googleError(400, 'Request contains an invalid argument: parent is required.');
      const items = search
        ? all().filter((o) => matchesQuery(o, url.searchParams.get('query')))
        : all().filter((o) => o.parent === parent);
      return api.page(items, key, url, operation);
    };
  return [
    {
      method: 'POST',
      pattern: /^\/v3\/(projects|folders|organizations)\/([^/:]+):getIamPolicy$/,
      operation: 'cloudresourcemanager:GetIamPolicy',
      wrongMethod: 'getIamPolicy must be POSTed.',
      project: (params) => (params[0] === 'projects' ? api.project(p(params, 1)) : undefined),
      handler: ({ params, body, project }) => getIamPolicy(state, p(params, 0), p(params, 1), body, project),
    },
    {
      method: 'GET',
      pattern: /^\/v3\/organizations:search$/,
      operation: 'cloudresourcemanager:SearchOrganizations',
      handler: ({ url, operation }) => api.page([state.organization], 'organizations', url, operation),
    },
    {
      method: 'GET',
      pattern: /^\/v3\/organizations\/([^/]+)$/,
      operation: 'cloudresourcemanager:GetOrganization',
      handler: ({ params }) => {
        const name = `organizations/${p(params, 0)}`;
        return state.organization.name === name ? { status: 200, body: state.organization } : denied(name);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v3\/folders(:search)?$/,
      operation: (params) =>
        params[0] ? 'cloudresourcemanager:SearchFolders' : 'cloudresourcemanager:ListFolders',
      handler: listOrSearch(() => state.folders, 'folders'),
    },
    {
      method: 'GET',
      pattern: /^\/v3\/folders\/([^/]+)$/,
      operation: 'cloudresourcemanager:GetFolder',
      handler: ({ params }) => {
        const name = `folders/${p(params, 0)}`;
        const folder = state.folders.find((f) => f.name === name);
        return folder ? { status: 200, body: folder } : denied(name);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v3\/projects(:search)?$/,
      operation: (params) =>
        params[0] ? 'cloudresourcemanager:SearchProjects' : 'cloudresourcemanager:ListProjects',
      handler: listOrSearch(() => state.projects.map((proj) => proj.resource), 'projects'),
    },
    {
      method: 'GET',
      pattern: /^\/v3\/projects\/([^/]+)$/,
      operation: 'cloudresourcemanager:GetProject',
      project: (params) => api.project(p(params, 0)),
      handler: ({ params, project }) =>
        project ? { status: 200, body: project.resource } : unknownProject(p(params, 0)),
    },
  ];
}

function getIamPolicy(
  state: GcpEstate,
  collection: string,
  ref: string,
  body: Buffer,
  project: GcpProject | undefined,
): Reply {
  try {
    if (body.length > 0) JSON.parse(body.toString('utf8'));
  } catch {
    return googleError(400, 'Invalid JSON payload received.');
  }
  if (collection === 'projects')
    return project ? { status: 200, body: project.iamPolicy } : unknownProject(ref);
  const exists =
    collection === 'folders'
      ? state.folders.some((f) => f.name === `folders/${ref}`)
      : state.organization.name === `organizations/${ref}`;
  if (!exists) return googleError(403, `The caller does not have permission on ${collection}/${ref}.`);
  return {
    status: 200,
    body: {
      version: 1,
      etag: 'BwYl6Zc3K8Q=',
      bindings: [
        { role: 'roles/resourcemanager.folderViewer', members: ['group:platform-admins@contoso.example'] },
      ],
    },
  };
}

/** IAM v1: service accounts (of a project, or of every project with `-`) and their keys. */
function iamRoutes(api: GcpApi): RouteSpec[] {
  const { state } = api;
  const accountsOf = (ref: string, project: GcpProject | undefined) =>
    ref === '-'
      ? Object.values(state.serviceAccounts).flat()
      : (state.serviceAccounts[project?.projectId ?? ''] ?? []);
  /** The account named by `{email or uniqueId}` in the path, or the 404 for it. */
  const account = ({ params, project }: RouteMatch): GcpObject | Reply => {
    const ref = p(params, 0);
    if (!project && ref !== '-') return unknownProject(ref);
    const email = decodeURIComponent(p(params, 1));
    const found = accountsOf(ref, project).find((a) => a.email === email || a.uniqueId === email);
    return found ?? notFound('Service account', `projects/${ref}/serviceAccounts/${email}`);
  };
  const isReply = (x: GcpObject | Reply): x is Reply => typeof x.status === 'number' && 'body' in x;
  const project = (params: (string | undefined)[]) => api.project(p(params, 0));
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/projects\/([^/]+)\/serviceAccounts$/,
      operation: 'iam:ListServiceAccounts',
      project,
      handler: ({ params, project, url, operation }) => {
        const ref = p(params, 0);
        if (!project && ref !== '-') return unknownProject(ref);
        return api.page(accountsOf(ref, project), 'accounts', url, operation);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/]+)$/,
      operation: 'iam:GetServiceAccount',
      project,
      handler: (match) => {
        const found = account(match);
        return isReply(found) ? found : { status: 200, body: found };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/]+)\/keys$/,
      operation: 'iam:ListServiceAccountKeys',
      project,
      handler: (match) => {
        const found = account(match);
        if (isReply(found)) return found;
        const types = match.url.searchParams.getAll('keyTypes');
        const all = state.serviceAccountKeys[String(found.email)] ?? [];
        return {
          status: 200,
          body: { keys: types.length > 0 ? all.filter((k) => types.includes(String(k.keyType))) : all },
        };
      },
    },
  ];
}

/** Vertex AI v1 (its Locations mixin and collections) and Notebooks v2 (Workbench instances). */
function vertexRoutes(api: GcpApi): RouteSpec[] {
  const collections = VERTEX_COLLECTIONS.join('|');
  const project = (params: (string | undefined)[]) => api.project(p(params, 0));
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/projects\/([^/]+)\/locations$/,
      operation: 'aiplatform:ListLocations',
      project,
      handler: ({ params, project, url, operation }) => {
        if (!project) return unknownProject(p(params, 0));
        const items = VERTEX_LOCATIONS.map((l) => ({
          name: `projects/${project.projectId}/locations/${l}`,
          locationId: l,
          displayName: l,
        }));
        return api.page(items, 'locations', url, operation);
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/projects/([^/]+)/locations/([^/]+)/(${collections})(?:/([^/:]+))?$`),
      operation: (params) => collectionOperation('aiplatform', p(params, 2), params[3]),
      project,
      handler: collectionHandler(api, false),
    },
    {
      method: 'GET',
      pattern: /^\/v2\/projects\/([^/]+)\/locations\/([^/]+)\/(instances)(?:\/([^/:]+))?$/,
      operation: (params) => collectionOperation('notebooks', p(params, 2), params[3]),
      project,
      handler: collectionHandler(api, true),
    },
  ];
}

function collectionOperation(service: string, collection: string, id: string | undefined): string {
  return id
    ? `${service}:Get${capitalise(singular(collection))}`
    : `${service}:List${capitalise(collection)}`;
}

/** `projects/{p}/locations/{l}/{collection}[/{id}]`: list (filtered, paged, `-` for every location) or get. */
function collectionHandler(api: GcpApi, notebooks: boolean): RouteSpec['handler'] {
  return ({ params, project, url, operation }) => {
    const [ref, location, collection, id] = params as [string, string, string, string | undefined];
    if (!project) return unknownProject(ref);
    // Vertex names carry the project number, Workbench names the project id.
    const projectKey = notebooks ? project.projectId : project.projectNumber;
    const prefix = `projects/${projectKey}/locations/`;
    const items =
      location === '-'
        ? Object.entries(api.state.collections)
            .filter(([k]) => k.startsWith(prefix) && k.endsWith(`/${collection}`))
            .flatMap(([, v]) => v)
        : (api.state.collections[`${prefix}${location}/${collection}`] ?? []);
    if (!id) return api.page(filterList(items, url.searchParams.get('filter')), collection, url, operation);
    const name = `${prefix}${location}/${collection}/${decodeURIComponent(id)}`;
    const found = items.find((o) => o.name === name);
    return found ? { status: 200, body: found } : notFound(capitalise(singular(collection)), name);
  };
}
