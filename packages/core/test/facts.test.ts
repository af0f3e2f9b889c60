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
