import { INTERNET_ID } from '@aispm/core';
import type { ArmObject } from '../../../azure/model.ts';
import { CHAT_MODELS, CREATED, EMBEDDING_MODELS, guid, HARM_CATEGORIES, id } from '../common.ts';
import { cmkKey, diagnostics, privateEndpoint } from '../subscription.ts';
import type { Workload } from './index.ts';

export interface AiAccount {
  aiId: string;
  aiName: string;
  aiAsset: string;
  aiKey: { keyId: string; keyAsset: string } | undefined;
  /** An AIServices account with project management on: an Azure AI Foundry resource (foundry.ts). */
  foundry: boolean;
  /** The chat deployment (agents name it as their model) and whether a content filter guards it. */
  chat?: { name: string; asset: string; guarded: boolean };
}

/** The Azure OpenAI / AI Services account, its content filters and its model deployments. */
export function aiAccount(wl: Workload, srchAsset: string): AiAccount {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, env, subAsset, location, sharedRg, kvName } = wl.sub;
  const { w, wrng, p, app, suffix, rgId, tags, miClient, miAsset, userAssigned } = wl;
  const aiKind = w % 2 === 0 ? 'OpenAI' : 'AIServices';
  const aiName = `${aiKind === 'OpenAI' ? 'oai' : 'ais'}-${app}-${env}-${suffix}`;
  const aiId = `${rgId}/providers/Microsoft.CognitiveServices/accounts/${aiName}`;
  const aiKey = p.aiCmk ? cmkKey(wl.sub, `cmk-${aiName}`) : undefined;
  const aiPe = p.aiPublic
    ? undefined
    : `${sharedRg}/providers/Microsoft.Network/privateEndpoints/pe-${aiName}`;
  const account = add({
    id: aiId,
    name: aiName,
    type: 'Microsoft.CognitiveServices/accounts',
    location,
    kind: aiKind,
    sku: { name: 'S0' },
    tags,
    etag: `"${guid(wrng.fork('etag'))}"`,
    identity: userAssigned,
    properties: {
      provisioningState: 'Succeeded',
      endpoint:
        aiKind === 'OpenAI'
          ? `https://${aiName}.openai.azure.com/`
          : `https://${aiName}.cognitiveservices.azure.com/`,
      customSubDomainName: aiName,
      dateCreated: CREATED,
      ...(aiKind === 'AIServices' ? { allowProjectManagement: true } : {}),
      publicNetworkAccess: p.aiPublic ? 'Enabled' : 'Disabled',
      disableLocalAuth: !p.aiLocalAuth,
      restrictOutboundNetworkAccess: !p.aiPublic,
      networkAcls: { defaultAction: p.aiPublic ? 'Allow' : 'Deny', ipRules: [], virtualNetworkRules: [] },
      encryption: aiKey
        ? {
            keySource: 'Microsoft.KeyVault',
            keyVaultProperties: {
              keyName: aiKey.keyId.split('/').pop(),
              keyVersion: wrng.hex(32),
              keyVaultUri: `https://${kvName}.vault.azure.net/`,
              identityClientId: miClient,
            },
          }
        : { keySource: 'Microsoft.CognitiveServices' },
      privateEndpointConnections: aiPe
        ? [
            {
              id: `${aiId}/privateEndpointConnections/pe-${aiName}`,
              name: `pe-${aiName}`,
              type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
              properties: {
                provisioningState: 'Succeeded',
                privateEndpoint: { id: aiPe },
                groupIds: ['account'],
                privateLinkServiceConnectionState: {
                  status: 'Approved',
                  description: 'Auto-Approved',
                  actionsRequired: 'None',
                },
              },
            },
          ]
        : [],
    },
  });
  if (aiPe) {
    const conn = (account.properties as { privateEndpointConnections: ArmObject[] })
      .privateEndpointConnections[0];
    if (conn) add(conn);
    privateEndpoint(wl.sub, `pe-${aiName}`, aiId, 'account');
  }
  const aiAsset = truth.asset(
    id(aiId),
    'ai-service',
    'Microsoft.CognitiveServices/accounts',
    subscriptionId,
    location,
    aiName,
  );
  truth.edge('contains', subAsset, aiAsset);
  truth.edge('runs-as', aiAsset, miAsset);
  truth.edge('stores-vectors-in', aiAsset, srchAsset);
  if (aiKey) truth.edge('encrypted-by', aiAsset, aiKey.keyAsset);
  else truth.risk(aiAsset, 'no-cmk-encryption', `${aiKind} account ${aiName} uses Microsoft-managed keys`);
  if (p.aiPublic) {
    truth.risk(
      aiAsset,
      'ai-service-outbound-unrestricted',
      `${aiKind} account ${aiName} does not restrict outbound network access`,
    );
    truth.risk(
      aiAsset,
      'ai-service-public-network',
      `${aiKind} account ${aiName} allows public network access`,
    );
    truth.edge('exposed-to-internet', INTERNET_ID, aiAsset);
  }
  if (p.aiLocalAuth)
    truth.risk(
      aiAsset,
      'ai-service-local-auth',
      `${aiKind} account ${aiName} accepts API keys (disableLocalAuth=false)`,
    );
  if (p.aiDiagnostics) diagnostics(wl.sub, aiId, ['Audit', 'RequestResponse', 'Trace']);
  else
    truth.risk(
      aiAsset,
      'invocation-logging-disabled',
      `${aiKind} account ${aiName} has no diagnostic settings`,
    );
  const ai: AiAccount = { aiId, aiName, aiAsset, aiKey, foundry: aiKind === 'AIServices' };
  const policyAssets = contentFilters(wl, ai);
  deployments(wl, ai, policyAssets);
  return ai;
}

/** Content filters: the two system policies plus a custom one; returns their asset ids by name. */
function contentFilters(wl: Workload, ai: AiAccount): Map<string, string> {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const { p, app } = wl;
  const { aiId, aiName, aiAsset } = ai;
  const policies: {
    name: string;
    type: 'SystemManaged' | 'UserManaged';
    jailbreak: boolean;
    indirect: boolean;
    threshold: string;
  }[] = [
    {
      name: 'Microsoft.Default',
      type: 'SystemManaged',
      jailbreak: false,
      indirect: false,
      threshold: 'Medium',
    },
    {
      name: 'Microsoft.DefaultV2',
      type: 'SystemManaged',
      jailbreak: true,
      indirect: true,
      threshold: 'Medium',
    },
    {
      name: `cf-${app}`,
      type: 'UserManaged',
      jailbreak: !p.weakFilter,
      indirect: !p.weakFilter && !p.indirectShieldOff,
      threshold: p.weakFilter ? 'High' : 'Low',
    },
  ];
  const policyAssets = new Map<string, string>();
  for (const pol of policies) {
    const polId = `${aiId}/raiPolicies/${pol.name}`;
    const filters: Record<string, unknown>[] = HARM_CATEGORIES.flatMap((category) =>
      (['Prompt', 'Completion'] as const).map((source) => ({
        name: category,
        severityThreshold: pol.threshold,
        blocking: true,
        enabled: true,
        source,
      })),
    );
    filters.push({
      name: 'Jailbreak',
      blocking: pol.jailbreak,
      enabled: pol.jailbreak,
      source: 'Prompt',
    });
    filters.push({
      name: 'Indirect Attack',
      blocking: pol.indirect,
      enabled: pol.indirect,
      source: 'Prompt',
    });
    filters.push({
      name: 'Protected Material Text',
      blocking: true,
      enabled: true,
      source: 'Completion',
    });
    add({
      id: polId,
      name: pol.name,
      type: 'Microsoft.CognitiveServices/accounts/raiPolicies',
      properties: {
        type: pol.type,
        mode: pol.type === 'SystemManaged' ? 'Blocking' : 'Asynchronous_filter',
        basePolicyName: 'Microsoft.DefaultV2',
        contentFilters: filters,
      },
    });
    const polAsset = truth.asset(
      id(polId),
      'guardrail',
      'Microsoft.CognitiveServices/accounts/raiPolicies',
      subscriptionId,
      location,
      pol.name,
    );
    truth.edge('contains', aiAsset, polAsset);
    policyAssets.set(pol.name, polAsset);
    if (!pol.jailbreak && pol.type === 'UserManaged') {
      truth.risk(
        polAsset,
        'guardrail-weak',
        `content filter ${pol.name} on ${aiName} has jailbreak / prompt-shield filtering off and only blocks High severity`,
      );
    }
    if (!pol.indirect && pol.type === 'UserManaged')
      truth.risk(
        polAsset,
        'guardrail-indirect-attack-unscreened',
        `content filter ${pol.name} on ${aiName} has Prompt Shields for indirect attacks off`,
      );
    if (pol.jailbreak && pol.indirect) truth.markClean(polAsset);
  }
  return policyAssets;
}

/** A chat and an embedding deployment, guarded by a content filter unless the profile plants one unguarded. */
function deployments(wl: Workload, ai: AiAccount, policyAssets: Map<string, string>): void {
  const { truth, add } = wl.sub.t;
  const { s, subscriptionId, location } = wl.sub;
  const { w, p, app } = wl;
  const { aiId, aiName, aiAsset, aiKey } = ai;
  const chat = CHAT_MODELS[(s + w) % CHAT_MODELS.length] as (typeof CHAT_MODELS)[number];
  const embed = EMBEDDING_MODELS[(s + w) % EMBEDDING_MODELS.length] as (typeof EMBEDDING_MODELS)[number];
  const deployments = [
    {
      name: `${chat.name}-chat`,
      model: chat,
      rai: p.unguardedDeployment ? undefined : p.weakFilter ? `cf-${app}` : 'Microsoft.DefaultV2',
      capacity: 50,
    },
    { name: `${embed.name}`, model: embed, rai: 'Microsoft.DefaultV2', capacity: 120 },
  ];
  for (const d of deployments) {
    const depId = `${aiId}/deployments/${d.name}`;
    add({
      id: depId,
      name: d.name,
      type: 'Microsoft.CognitiveServices/accounts/deployments',
      sku: { name: 'GlobalStandard', capacity: d.capacity },
      systemData: { createdAt: CREATED, createdBy: `team-${app}@contoso.example`, createdByType: 'User' },
      properties: {
        provisioningState: 'Succeeded',
        model: { format: 'OpenAI', name: d.model.name, version: d.model.version },
        versionUpgradeOption: 'OnceNewDefaultVersionAvailable',
        currentCapacity: d.capacity,
        ...(d.rai ? { raiPolicyName: d.rai } : {}),
      },
    });
    const depAsset = truth.asset(
      id(depId),
      'model',
      'Microsoft.CognitiveServices/accounts/deployments',
      subscriptionId,
      location,
      d.name,
    );
    truth.edge('contains', aiAsset, depAsset);
    const guard = d.rai ? policyAssets.get(d.rai) : undefined;
    if (d === deployments[0]) ai.chat = { name: d.name, asset: depAsset, guarded: !!guard };
    if (guard) truth.edge('guarded-by', depAsset, guard);
    else {
      truth.risk(
        depAsset,
        'guardrail-missing',
        `deployment ${d.name} on ${aiName} has no content filter (raiPolicyName unset)`,
      );
      if (p.aiPublic) {
        truth.path(
          `azure-unguarded-${aiName}-${d.name}`,
          [INTERNET_ID, aiAsset, depAsset],
          aiAsset,
          'public AI account serving an unfiltered deployment',
        );
      }
    }
    if (guard && d.rai === 'Microsoft.DefaultV2' && !p.aiPublic && !p.aiLocalAuth && aiKey)
      truth.markClean(depAsset);
  }
  if (!p.aiPublic && !p.aiLocalAuth && aiKey && p.aiDiagnostics) truth.markClean(aiAsset);
}
