import { externalPrincipalId, type Rng } from '@aispm/core';
import type { AccountBuilder } from '../account.ts';
import { allow, doc, exposeToInternet } from '../common.ts';
import { WorkloadBuilder } from '../workload.ts';
import { agentRag } from './agent-rag.ts';
import { sagemakerPipeline } from './sagemaker-pipeline.ts';

/**
 * Attack paths through data lineage, planted on otherwise hardened workloads so that the planted route is the only
 * one and its choke point is unambiguous:
 * - poisoning: an outside account assumes a sync role that can write a training bucket → the training job reading
 *   it → the model it produced → the endpoint serving it; and the same into a knowledge-base bucket → knowledge
 *   base → agent;
 * - theft: an IAM user's long-lived key → the user → a role it may assume → the model artifacts bucket; and the
 *   key → the user → invoke the endpoint → the model it serves.
 */
export function plantLineagePaths(b: AccountBuilder, rng: Rng, team: string): void {
  const region = 'us-east-1';
  const pipeline = sagemakerPipeline(new WorkloadBuilder(b, rng.fork('pipeline'), region, 'hardened', team));
  const rag = agentRag(new WorkloadBuilder(b, rng.fork('rag'), region, 'hardened', `${team}kb`));
  const foreign = rng.pick(b.ctx.foreignAccounts);

  const trainSync = outsideWriter(b, foreign, `DatasetSync-${team}`, pipeline.trainingBucket);
  b.plantPath(
    [trainSync.ext, trainSync.role, pipeline.trainingBucket, pipeline.job, pipeline.model, pipeline.endpoint],
    trainSync.role,
    'Outside account assumes a role that writes training data: poisons the job, the model and the endpoint serving it',
  );
  const docsSync = outsideWriter(b, foreign, `DocsSync-${team}`, rag.kbBucketArn);
  b.plantPath(
    [docsSync.ext, docsSync.role, rag.kbBucketArn, rag.knowledgeBase, rag.agent],
    docsSync.role,
    'Outside account assumes a role that writes knowledge-base documents: poisons the agent answering from them',
  );

  // Theft: a user with a long-lived key that may assume an export role reading the artifacts, and invoke the endpoint.
  const exportRole = b.role(
    `ModelExport-${team}`,
    doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${b.id}:root` }, Action: 'sts:AssumeRole' }),
    [allow(['s3:GetObject'], `${pipeline.artifactsBucket}/*`)],
  );
  const user = b.userWithKey(rng, `model-export-${team}`, {
    policies: [allow('sts:AssumeRole', exportRole.Arn), allow('sagemaker:InvokeEndpoint', pipeline.endpoint)],
  });
  b.truth.edge('can-assume', user.arn, exportRole.Arn);
  b.truth.edge('can-read', exportRole.Arn, pipeline.artifactsBucket);
  b.truth.edge('can-invoke', user.arn, pipeline.endpoint);
  b.plantPath(
    [user.key, user.arn, exportRole.Arn, pipeline.artifactsBucket],
    user.key,
    'Long-lived key of a user that assumes a role reading the model artifacts (model theft)',
  );
  b.plantPath(
    [user.key, user.arn, pipeline.endpoint, pipeline.model],
    user.key,
    'Long-lived key of a user that invokes the endpoint serving a custom model (model extraction)',
  );
}

/**
 * A read-only agent whose knowledge-base bucket lets everyone write: the bucket is public and poisonable, the path
 * runs from "*" through the bucket to the agent, and the agent is no excessive-agency finding (its identities are
 * granted nothing but reads).
 */
export function plantWorldWritableKnowledgeBase(b: AccountBuilder, rng: Rng, team: string): void {
  const rag = agentRag(new WorkloadBuilder(b, rng.fork('rag'), 'us-east-1', 'hardened', `${team}open`));
  if (rag.writes) throw new Error('cloud-sim: the world-writable knowledge-base agent must be read-only');
  const name = rag.kbBucket.Name;
  rag.kbBucket.policy = doc({
    Sid: 'PublicUpload',
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:PutObject'],
    Resource: `${rag.kbBucketArn}/*`,
  });
  // Hardened buckets block public policies; this one had its block removed to take uploads.
  rag.kbBucket.publicAccessBlock = undefined;
  b.truth.risk(rag.kbBucketArn, 'data-store-public', 'Bucket policy grants s3:PutObject to Principal "*"');
  b.truth.risk(
    rag.kbBucketArn,
    'data-store-broad-write',
    'Anyone can write the documents a knowledge base retrieves (poisoning)',
  );
  exposeToInternet(b.truth, rag.kbBucketArn);
  b.outsider('*', 'can-write', rag.kbBucketArn);
  b.plantPath(
    [externalPrincipalId('aws', '*'), rag.kbBucketArn, rag.knowledgeBase, rag.agent],
    rag.kbBucketArn,
    `World-writable knowledge-base bucket ${name} poisons a read-only agent`,
  );
}

/** A role an outside account may assume without an ExternalId, granted only s3:PutObject on one bucket. */
function outsideWriter(
  b: AccountBuilder,
  foreign: string,
  name: string,
  bucketArn: string,
): { ext: string; role: string } {
  const role = b.role(
    name,
    doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${foreign}:root` }, Action: 'sts:AssumeRole' }),
    [allow(['s3:PutObject'], `${bucketArn}/*`)],
  );
  const ext = externalPrincipalId('aws', foreign);
  b.truth.asset(ext, 'external-principal', 'aispm::ExternalPrincipal', 'global', 'global', foreign);
  b.truth.edge('can-assume', ext, role.Arn);
  b.truth.edge('can-write', role.Arn, bucketArn);
  b.truth.risk(
    role.Arn,
    'role-cross-account-trust',
    `Trust policy allows account ${foreign} without an sts:ExternalId condition`,
  );
  return { ext, role: role.Arn };
}
