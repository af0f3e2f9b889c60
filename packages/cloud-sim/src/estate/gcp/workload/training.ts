import { aiplatform, CREATED, etag, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import type { Buckets } from './buckets.ts';
import { encrypted, id19, type Workload } from './index.ts';

export interface Training {
  datasetAsset: string;
  pipelineName: string;
  pipelineAsset: string;
}

/** A dataset over the training bucket, the training pipeline that reads it and a custom job. */
export function training(wl: Workload, b: Buckets): Training {
  const { truth, put } = wl.proj.org;
  const { projectId, projectNumber, region, vertexParent, networkAsset, runner } = wl.proj;
  const { wrng, app, labels, encryptionSpec } = wl;
  const { trainingBucket, artifactBucket } = b;
  const datasetName = `${vertexParent}/datasets/${id19(wl)}`;
  put(`${vertexParent}/datasets`, {
    name: datasetName,
    displayName: `${app}-training-set`,
    metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml',
    metadata: { inputConfig: { gcsSource: { uri: [`gs://${trainingBucket.name}/export/*.jsonl`] } } },
    createTime: CREATED,
    updateTime: UPDATED,
    etag: etag(wrng),
    labels,
    dataItemCount: String(wrng.int(1000, 90000)),
    ...encryptionSpec,
  });
  const datasetAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(datasetName),
      'dataset',
      'aiplatform.googleapis.com/Dataset',
      projectId,
      region,
      `${app}-training-set`,
    ),
  );
  truth.edge('reads-from', datasetAsset, trainingBucket.id);
  encrypted(wl, datasetAsset, `dataset ${app}-training-set`);

  // training pipeline and custom job
  const pipelineName = `${vertexParent}/trainingPipelines/${id19(wl)}`;
  const jobName = `${vertexParent}/customJobs/${id19(wl)}`;
  const workerPool = {
    machineSpec: {
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    },
    replicaCount: '1',
    containerSpec: {
      imageUri: `${region}-docker.pkg.dev/${projectId}/training/${app}-trainer:1.4.2`,
      args: ['--epochs=10'],
    },
    diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
  };
  put(`${vertexParent}/trainingPipelines`, {
    name: pipelineName,
    displayName: `${app}-train`,
    inputDataConfig: {
      datasetId: datasetName.split('/').pop(),
      gcsDestination: { outputUriPrefix: `gs://${artifactBucket.name}/pipeline/` },
    },
    trainingTaskDefinition:
      'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
    trainingTaskInputs: {
      workerPoolSpecs: [workerPool],
      serviceAccount: runner.email,
      baseOutputDirectory: { outputUriPrefix: `gs://${artifactBucket.name}/pipeline/` },
    },
    modelToUpload: { displayName: `${app}-model` },
    state: 'PIPELINE_STATE_SUCCEEDED',
    createTime: CREATED,
    startTime: CREATED,
    endTime: UPDATED,
    updateTime: UPDATED,
    labels,
    ...encryptionSpec,
  });
  const pipelineAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(pipelineName),
      'training-job',
      'aiplatform.googleapis.com/TrainingPipeline',
      projectId,
      region,
      `${app}-train`,
    ),
  );
  truth.edge('reads-from', pipelineAsset, datasetAsset);
  truth.edge('writes-to', pipelineAsset, artifactBucket.id);
  truth.edge('runs-as', pipelineAsset, runner.id);
  encrypted(wl, pipelineAsset, `training pipeline ${app}-train`, 'low');
  put(`${vertexParent}/customJobs`, {
    name: jobName,
    displayName: `${app}-feature-prep`,
    jobSpec: {
      workerPoolSpecs: [workerPool],
      serviceAccount: runner.email,
      network: `projects/${projectNumber}/global/networks/ai-vpc`,
      baseOutputDirectory: { outputUriPrefix: `gs://${artifactBucket.name}/jobs/` },
      enableWebAccess: false,
    },
    state: 'JOB_STATE_SUCCEEDED',
    createTime: CREATED,
    startTime: CREATED,
    endTime: UPDATED,
    updateTime: UPDATED,
    labels,
    ...encryptionSpec,
  });
  const jobAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(jobName),
      'training-job',
      'aiplatform.googleapis.com/CustomJob',
      projectId,
      region,
      `${app}-feature-prep`,
    ),
  );
  truth.edge('reads-from', jobAsset, trainingBucket.id);
  truth.edge('writes-to', jobAsset, artifactBucket.id);
  truth.edge('runs-as', jobAsset, runner.id);
  truth.edge('in-network', jobAsset, networkAsset);
  encrypted(wl, jobAsset, `custom job ${app}-feature-prep`, 'low');
  return { datasetAsset, pipelineName, pipelineAsset };
}
