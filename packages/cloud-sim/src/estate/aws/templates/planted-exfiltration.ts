import type { Rng } from '@aispm/core';
import type { PolicyStatement, S3Bucket } from '../../../aws/model.ts';
import type { AccountBuilder } from '../account.ts';
import { allow, doc } from '../common.ts';
import { WorkloadBuilder } from '../workload.ts';
import { type AgentRagIds, agentRag } from './agent-rag.ts';

/**
 * Indirect prompt injection → exfiltration, planted on otherwise hardened agent workloads so that the pair is the
 * only thing wrong with the agent:
 * - the pair: a Bedrock agent retrieving from a knowledge-base bucket a partner account may upload to (untrusted
 *   input), whose action-group tool also writes the exports the partner collects from the same bucket (a way out);
 * - its twin: the same agent with the partner uploads only — untrusted input and no way out — which is clean.
 *
 * AWS only: Azure's connector inventories no agents (Foundry agents live in the data plane) and GCP's Agent Engine
 * agents have neither tool nor knowledge-base edges, so no other cloud can produce the shape the rule reads.
 */
export function plantInjectionExfiltration(b: AccountBuilder, rng: Rng, team: string): void {
  const region = 'us-east-1';
  const partner = rng.pick(b.ctx.foreignAccounts);
  const pair = agentRag(new WorkloadBuilder(b, rng.fork('pair'), region, 'hardened', `${team}p`));
  const twin = agentRag(new WorkloadBuilder(b, rng.fork('twin'), region, 'hardened', `${team}t`));
  if (pair.writes || twin.writes) throw new Error('cloud-sim: the exfiltration agents must start read-only');
  partnerUploads(b, pair, partner);
  partnerUploads(b, twin, partner);

  // The way out: the partner also collects exports from the same bucket, and the agent's first tool writes them.
  addStatement(pair.kbBucket, {
    Sid: 'PartnerCollectsExports',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${partner}:root` },
    Action: ['s3:GetObject'],
    Resource: `${pair.kbBucketArn}/exports/*`,
  });
  b.truth.risk(
    pair.kbBucketArn,
    'data-store-external-read',
    `Bucket policy lets external account ${partner} read exports/`,
  );
  b.outsider(partner, 'can-read', pair.kbBucketArn);
  const [toolRoleArn] = pair.toolRoles;
  const toolRole = b.account.iam.roles.find((r) => r.Arn === toolRoleArn);
  if (!toolRoleArn || !toolRole) throw new Error('cloud-sim: the exfiltration agent has no tool role');
  toolRole.RolePolicyList.push({
    PolicyName: 'exports-write',
    PolicyDocument: doc(allow(['s3:PutObject'], `${pair.kbBucketArn}/exports/*`)),
  });
  b.truth.edge('can-write', toolRoleArn, pair.kbBucketArn);
  b.truth.risk(pair.agent, 'agent-excessive-agency', 'A tool Lambda role can s3:PutObject into exports/');
  b.truth.risk(
    pair.agent,
    'agent-injection-exfiltration',
    `Retrieves documents account ${partner} can upload, and a tool writes exports/ of the same bucket, which that account reads`,
  );
}

/** A partner account may upload documents into the agent's knowledge-base bucket (no read, no delete). */
function partnerUploads(b: AccountBuilder, rag: AgentRagIds, partner: string): void {
  addStatement(rag.kbBucket, {
    Sid: 'PartnerUpload',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${partner}:root` },
    Action: ['s3:PutObject'],
    Resource: `${rag.kbBucketArn}/*`,
  });
  b.truth.risk(
    rag.kbBucketArn,
    'data-store-broad-write',
    `Bucket policy lets external account ${partner} write the documents a knowledge base retrieves`,
  );
  b.outsider(partner, 'can-write', rag.kbBucketArn);
}

/** Adds a statement to a bucket's policy, keeping what it has (a TLS-only deny stays). */
function addStatement(bucket: S3Bucket, statement: PolicyStatement): void {
  bucket.policy = doc(...(bucket.policy?.Statement ?? []), statement);
}
