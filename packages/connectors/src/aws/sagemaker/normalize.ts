import { type AssetRecord, type EdgeRecord, edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import { decodeBase64Text, environmentVariableNames, SecretRedactor } from '../../shared/secrets.ts';
import { kmsKeyArn, s3UriToBucketArn, sagemakerArn } from '../arn.ts';
import { awsAsset, internetAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawSageMaker } from './fetch.ts';

export function normalizeSageMaker(raw: RawSageMaker, scope: NormalizeScope): GraphBatch {
  const { accountId, region } = scope;
  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  let exposed = false;
  const add = (
    kind: EdgeRecord['kind'],
    from: string,
    to: string | undefined,
    props: Record<string, unknown> = {},
  ) => {
    if (to) edges.push(edge(kind, from, to, props));
  };
  const key = (ref: string | undefined) => kmsKeyArn(region, accountId, ref);

  for (const { endpoint: e, config: c } of raw.endpoints) {
    if (!e.EndpointArn) continue;
    const variants = c?.ProductionVariants ?? [];
    const capture = c?.DataCaptureConfig;
    assets.push(
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
      add('serves', e.EndpointArn, sagemakerArn(region, accountId, 'model', modelName));
    }
    add('encrypted-by', e.EndpointArn, key(c?.KmsKeyId));
  }

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
    assets.push(
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
    add('runs-as', m.ModelArn, m.ExecutionRoleArn);
    for (const b of new Set(dataUrls.map((u) => s3UriToBucketArn(u)))) add('reads-from', m.ModelArn, b);
    for (const u of new Set(dataUrls)) add('produced-by', m.ModelArn, artifactToJob.get(u));
  }

  for (const { notebook: n, lifecycleConfig: lc } of raw.notebooks) {
    if (!n.NotebookInstanceArn) continue;
    const redactor = new SecretRedactor();
    const scripts = (hook: 'OnCreate' | 'OnStart') =>
      (lc?.[hook] ?? []).map(
        (s, i) => redactor.redact(`lifecycleConfig.${hook}[${i}]`, decodeBase64Text(s.Content) ?? '') ?? '',
      );
    const onCreate = scripts('OnCreate');
    const onStart = scripts('OnStart');
    const direct = n.DirectInternetAccess === 'Enabled';
    assets.push(
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
    add('runs-as', n.NotebookInstanceArn, n.RoleArn);
    add('encrypted-by', n.NotebookInstanceArn, key(n.KmsKeyId));
    if (direct) {
      exposed = true;
      add('exposed-to-internet', INTERNET_ID, n.NotebookInstanceArn, {
        reason: 'DirectInternetAccess Enabled',
      });
    }
  }

  for (const j of raw.trainingJobs) {
    if (!j.TrainingJobArn) continue;
    const inputs = (j.InputDataConfig ?? []).map((c) => ({
      channel: c.ChannelName,
      s3Uri: c.DataSource?.S3DataSource?.S3Uri,
    }));
    const output = j.OutputDataConfig?.S3OutputPath;
    const keyRef = j.OutputDataConfig?.KmsKeyId ?? j.ResourceConfig?.VolumeKmsKeyId;
    assets.push(
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
      add('reads-from', j.TrainingJobArn, b);
    add('writes-to', j.TrainingJobArn, s3UriToBucketArn(output));
    add('runs-as', j.TrainingJobArn, j.RoleArn);
    add('encrypted-by', j.TrainingJobArn, key(keyRef));
  }

  for (const d of raw.domains) {
    if (!d.DomainArn) continue;
    const publicOnly = d.AppNetworkAccessType === 'PublicInternetOnly';
    const keyRef = d.KmsKeyId ?? d.HomeEfsFileSystemKmsKeyId;
    assets.push(
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
    add('runs-as', d.DomainArn, d.DefaultUserSettings?.ExecutionRole);
    add('encrypted-by', d.DomainArn, key(keyRef));
    if (publicOnly) {
      exposed = true;
      add('exposed-to-internet', INTERNET_ID, d.DomainArn, {
        reason: 'AppNetworkAccessType PublicInternetOnly',
      });
    }
  }

  for (const { group: g, resourcePolicy } of raw.modelPackageGroups) {
    if (!g.ModelPackageGroupArn) continue;
    assets.push(
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

  if (exposed) assets.push(internetAsset());
  return { assets, edges };
}
