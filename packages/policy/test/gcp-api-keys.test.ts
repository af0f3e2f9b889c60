import { deriveFacts } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { gcpApiKey } from '../scripts/fixtures-gcp-keys.ts';
import { RuleGraph, ruleById } from '../src/index.ts';

const GEMINI = 'generativelanguage.googleapis.com';
const VERTEX = 'aiplatform.googleapis.com';
const MAPS = 'maps-backend.googleapis.com';

function verdict(ruleId: string, key: ReturnType<typeof gcpApiKey>) {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule
    .evaluate({ graph: new RuleGraph({ assets: [key], edges: [] }) })
    .find((v) => v.assetId === key.id);
}

describe('GCP API key facts', () => {
  it('names the first AI service among the targets, never an expiry, and flags a key with no targets', () => {
    expect(deriveFacts('access-key', gcpApiKey('a', [MAPS, GEMINI, VERTEX]).properties)).toEqual({
      active: true,
      aiService: 'gemini',
      expires: false,
      unrestricted: false,
    });
    expect(deriveFacts('access-key', gcpApiKey('b', [VERTEX]).properties)).toMatchObject({
      aiService: 'vertex-ai',
    });
    const open = deriveFacts('access-key', gcpApiKey('c', []).properties);
    expect(open).toEqual({ active: true, expires: false, unrestricted: true });
    expect(deriveFacts('access-key', gcpApiKey('d', [MAPS]).properties)).not.toHaveProperty('aiService');
  });
});

describe('aispm-ai-api-key-long-term on GCP API keys', () => {
  it('fails a Gemini key and a Vertex AI express key: they cannot be given an expiry', () => {
    const gemini = verdict('aispm-ai-api-key-long-term', gcpApiKey('g', [GEMINI]));
    expect(gemini?.status).toBe('fail');
    expect(gemini?.message).toBe(
      'Active gemini API key: Google Cloud API keys have no expiry, it lives until deleted',
    );
    expect(gemini?.evidence.properties).toEqual({
      aiService: 'gemini',
      expires: false,
      expiryConfigurable: false,
    });
    expect(verdict('aispm-ai-api-key-long-term', gcpApiKey('v', [VERTEX]))?.status).toBe('fail');
  });

  it('does not judge a key for a non-AI API, nor an unrestricted one (that is the unrestricted rule)', () => {
    expect(verdict('aispm-ai-api-key-long-term', gcpApiKey('m', [MAPS]))).toBeUndefined();
    expect(verdict('aispm-ai-api-key-long-term', gcpApiKey('u', []))).toBeUndefined();
  });

  it('has GCP remediation that names the API Keys commands and the Terraform resource', () => {
    const gcp = ruleById('aispm-ai-api-key-long-term')?.remediation.gcp;
    expect(gcp?.cli).toContain('gcloud services api-keys delete');
    expect(gcp?.terraform).toContain('google_apikeys_key');
  });
});

describe('aispm-api-key-unrestricted', () => {
  it('fails a key without API targets and passes one restricted to an AI API', () => {
    expect(verdict('aispm-api-key-unrestricted', gcpApiKey('u', []))?.status).toBe('fail');
    const gemini = verdict('aispm-api-key-unrestricted', gcpApiKey('g', [GEMINI]));
    expect(gemini?.status).toBe('pass');
    expect(gemini?.message).toBe('API key restricted to named APIs (API targets)');
  });
});
