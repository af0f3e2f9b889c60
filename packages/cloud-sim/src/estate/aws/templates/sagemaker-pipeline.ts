import { INTERNET_ID } from '@aispm/core';
import type { S3Bucket } from '../../../aws/model.ts';
import { allow, bucketResources, chars, doc, LOWER_ALNUM } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

/** What the stages of one SageMaker pipeline share. */
interface Pipeline {
  w: WorkloadBuilder;
  name: string;
  artifacts: S3Bucket;
  aArn: string;
  roleArn: string;
}

/** The lineage of one pipeline, training data to endpoint (for planting paths through it). */
export interface PipelineIds {
  trainingBucket: string;
  artifactsBucket: string;
  job: string;
  model: string;
  endpoint: string;
}

// (a) training bucket → training job → artifact → model → endpoint, plus a data-prep notebook
export function sagemakerPipeline(w: WorkloadBuilder): PipelineIds {
  const { rng, r, truth, level } = w;
  const name = `${w.team}-${chars(rng, LOWER_ALNUM, 4)}`;
  const exposure =
    level === 'exposed' ? rng.pick(['public-read', 'broad-write', undefined] as const) : undefined;
  const training = w.b.bucket('training', r, level, { exposure, sensitive: rng.chance(0.5) });
  const artifacts = w.b.bucket('artifacts', r, level === 'exposed' ? 'sloppy' : level);
  const tArn = `arn:aws:s3:::${training.Name}`;
  const aArn = `arn:aws:s3:::${artifacts.Name}`;
  const role = w.executionRole(
    `SageMakerExecution-${name}`,
    'sagemaker.amazonaws.com',
    [
      allow(
        ['s3:GetObject', 's3:ListBucket'],
        [...bucketResources(training.Name), ...bucketResources(artifacts.Name)],
      ),
      allow(['s3:PutObject'], `${aArn}/*`),
    ],
    'sagemaker',
  );
  const p: Pipeline = { w, name, artifacts, aArn, roleArn: role.Arn };
  const job = trainingJob(p, training.Name, tArn);
  const model = pipelineModel(p, job);
  const epArn = endpoint(p, model, job.created);
  registry(p, job.created);

  // data-prep notebook whose role can write the training data
  const nb = w.notebook(`prep-${name}`, [
    allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], bucketResources(training.Name)),
  ]);
  if (nb.internet && exposure !== 'public-read') {
    w.path(
      [INTERNET_ID, nb.arn, nb.roleArn, tArn],
      nb.arn,
      'Internet-reachable notebook runs as a role that can write the training data (poisoning)',
    );
    truth.edge('can-write', nb.roleArn, tArn);
  }
  return {
    trainingBucket: tArn,
    artifactsBucket: aArn,
    job: job.jobArn,
    model: model.modelArn,
    endpoint: epArn,
  };
}

/** Training bucket → training job → artifact. */
function trainingJob(
  p: Pipeline,
  trainingBucket: string,
  tArn: string,
): { jobArn: string; artifactUri: string; created: number } {
  const { w, name, artifacts, aArn, roleArn } = p;
  const { rng, r, acct, truth, level } = w;
  const sm = w.state.sagemaker;
  const jobName = `train-${name}`;
  const jobArn = `arn:aws:sagemaker:${r}:${acct}:training-job/${jobName}`;
  const isolated = level === 'hardened' || (level === 'sloppy' && rng.chance(0.5));
  const ice = level === 'hardened' || rng.chance(0.3);
  const kms = level === 'hardened' || rng.chance(0.4);
  const artifactUri = `s3://${artifacts.Name}/output/${jobName}/output/model.tar.gz`;
  const created = w.time(20, 300);
  const keyArn = kms ? w.b.key(r).Arn : undefined;
  sm.trainingJobs.push({
    TrainingJobName: jobName,
    TrainingJobArn: jobArn,
    ModelArtifacts: { S3ModelArtifacts: artifactUri },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { epochs: '3', learning_rate: '0.0001' },
    AlgorithmSpecification: {
      TrainingImage: `763104351884.dkr.ecr.${r}.amazonaws.com/pytorch-training:2.1.0-gpu-py310`,
      TrainingInputMode: 'File',
      EnableSageMakerMetricsTimeSeries: false,
    },
    RoleArn: roleArn,
    InputDataConfig: [
      {
        ChannelName: 'train',
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: `s3://${trainingBucket}/datasets/train/`,
            S3DataDistributionType: 'FullyReplicated',
          },
        },
        CompressionType: 'None',
        RecordWrapperType: 'None',
      },
    ],
    OutputDataConfig: { KmsKeyId: keyArn, S3OutputPath: `s3://${artifacts.Name}/output/` },
    ResourceConfig: {
      InstanceType: 'ml.g5.2xlarge',
      InstanceCount: ice ? 2 : 1,
      VolumeSizeInGB: 100,
      VolumeKmsKeyId: keyArn,
    },
    VpcConfig: isolated
      ? { SecurityGroupIds: [`sg-${rng.hex(17)}`], Subnets: [`subnet-${rng.hex(17)}`] }
      : undefined,
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    CreationTime: created,
    TrainingStartTime: created + 120,
    TrainingEndTime: created + 7200,
    LastModifiedTime: created + 7300,
    EnableNetworkIsolation: isolated,
    EnableInterContainerTrafficEncryption: ice,
    EnableManagedSpotTraining: false,
  });
  truth.asset(jobArn, 'training-job', 'AWS::SageMaker::TrainingJob', acct, r, jobName);
  truth.edge('reads-from', jobArn, tArn);
  truth.edge('writes-to', jobArn, aArn);
  truth.edge('runs-as', jobArn, roleArn);
  if (keyArn) w.b.encryptedBy(jobArn, r);
  else truth.risk(jobArn, 'no-cmk-encryption', 'Training volume and output not encrypted with a CMK');
  if (!isolated) truth.risk(jobArn, 'training-no-network-isolation', 'EnableNetworkIsolation is false');
  if (!ice)
    truth.risk(
      jobArn,
      'training-no-inter-container-encryption',
      'EnableInterContainerTrafficEncryption is false',
    );
  w.clean(jobArn);
  return { jobArn, artifactUri, created };
}

/** The model: the trained artifact, a pickle, or a Hugging Face model pulled at start-up. */
function pipelineModel(
  p: Pipeline,
  job: { jobArn: string; artifactUri: string; created: number },
): { modelName: string; modelArn: string } {
  const { w, name, artifacts, aArn, roleArn } = p;
  const { rng, r, acct, truth, level } = w;
  const sm = w.state.sagemaker;
  const { jobArn, artifactUri, created } = job;
  const variant = level === 'hardened' ? 'trained' : rng.pick(['trained', 'pickle', 'hf'] as const);
  const modelName = `model-${name}`;
  const modelArn = `arn:aws:sagemaker:${r}:${acct}:model/${modelName}`;
  const container: Record<string, unknown> = { Mode: 'SingleModel' };
  let modelIsolated = variant !== 'hf' && (level === 'hardened' || rng.chance(0.6));
  if (variant === 'trained') {
    container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/pytorch-inference:2.1.0-gpu-py310`;
    container.ModelDataUrl = artifactUri;
  } else if (variant === 'pickle') {
    container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/sklearn-inference:1.2-1`;
    container.ModelDataUrl = `s3://${artifacts.Name}/models/${modelName}/model.pkl`;
  } else {
    const pinned = rng.chance(0.3);
    container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310`;
    container.Environment = {
      HF_MODEL_ID: rng.pick([
        'meta-llama/Meta-Llama-3-8B-Instruct',
        'mistralai/Mistral-7B-Instruct-v0.2',
        'tiiuae/falcon-7b-instruct',
      ]),
      ...(pinned ? { HF_MODEL_REVISION: rng.hex(40) } : {}),
      SM_NUM_GPUS: '1',
    };
    modelIsolated = false;
    if (!pinned)
      truth.risk(
        modelArn,
        'model-unpinned-public-source',
        'HF_MODEL_ID without HF_MODEL_REVISION: pulls whatever the hub serves',
      );
  }
  sm.models.push({
    ModelName: modelName,
    ModelArn: modelArn,
    PrimaryContainer: container,
    ExecutionRoleArn: roleArn,
    CreationTime: created + 8000,
    EnableNetworkIsolation: modelIsolated,
    VpcConfig: modelIsolated
      ? { SecurityGroupIds: [`sg-${rng.hex(17)}`], Subnets: [`subnet-${rng.hex(17)}`] }
      : undefined,
  });
  truth.asset(modelArn, 'model', 'AWS::SageMaker::Model', acct, r, modelName);
  truth.edge('runs-as', modelArn, roleArn);
  if (container.ModelDataUrl) truth.edge('reads-from', modelArn, aArn);
  if (variant === 'trained') truth.edge('produced-by', modelArn, jobArn);
  if (variant === 'pickle')
    truth.risk(modelArn, 'model-pickle-artifact', 'ModelDataUrl points at a .pkl pickle file');
  if (!modelIsolated)
    truth.risk(modelArn, 'training-no-network-isolation', 'Model container runs without network isolation');
  w.clean(modelArn);
  return { modelName, modelArn };
}

/** Endpoint config + endpoint serving the model. */
function endpoint(p: Pipeline, model: { modelName: string; modelArn: string }, created: number): string {
  const { w, name, artifacts } = p;
  const { rng, r, acct, truth, level } = w;
  const sm = w.state.sagemaker;
  const { modelName, modelArn } = model;
  const epName = `ep-${name}`;
  const epArn = `arn:aws:sagemaker:${r}:${acct}:endpoint/${epName}`;
  const epKms = level === 'hardened' || rng.chance(0.4);
  const capture = level === 'hardened' || rng.chance(0.3);
  const epKey = epKms ? w.b.key(r).Arn : undefined;
  const dataCapture = capture
    ? {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: `s3://${artifacts.Name}/capture/`,
        KmsKeyId: epKey,
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      }
    : undefined;
  sm.endpointConfigs.push({
    EndpointConfigName: epName,
    EndpointConfigArn: `arn:aws:sagemaker:${r}:${acct}:endpoint-config/${epName}`,
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: modelName,
        InitialInstanceCount: 1,
        InstanceType: 'ml.g5.xlarge',
        InitialVariantWeight: 1,
      },
    ],
    DataCaptureConfig: dataCapture,
    KmsKeyId: epKey,
    CreationTime: created + 8100,
  });
  sm.endpoints.push({
    EndpointName: epName,
    EndpointArn: epArn,
    EndpointConfigName: epName,
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
      },
    ],
    DataCaptureConfig: capture
      ? {
          EnableCapture: true,
          CaptureStatus: 'Started',
          CurrentSamplingPercentage: 20,
          DestinationS3Uri: `s3://${artifacts.Name}/capture/`,
        }
      : undefined,
    EndpointStatus: 'InService',
    CreationTime: created + 8200,
    LastModifiedTime: created + 9000,
  });
  truth.asset(epArn, 'inference-endpoint', 'AWS::SageMaker::Endpoint', acct, r, epName);
  truth.edge('serves', epArn, modelArn);
  if (epKey) w.b.encryptedBy(epArn, r);
  else truth.risk(epArn, 'no-cmk-encryption', 'Endpoint config has no KmsKeyId');
  if (!capture) truth.risk(epArn, 'data-capture-disabled', 'Endpoint data capture is off');
  w.clean(epArn);
  return epArn;
}

/** A model package group (registry), sometimes shared by policy. */
function registry(p: Pipeline, created: number): void {
  const { w, name } = p;
  const { rng, r, acct, truth, level } = w;
  const sm = w.state.sagemaker;
  if (level !== 'sloppy' || rng.chance(0.5)) {
    const groupName = `registry-${name}`;
    const groupArn = `arn:aws:sagemaker:${r}:${acct}:model-package-group/${groupName}`;
    sm.modelPackageGroups.push({
      ModelPackageGroupName: groupName,
      ModelPackageGroupArn: groupArn,
      ModelPackageGroupDescription: `Approved ${w.team} models`,
      CreationTime: created + 8500,
      ModelPackageGroupStatus: 'Completed',
      policy: rng.chance(0.5)
        ? doc({
            Sid: 'ShareWithProdAccount',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${acct}:root` },
            Action: ['sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
            Resource: [groupArn, `arn:aws:sagemaker:${r}:${acct}:model-package/${groupName}/*`],
          })
        : undefined,
    });
    truth.asset(groupArn, 'model-registry', 'AWS::SageMaker::ModelPackageGroup', acct, r, groupName);
  }
}
