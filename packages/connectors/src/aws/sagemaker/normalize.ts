import { type GraphBatch, INTERNET_ID } from '@aispm/core';
import { BatchBuilder } from '../../shared/batch.ts';
import { decodeBase64Text, environmentVariableNames, SecretRedactor } from '../../shared/secrets.ts';
import { kmsKeyArn, s3UriToBucketArn, sagemakerArn } from '../arn.ts';
import { awsAsset, internetAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawSageMaker } from './fetch.ts';

export function normalizeSageMaker(raw: RawSageMaker, scope: NormalizeScope): GraphBatch {
  const out = new BatchBuilder();
  endpoints(raw.endpoints, scope, out);
  models(raw, scope, out);
  notebooks(raw.notebooks, scope, out);
  trainingJobs(raw.trainingJobs, scope, out);
  domains(raw.domains, scope, out);
  modelPackageGroups(raw.modelPackageGroups, scope, out);
  // Notebooks with direct internet access and public-only domains are reached from the internet.
  if (out.edges.some((e) => e.kind === 'exposed-to-internet')) out.assets.push(internetAsset());
  return out.batch();
}

/** Endpoints with their configuration: the models they serve, capture and key. */
function endpoints(
  endpoints: RawSageMaker['endpoints'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const { endpoint: e, config: c } of endpoints) {
    if (!e.EndpointArn) continue;
    const variants = c?.ProductionVariants ?? [];
    const capture = c?.DataCaptureConfig;
    out.assets.push(
      awsAsset({
        id: e.EndpointArn,
        kind: 'inference-endpoint',
        accountId,
        region,
        name: e.EndpointName ?? e.EndpointArn,
        nativeType: 'AWS::SageMaker::Endpoint',
        properties: {
          endpointStatus: e.EndpointStatus,
          endpointConfigName: e.EndpointConfigName,
          endpointConfigArn: c?.EndpointConfigArn,
          productionVariants: variants.map((v) => ({
            variantName: v.VariantName,
            modelName: v.ModelName,
            instanceType: v.InstanceType,
            initialInstanceCount: v.InitialInstanceCount,
            serverless: Boolean(v.ServerlessConfig),
          })),
          kmsKeyId: c?.KmsKeyId,
          dataCaptureEnabled: Boolean(capture?.EnableCapture ?? e.DataCaptureConfig?.EnableCapture),
          dataCaptureDestination: capture?.DestinationS3Uri ?? e.DataCaptureConfig?.DestinationS3Uri,
          asyncInference: Boolean(c?.AsyncInferenceConfig),
          creationTime: e.CreationTime,
        },
      }),
    );
    for (const modelName of new Set(
      variants.map((v) => v.ModelName).filter((n): n is string => Boolean(n)),
    )) {
      out.link('serves', e.EndpointArn, sagemakerArn(region, accountId, 'model', modelName));
    }
    out.link('encrypted-by', e.EndpointArn, kmsKeyArn(region, accountId, c?.KmsKeyId));
  }
}

/** Models: their containers (environment names only), the role they run as, the artifacts they read and the training job that produced them. */
function models(raw: RawSageMaker, { accountId, region }: NormalizeScope, out: BatchBuilder): void {
  const artifactToJob = new Map<string, string>();
  for (const j of raw.trainingJobs) {
    if (j.TrainingJobArn && j.ModelArtifacts?.S3ModelArtifacts)
      artifactToJob.set(j.ModelArtifacts.S3ModelArtifacts, j.TrainingJobArn);
  }

  for (const m of raw.models) {
    if (!m.ModelArn) continue;
    const containers = [m.PrimaryContainer, ...(m.Containers ?? [])].filter((c) => c !== undefined);
    const dataUrls = containers
      .map((c) => c.ModelDataUrl ?? c.ModelDataSource?.S3DataSource?.S3Uri)
      .filter((u): u is string => Boolean(u));
    out.assets.push(
      awsAsset({
        id: m.ModelArn,
        kind: 'model',
        accountId,
        region,
        name: m.ModelName ?? m.ModelArn,
        nativeType: 'AWS::SageMaker::Model',
        properties: {
          executionRoleArn: m.ExecutionRoleArn,
          enableNetworkIsolation: m.EnableNetworkIsolation ?? false,
          vpcConfigured: Boolean(m.VpcConfig?.Subnets?.length),
          containers: containers.map((c) => ({
            image: c.Image,
            mode: c.Mode,
            modelDataUrl: c.ModelDataUrl ?? c.ModelDataSource?.S3DataSource?.S3Uri,
            modelPackageName: c.ModelPackageName,
            // Values are dropped: environment variables are where model containers carry tokens.
            environmentVariableNames: environmentVariableNames(c.Environment),
          })),
          creationTime: m.CreationTime,
        },
      }),
    );
    out.link('runs-as', m.ModelArn, m.ExecutionRoleArn);
    for (const b of new Set(dataUrls.map((u) => s3UriToBucketArn(u)))) out.link('reads-from', m.ModelArn, b);
    for (const u of new Set(dataUrls)) out.link('produced-by', m.ModelArn, artifactToJob.get(u));
  }
}

/** Notebook instances: lifecycle scripts (secrets redacted), role, key and direct internet access. */
function notebooks(
  notebooks: RawSageMaker['notebooks'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const { notebook: n, lifecycleConfig: lc } of notebooks) {
    if (!n.NotebookInstanceArn) continue;
    const redactor = new SecretRedactor();
    const scripts = (hook: 'OnCreate' | 'OnStart') =>
      (lc?.[hook] ?? []).map(
        (s, i) => redactor.redact(`lifecycleConfig.${hook}[${i}]`, decodeBase64Text(s.Content) ?? '') ?? '',
      );
    const onCreate = scripts('OnCreate');
    const onStart = scripts('OnStart');
    const direct = n.DirectInternetAccess === 'Enabled';
    out.assets.push(
      awsAsset({
        id: n.NotebookInstanceArn,
        kind: 'notebook',
        accountId,
        region,
        name: n.NotebookInstanceName ?? n.NotebookInstanceArn,
        nativeType: 'AWS::SageMaker::NotebookInstance',
        properties: {
          status: n.NotebookInstanceStatus,
          instanceType: n.InstanceType,
          directInternetAccess: n.DirectInternetAccess,
          rootAccess: n.RootAccess,
          subnetId: n.SubnetId,
          securityGroups: n.SecurityGroups,
          roleArn: n.RoleArn,
          kmsKeyId: n.KmsKeyId,
          platformIdentifier: n.PlatformIdentifier,
          minimumImdsVersion: n.InstanceMetadataServiceConfiguration?.MinimumInstanceMetadataServiceVersion,
          lifecycleConfigName: n.NotebookInstanceLifecycleConfigName,
          lifecycleConfig: lc ? { onCreate, onStart } : undefined,
          defaultCodeRepository: redactor.redact('defaultCodeRepository', n.DefaultCodeRepository),
          secretFindings: redactor.findings,
          creationTime: n.CreationTime,
        },
      }),
    );
    out.link('runs-as', n.NotebookInstanceArn, n.RoleArn);
    out.link('encrypted-by', n.NotebookInstanceArn, kmsKeyArn(region, accountId, n.KmsKeyId));
    if (direct) {
      out.link('exposed-to-internet', INTERNET_ID, n.NotebookInstanceArn, {
        reason: 'DirectInternetAccess Enabled',
      });
    }
  }
}

/** Training jobs: the channels they read, the output they write, their role and key. */
function trainingJobs(
  jobs: RawSageMaker['trainingJobs'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const j of jobs) {
    if (!j.TrainingJobArn) continue;
    const inputs = (j.InputDataConfig ?? []).map((c) => ({
      channel: c.ChannelName,
      s3Uri: c.DataSource?.S3DataSource?.S3Uri,
    }));
    const output = j.OutputDataConfig?.S3OutputPath;
    const keyRef = j.OutputDataConfig?.KmsKeyId ?? j.ResourceConfig?.VolumeKmsKeyId;
    out.assets.push(
      awsAsset({
        id: j.TrainingJobArn,
        kind: 'training-job',
        accountId,
        region,
        name: j.TrainingJobName ?? j.TrainingJobArn,
        nativeType: 'AWS::SageMaker::TrainingJob',
        properties: {
          status: j.TrainingJobStatus,
          roleArn: j.RoleArn,
          trainingImage: j.AlgorithmSpecification?.TrainingImage,
          algorithmName: j.AlgorithmSpecification?.AlgorithmName,
          inputChannels: inputs,
          outputPath: output,
          modelArtifacts: j.ModelArtifacts?.S3ModelArtifacts,
          outputKmsKeyId: j.OutputDataConfig?.KmsKeyId,
          volumeKmsKeyId: j.ResourceConfig?.VolumeKmsKeyId,
          enableNetworkIsolation: j.EnableNetworkIsolation ?? false,
          enableInterContainerTrafficEncryption: j.EnableInterContainerTrafficEncryption ?? false,
          vpcConfigured: Boolean(j.VpcConfig?.Subnets?.length),
          environmentVariableNames: environmentVariableNames(j.Environment),
          hyperParameterNames: Object.keys(j.HyperParameters ?? {}).sort(),
          creationTime: j.CreationTime,
        },
      }),
    );
    for (const b of new Set(inputs.map((i) => s3UriToBucketArn(i.s3Uri))))
      out.link('reads-from', j.TrainingJobArn, b);
    out.link('writes-to', j.TrainingJobArn, s3UriToBucketArn(output));
    out.link('runs-as', j.TrainingJobArn, j.RoleArn);
    out.link('encrypted-by', j.TrainingJobArn, kmsKeyArn(region, accountId, keyRef));
  }
}

/** Studio domains: auth mode, network access type, default execution role and key. */
function domains(
  domains: RawSageMaker['domains'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const d of domains) {
    if (!d.DomainArn) continue;
    const publicOnly = d.AppNetworkAccessType === 'PublicInternetOnly';
    const keyRef = d.KmsKeyId ?? d.HomeEfsFileSystemKmsKeyId;
    out.assets.push(
      awsAsset({
        id: d.DomainArn,
        kind: 'ml-workspace',
        accountId,
        region,
        name: d.DomainName ?? d.DomainId ?? d.DomainArn,
        nativeType: 'AWS::SageMaker::Domain',
        properties: {
          domainId: d.DomainId,
          status: d.Status,
          authMode: d.AuthMode,
          appNetworkAccessType: d.AppNetworkAccessType,
          vpcId: d.VpcId,
          subnetIds: d.SubnetIds,
          defaultExecutionRole: d.DefaultUserSettings?.ExecutionRole,
          kmsKeyId: keyRef,
          url: d.Url,
          creationTime: d.CreationTime,
        },
      }),
    );
    out.link('runs-as', d.DomainArn, d.DefaultUserSettings?.ExecutionRole);
    out.link('encrypted-by', d.DomainArn, kmsKeyArn(region, accountId, keyRef));
    if (publicOnly) {
      out.link('exposed-to-internet', INTERNET_ID, d.DomainArn, {
        reason: 'AppNetworkAccessType PublicInternetOnly',
      });
    }
  }
}

/** Model registries (model package groups) with their resource policy. */
function modelPackageGroups(
  groups: RawSageMaker['modelPackageGroups'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const { group: g, resourcePolicy } of groups) {
    if (!g.ModelPackageGroupArn) continue;
    out.assets.push(
      awsAsset({
        id: g.ModelPackageGroupArn,
        kind: 'model-registry',
        accountId,
        region,
        name: g.ModelPackageGroupName ?? g.ModelPackageGroupArn,
        nativeType: 'AWS::SageMaker::ModelPackageGroup',
        properties: {
          status: g.ModelPackageGroupStatus,
          description: g.ModelPackageGroupDescription,
          resourcePolicy: parsePolicyDocument(resourcePolicy),
          creationTime: g.CreationTime,
        },
      }),
    );
  }
}
