import { assetId } from '@aispm/core';
import type { GcpObject } from '../../gcp/model.ts';
import { UPDATED } from './common.ts';
import { inProject, type Project } from './project.ts';

/** Model Armor's floor setting id for a project (the name the API answers, under the project id). */
export function floorSettingAsset(projectId: string): string {
  return assetId('gcp', `projects/${projectId}/locations/global/floorSetting`, 'modelarmor.googleapis.com');
}

/**
 * The project's Model Armor floor setting, by environment: production enforces it on Vertex AI (inspect and block,
 * prompt-injection and jailbreak detection from medium confidence, sensitive data, malicious URLs); development
 * only inspects, with jailbreak detection at high confidence only; research never configured one. The floor setting
 * is an asset in every project (the API answers for every project), so "never configured" is a finding too.
 */
export function modelArmorFloor(proj: Project): GcpObject | undefined {
  const { truth } = proj.org;
  const { projectId, env } = proj;
  const id = inProject(
    proj,
    truth.asset(
      floorSettingAsset(projectId),
      'guardrail',
      'modelarmor.googleapis.com/FloorSetting',
      projectId,
      'global',
      'floor-setting',
    ),
  );
  if (env === 'prod') {
    truth.markClean(id);
    return {
      filterConfig: {
        raiSettings: {
          raiFilters: ['DANGEROUS', 'HARASSMENT', 'HATE_SPEECH', 'SEXUALLY_EXPLICIT'].map((filterType) => ({
            filterType,
            confidenceLevel: 'MEDIUM_AND_ABOVE',
          })),
        },
        sdpSettings: { basicConfig: { filterEnforcement: 'ENABLED' } },
        piAndJailbreakFilterSettings: { filterEnforcement: 'ENABLED', confidenceLevel: 'MEDIUM_AND_ABOVE' },
        maliciousUriFilterSettings: { filterEnforcement: 'ENABLED' },
      },
      enableFloorSettingEnforcement: true,
      integratedServices: ['AI_PLATFORM'],
      aiPlatformFloorSetting: { inspectAndBlock: true, enableCloudLogging: true },
      updateTime: UPDATED,
    };
  }
  truth.risk(
    id,
    'guardrail-not-enforced',
    env === 'dev'
      ? 'floor setting only inspects Vertex AI traffic'
      : 'no Model Armor floor setting configured',
  );
  truth.risk(
    id,
    'guardrail-weak',
    env === 'dev' ? 'jailbreak detection only at HIGH confidence' : 'no prompt-injection / jailbreak filter',
  );
  truth.risk(
    id,
    'guardrail-malicious-url-unfiltered',
    env === 'dev' ? 'floor setting has no malicious URL filter' : 'no Model Armor floor setting configured',
  );
  truth.risk(
    id,
    'guardrail-harmful-content-unfiltered',
    env === 'dev'
      ? 'floor setting has no responsible-AI (harmful content) filters'
      : 'no Model Armor floor setting configured',
  );
  if (env !== 'dev') return undefined;
  return {
    filterConfig: {
      piAndJailbreakFilterSettings: { filterEnforcement: 'ENABLED', confidenceLevel: 'HIGH' },
      sdpSettings: { basicConfig: { filterEnforcement: 'DISABLED' } },
    },
    enableFloorSettingEnforcement: true,
    integratedServices: ['AI_PLATFORM'],
    aiPlatformFloorSetting: { inspectOnly: true, enableCloudLogging: true },
    updateTime: UPDATED,
  };
}
