import { describe, expect, it } from 'vitest';
import { SCORING_ENDPOINTS } from '../scripts/fixtures-azure-ml.ts';
import { RULES, RuleGraph } from '../src/index.ts';

const rule = RULES.find((r) => r.id === 'aispm-guardrail-missing-on-invocation-path');

function verdictOn(f: (typeof SCORING_ENDPOINTS)['classic']) {
  return rule?.evaluate({ graph: new RuleGraph(f) }).find((v) => v.assetId === f.target);
}

describe('a missing prompt guardrail on public Azure ML online endpoints', () => {
  it('fails the endpoint serving a catalog LLM', () => {
    expect(verdictOn(SCORING_ENDPOINTS.generative)?.status).toBe('fail');
  });

  it('does not judge a classic scoring endpoint: it takes features, not prompts', () => {
    expect(verdictOn(SCORING_ENDPOINTS.classic)).toBeUndefined();
  });

  it('claims nothing when whether the endpoint generates is unknown', () => {
    expect(verdictOn(SCORING_ENDPOINTS.unknown)).toBeUndefined();
  });
});
