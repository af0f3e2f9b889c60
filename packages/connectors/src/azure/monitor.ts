import { edge, type GraphBatch } from '@aispm/core';
import type { DiagnosticSettingsResource } from '@azure/arm-monitor';
import { armAssetId, azureAsset, isArmNotFound } from './arm.ts';
import type { AzureFetchEnv } from './service.ts';

export type DiagnosticSetting = DiagnosticSettingsResource;

/** Diagnostic settings of one resource (unpaged, as the SDK models it); a vanished resource has none. */
export async function listDiagnosticSettings(
  env: AzureFetchEnv,
  resourceId: string,
): Promise<DiagnosticSetting[]> {
  try {
    const { MonitorClient } = await import('@azure/arm-monitor');
    const out = await env.clients.get(MonitorClient).diagnosticSettings.list(resourceId, env.call);
    return out.value ?? [];
  } catch (error) {
    if (isArmNotFound(error)) return [];
    throw error;
  }
}

/** Diagnostic settings → logging-config assets and `logs-to` edges from the resource. */
export function normalizeDiagnosticSettings(
  resourceAssetId: string,
  settings: readonly DiagnosticSetting[],
  subscriptionId: string,
  batch: GraphBatch,
): boolean {
  let anyLogs = false;
  for (const s of settings) {
    if (!s.id) continue;
    const logs = (s.logs ?? []).filter((l) => l.enabled);
    const loggingEnabled = logs.length > 0;
    anyLogs ||= loggingEnabled;
    const id = armAssetId(s.id);
    batch.assets.push(
      azureAsset({
        id,
        kind: 'logging-config',
        accountId: subscriptionId,
        region: 'global',
        name: s.name ?? id.split('/').pop() ?? id,
        nativeType: 'Microsoft.Insights/diagnosticSettings',
        properties: {
          resourceId: resourceAssetId,
          loggingEnabled,
          categories: logs.map((l) => l.category).filter(Boolean),
          destinations: {
            workspaceId: s.workspaceId,
            storageAccountId: s.storageAccountId,
            eventHubAuthorizationRuleId: s.eventHubAuthorizationRuleId,
          },
        },
      }),
    );
    batch.edges.push(edge('logs-to', resourceAssetId, id));
  }
  return anyLogs;
}
