import { allow, bucketResources, chars, EPOCH, iso, LOWER_ALNUM, TUNABLE_MODELS, uuid } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

// (b) Bedrock fine-tune: customization job → custom model → provisioned throughput (+ imported model)
export function bedrockFinetune(w: WorkloadBuilder): void {
  const { rng, r, acct, truth, level } = w;
  const name = `${w.team}-ft-${chars(rng, LOWER_ALNUM, 4)}`;
  const exposure =
    level === 'exposed' ? rng.pick(['broad-write', 'external-read', undefined] as const) : undefined;
  const training = w.b.bucket('finetune-data', r, level, { exposure, sensitive: rng.chance(0.6) });
  const output = w.b.bucket('finetune-output', r, level === 'exposed' ? 'sloppy' : level);
  const tArn = `arn:aws:s3:::${training.Name}`;
  const oArn = `arn:aws:s3:::${output.Name}`;
  const role = w.executionRole(
    `BedrockCustomization-${name}`,
    'bedrock.amazonaws.com',
    [
      allow(['s3:GetObject', 's3:ListBucket'], bucketResources(training.Name)),
      allow(['s3:PutObject', 's3:GetObject', 's3:ListBucket'], bucketResources(output.Name)),
    ],
    'bedrock',
  );
  const base = rng.pick(TUNABLE_MODELS);
  const baseArn = `arn:aws:bedrock:${r}::foundation-model/${base}`;
  const jobId = chars(rng, LOWER_ALNUM, 12);
  const modelId = chars(rng, LOWER_ALNUM, 12);
  const jobArn = `arn:aws:bedrock:${r}:${acct}:model-customization-job/${base}/${jobId}`;
  const modelArn = `arn:aws:bedrock:${r}:${acct}:custom-model/${base}/${modelId}`;
  const kms = level === 'hardened' || rng.chance(0.4);
  const keyArn = kms ? w.b.key(r).Arn : undefined;
  const created = w.time(20, 300);
  const trainingDataConfig = { s3Uri: `s3://${training.Name}/train.jsonl` };
  const validationDataConfig = { validators: [{ s3Uri: `s3://${training.Name}/validation.jsonl` }] };
  const outputDataConfig = { s3Uri: `s3://${output.Name}/customization/${jobId}/` };
  const hyperParameters = { epochCount: '2', batchSize: '1', learningRate: '0.00001' };
  w.state.customizationJobs.push({
    jobArn,
    jobName: `ft-${name}`,
    outputModelName: `cm-${name}`,
    outputModelArn: modelArn,
    clientRequestToken: uuid(rng),
    roleArn: role.Arn,
    status: 'Completed',
    creationTime: iso(created),
    lastModifiedTime: iso(created + 20000),
    endTime: iso(created + 20000),
    baseModelArn: baseArn,
    hyperParameters,
    trainingDataConfig,
    validationDataConfig,
    outputDataConfig,
    customizationType: 'FINE_TUNING',
    outputModelKmsKeyArn: keyArn,
    vpcConfig:
      level === 'hardened'
        ? { subnetIds: [`subnet-${rng.hex(17)}`], securityGroupIds: [`sg-${rng.hex(17)}`] }
        : undefined,
    trainingMetrics: { trainingLoss: 0.42 },
    validationMetrics: [{ validationLoss: 0.51 }],
  });
  truth.asset(jobArn, 'training-job', 'AWS::Bedrock::ModelCustomizationJob', acct, r, `ft-${name}`);
  truth.edge('reads-from', jobArn, tArn);
  truth.edge('writes-to', jobArn, oArn);
  truth.edge('runs-as', jobArn, role.Arn);
  w.clean(jobArn);

  w.state.customModels.push({
    modelArn,
    modelName: `cm-${name}`,
    jobName: `ft-${name}`,
    jobArn,
    baseModelArn: baseArn,
    customizationType: 'FINE_TUNING',
    modelKmsKeyArn: keyArn,
    hyperParameters,
    trainingDataConfig,
    validationDataConfig,
    outputDataConfig,
    trainingMetrics: { trainingLoss: 0.42 },
    validationMetrics: [{ validationLoss: 0.51 }],
    creationTime: iso(created + 20000),
    modelStatus: 'Active',
  });
  truth.asset(modelArn, 'model', 'AWS::Bedrock::CustomModel', acct, r, `cm-${name}`);
  truth.edge('trained-on', modelArn, tArn);
  truth.edge('produced-by', modelArn, jobArn);
  if (keyArn) w.b.encryptedBy(modelArn, r);
  else
    truth.risk(
      modelArn,
      'no-cmk-encryption',
      'Custom model weights encrypted with an AWS-owned key, not a CMK',
    );
  w.clean(modelArn);

  if (rng.chance(0.6)) {
    const ptId = chars(rng, LOWER_ALNUM, 12);
    const ptArn = `arn:aws:bedrock:${r}:${acct}:provisioned-model/${ptId}`;
    w.state.provisionedThroughputs.push({
      provisionedModelName: `pt-${name}`,
      provisionedModelArn: ptArn,
      modelArn,
      desiredModelArn: modelArn,
      foundationModelArn: baseArn,
      modelUnits: 1,
      desiredModelUnits: 1,
      status: 'InService',
      commitmentDuration: 'OneMonth',
      commitmentExpirationTime: iso(EPOCH + 20 * 86400),
      creationTime: iso(created + 30000),
      lastModifiedTime: iso(created + 30000),
    });
    truth.asset(
      ptArn,
      'provisioned-throughput',
      'AWS::Bedrock::ProvisionedModelThroughput',
      acct,
      r,
      `pt-${name}`,
    );
    truth.edge('serves', ptArn, modelArn);
    w.clean(ptArn);
  }

  if (level === 'sloppy' || rng.chance(0.35)) {
    const importedArn = `arn:aws:bedrock:${r}:${acct}:imported-model/${chars(rng, LOWER_ALNUM, 12)}`;
    const imported = `im-${name}`;
    w.state.importedModels.push({
      modelArn: importedArn,
      modelName: imported,
      jobName: `import-${name}`,
      jobArn: `arn:aws:bedrock:${r}:${acct}:model-import-job/${chars(rng, LOWER_ALNUM, 12)}`,
      modelDataSource: { s3DataSource: { s3Uri: `s3://${output.Name}/imports/${imported}/` } },
      creationTime: iso(created + 40000),
      modelArchitecture: 'llama3',
      instructSupported: true,
      // Imported with the fine-tune's customer key where the workload has one (its clean twin), else AWS-owned.
      ...(keyArn ? { modelKmsKeyArn: keyArn } : {}),
    });
    truth.asset(importedArn, 'model', 'AWS::Bedrock::ImportedModel', acct, r, imported);
    truth.edge('reads-from', importedArn, oArn);
    if (keyArn) w.b.encryptedBy(importedArn, r);
    else truth.risk(importedArn, 'no-cmk-encryption', 'Imported model has no modelKmsKeyArn');
    w.clean(importedArn);
  }
  inferenceProfile(w, name, baseArn, created);

  // A vendor who evaluates the fine-tune may assume a role that reads its training data.
  if (level === 'exposed' && !exposure) w.vendorRole(name, training.Name);
}

/**
 * An application inference profile over the fine-tune's base model (cost tracking per team): invoking the
 * profile invokes the foundation model it copies. Drawn from its own fork, so the estate around it keeps its ids.
 */
function inferenceProfile(w: WorkloadBuilder, name: string, baseArn: string, created: number): void {
  const { r, acct, truth } = w;
  const id = chars(w.rng.fork('inference-profile'), LOWER_ALNUM, 12);
  const arn = `arn:aws:bedrock:${r}:${acct}:application-inference-profile/${id}`;
  w.state.inferenceProfiles.push({
    inferenceProfileName: `ip-${name}`,
    description: `Cost tracking for ${w.team}`,
    createdAt: iso(created + 50000),
    updatedAt: iso(created + 50000),
    inferenceProfileArn: arn,
    models: [{ modelArn: baseArn }],
    inferenceProfileId: id,
    status: 'ACTIVE',
    type: 'APPLICATION',
  });
  truth.asset(arn, 'model', 'AWS::Bedrock::ApplicationInferenceProfile', acct, r, `ip-${name}`);
  truth.edge('serves', arn, baseArn);
  w.clean(arn);
}
