import { externalPrincipalId, type Rng } from '@aispm/core';
import { allow, chars, doc, LOWER_ALNUM, serviceTrust } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

const AGENTCORE = 'bedrock-agentcore.amazonaws.com';
/** Raw events kept longer than this are flagged (aispm-agent-memory-long-retention). */
const RETENTION_LIMIT_DAYS = 90;

/**
 * An AgentCore memory for the workload's agent: a semantic and a summary strategy over its conversations.
 * Planted: no customer-managed key (exposed always, sloppy half the time) and raw events kept a year (exposed) or
 * 180 days (some sloppy), and (exposed) a resource policy open to everyone; hardened memories use the account's
 * key, keep events 30 days and admit only their own account.
 */
export function agentMemory(w: WorkloadBuilder, rng: Rng, base: string, created: number): void {
  const level = w.level;
  const cmk = level === 'hardened' || (level === 'sloppy' && rng.chance(0.5));
  const retention = level === 'hardened' ? 30 : level === 'exposed' ? 365 : rng.pick([30, 90, 180]);
  const name = `mem_${base}`.slice(0, 48);
  const id = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  const arn = `arn:aws:bedrock-agentcore:${w.r}:${w.acct}:memory/${id}`;
  const role = w.b.role(
    `AgentCoreMemory-${base}`.slice(0, 64),
    serviceTrust(AGENTCORE),
    [
      allow(
        ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        `arn:aws:bedrock:${w.r}::foundation-model/*`,
      ),
    ],
    { path: '/service-role/' },
  );
  w.clean(role.Arn);
  const key = cmk ? w.b.encryptedBy(arn, w.r) : undefined;
  const strategy = (type: string, label: string, namespace: string) => ({
    strategyId: `${label}-${chars(rng, LOWER_ALNUM, 10)}`,
    name: label,
    type,
    namespaces: [namespace],
    namespaceTemplates: [namespace],
    createdAt: created + 60,
    updatedAt: created + 60,
    status: 'ACTIVE',
  });
  w.state.agentCore.memories.push({
    arn,
    id,
    name,
    description: `Conversation memory for ${base}`,
    ...(key ? { encryptionKeyArn: key } : {}),
    memoryExecutionRoleArn: role.Arn,
    eventExpiryDuration: retention,
    status: 'ACTIVE',
    createdAt: created,
    updatedAt: created + 60,
    strategies: [
      strategy('SEMANTIC', 'facts', '/facts/{actorId}/'),
      strategy('SUMMARIZATION', 'summaries', '/summaries/{actorId}/{sessionId}/'),
    ],
  });
  w.truth.asset(arn, 'knowledge-base', 'AWS::BedrockAgentCore::Memory', w.acct, w.r, name);
  w.truth.edge('runs-as', arn, role.Arn);
  if (!key) w.truth.risk(arn, 'no-cmk-encryption', 'Memory has no encryptionKeyArn (AWS-owned key)');
  if (retention > RETENTION_LIMIT_DAYS)
    w.truth.risk(arn, 'agent-memory-long-retention', `eventExpiryDuration is ${retention} days`);
  memoryPolicy(w, arn);
  w.clean(arn);
}

/** What a memory's resource policy grants: reading its records and events, and writing events into it. */
const MEMORY_READ = [
  'bedrock-agentcore:RetrieveMemoryRecords',
  'bedrock-agentcore:ListMemoryRecords',
  'bedrock-agentcore:GetMemoryRecord',
  'bedrock-agentcore:ListEvents',
  'bedrock-agentcore:GetEvent',
];
const MEMORY_WRITE = ['bedrock-agentcore:CreateEvent'];

/**
 * The memory's resource-based policy: an exposed workload's lets everyone (`*`) retrieve its records and write
 * events into it (planted: anyone reads the agent's conversations and plants what it will recall), a hardened
 * one's names only its own account (the clean twin); sloppy memories have none. Draws nothing from the RNG.
 */
function memoryPolicy(w: WorkloadBuilder, arn: string): void {
  if (w.level === 'sloppy') return;
  const open = w.level === 'exposed';
  w.state.agentCore.resourcePolicies[arn] = doc({
    Sid: open ? 'AnyoneReadWriteMemory' : 'OwnAccountMemory',
    Effect: 'Allow',
    Principal: open ? '*' : { AWS: `arn:aws:iam::${w.acct}:root` },
    Action: [...MEMORY_READ, ...MEMORY_WRITE],
    Resource: arn,
  });
  if (!open) return;
  const ext = externalPrincipalId('aws', '*');
  w.truth.asset(ext, 'external-principal', 'aispm::ExternalPrincipal', 'global', 'global', '*');
  w.truth.edge('can-read', ext, arn);
  w.truth.edge('can-write', ext, arn);
  w.truth.risk(
    arn,
    'data-store-external-read',
    "Resource policy lets anyone ('*') retrieve the memory's records and write events into it",
  );
}

/** The workload identity AgentCore creates for a runtime (the ARN the runtime's workloadIdentityDetails names). */
export function workloadIdentity(w: WorkloadBuilder, name: string, created: number, agent: boolean): string {
  const arn = `arn:aws:bedrock-agentcore:${w.r}:${w.acct}:workload-identity-directory/default/workload-identity/${name}`;
  w.state.agentCore.workloadIdentities.push({
    name,
    workloadIdentityArn: arn,
    createdTime: created,
    lastUpdatedTime: created,
    ...(agent ? { allowedResourceOauth2ReturnUrls: [`https://${w.team}.example.com/oauth2/callback`] } : {}),
  });
  w.truth.asset(arn, 'identity', 'AWS::BedrockAgentCore::WorkloadIdentity', w.acct, w.r, name);
  w.clean(arn);
  return arn;
}

/**
 * A credential provider in the region's default token vault; returns its ARN. The vault is set up by the first
 * workload to store a secret in the region: a customer-managed key when that workload is hardened (or, sloppy,
 * half the time), else the key AWS manages. Every secret in a vault without a customer key is a planted risk.
 */
export function credentialProvider(
  w: WorkloadBuilder,
  rng: Rng,
  type: 'api-key' | 'oauth2',
  name: string,
  created: number,
): string {
  const ac = w.state.agentCore;
  if (!ac.tokenVault) {
    const cmk = w.level === 'hardened' || (w.level === 'sloppy' && rng.chance(0.5));
    ac.tokenVault = {
      tokenVaultId: 'default',
      kmsConfiguration: cmk
        ? { keyType: 'CustomerManagedKey', kmsKeyArn: w.b.key(w.r).Arn }
        : { keyType: 'ServiceManagedKey' },
      lastModifiedDate: created,
    };
  }
  const vault = `arn:aws:bedrock-agentcore:${w.r}:${w.acct}:token-vault/default`;
  const arn = `${vault}/${type === 'api-key' ? 'apikeycredentialprovider' : 'oauth2credentialprovider'}/${name}`;
  if (type === 'api-key') {
    ac.apiKeyCredentialProviders.push({
      name,
      credentialProviderArn: arn,
      createdTime: created,
      lastUpdatedTime: created,
    });
    w.truth.asset(arn, 'access-key', 'AWS::BedrockAgentCore::ApiKeyCredentialProvider', w.acct, w.r, name);
  } else {
    ac.oauth2CredentialProviders.push({
      name,
      credentialProviderVendor: 'CustomOauth2',
      credentialProviderArn: arn,
      createdTime: created,
      lastUpdatedTime: created,
    });
    w.truth.asset(arn, 'access-key', 'AWS::BedrockAgentCore::OAuth2CredentialProvider', w.acct, w.r, name);
  }
  const kms = ac.tokenVault.kmsConfiguration as { keyType: string };
  if (kms.keyType === 'CustomerManagedKey') w.b.encryptedBy(arn, w.r);
  else
    w.truth.risk(
      arn,
      'no-cmk-encryption',
      'The token vault holding this credential is encrypted with a ServiceManagedKey',
    );
  w.clean(arn);
  return arn;
}
