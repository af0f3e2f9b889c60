import { assetId, edge, type FactsOf, type GraphBatch } from '@aispm/core';
import { gcpAsset, projectAssetId, str } from '../asset.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { RawFloorSetting } from './fetch.ts';

const MODEL_ARMOR = 'modelarmor.googleapis.com';
type Strength = NonNullable<Exclude<FactsOf<'guardrail'>['promptAttackFilter'], { $unknown: string }>>;

/** Detection from a lower confidence catches more: LOW_AND_ABOVE is the strictest setting. */
const CONFIDENCE_STRENGTH: Record<string, Strength> = {
  LOW_AND_ABOVE: 'high',
  MEDIUM_AND_ABOVE: 'medium',
  HIGH: 'low',
};

const enabled = (o: unknown, path: string) => get(o, path) === 'ENABLED';
const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;

/**
 * The floor setting as a guardrail of the project: what it filters (prompt injection and jailbreak, sensitive data,
 * malicious URLs, responsible-AI categories) and whether Vertex AI traffic is held to it (enforcement on, Vertex AI
 * integrated, inspect and block rather than inspect only).
 */
export function normalizeModelArmor(raw: RawFloorSetting[], scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projects.projectNumber);
  for (const f of raw) {
    const name = str(f.name);
    if (!name) continue;
    const id = assetId('gcp', name, MODEL_ARMOR);
    const filters = f.filterConfig ?? {};
    const pi = enabled(filters, 'piAndJailbreakFilterSettings.filterEnforcement')
      ? (CONFIDENCE_STRENGTH[String(get(filters, 'piAndJailbreakFilterSettings.confidenceLevel'))] ?? 'high')
      : 'none';
    const services = (Array.isArray(f.integratedServices) ? f.integratedServices : []).map(String);
    const enforced =
      f.enableFloorSettingEnforcement === true &&
      services.includes('AI_PLATFORM') &&
      get(f, 'aiPlatformFloorSetting.inspectAndBlock') === true;
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'guardrail',
        accountId: scope.projectId,
        region: 'global',
        name: 'floor-setting',
        nativeType: `${MODEL_ARMOR}/FloorSetting`,
        properties: {
          resourceName: name,
          configured: f.filterConfig !== undefined || f.enableFloorSettingEnforcement !== undefined,
          enableFloorSettingEnforcement: f.enableFloorSettingEnforcement === true,
          integratedServices: services,
          aiPlatformFloorSetting: f.aiPlatformFloorSetting,
          piAndJailbreakFilter: get(filters, 'piAndJailbreakFilterSettings'),
          sensitiveDataFilter: get(filters, 'sdpSettings.basicConfig.filterEnforcement') ?? 'DISABLED',
          maliciousUriFilter: get(filters, 'maliciousUriFilterSettings.filterEnforcement') ?? 'DISABLED',
          raiFilters: get(filters, 'raiSettings.raiFilters'),
          updateTime: f.updateTime,
        },
        facts: {
          promptAttackFilter: pi,
          sensitiveInformationFilter:
            enabled(filters, 'sdpSettings.basicConfig.filterEnforcement') ||
            get(filters, 'sdpSettings.advancedConfig') !== undefined,
          enforcedOnInvocations: enforced,
          maliciousUrlFilter: enabled(filters, 'maliciousUriFilterSettings.filterEnforcement'),
          // A floor setting without responsible-AI filters (or none at all) screens no harmful-content category.
          harmfulContentFilter: nonEmptyList(get(filters, 'raiSettings.raiFilters')),
        },
      }),
    );
    batch.edges.push(edge('contains', project, id));
  }
  return batch;
}
