import type { GraphBatch } from '@aispm/core';
import { BatchBuilder } from '../../shared/batch.ts';
import { resourcePolicyOf } from '../agentcore/normalize.ts';
import { foundationModelArn, guardrailRef, s3UriToBucketArn } from '../arn.ts';
import { awsAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawBedrock } from './fetch.ts';
import { enforcedGuardrailsId, invocationLoggingId } from './ids.ts';

export function normalizeBedrock(raw: RawBedrock, scope: NormalizeScope): GraphBatch {
  const out = new BatchBuilder();
  foundationModels(raw.foundationModels, scope, out);
  customModels(raw.customModels, scope, out);
  importedModels(raw.importedModels, scope, out);
  inferenceProfiles(raw.inferenceProfiles ?? [], scope, out);
  customizationJobs(raw.customizationJobs, scope, out);
  provisionedThroughputs(raw.provisionedThroughputs, scope, out);
  guardrails(raw.guardrails, raw.guardrailPolicies ?? {}, scope, out);
  invocationLogging(raw.loggingConfig, scope, out);
  enforcedGuardrails(raw.enforcedGuardrails, scope, out);
  return out.batch();
}

/** The foundation-model catalogue of the region (not the account's: account `aws`). */
function foundationModels(
  models: RawBedrock['foundationModels'],
  { region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const m of models) {
    if (!m.modelId) continue;
    out.assets.push(
      awsAsset({
        id: foundationModelArn(region, m.modelId),
        kind: 'model',
        accountId: 'aws',
        region,
        name: m.modelName ?? m.modelId,
        nativeType: 'AWS::Bedrock::FoundationModel',
        properties: {
          modelId: m.modelId,
          providerName: m.providerName,
          inputModalities: m.inputModalities,
          outputModalities: m.outputModalities,
          customizationsSupported: m.customizationsSupported,
          inferenceTypesSupported: m.inferenceTypesSupported,
          lifecycleStatus: m.modelLifecycle?.status,
        },
      }),
    );
  }
}

/** Fine-tuned / continued-pretraining models: trained on their data buckets, produced by their job. */
function customModels(
  models: RawBedrock['customModels'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const m of models) {
    if (!m.modelArn) continue;
    const trainingBucket = s3UriToBucketArn(m.trainingDataConfig?.s3Uri);
    const validationBuckets = (m.validationDataConfig?.validators ?? []).map((v) =>
      s3UriToBucketArn(v.s3Uri),
    );
    out.assets.push(
      awsAsset({
        id: m.modelArn,
        kind: 'model',
        accountId,
        region,
        name: m.modelName ?? m.modelArn,
        nativeType: 'AWS::Bedrock::CustomModel',
        properties: {
          baseModelArn: m.baseModelArn,
          customizationType: m.customizationType,
          jobArn: m.jobArn,
          modelKmsKeyArn: m.modelKmsKeyArn,
          trainingDataS3Uri: m.trainingDataConfig?.s3Uri,
          validationDataS3Uris: (m.validationDataConfig?.validators ?? []).map((v) => v.s3Uri),
          outputDataS3Uri: m.outputDataConfig?.s3Uri,
          modelStatus: m.modelStatus,
          creationTime: m.creationTime,
        },
      }),
    );
    out.link('trained-on', m.modelArn, trainingBucket);
    for (const b of new Set(validationBuckets))
      if (b !== trainingBucket) out.link('trained-on', m.modelArn, b);
    out.link('produced-by', m.modelArn, m.jobArn);
    out.link('encrypted-by', m.modelArn, m.modelKmsKeyArn);
  }
}

/** Imported (custom-weights) models, reading their weights from S3. */
function importedModels(
  models: RawBedrock['importedModels'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const m of models) {
    if (!m.modelArn) continue;
    const source = m.modelDataSource?.s3DataSource?.s3Uri;
    out.assets.push(
      awsAsset({
        id: m.modelArn,
        kind: 'model',
        accountId,
        region,
        name: m.modelName ?? m.modelArn,
        nativeType: 'AWS::Bedrock::ImportedModel',
        properties: {
          jobArn: m.jobArn,
          modelArchitecture: m.modelArchitecture,
          modelDataS3Uri: source,
          modelKmsKeyArn: m.modelKmsKeyArn,
          instructSupported: m.instructSupported,
          creationTime: m.creationTime,
        },
      }),
    );
    out.link('reads-from', m.modelArn, s3UriToBucketArn(source));
    out.link('encrypted-by', m.modelArn, m.modelKmsKeyArn);
  }
}

/**
 * Application inference profiles: a `model` asset (an invocable alias of the foundation models it copies, as a
 * deployment is), serving each of them. InvokeModel on the profile invokes those models, so attack paths and the
 * guardrail rules follow `serves` from the profile to the model.
 */
function inferenceProfiles(
  profiles: NonNullable<RawBedrock['inferenceProfiles']>,
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const p of profiles) {
    const arn = p.inferenceProfileArn;
    if (!arn) continue;
    const models = (p.models ?? []).map((m) => m.modelArn).filter((m): m is string => Boolean(m));
    out.assets.push(
      awsAsset({
        id: arn,
        kind: 'model',
        accountId,
        region,
        name: p.inferenceProfileName ?? p.inferenceProfileId ?? arn,
        nativeType: 'AWS::Bedrock::ApplicationInferenceProfile',
        properties: {
          inferenceProfileId: p.inferenceProfileId,
          type: p.type,
          status: p.status,
          description: p.description,
          modelArns: models,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
        },
      }),
    );
    for (const m of new Set(models)) out.link('serves', arn, m);
  }
}

/** Model customization jobs: the data they read and write and the role they run as. */
function customizationJobs(
  jobs: RawBedrock['customizationJobs'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const j of jobs) {
    if (!j.jobArn) continue;
    const training = s3UriToBucketArn(j.trainingDataConfig?.s3Uri);
    out.assets.push(
      awsAsset({
        id: j.jobArn,
        kind: 'training-job',
        accountId,
        region,
        name: j.jobName ?? j.jobArn,
        nativeType: 'AWS::Bedrock::ModelCustomizationJob',
        properties: {
          status: j.status,
          baseModelArn: j.baseModelArn,
          outputModelArn: j.outputModelArn,
          customizationType: j.customizationType,
          roleArn: j.roleArn,
          trainingDataS3Uri: j.trainingDataConfig?.s3Uri,
          outputDataS3Uri: j.outputDataConfig?.s3Uri,
          outputModelKmsKeyArn: j.outputModelKmsKeyArn,
          vpcConfigured: Boolean(j.vpcConfig?.subnetIds?.length),
          creationTime: j.creationTime,
        },
      }),
    );
    out.link('reads-from', j.jobArn, training);
    for (const v of j.validationDataConfig?.validators ?? []) {
      const b = s3UriToBucketArn(v.s3Uri);
      if (b && b !== training) out.link('reads-from', j.jobArn, b);
    }
    out.link('writes-to', j.jobArn, s3UriToBucketArn(j.outputDataConfig?.s3Uri));
    out.link('runs-as', j.jobArn, j.roleArn);
  }
}

/** Provisioned throughput serving a model. */
function provisionedThroughputs(
  throughputs: RawBedrock['provisionedThroughputs'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const p of throughputs) {
    if (!p.provisionedModelArn) continue;
    out.assets.push(
      awsAsset({
        id: p.provisionedModelArn,
        kind: 'provisioned-throughput',
        accountId,
        region,
        name: p.provisionedModelName ?? p.provisionedModelArn,
        nativeType: 'AWS::Bedrock::ProvisionedModelThroughput',
        properties: {
          modelArn: p.modelArn,
          foundationModelArn: p.foundationModelArn,
          modelUnits: p.modelUnits,
          status: p.status,
          commitmentDuration: p.commitmentDuration,
          creationTime: p.creationTime,
        },
      }),
    );
    out.link('serves', p.provisionedModelArn, p.modelArn);
  }
}

/**
 * Guardrails with their content, topic, PII, word and grounding policies, and their resource-based policy (kept
 * as `resourcePolicy`, which the access analysis evaluates; its principals a fact, unknown when the read was denied).
 */
function guardrails(
  guardrails: RawBedrock['guardrails'],
  policies: NonNullable<RawBedrock['guardrailPolicies']>,
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  for (const g of guardrails) {
    if (!g.guardrailArn) continue;
    const filters = g.contentPolicy?.filters ?? [];
    const promptAttack = filters.find((f) => f.type === 'PROMPT_ATTACK');
    const policy = resourcePolicyOf(policies[g.guardrailArn]);
    out.assets.push(
      awsAsset({
        id: g.guardrailArn,
        kind: 'guardrail',
        accountId,
        region,
        name: g.name ?? g.guardrailArn,
        nativeType: 'AWS::Bedrock::Guardrail',
        properties: {
          guardrailId: g.guardrailId,
          version: g.version,
          status: g.status,
          contentFilters: filters.map((f) => ({
            type: f.type,
            inputStrength: f.inputStrength,
            outputStrength: f.outputStrength,
          })),
          promptAttackStrength: promptAttack?.inputStrength ?? 'NONE',
          deniedTopics: (g.topicPolicy?.topics ?? []).map((t) => t.name),
          piiEntities: (g.sensitiveInformationPolicy?.piiEntities ?? []).map((e) => ({
            type: e.type,
            action: e.action,
          })),
          wordFilterCount: (g.wordPolicy?.words ?? []).length,
          contextualGrounding: (g.contextualGroundingPolicy?.filters ?? []).map((f) => ({
            type: f.type,
            threshold: f.threshold,
          })),
          kmsKeyArn: g.kmsKeyArn,
          ...policy.properties,
        },
        facts: policy.facts,
      }),
    );
    out.link('encrypted-by', g.guardrailArn, g.kmsKeyArn);
  }
}

/** The region's model invocation logging configuration (always an asset: "off" is a finding) and where it logs to. */
function invocationLogging(
  logging: RawBedrock['loggingConfig'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  const loggingId = invocationLoggingId(region, accountId);
  const s3Bucket = logging?.s3Config?.bucketName;
  const largeDataBucket = logging?.cloudWatchConfig?.largeDataDeliveryS3Config?.bucketName;
  out.assets.push(
    awsAsset({
      id: loggingId,
      kind: 'logging-config',
      accountId,
      region,
      name: 'model-invocation-logging',
      nativeType: 'AWS::Bedrock::ModelInvocationLoggingConfiguration',
      properties: {
        enabled: Boolean(logging && (logging.s3Config?.bucketName || logging.cloudWatchConfig?.logGroupName)),
        s3BucketName: s3Bucket,
        s3KeyPrefix: logging?.s3Config?.keyPrefix,
        cloudWatchLogGroupName: logging?.cloudWatchConfig?.logGroupName,
        cloudWatchRoleArn: logging?.cloudWatchConfig?.roleArn,
        textDataDeliveryEnabled: logging?.textDataDeliveryEnabled,
        imageDataDeliveryEnabled: logging?.imageDataDeliveryEnabled,
        embeddingDataDeliveryEnabled: logging?.embeddingDataDeliveryEnabled,
      },
    }),
  );
  if (s3Bucket) out.link('logs-to', loggingId, `arn:aws:s3:::${s3Bucket}`);
  if (largeDataBucket && largeDataBucket !== s3Bucket)
    out.link('logs-to', loggingId, `arn:aws:s3:::${largeDataBucket}`);
}

/**
 * The region's enforced guardrails (always an asset: "none" is a finding): enforced on every invocation when a
 * configuration covers all models (no model list, or `ALL`); one that names some models leaves the others open.
 */
function enforcedGuardrails(
  configs: RawBedrock['enforcedGuardrails'],
  { accountId, region }: NormalizeScope,
  out: BatchBuilder,
): void {
  const allModels = (c: NonNullable<typeof configs>[number]) => {
    const included = c.modelEnforcement?.includedModels ?? [];
    return included.length === 0 || included.includes('ALL');
  };
  out.assets.push(
    awsAsset({
      id: enforcedGuardrailsId(region, accountId),
      kind: 'guardrail',
      accountId,
      region,
      name: 'enforced-guardrails',
      nativeType: 'AWS::Bedrock::EnforcedGuardrailConfiguration',
      properties: {
        configurations: configs?.map((c) => ({
          configId: c.configId,
          // The guardrail asset (unqualified ARN) and the version enforced, whichever way the ARN was spelt.
          ...guardrailOf(c, region, accountId),
          owner: c.owner,
          includedModels: c.modelEnforcement?.includedModels,
          excludedModels: c.modelEnforcement?.excludedModels,
          selectiveContentGuarding: c.selectiveContentGuarding,
        })),
      },
      // Unread (denied), the fact is left to the read's declared gap: unknown, never "not enforced".
      facts: configs === undefined ? {} : { enforcedOnInvocations: configs.some(allModels) },
    }),
  );
}

/** An enforced configuration's guardrail: its asset id (the ARN without a version) and the version it enforces. */
function guardrailOf(
  c: NonNullable<RawBedrock['enforcedGuardrails']>[number],
  region: string,
  accountId: string,
): { guardrailArn?: string; guardrailVersion?: string } {
  // Only the ARN says whose guardrail it is (an organisation's lives in the management account).
  const ref = c.guardrailArn ? guardrailRef(region, accountId, c.guardrailArn) : undefined;
  return { guardrailArn: ref?.arn, guardrailVersion: c.guardrailVersion ?? ref?.version };
}
