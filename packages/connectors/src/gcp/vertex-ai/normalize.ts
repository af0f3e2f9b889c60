import {
  type AssetKind,
  assetId,
  type EdgeRecord,
  edge,
  type GraphBatch,
  INTERNET_ID,
  unknownFact,
} from '@aispm/core';
import { SecretRedactor } from '../../shared/secrets.ts';
import {
  AIPLATFORM,
  bucketAssetIdOfUri,
  gcpAsset,
  gcpInternetAsset,
  kmsKeyAssetId,
  networkAssetId,
  projectAssetId,
  serviceAccountIdOfEmail,
  str,
} from '../asset.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { GcpJson, RawVertex, VertexCollection } from './fetch.ts';

const TYPES: Record<VertexCollection, { nativeType: string; kind: AssetKind }> = {
  endpoints: { nativeType: 'aiplatform.googleapis.com/Endpoint', kind: 'inference-endpoint' },
  models: { nativeType: 'aiplatform.googleapis.com/Model', kind: 'model' },
  datasets: { nativeType: 'aiplatform.googleapis.com/Dataset', kind: 'dataset' },
  indexes: { nativeType: 'aiplatform.googleapis.com/Index', kind: 'vector-store' },
  indexEndpoints: { nativeType: 'aiplatform.googleapis.com/IndexEndpoint', kind: 'vector-store' },
  customJobs: { nativeType: 'aiplatform.googleapis.com/CustomJob', kind: 'training-job' },
  trainingPipelines: { nativeType: 'aiplatform.googleapis.com/TrainingPipeline', kind: 'training-job' },
  featurestores: { nativeType: 'aiplatform.googleapis.com/Featurestore', kind: 'feature-store' },
  reasoningEngines: { nativeType: 'aiplatform.googleapis.com/ReasoningEngine', kind: 'agent' },
};

/** Agent Engine screens prompts with Model Armor from the agent's code or a floor setting, not its own spec. */
const AGENT_ENGINE_GUARDRAIL_UNKNOWN = unknownFact(
  'an Agent Engine agent calls Model Armor from its code or inherits a floor setting; its spec does not name a guardrail',
);

/**
 * A Vertex AI Agent Engine agent (reasoning engine): the identity it runs as (its service account, or an agent
 * identity of its own), its network (a PSC interface into a VPC, or Google's shared egress), its environment with
 * values redacted, and the Secret Manager secrets it mounts (references only).
 */
function reasoningEngineDetails(o: GcpJson, { runsAs }: VertexContext): Record<string, unknown> {
  const spec = (o.spec ?? {}) as GcpJson;
  const deployment = (spec.deploymentSpec ?? {}) as GcpJson;
  runsAs(spec.serviceAccount);
  const redactor = new SecretRedactor();
  const env = (Array.isArray(deployment.env) ? deployment.env : []) as GcpJson[];
  const attachment = str(get(deployment, 'pscInterfaceConfig.networkAttachment'));
  return {
    agentFramework: spec.agentFramework,
    identityType: spec.identityType,
    serviceAccount: spec.serviceAccount,
    containerImage: get(spec, 'containerSpec.imageUri'),
    // Redacted with its name in front, so `API_KEY=…` is caught even when the value has no telltale shape.
    env: env.map((e) => {
      const name = String(e.name);
      const redacted = redactor.redact(`env.${name}`, `${name}=${str(e.value) ?? ''}`) ?? '';
      return { name, value: redacted.slice(name.length + 1) };
    }),
    secretEnv: (Array.isArray(deployment.secretEnv) ? deployment.secretEnv : []).map((e) => ({
      name: get(e, 'name'),
      secret: get(e, 'secretRef.secret'),
      version: get(e, 'secretRef.version'),
    })),
    networkAttachment: attachment,
    privateNetwork: Boolean(attachment),
    secretFindings: redactor.findings,
  };
}

/** `projects/…/models/123@2` (a model version) → the model's asset id. */
export function vertexAssetId(name: string): string {
  return assetId('gcp', name.replace(/@[^/]+$/, ''), AIPLATFORM);
}

const MODEL_ID_VARS = ['MODEL_ID', 'HF_MODEL_ID', 'HUGGING_FACE_HUB_MODEL_ID'];
const REVISION_VARS = ['REVISION', 'HF_MODEL_REVISION', 'MODEL_REVISION'];

/** A public-hub model a serving container pulls at start-up, from its environment (names and ids only). */
export function modelSource(
  containerSpec: unknown,
): { registry: string; id: string; revision?: string } | undefined {
  const env = get(containerSpec, 'env');
  if (!Array.isArray(env)) return undefined;
  const value = (names: string[]) =>
    str((env as GcpJson[]).find((e) => names.includes(String(e.name)))?.value);
  const id = value(MODEL_ID_VARS);
  if (!id) return undefined;
  const revision = value(REVISION_VARS);
  return { registry: 'huggingface', id, ...(revision ? { revision } : {}) };
}

/** Environment variable names of a container: values can hold tokens and are never stored. */
function envNames(containerSpec: unknown): string[] {
  const env = get(containerSpec, 'env');
  return Array.isArray(env) ? (env as GcpJson[]).map((e) => String(e.name)) : [];
}

function displayName(collection: VertexCollection, o: GcpJson, name: string): string {
  return collection === 'featurestores' ? (name.split('/').pop() ?? name) : (str(o.displayName) ?? name);
}

/** What a collection's detail reader needs: the asset, its edge helpers and the lineage read across collections. */
interface VertexContext {
  id: string;
  name: string;
  edges: EdgeRecord[];
  runsAs(email: unknown): void;
  inNetwork(network: unknown): string | undefined;
  writesTo(uri: unknown): void;
  pipelines: Map<string, GcpJson>;
  datasetBuckets: Map<string, string[]>;
}

/** A collection's own properties and edges (beside the resource name, state and encryption every asset has). */
type DetailReader = (o: GcpJson, c: VertexContext) => Record<string, unknown>;

function endpointDetails(o: GcpJson, { id, edges, runsAs, inNetwork }: VertexContext) {
  const deployed = (Array.isArray(o.deployedModels) ? o.deployedModels : []) as GcpJson[];
  for (const dm of deployed) {
    if (str(dm.model))
      edges.push(edge('serves', id, vertexAssetId(String(dm.model)), { deployedModelId: dm.id }));
    runsAs(dm.serviceAccount);
  }
  const vpc = inNetwork(o.network);
  const psc = Boolean(get(o, 'privateServiceConnectConfig.enablePrivateServiceConnect'));
  const publicNetworkAccess = !vpc && !psc;
  const logging = get(o, 'predictRequestResponseLoggingConfig.enabled') === true;
  if (publicNetworkAccess) {
    edges.push(
      edge('exposed-to-internet', INTERNET_ID, id, {
        via: o.dedicatedEndpointEnabled ? 'dedicated endpoint' : 'shared endpoint',
      }),
    );
  }
  return {
    network: str(o.network),
    dedicatedEndpointEnabled: o.dedicatedEndpointEnabled === true,
    dedicatedEndpointDns: str(o.dedicatedEndpointDns),
    privateServiceConnect: psc,
    publicNetworkAccess,
    privateNetwork: Boolean(vpc),
    dataCaptureEnabled: logging,
    predictRequestResponseLoggingConfig: o.predictRequestResponseLoggingConfig,
    deployedModels: deployed.map((dm) => ({
      id: dm.id,
      model: dm.model,
      serviceAccount: str(dm.serviceAccount),
      enableAccessLogging: dm.enableAccessLogging,
    })),
  };
}

function modelDetails(o: GcpJson, { id, edges, pipelines, datasetBuckets }: VertexContext) {
  const pipeline = str(o.trainingPipeline);
  if (pipeline) {
    const pid = vertexAssetId(pipeline);
    edges.push(edge('produced-by', id, pid));
    const p = pipelines.get(pid);
    const datasetId = str(get(p, 'inputDataConfig.datasetId'));
    if (datasetId) {
      const ds = vertexAssetId(`${pipeline.split('/trainingPipelines/')[0]}/datasets/${datasetId}`);
      edges.push(edge('trained-on', id, ds));
      for (const b of datasetBuckets.get(ds) ?? []) edges.push(edge('trained-on', id, b, { via: ds }));
    }
  }
  const artifactUri = str(o.artifactUri);
  return {
    versionId: o.versionId,
    trainingPipeline: pipeline,
    artifactUri,
    artifactUris: artifactUri ? [artifactUri] : [],
    containerImage: str(get(o, 'containerSpec.imageUri')),
    environmentVariableNames: envNames(o.containerSpec),
    modelSource: modelSource(o.containerSpec),
    labels: o.labels,
  };
}

function indexEndpointDetails(o: GcpJson, { id, edges, inNetwork }: VertexContext) {
  const deployed = (Array.isArray(o.deployedIndexes) ? o.deployedIndexes : []) as GcpJson[];
  for (const di of deployed)
    if (str(di.index)) edges.push(edge('reads-from', id, vertexAssetId(String(di.index))));
  const vpc = inNetwork(o.network);
  const publicNetworkAccess = o.publicEndpointEnabled === true;
  if (publicNetworkAccess)
    edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'publicEndpointEnabled' }));
  return {
    network: str(o.network),
    publicEndpointEnabled: publicNetworkAccess,
    publicNetworkAccess,
    privateNetwork: Boolean(vpc),
    deployedIndexes: deployed.map((di) => ({
      id: di.id,
      index: di.index,
      authConfigured: Boolean(di.deployedIndexAuthConfig),
    })),
  };
}

function customJobDetails(o: GcpJson, { runsAs, inNetwork, writesTo }: VertexContext) {
  runsAs(get(o, 'jobSpec.serviceAccount'));
  const vpc = inNetwork(get(o, 'jobSpec.network'));
  writesTo(get(o, 'jobSpec.baseOutputDirectory.outputUriPrefix'));
  return {
    serviceAccount: str(get(o, 'jobSpec.serviceAccount')),
    network: str(get(o, 'jobSpec.network')),
    privateNetwork: Boolean(vpc),
    enableWebAccess: get(o, 'jobSpec.enableWebAccess') === true,
    images: ((get(o, 'jobSpec.workerPoolSpecs') as GcpJson[] | undefined) ?? []).map((w) =>
      str(get(w, 'containerSpec.imageUri')),
    ),
  };
}

function trainingPipelineDetails(o: GcpJson, { id, name, edges, runsAs, writesTo }: VertexContext) {
  runsAs(get(o, 'trainingTaskInputs.serviceAccount'));
  const datasetId = str(get(o, 'inputDataConfig.datasetId'));
  if (datasetId)
    edges.push(
      edge('reads-from', id, vertexAssetId(`${name.split('/trainingPipelines/')[0]}/datasets/${datasetId}`)),
    );
  writesTo(get(o, 'inputDataConfig.gcsDestination.outputUriPrefix'));
  writesTo(get(o, 'trainingTaskInputs.baseOutputDirectory.outputUriPrefix'));
  return {
    serviceAccount: str(get(o, 'trainingTaskInputs.serviceAccount')),
    trainingTaskDefinition: o.trainingTaskDefinition,
    network: str(get(o, 'trainingTaskInputs.network')),
  };
}

const DETAILS: Record<VertexCollection, DetailReader> = {
  endpoints: endpointDetails,
  models: modelDetails,
  datasets: (o, { id, edges, datasetBuckets }) => {
    for (const b of datasetBuckets.get(id) ?? []) edges.push(edge('reads-from', id, b));
    return { metadataSchemaUri: o.metadataSchemaUri, dataItemCount: o.dataItemCount };
  },
  indexes: (o, { id, edges }) => {
    const bucket = bucketAssetIdOfUri(str(get(o, 'metadata.contentsDeltaUri')));
    if (bucket) edges.push(edge('reads-from', id, bucket));
    return { indexUpdateMethod: o.indexUpdateMethod, deployedIndexes: o.deployedIndexes };
  },
  indexEndpoints: indexEndpointDetails,
  customJobs: customJobDetails,
  trainingPipelines: trainingPipelineDetails,
  featurestores: (o) => ({ onlineServingConfig: o.onlineServingConfig }),
  reasoningEngines: reasoningEngineDetails,
};

/** The Cloud Storage buckets each managed dataset imports from, by dataset asset id. */
function datasetBucketsOf(datasets: GcpJson[]): Map<string, string[]> {
  const datasetBuckets = new Map<string, string[]>();
  for (const d of datasets) {
    const uris = get(d, 'metadata.inputConfig.gcsSource.uri');
    const list = (Array.isArray(uris) ? uris : [uris]).map((u) => bucketAssetIdOfUri(str(u)));
    if (str(d.name))
      datasetBuckets.set(
        vertexAssetId(String(d.name)),
        list.filter((x): x is string => !!x),
      );
  }
  return datasetBuckets;
}

export function normalizeVertex(raw: RawVertex, scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projects.projectNumber);
  const numberToId = scope.projects.numberToId;
  const datasetBuckets = datasetBucketsOf(raw.datasets);
  const pipelines = new Map(raw.trainingPipelines.map((p) => [vertexAssetId(String(p.name)), p]));

  for (const collection of Object.keys(TYPES) as VertexCollection[]) {
    for (const o of raw[collection] ?? []) {
      const name = str(o.name);
      if (!name) continue;
      const id = vertexAssetId(name);
      const keyId = kmsKeyAssetId(str(get(o, 'encryptionSpec.kmsKeyName')));
      const edges = batch.edges;
      edges.push(edge('contains', project, id));
      if (keyId) edges.push(edge('encrypted-by', id, keyId));
      const details = DETAILS[collection](o, {
        id,
        name,
        edges,
        runsAs: (email) => {
          const sa = serviceAccountIdOfEmail(str(email), numberToId);
          if (sa) edges.push(edge('runs-as', id, sa, { email }));
        },
        inNetwork: (network) => {
          const vpc = networkAssetId(str(network), numberToId);
          if (vpc) edges.push(edge('in-network', id, vpc, { network }));
          return vpc;
        },
        writesTo: (uri) => {
          const bucket = bucketAssetIdOfUri(str(uri));
          if (bucket) edges.push(edge('writes-to', id, bucket, { uri }));
        },
        pipelines,
        datasetBuckets,
      });
      batch.assets.push(
        gcpAsset({
          id,
          kind: TYPES[collection].kind,
          accountId: scope.projectId,
          region: scope.location,
          name: displayName(collection, o, name),
          nativeType: TYPES[collection].nativeType,
          properties: {
            resourceName: name,
            createTime: o.createTime,
            state: o.state,
            encryption: { cmk: Boolean(keyId), keyId },
            ...details,
          },
          tags: o.labels as Record<string, string> | undefined,
          ...(collection === 'reasoningEngines'
            ? { facts: { guardrailId: AGENT_ENGINE_GUARDRAIL_UNKNOWN } }
            : {}),
        }),
      );
    }
  }
  // A writes-to edge can be found twice (pipeline output prefix and base directory): keep one.
  const seen = new Set<string>();
  batch.edges = batch.edges.filter((e) => {
    const k = `${e.kind}|${e.from}|${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // Public endpoints and index endpoints are reached from the internet.
  if (batch.edges.some((e) => e.kind === 'exposed-to-internet')) batch.assets.push(gcpInternetAsset());
  return batch;
}
