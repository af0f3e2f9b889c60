import { type AssetRecord, INTERNET_ID, internetAsset } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { SCORING_ENDPOINTS } from '../scripts/fixtures-azure-ml.ts';
import { RULES, RuleGraph } from '../src/index.ts';

const rule = RULES.find((r) => r.id === 'aispm-guardrail-missing-on-invocation-path');
type Fixture = (typeof SCORING_ENDPOINTS)['classic'];

function verdictOn(f: Fixture) {
  return rule?.evaluate({ graph: new RuleGraph(f) }).find((v) => v.assetId === f.target);
}

/** The fixture with the target endpoint's facts replaced. */
function withFacts(f: Fixture, facts: Record<string, unknown>): Fixture {
  return {
    ...f,
    assets: f.assets.map((a) => (a.id === f.target ? { ...a, properties: { ...a.properties, facts } } : a)),
  };
}

/** A public endpoint of another cloud, with no guardrail: its connector never says whether it generates. */
function publicEndpoint(provider: 'aws' | 'gcp', id: string, nativeType: string): Fixture {
  const internet = internetAsset(provider);
  const endpoint: AssetRecord = {
    id,
    kind: 'inference-endpoint',
    provider,
    accountId: '111111111111',
    region: 'us-east-1',
    name: 'chat',
    nativeType,
    properties: { facts: { publicNetworkAccess: true } },
    tags: {},
  };
  return {
    target: id,
    assets: [internet, endpoint],
    edges: [{ kind: 'exposed-to-internet', from: INTERNET_ID, to: id, properties: {} }],
  };
}

describe('a missing prompt guardrail on public Azure ML online endpoints', () => {
  it('fails the endpoint serving a catalog LLM', () => {
    expect(verdictOn(SCORING_ENDPOINTS.generative)?.status).toBe('fail');
  });

  it('does not judge a classic scoring endpoint: it takes features, not prompts', () => {
    expect(verdictOn(SCORING_ENDPOINTS.classic)).toBeUndefined();
  });

  it('reports not-evaluated, naming the fact, when whether the endpoint generates could not be read', () => {
    const verdict = verdictOn(SCORING_ENDPOINTS.unknown);
    expect(verdict?.status).toBe('not-evaluated');
    expect(verdict?.evidence.properties).toEqual({
      unknownFacts: { servesGenerativeModel: 'a workspace model on a custom environment' },
    });
    expect(verdict?.message).toContain('servesGenerativeModel could not be read');
  });

  it('reports not-evaluated when the record of an Azure ML endpoint lacks the fact its connector always sets', () => {
    const verdict = verdictOn(withFacts(SCORING_ENDPOINTS.generative, { localAuthEnabled: false }));
    expect(verdict?.status).toBe('not-evaluated');
    expect(Object.keys(verdict?.evidence.properties.unknownFacts ?? {})).toEqual(['servesGenerativeModel']);
  });
});

describe('endpoints of clouds whose connectors never carry servesGenerativeModel', () => {
  it.each([
    [
      'a SageMaker endpoint',
      publicEndpoint(
        'aws',
        'arn:aws:sagemaker:us-east-1:111111111111:endpoint/chat',
        'AWS::SageMaker::Endpoint',
      ),
    ],
    [
      'a Vertex AI endpoint',
      publicEndpoint(
        'gcp',
        '//aiplatform.googleapis.com/projects/p1/locations/us-central1/endpoints/42',
        'aiplatform.googleapis.com/Endpoint',
      ),
    ],
  ])('judges %s as before: public and unguarded fails', (_name, f) => {
    expect(verdictOn(f)?.status).toBe('fail');
  });
});

describe('the rule declares the fact for inference endpoints only', () => {
  it('lists it by kind, beside resourcePolicyPrincipals for agents and AgentCore runtime endpoints', () => {
    expect(rule?.readsFactsFor).toEqual({
      agent: ['resourcePolicyPrincipals'],
      'inference-endpoint': ['servesGenerativeModel', 'resourcePolicyPrincipals'],
    });
  });
});

describe('an AgentCore runtime endpoint whose resource policy was not read', () => {
  const RUNTIME_ENDPOINT = 'AWS::BedrockAgentCore::RuntimeEndpoint';
  const id = 'arn:aws:bedrock-agentcore:us-east-1:111111111111:runtime/r-1/runtime-endpoint/prod';

  it('is not evaluated: who outside may call it is what its unread policy says', () => {
    const verdict = verdictOn(publicEndpoint('aws', id, RUNTIME_ENDPOINT));
    expect(verdict?.status).toBe('not-evaluated');
    expect(verdict?.message).toContain('resourcePolicyPrincipals could not be read');
  });

  it('is judged once its policy was read', () => {
    const read = withFacts(publicEndpoint('aws', id, RUNTIME_ENDPOINT), {
      publicNetworkAccess: true,
      resourcePolicyPrincipals: [],
    });
    expect(verdictOn(read)?.status).toBe('fail');
  });

  it('leaves other endpoints, which have no such policy, judged without it', () => {
    const sagemaker = publicEndpoint(
      'aws',
      'arn:aws:sagemaker:us-east-1:111111111111:endpoint/chat',
      'AWS::SageMaker::Endpoint',
    );
    expect(verdictOn(sagemaker)?.status).toBe('fail');
  });
});

/** The public LLM endpoint fixture as a serverless (models-as-a-service) endpoint with the given content safety. */
function serverless(contentSafetyEnabled: unknown): Fixture {
  const f = SCORING_ENDPOINTS.generative;
  return {
    ...f,
    assets: f.assets.map((a) =>
      a.id === f.target
        ? {
            ...a,
            nativeType: 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
            properties: {
              ...a.properties,
              facts: { localAuthEnabled: false, servesGenerativeModel: true, contentSafetyEnabled },
            },
          }
        : a,
    ),
  };
}

describe('a missing prompt guardrail on public Azure ML serverless endpoints', () => {
  it('fails the one deployed with Azure AI Content Safety disabled', () => {
    expect(verdictOn(serverless(false))?.status).toBe('fail');
  });

  it('passes the one Azure AI Content Safety screens, with no guardrail resource to point at', () => {
    const v = verdictOn(serverless(true));
    expect(v?.status).toBe('pass');
    expect(v?.evidence.properties).toMatchObject({ contentSafetyEnabled: true });
  });

  it('gives no verdict when the content safety status could not be read', () => {
    expect(verdictOn(serverless({ $unknown: 'not reported' }))).toBeUndefined();
  });
});
