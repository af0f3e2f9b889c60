import { describe, expect, it } from 'vitest';
import {
  assetFacts,
  checkFacts,
  deriveFacts,
  FACT_SCHEMAS,
  isUnknownFact,
  unknownFact,
} from '../src/index.ts';
import { ASSET_KINDS } from '../src/kinds.ts';

describe('fact schemas', () => {
  it('declare the facts of every asset kind', () => {
    expect(Object.keys(FACT_SCHEMAS).sort()).toEqual(Object.keys(ASSET_KINDS).sort());
  });

  it('accept an UnknownFact wherever a fact is', () => {
    const parsed = FACT_SCHEMAS.guardrail.safeParse({ promptAttackFilter: unknownFact('AccessDenied: x') });
    expect(parsed.success).toBe(true);
  });
});

describe('checkFacts (the scan batch check)', () => {
  it('keeps valid facts, turns a wrong value into an UnknownFact naming it, and reports both problems', () => {
    const { facts, problems } = checkFacts('guardrail', {
      promptAttackFilter: 'HIGHEST',
      sensitiveInformationFilter: true,
      rootAccess: true,
    });
    expect(facts.sensitiveInformationFilter).toBe(true);
    expect(isUnknownFact(facts.promptAttackFilter)).toBe(true);
    expect((facts.promptAttackFilter as { $unknown: string }).$unknown).toContain(
      'invalid guardrail fact "promptAttackFilter"',
    );
    // Not dropped: kept, and reported.
    expect(facts.rootAccess).toBe(true);
    expect(problems.map((p) => p.fact).sort()).toEqual(['promptAttackFilter', 'rootAccess']);
    expect(problems.find((p) => p.fact === 'rootAccess')?.problem).toContain(
      'a guardrail has no fact "rootAccess"',
    );
  });

  it('reports facts that are not an object', () => {
    expect(checkFacts('key', 'yes').problems).toEqual([
      { fact: '*', problem: 'facts must be a JSON object, got "yes"' },
    ]);
  });
});

describe('deriveFacts (raw provider properties → facts)', () => {
  it('reads Bedrock content filters into the neutral prompt-attack strength', () => {
    const facts = deriveFacts('guardrail', {
      contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: 'LOW' }] },
    });
    expect(facts.promptAttackFilter).toBe('low');
    expect(facts.sensitiveInformationFilter).toBe(false);
  });

  it('leaves a fact the resource does not report absent, not false', () => {
    expect(deriveFacts('notebook', {})).not.toHaveProperty('rootAccess');
    expect(deriveFacts('notebook', { rootAccess: 'Enabled' }).rootAccess).toBe(true);
    expect(deriveFacts('key', { keyManager: 'AWS', keyRotationEnabled: false })).toEqual({
      keyManager: 'PROVIDER',
      rotationEnabled: false,
    });
  });

  it('reads Azure storage, compute and AI account posture as normalized by the Azure connector', () => {
    expect(
      deriveFacts('data-store', {
        minimumTlsVersion: 'TLS1_0',
        allowSharedKeyAccess: true,
        localAuthEnabled: true,
        supportsHttpsTrafficOnly: true,
        encryption: { cmk: false, keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false },
        deleteRetentionPolicy: { enabled: true, days: 14 },
      }),
    ).toMatchObject({
      minimumTlsVersion: '1.0',
      localAuthEnabled: true,
      secureTransportRequired: true,
      infrastructureEncryption: false,
      softDeleteEnabled: true,
    });
    // A container reports none of the account's settings: they stay absent, not false.
    const container = deriveFacts('data-store', { publicAccess: 'None', versioningEnabled: true });
    for (const f of [
      'minimumTlsVersion',
      'localAuthEnabled',
      'infrastructureEncryption',
      'softDeleteEnabled',
    ])
      expect(container, f).not.toHaveProperty(f);
    expect(deriveFacts('notebook', { sshPublicAccess: 'Enabled', disableLocalAuth: true })).toMatchObject({
      sshPublicAccess: true,
      localAuthEnabled: false,
    });
    expect(
      deriveFacts('ai-service', { restrictOutboundNetworkAccess: false }).outboundNetworkRestricted,
    ).toBe(false);
    expect(deriveFacts('model-registry', { publicNetworkAccess: true })).toEqual({
      publicNetworkAccess: true,
    });
  });

  it('reads GCS bucket access control, soft delete and Vertex AI job web access', () => {
    expect(
      deriveFacts('data-store', {
        uniformBucketLevelAccess: false,
        softDeletePolicy: { retentionDurationSeconds: '0' },
      }),
    ).toMatchObject({ uniformAccess: false, softDeleteEnabled: false });
    expect(deriveFacts('training-job', { enableWebAccess: true }).interactiveShell).toBe(true);
  });

  it('tells a guardrail filtering harmful content from one filtering only prompt attacks, on each cloud', () => {
    const bedrock = (type: string, inputStrength: string) =>
      deriveFacts('guardrail', { contentFilters: [{ type, inputStrength, outputStrength: 'NONE' }] });
    expect(bedrock('VIOLENCE', 'HIGH').harmfulContentFilter).toBe(true);
    expect(bedrock('VIOLENCE', 'NONE').harmfulContentFilter).toBe(false);
    expect(bedrock('PROMPT_ATTACK', 'HIGH').harmfulContentFilter).toBe(false);
    const azure = (enabled: boolean) =>
      deriveFacts('guardrail', {
        contentFilters: [
          { name: 'Hate', enabled, source: 'Completion' },
          { name: 'Jailbreak', enabled: true, source: 'Prompt' },
        ],
      });
    expect(azure(true).harmfulContentFilter).toBe(true);
    expect(azure(false).harmfulContentFilter).toBe(false);
    expect(deriveFacts('guardrail', { raiFilters: [], maliciousUriFilter: 'DISABLED' })).toMatchObject({
      harmfulContentFilter: false,
      maliciousUrlFilter: false,
    });
    // An enforcement record lists no filters: nothing to judge.
    expect(deriveFacts('guardrail', { configurations: [] })).not.toHaveProperty('harmfulContentFilter');
  });

  it("marks NotAction statements, a Lambda function's VPC and GCP's default compute service account", () => {
    const role = deriveFacts('identity', {
      identityType: 'role',
      inlinePolicies: [
        {
          name: 'p',
          document: {
            Statement: [
              { Effect: 'Allow', Action: ['s3:*'], Resource: '*' },
              { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
            ],
          },
        },
      ],
    });
    expect(role.wildcardStatements).toEqual([
      { actions: ['s3:*'], source: 'inlinePolicies[0].document.Statement[0]' },
      { actions: ['iam:*'], source: 'inlinePolicies[0].document.Statement[1]', notAction: true },
    ]);
    expect(role).not.toHaveProperty('userPolicies');
    expect(
      deriveFacts('identity', { identityType: 'user', inlinePolicies: [{ name: 'own' }] }).userPolicies,
    ).toEqual(['own']);
    expect(deriveFacts('function', { vpcConfigured: false })).toEqual({ privateNetwork: false });
    expect(deriveFacts('function', {})).toEqual({});
    expect(
      deriveFacts('identity', { primitiveRoles: [], defaultComputeServiceAccount: true })
        .defaultServiceAccount,
    ).toBe(true);
  });

  it('assetFacts prefers the facts a connector stored over derived ones', () => {
    const unknown = unknownFact('AccessDenied: kms:GetKeyRotationStatus');
    expect(
      assetFacts({ kind: 'key', properties: { rotationEnabled: true, facts: { rotationEnabled: unknown } } }),
    ).toEqual({ rotationEnabled: unknown });
    expect(assetFacts({ kind: 'key', properties: { rotationEnabled: true } })).toEqual({
      rotationEnabled: true,
    });
  });
});
