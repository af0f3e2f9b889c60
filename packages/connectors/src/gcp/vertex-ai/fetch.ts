import { collectTokenPages } from '../../shared/paging.ts';
import type { GaxClientOptions } from '../clients.ts';
import { fromProtoValue } from '../json.ts';
import { type GcpFetchEnv, plain } from '../service.ts';

export type GcpJson = Record<string, unknown>;

/** The Vertex AI collections aispm imports: service client and list method of each. */
export const VERTEX_COLLECTIONS = {
  endpoints: ['EndpointServiceClient', 'listEndpoints'],
  models: ['ModelServiceClient', 'listModels'],
  datasets: ['DatasetServiceClient', 'listDatasets'],
  indexes: ['IndexServiceClient', 'listIndexes'],
  indexEndpoints: ['IndexEndpointServiceClient', 'listIndexEndpoints'],
  customJobs: ['JobServiceClient', 'listCustomJobs'],
  trainingPipelines: ['PipelineServiceClient', 'listTrainingPipelines'],
  featurestores: ['FeaturestoreServiceClient', 'listFeaturestores'],
  reasoningEngines: ['ReasoningEngineServiceClient', 'listReasoningEngines'],
} as const;

export type VertexCollection = keyof typeof VERTEX_COLLECTIONS;
export type RawVertex = Record<VertexCollection, GcpJson[]>;

type ListMethod = (
  request: { parent: string; pageToken?: string },
  options: { autoPaginate: false },
) => Promise<[unknown[], { pageToken?: string | null } | null, unknown]>;

/** Struct-typed fields (`google.protobuf.Value`) of Vertex resources, decoded to plain JSON. */
const STRUCT_FIELDS = ['metadata', 'trainingTaskInputs', 'trainingTaskMetadata'];

export function decodeVertexResource(resource: unknown): GcpJson {
  const o = plain(resource);
  for (const f of STRUCT_FIELDS) if (o[f] !== undefined && o[f] !== null) o[f] = fromProtoValue(o[f]);
  return o;
}

export async function fetchVertex(env: GcpFetchEnv): Promise<RawVertex> {
  // Vertex AI is served from regional hosts: `{location}-aiplatform.googleapis.com`.
  const options = env.factory.gaxOptions(`${env.location}-aiplatform.googleapis.com`);
  const parent = `projects/${env.projectId}/locations/${env.location}`;
  // Loaded on first use: the generated clients take seconds to import.
  const { v1 } = await import('@google-cloud/aiplatform');
  const entries = await Promise.all(
    (
      Object.entries(VERTEX_COLLECTIONS) as [
        VertexCollection,
        (typeof VERTEX_COLLECTIONS)[VertexCollection],
      ][]
    ).map(async ([collection, [clientName, method]]) => {
      const Ctor = v1[clientName];
      const client = env.factory.gaxClient(
        Ctor as unknown as new (
          o: GaxClientOptions,
        ) => Record<string, unknown>,
        options,
      );
      const list = (client[method] as ListMethod).bind(client);
      // Denied or not offered in this location: only this collection is missing (a `list` coverage gap).
      const resource = method.replace(/^list/, '');
      const items = await env.gaps.list(
        `projects.locations.${resource.charAt(0).toLowerCase()}${resource.slice(1)}.list`,
        `aiplatform.${resource.charAt(0).toLowerCase()}${resource.slice(1)}.list`,
        () =>
          collectTokenPages(async (pageToken) => {
            const [page, next] = await env.call(() => list({ parent, pageToken }, { autoPaginate: false }));
            return { items: page.map(decodeVertexResource), next: next?.pageToken ?? undefined };
          }),
      );
      return [collection, items] as const;
    }),
  );
  return Object.fromEntries(entries) as RawVertex;
}
