import { type AssetRecord, type EdgeRecord, edge, type FactsOf } from '@aispm/core';
import { awsAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import { type RawAgentCoreIdentity, type RawMemory, tokenVaultIdOf } from './fetch-identity.ts';
import { resourcePolicyOf } from './resource-policy.ts';

type Out = { assets: AssetRecord[]; edges: EdgeRecord[] };

const CUSTOMER_KEY = 'CustomerManagedKey';

/**
 * An AgentCore memory as a knowledge base (what the agent retrieves its context from): raw conversation events
 * kept `eventExpiryDuration` days, and the long-term records its strategies extract from them (kept until
 * deleted). Without `encryptionKeyArn` AgentCore encrypts with a key AWS owns. Its resource-based policy says who
 * outside the account may retrieve its records or write events into it (the access analysis weighs it).
 */
function normalizeMemory(
  { memory: m, partial, resourcePolicy }: RawMemory,
  scope: NormalizeScope,
  out: Out,
): void {
  const arn = m.arn;
  if (!arn) return;
  const key = m.encryptionKeyArn;
  // Read on its own: a memory kept from its list entry still says who its resource policy lets in.
  const policy = resourcePolicyOf(resourcePolicy);
  const facts: Partial<FactsOf<'knowledge-base'>> = {
    ...policy.facts,
    ...(partial
      ? {}
      : {
          // A named key is judged through its encrypted-by edge (the key's manager decides); none: AWS-owned.
          ...(key ? {} : { encryption: { cmk: false } }),
          ...(typeof m.eventExpiryDuration === 'number' ? { eventRetentionDays: m.eventExpiryDuration } : {}),
        }),
  };
  out.assets.push(
    awsAsset({
      id: arn,
      kind: 'knowledge-base',
      accountId: scope.accountId,
      region: scope.region,
      name: m.name ?? m.id ?? arn,
      nativeType: 'AWS::BedrockAgentCore::Memory',
      properties: {
        memoryId: m.id,
        status: m.status,
        description: m.description,
        encryptionKeyArn: key,
        memoryExecutionRoleArn: m.memoryExecutionRoleArn,
        eventExpiryDuration: m.eventExpiryDuration,
        strategies: m.strategies?.map((s) => ({
          strategyId: s.strategyId,
          name: s.name,
          type: s.type,
          namespaces: s.namespaces,
          status: s.status,
        })),
        managedByResourceArn: m.managedByResourceArn,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
        ...policy.properties,
      },
      facts,
    }),
  );
  if (m.memoryExecutionRoleArn) out.edges.push(edge('runs-as', arn, m.memoryExecutionRoleArn));
  if (key) out.edges.push(edge('encrypted-by', arn, key));
}

/** Workload identities: the agent identities AgentCore Identity hands OAuth tokens and API keys to. */
function normalizeWorkloadIdentities(raw: RawAgentCoreIdentity, scope: NormalizeScope, out: Out): void {
  for (const { identity: w } of raw.workloadIdentities) {
    const arn = w.workloadIdentityArn;
    if (!arn) continue;
    out.assets.push(
      awsAsset({
        id: arn,
        kind: 'identity',
        accountId: scope.accountId,
        region: scope.region,
        name: w.name ?? arn,
        nativeType: 'AWS::BedrockAgentCore::WorkloadIdentity',
        properties: {
          identityType: 'workload-identity',
          allowedResourceOauth2ReturnUrls: w.allowedResourceOauth2ReturnUrls,
          createdTime: w.createdTime,
          lastUpdatedTime: w.lastUpdatedTime,
        },
      }),
    );
  }
}

/**
 * Credential providers: the API keys and OAuth clients (id and secret) of outside services, stored in a token
 * vault for agents to call those services with. Each is encrypted with its vault's key: a customer-managed key
 * (an encrypted-by edge) or one AWS manages. An unread vault leaves that unknown (the read's gap says so).
 */
function normalizeCredentialProviders(raw: RawAgentCoreIdentity, scope: NormalizeScope, out: Out): void {
  const vaults = new Map(raw.tokenVaults.map((v) => [v.tokenVaultId, v.vault]));
  const providers = [
    ...raw.apiKeyProviders.map((p) => ({
      ...p,
      credentialProviderVendor: undefined as string | undefined,
      nativeType: 'AWS::BedrockAgentCore::ApiKeyCredentialProvider',
      secretType: 'api-key',
    })),
    ...raw.oauth2Providers.map((p) => ({
      ...p,
      nativeType: 'AWS::BedrockAgentCore::OAuth2CredentialProvider',
      secretType: 'oauth2-client',
    })),
  ];
  for (const p of providers) {
    const arn = p.credentialProviderArn;
    if (!arn) continue;
    const tokenVaultId = tokenVaultIdOf(arn);
    const kms = vaults.get(tokenVaultId)?.kmsConfiguration;
    const cmk = kms?.keyType === CUSTOMER_KEY && kms.kmsKeyArn ? kms.kmsKeyArn : undefined;
    out.assets.push(
      awsAsset({
        id: arn,
        kind: 'access-key',
        accountId: scope.accountId,
        region: scope.region,
        name: p.name ?? arn,
        nativeType: p.nativeType,
        properties: {
          secretType: p.secretType,
          credentialProviderVendor: p.credentialProviderVendor,
          tokenVaultId,
          tokenVaultKeyType: kms?.keyType,
          tokenVaultKmsKeyArn: kms?.kmsKeyArn,
          createdTime: p.createdTime,
          lastUpdatedTime: p.lastUpdatedTime,
        },
        // No kmsConfiguration (the vault was not read): the encryption stays unknown, never a guess.
        facts: kms && !cmk ? { encryption: { cmk: false } } : {},
      }),
    );
    if (cmk) out.edges.push(edge('encrypted-by', arn, cmk));
  }
}

/** Memories, workload identities and credential providers of one account and region. */
export function normalizeAgentCoreIdentity(
  raw: RawAgentCoreIdentity | undefined,
  scope: NormalizeScope,
  out: Out,
): void {
  if (!raw) return;
  for (const m of raw.memories) normalizeMemory(m, scope, out);
  normalizeWorkloadIdentities(raw, scope, out);
  normalizeCredentialProviders(raw, scope, out);
}
