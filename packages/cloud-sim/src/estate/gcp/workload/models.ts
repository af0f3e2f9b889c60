import { INTERNET_ID } from '@aispm/core';
import { aiplatform, CREATED, etag, HF_MODELS, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import type { Buckets } from './buckets.ts';
import { encrypted, id19, type Workload } from './index.ts';
import type { Training } from './training.ts';

export interface Models {
  trainedName: string;
  trainedAsset: string;
  llmName: string;
  llmDisplay: string;
  llmAsset: string;
}

/** The models: the pipeline's output, and an open-weights LLM served from a Hugging Face container. */
export function models(wl: Workload, b: Buckets, t: Training): Models {
  const { truth, put } = wl.proj.org;
  const { p, projectId, region, vertexParent } = wl.proj;
  const { w, wrng, prof, app, labels, cmekKey, encryptionSpec } = wl;
  const { trainingBucket, artifactBucket } = b;
  const { datasetAsset, pipelineName, pipelineAsset } = t;
  const trainedName = `${vertexParent}/models/${id19(wl)}`;
  put(`${vertexParent}/models`, {
    name: trainedName,
    displayName: `${app}-model`,
    versionId: '1',
    versionAliases: ['default'],
    versionCreateTime: CREATED,
    versionUpdateTime: UPDATED,
    trainingPipeline: pipelineName,
    artifactUri: `gs://${artifactBucket.name}/pipeline/model/`,
    containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest' },
    supportedDeploymentResourcesTypes: ['DEDICATED_RESOURCES'],
    supportedInputStorageFormats: ['jsonl'],
    supportedOutputStorageFormats: ['jsonl'],
    createTime: CREATED,
    updateTime: UPDATED,
    etag: etag(wrng),
    labels,
    ...encryptionSpec,
  });
  const trainedAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(trainedName),
      'model',
      'aiplatform.googleapis.com/Model',
      projectId,
      region,
      `${app}-model`,
    ),
  );
  truth.edge('produced-by', trainedAsset, pipelineAsset);
  truth.edge('trained-on', trainedAsset, datasetAsset);
  truth.edge('trained-on', trainedAsset, trainingBucket.id);
  encrypted(wl, trainedAsset, `model ${app}-model`);
  const hfModel = HF_MODELS[(p + w) % HF_MODELS.length] as string;
  const llmName = `${vertexParent}/models/${id19(wl)}`;
  const llmDisplay = `${app}-${hfModel.split('/')[1]?.toLowerCase()}`;
  put(`${vertexParent}/models`, {
    name: llmName,
    displayName: llmDisplay,
    versionId: '1',
    versionAliases: ['default'],
    versionCreateTime: CREATED,
    versionUpdateTime: UPDATED,
    containerSpec: {
      imageUri:
        'us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu124.2-4.ubuntu2204.py311',
      env: [
        { name: 'MODEL_ID', value: hfModel },
        ...(prof.unpinnedModel ? [] : [{ name: 'REVISION', value: wrng.hex(40) }]),
        { name: 'NUM_SHARD', value: '1' },
        { name: 'MAX_INPUT_LENGTH', value: '4096' },
      ],
      ports: [{ containerPort: 8080 }],
      predictRoute: '/generate',
      healthRoute: '/health',
    },
    supportedDeploymentResourcesTypes: ['DEDICATED_RESOURCES'],
    createTime: CREATED,
    updateTime: UPDATED,
    etag: etag(wrng),
    labels: { ...labels, source: 'huggingface' },
    ...encryptionSpec,
  });
  const llmAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(llmName),
      'model',
      'aiplatform.googleapis.com/Model',
      projectId,
      region,
      llmDisplay,
    ),
  );
  encrypted(wl, llmAsset, `model ${llmDisplay}`);
  if (prof.unpinnedModel)
    truth.risk(
      llmAsset,
      'model-unpinned-public-source',
      `model ${llmDisplay} pulls ${hfModel} from Hugging Face without a pinned revision`,
    );
  if (cmekKey) {
    truth.markClean(trainedAsset);
    if (!prof.unpinnedModel) truth.markClean(llmAsset);
  }
  return { trainedName, trainedAsset, llmName, llmDisplay, llmAsset };
}

/** The endpoint serving both models. */
export function endpoint(wl: Workload, m: Models): void {
  const { truth, put } = wl.proj.org;
  const { projectId, projectNumber, region, vertexParent, networkAsset, runner } = wl.proj;
  const { wrng, prof, app, labels, cmekKey, encryptionSpec } = wl;
  const { trainedName, trainedAsset, llmName, llmDisplay, llmAsset } = m;
  const endpointName = `${vertexParent}/endpoints/${id19(wl)}`;
  const deployed = [trainedName, llmName].map((model, i) => ({
    id: wrng.digits(19).replace(/^0/, '3'),
    model,
    modelVersionId: '1',
    displayName: i === 0 ? `${app}-model` : llmDisplay,
    createTime: CREATED,
    dedicatedResources: {
      machineSpec:
        i === 0
          ? { machineType: 'n1-standard-4' }
          : { machineType: 'g2-standard-12', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
      minReplicaCount: 1,
      maxReplicaCount: 2,
    },
    serviceAccount: runner.email,
    enableAccessLogging: prof.requestLogging,
  }));
  put(`${vertexParent}/endpoints`, {
    name: endpointName,
    displayName: `${app}-endpoint`,
    deployedModels: deployed,
    trafficSplit: { [deployed[0]?.id as string]: 0, [deployed[1]?.id as string]: 100 },
    etag: etag(wrng),
    labels,
    createTime: CREATED,
    updateTime: UPDATED,
    ...(prof.endpointPublic
      ? {
          dedicatedEndpointEnabled: true,
          dedicatedEndpointDns: `${endpointName.split('/').pop()}.${region}-${projectNumber}.prediction.vertexai.goog`,
        }
      : { network: `projects/${projectNumber}/global/networks/ai-vpc` }),
    predictRequestResponseLoggingConfig: prof.requestLogging
      ? {
          enabled: true,
          samplingRate: 0.1,
          bigqueryDestination: { outputUri: `bq://${projectId}.vertex_logs.${app}` },
        }
      : { enabled: false },
    ...encryptionSpec,
  });
  const endpointAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(endpointName),
      'inference-endpoint',
      'aiplatform.googleapis.com/Endpoint',
      projectId,
      region,
      `${app}-endpoint`,
    ),
  );
  truth.edge('serves', endpointAsset, trainedAsset);
  truth.edge('serves', endpointAsset, llmAsset);
  truth.edge('runs-as', endpointAsset, runner.id);
  truth.edge('can-invoke', runner.id, endpointAsset);
  encrypted(wl, endpointAsset, `endpoint ${app}-endpoint`);
  if (prof.endpointPublic) {
    truth.edge('exposed-to-internet', INTERNET_ID, endpointAsset);
    truth.risk(
      endpointAsset,
      'endpoint-public-access',
      `endpoint ${app}-endpoint is a public dedicated endpoint without Private Service Connect`,
    );
    truth.path(
      `gcp-public-endpoint-${endpointName.split('/').pop()}`,
      [INTERNET_ID, endpointAsset, trainedAsset],
      endpointAsset,
      'internet-reachable endpoint serving a model trained on internal data',
    );
  } else {
    truth.edge('in-network', endpointAsset, networkAsset);
  }
  if (!prof.requestLogging)
    truth.risk(
      endpointAsset,
      'data-capture-disabled',
      `endpoint ${app}-endpoint has request-response logging off`,
      'low',
    );
  if (!prof.endpointPublic && cmekKey && prof.requestLogging) truth.markClean(endpointAsset);
}
