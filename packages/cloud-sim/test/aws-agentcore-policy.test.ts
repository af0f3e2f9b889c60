import {
  BedrockAgentCoreControlClient,
  GetPolicyCommand,
  GetPolicyEngineCommand,
  ListPoliciesCommand,
  ListPolicyEnginesCommand,
  paginateListPolicies,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsAccount } from '../src/aws/model.ts';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import { assumeInto, clientConfig, collect } from './aws-helpers.ts';

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => ({}) as Error & { $metadata?: { httpStatusCode?: number } },
    (e) => e,
  );

/** AgentCore Policy over the official SDK: paging, the API's maxResults range, not-found and placed denials. */
describe('AWS simulator: AgentCore policy engines and policies', () => {
  let sim: CloudSim;
  let client: BedrockAgentCoreControlClient;
  let account: AwsAccount;
  beforeAll(async () => {
    sim = await startCloudSim({ providers: ['aws'], seed: 7, scale: 'small', port: 0, rateLimits: false });
    const found = sim.estate.aws.accounts.find(
      (a) => (a.regions['us-east-1']?.agentCore.policyEngines.length ?? 0) > 2,
    );
    if (!found) throw new Error('the small estate plants policy engines in us-east-1');
    account = found;
    client = new BedrockAgentCoreControlClient(
      clientConfig(sim, await assumeInto(sim, account.Id), 'us-east-1'),
    );
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages engines and policies with maxResults and nextToken, and reads each back by id', async () => {
    const state = account.regions['us-east-1']?.agentCore.policyEngines ?? [];
    const first = await client.send(new ListPolicyEnginesCommand({ maxResults: 1 }));
    expect(first.policyEngines).toHaveLength(1);
    expect(first.nextToken).toBeTruthy();
    const rest = await client.send(
      new ListPolicyEnginesCommand({ nextToken: first.nextToken, maxResults: 100 }),
    );
    expect(
      [...(first.policyEngines ?? []), ...(rest.policyEngines ?? [])].map((e) => e.policyEngineArn),
    ).toEqual(state.map((e) => e.engine.policyEngineArn));
    expect(rest.nextToken).toBeUndefined();
    for (const { engine, policies } of state) {
      const policyEngineId = engine.policyEngineId as string;
      const got = await client.send(new GetPolicyEngineCommand({ policyEngineId }));
      expect(got.createdAt).toBeInstanceOf(Date);
      const listed = (
        await collect(paginateListPolicies({ client, pageSize: 1 }, { policyEngineId }))
      ).flatMap((p) => p.policies ?? []);
      expect(listed.map((p) => p.policyId)).toEqual(policies.map((p) => p.policyId));
      for (const p of listed) {
        const one = await client.send(new GetPolicyCommand({ policyEngineId, policyId: p.policyId }));
        expect(one.definition?.cedar?.statement).toBe(p.definition?.cedar?.statement);
      }
    }
  });

  it('answers maxResults outside 1–100 with ValidationException, and unknown ids with ResourceNotFoundException', async () => {
    expect((await errorOf(client.send(new ListPolicyEnginesCommand({ maxResults: 101 })))).name).toBe(
      'ValidationException',
    );
    expect(
      (await errorOf(client.send(new ListPoliciesCommand({ policyEngineId: 'nope_engine-abcdefghij' }))))
        .name,
    ).toBe('ResourceNotFoundException');
    const [entry] = account.regions['us-east-1']?.agentCore.policyEngines ?? [];
    const policyEngineId = entry?.engine.policyEngineId as string;
    expect(
      (await errorOf(client.send(new GetPolicyCommand({ policyEngineId, policyId: 'nope-abcdefghij' }))))
        .name,
    ).toBe('ResourceNotFoundException');
  });

  it('denies ListPolicies alone when a fault is placed on it, as for any other operation', async () => {
    sim.faults.place({ denied: [`bedrock-agentcore:ListPolicies@${account.Id}/us-east-1`] });
    const [entry] = account.regions['us-east-1']?.agentCore.policyEngines ?? [];
    const policyEngineId = entry?.engine.policyEngineId as string;
    const denied = await errorOf(client.send(new ListPoliciesCommand({ policyEngineId })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    // Not denied: the engines are still listed.
    expect((await client.send(new ListPolicyEnginesCommand({}))).policyEngines?.length).toBeGreaterThan(0);
  });
});
