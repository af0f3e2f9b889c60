import type { AssetRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * Azure ML serverless API endpoints (models as a service) have neither a customer-managed key setting nor a data
 * collector (Microsoft documents Azure ML data collection for managed and Kubernetes online endpoints only): the
 * no-CMK and data-capture rules do not judge them at all, while an online endpoint that does not report the same
 * facts stays "not evaluated".
 */
const SUB = '00000000-0000-0000-0000-000000000001';
const WS = `/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.machinelearningservices/workspaces/ws`;
const unknown = (reason: string) => ({ $unknown: reason });

const endpoint = (id: string, nativeType: string): AssetRecord => ({
  id,
  kind: 'inference-endpoint',
  provider: 'azure',
  accountId: SUB,
  region: 'eastus',
  name: id.split('/').pop() ?? id,
  nativeType,
  properties: {
    facts: {
      encryption: unknown('not reported'),
      dataCaptureEnabled: unknown('not reported'),
    },
  },
  tags: {},
});

const SERVERLESS = endpoint(
  `${WS}/serverlessendpoints/llama`,
  'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
);
const ONLINE = endpoint(
  `${WS}/onlineendpoints/scoring`,
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
);

function verdicts(ruleId: string) {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(ruleId);
  return {
    rule,
    verdicts: rule.evaluate({ graph: new RuleGraph({ assets: [SERVERLESS, ONLINE], edges: [] }) }),
  };
}

describe('rules about settings a serverless API endpoint does not have', () => {
  for (const ruleId of ['aispm-endpoint-no-cmk', 'aispm-endpoint-data-capture-disabled'])
    it(`${ruleId}: no verdict on the serverless endpoint (not applicable), not evaluated on the online one; the docs say why`, () => {
      const { rule, verdicts: vs } = verdicts(ruleId);
      expect(vs.filter((v) => v.assetId === SERVERLESS.id)).toEqual([]);
      expect(vs.find((v) => v.assetId === ONLINE.id)?.status).toBe('not-evaluated');
      expect(rule.rationale).toMatch(/Not judged on Azure ML serverless API endpoints/);
    });
});
