import {
  type ApiKeyCredentialProviderItem,
  BedrockAgentCoreControlClient,
  GetMemoryCommand,
  GetTokenVaultCommand,
  type GetTokenVaultResponse,
  GetWorkloadIdentityCommand,
  type GetWorkloadIdentityResponse,
  type Memory,
  type Oauth2CredentialProviderItem,
  paginateListApiKeyCredentialProviders,
  paginateListMemories,
  paginateListOauth2CredentialProviders,
  paginateListWorkloadIdentities,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';
import { agentCorePolicyReader, type RawResourcePolicy } from './resource-policy.ts';

/** A memory as GetMemory reports it, or only its list entry (id, ARN, status) when GetMemory was denied. */
export interface RawMemory {
  memory: Memory;
  partial?: boolean;
  /** Who outside the account may read or write it (GetResourcePolicy); undefined when that read was denied. */
  resourcePolicy?: RawResourcePolicy;
}

export interface RawTokenVault {
  tokenVaultId: string;
  /** GetTokenVault's answer; undefined when it was denied (the providers' encryption is then unknown). */
  vault?: GetTokenVaultResponse;
}

export interface RawAgentCoreIdentity {
  memories: RawMemory[];
  workloadIdentities: { identity: GetWorkloadIdentityResponse; partial?: boolean }[];
  apiKeyProviders: ApiKeyCredentialProviderItem[];
  oauth2Providers: Oauth2CredentialProviderItem[];
  /** The token vaults the listed credential providers live in (`default` unless a provider ARN names another). */
  tokenVaults: RawTokenVault[];
}

/** The token vault a credential provider's ARN (`…:token-vault/<id>/<type>/<name>`) places it in. */
export function tokenVaultIdOf(providerArn: string | undefined): string {
  return (providerArn ? /:token-vault\/([^/]+)\//.exec(providerArn)?.[1] : undefined) ?? 'default';
}

/**
 * Reads AgentCore memory and identity: memories (with their resource-based policies), the workload identity directory, the API-key and OAuth2
 * credential providers of the token vault, and the vault's KMS configuration. A denied GetMemory keeps the memory
 * from its list entry; a denied GetTokenVault leaves the providers' encryption unknown (a gap, never a guess).
 */
export async function fetchAgentCoreIdentity(env: AwsFetchEnv): Promise<RawAgentCoreIdentity> {
  const client = env.clients.get(BedrockAgentCoreControlClient);
  const pager = { client };

  const memoryList = await env.gaps.list('ListMemories', 'bedrock-agentcore:ListMemories', () =>
    collectPages(paginateListMemories(pager, {}), (p) => p.memories),
  );
  const readPolicy = agentCorePolicyReader(env, client);
  const memories = await mapLimit(memoryList, env.fanOut, async (s): Promise<RawMemory> => {
    const memoryId = s.id as string;
    const memoryArn = s.arn ?? `arn:aws:bedrock-agentcore:${env.region}:${env.accountId}:memory/${memoryId}`;
    const got = await env.gaps.item('GetMemory', memoryArn, () =>
      client.send(new GetMemoryCommand({ memoryId })),
    );
    // A memory's resource policy can open its records and events to other accounts (none is not a gap).
    const resourcePolicy = await readPolicy(memoryArn);
    return got?.memory
      ? { memory: got.memory, resourcePolicy }
      : { memory: { ...s } as Memory, partial: true, resourcePolicy };
  });

  const identityList = await env.gaps.list(
    'ListWorkloadIdentities',
    'bedrock-agentcore:ListWorkloadIdentities',
    () => collectPages(paginateListWorkloadIdentities(pager, {}), (p) => p.workloadIdentities),
  );
  const workloadIdentities = await mapLimit(identityList, env.fanOut, async (s) => {
    const name = s.name as string;
    const got = await env.gaps.item('GetWorkloadIdentity', s.workloadIdentityArn ?? [], () =>
      client.send(new GetWorkloadIdentityCommand({ name })),
    );
    return got
      ? { identity: got }
      : { identity: { ...s } as GetWorkloadIdentityResponse, partial: true as const };
  });

  const apiKeyProviders = await env.gaps.list(
    'ListApiKeyCredentialProviders',
    'bedrock-agentcore:ListApiKeyCredentialProviders',
    () => collectPages(paginateListApiKeyCredentialProviders(pager, {}), (p) => p.credentialProviders),
  );
  const oauth2Providers = await env.gaps.list(
    'ListOauth2CredentialProviders',
    'bedrock-agentcore:ListOauth2CredentialProviders',
    () => collectPages(paginateListOauth2CredentialProviders(pager, {}), (p) => p.credentialProviders),
  );

  // The vault's key protects every secret stored in it: read it only where some provider is stored.
  const providerArns = [...apiKeyProviders, ...oauth2Providers]
    .map((p) => p.credentialProviderArn)
    .filter((a): a is string => typeof a === 'string');
  const vaultIds = [...new Set(providerArns.map(tokenVaultIdOf))];
  const tokenVaults = await mapLimit(vaultIds, env.fanOut, async (tokenVaultId): Promise<RawTokenVault> => {
    const inVault = providerArns.filter((a) => tokenVaultIdOf(a) === tokenVaultId);
    const vault = await env.gaps.item('GetTokenVault', inVault, () =>
      client.send(new GetTokenVaultCommand({ tokenVaultId })),
    );
    return vault ? { tokenVaultId, vault } : { tokenVaultId };
  });

  return { memories, workloadIdentities, apiKeyProviders, oauth2Providers, tokenVaults };
}
