import { edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import {
  armAssetId,
  azureAsset,
  azureInternetAsset,
  enabled,
  keyAssetId,
  subscriptionAssetId,
  userAssignedIdentityIds,
} from '../arm.ts';
import { vaultIndex } from '../key-vault/fetch.ts';
import { normalizeDiagnosticSettings } from '../monitor.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawCognitiveServices } from './fetch.ts';
import { normalizeFoundry, threatProtectionOf } from './foundry-normalize.ts';

interface ContentFilter {
  name?: string;
  enabled?: boolean;
  blocking?: boolean;
  source?: string;
  severityThreshold?: string;
}

const PROMPT_ATTACK_FILTERS = new Set(['jailbreak', 'indirect attack']);

/**
 * Azure's jailbreak / indirect-attack shields have no strength: on and blocking is the strongest setting,
 * on but annotate-only catches nothing, off is none.
 */
export function promptAttackFilter(filters: readonly ContentFilter[]): 'none' | 'low' | 'high' {
  const shields = filters.filter((f) => PROMPT_ATTACK_FILTERS.has(String(f.name).toLowerCase()));
  const jailbreak = shields.find((f) => String(f.name).toLowerCase() === 'jailbreak');
  if (!jailbreak?.enabled) return 'none';
  return jailbreak.blocking ? 'high' : 'low';
}

/** Prompt Shields for indirect attacks: on and blocking (annotate-only lets the injected text through). */
export function indirectAttackShield(filters: readonly ContentFilter[]): boolean {
  const shield = filters.find((f) => String(f.name).toLowerCase() === 'indirect attack');
  return shield?.enabled === true && shield.blocking === true;
}

export function normalizeCognitiveServices(
  raw: RawCognitiveServices,
  scope: AzureNormalizeScope,
): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  const vaults = vaultIndex(raw.vaults);
  let exposed = false;
  for (const {
    account,
    deployments,
    raiPolicies,
    privateEndpointConnections,
    diagnosticSettings,
    defenderForAISettings,
    foundry,
  } of raw.accounts) {
    const id = armAssetId(account.id as string);
    const p = account.properties ?? {};
    const encryption = p.encryption;
    const cmk = encryption?.keySource?.toLowerCase() === 'microsoft.keyvault';
    const keyId = cmk
      ? keyAssetId(
          vaults,
          encryption?.keyVaultProperties?.keyVaultUri,
          encryption?.keyVaultProperties?.keyName,
        )
      : undefined;
    const publicNetworkAccess = enabled(p.publicNetworkAccess);
    const threatProtection = threatProtectionOf(defenderForAISettings);
    const batchStart = batch.assets.length;
    const loggingEnabled = normalizeDiagnosticSettings(id, diagnosticSettings, scope.subscriptionId, batch);
    batch.assets.splice(
      batchStart,
      0,
      azureAsset({
        id,
        kind: 'ai-service',
        accountId: scope.subscriptionId,
        region: account.location ?? 'global',
        name: account.name ?? id,
        nativeType: 'Microsoft.CognitiveServices/accounts',
        properties: {
          accountKind: account.kind,
          sku: account.sku?.name,
          endpoint: p.endpoint,
          customSubDomainName: p.customSubDomainName,
          publicNetworkAccess,
          networkAcls: p.networkAcls,
          restrictOutboundNetworkAccess: p.restrictOutboundNetworkAccess,
          disableLocalAuth: p.disableLocalAuth ?? false,
          localAuthEnabled: !(p.disableLocalAuth ?? false),
          encryption: { cmk, keyId, keySource: encryption?.keySource },
          privateEndpoints: privateEndpointConnections
            .map((c) => c.properties?.privateEndpoint?.id)
            .filter((x): x is string => typeof x === 'string')
            .map(armAssetId),
          diagnosticSettingCount: diagnosticSettings.length,
          loggingEnabled,
          identityType: account.identity?.type,
          allowProjectManagement: p.allowProjectManagement,
          defenderForAISettings: defenderForAISettings?.map((d) => ({ name: d.name, state: d.state })),
        },
        tags: account.tags,
        facts: threatProtection === undefined ? {} : { threatProtection },
      }),
    );
    if (foundry) normalizeFoundry(foundry, id, account.location ?? 'global', scope, batch);
    batch.edges.push(edge('contains', sub, id));
    for (const mi of userAssignedIdentityIds(account.identity)) batch.edges.push(edge('runs-as', id, mi));
    if (keyId) batch.edges.push(edge('encrypted-by', id, keyId));
    if (publicNetworkAccess) {
      exposed = true;
      batch.edges.push(
        edge('exposed-to-internet', INTERNET_ID, id, {
          via: 'publicNetworkAccess',
          networkAcls: p.networkAcls,
        }),
      );
    }

    const policyIds = new Map<string, string>();
    for (const policy of raiPolicies) {
      if (!policy.id) continue;
      const pid = armAssetId(policy.id);
      policyIds.set(String(policy.name).toLowerCase(), pid);
      const filters = (policy.properties?.contentFilters ?? []) as ContentFilter[];
      batch.assets.push(
        azureAsset({
          id: pid,
          kind: 'guardrail',
          accountId: scope.subscriptionId,
          region: account.location ?? 'global',
          name: policy.name ?? pid,
          nativeType: 'Microsoft.CognitiveServices/accounts/raiPolicies',
          properties: {
            policyType: policy.properties?.type,
            mode: policy.properties?.mode,
            basePolicyName: policy.properties?.basePolicyName,
            contentFilters: filters,
            promptAttackFilter: promptAttackFilter(filters),
          },
          facts: { indirectAttackFilter: indirectAttackShield(filters) },
        }),
      );
      batch.edges.push(edge('contains', id, pid));
    }
    for (const d of deployments) {
      if (!d.id) continue;
      const did = armAssetId(d.id);
      const raiPolicyName = d.properties?.raiPolicyName;
      batch.assets.push(
        azureAsset({
          id: did,
          kind: 'model',
          accountId: scope.subscriptionId,
          region: account.location ?? 'global',
          name: d.name ?? did,
          nativeType: 'Microsoft.CognitiveServices/accounts/deployments',
          properties: {
            model: d.properties?.model,
            sku: d.sku,
            raiPolicyName,
            versionUpgradeOption: d.properties?.versionUpgradeOption,
            accountId: id,
            guardrailConfigured: Boolean(raiPolicyName),
          },
        }),
      );
      batch.edges.push(edge('contains', id, did));
      const guard = raiPolicyName ? policyIds.get(raiPolicyName.toLowerCase()) : undefined;
      if (guard) batch.edges.push(edge('guarded-by', did, guard));
    }
  }
  if (exposed) batch.assets.push(azureInternetAsset());
  return batch;
}
