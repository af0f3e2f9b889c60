/**
 * Fixtures of the AI API key rules, in each cloud's own resource shapes (an IAM service-specific credential for
 * Bedrock). Imported by build-fixtures.ts, which writes them with the rest.
 */
import { edge } from '@aispm/core';
import type { Def, Fixture } from './fixture-kit.ts';

const USER = 'arn:aws:iam::111122223333:user/ml-dev';
const CREATED = '2026-01-10T09:00:00.000Z';

/** A user's Bedrock API key, as the IAM connector stores it (ListServiceSpecificCredentials). */
function bedrockKey(expirationDate: string | undefined): Fixture {
  const id = `${USER}/service-credential/ACCAEXAMPLE1`;
  const properties: Record<string, unknown> = {
    userName: 'ml-dev',
    status: 'Active',
    serviceName: 'bedrock.amazonaws.com',
    serviceUserName: 'ml-dev-at-111122223333',
    createDate: CREATED,
    ...(expirationDate ? { expirationDate } : {}),
  };
  const base = { provider: 'aws' as const, accountId: '111122223333', region: 'global', tags: {} };
  return {
    target: id,
    assets: [
      { ...base, id: USER, kind: 'identity', name: 'ml-dev', nativeType: 'AWS::IAM::User', properties: {} },
      {
        ...base,
        id,
        kind: 'access-key',
        name: 'ACCAEXAMPLE1',
        nativeType: 'AWS::IAM::ServiceSpecificCredential',
        properties,
      },
    ],
    edges: [edge('has-key', USER, id)],
  };
}

export function keyFixtures(def: Def): void {
  // Never expires / a 7-day exploration key.
  def('aispm-ai-api-key-long-term', bedrockKey(undefined), bedrockKey('2026-01-17T09:00:00.000Z'));
}
