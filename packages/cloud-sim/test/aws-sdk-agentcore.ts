import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  GetBrowserCommand,
  GetCodeInterpreterCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  GetMemoryCommand,
  GetPolicyEngineCommand,
  GetResourcePolicyCommand,
  GetTokenVaultCommand,
  GetWorkloadIdentityCommand,
  paginateListAgentRuntimeEndpoints,
  paginateListAgentRuntimes,
  paginateListApiKeyCredentialProviders,
  paginateListBrowsers,
  paginateListCodeInterpreters,
  paginateListGateways,
  paginateListGatewayTargets,
  paginateListMemories,
  paginateListOauth2CredentialProviders,
  paginateListPolicies,
  paginateListPolicyEngines,
  paginateListWorkloadIdentities,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { expect } from 'vitest';
import { collect } from './aws-helpers.ts';

export interface CrawlSink {
  assets: Set<string>;
  calls: Set<string>;
  edge(kind: string, from: string | undefined, to: string | undefined): void;
  /** An edge to a resource the crawl reads later (a Lambda function). */
  ref(kind: string, from: string, to: string | undefined): void;
}

/**
 * Bedrock AgentCore over its official client, independent of the connector: runtimes, gateways and their
 * targets (paged with a page size of 1, so `nextToken` is exercised), code interpreters and browsers, then
 * memory and identity (crawlAgentCoreIdentity).
 */
export async function crawlAgentCore(cfg: object, sink: CrawlSink): Promise<void> {
  const client = new BedrockAgentCoreControlClient(cfg);
  const page1 = { client, pageSize: 1 };
  const gateways = (await collect(paginateListGateways(page1, {}))).flatMap((p) => p.items ?? []);
  const gatewayByUrl = new Map<string, string>();
  for (const s of gateways) {
    const g = await client.send(new GetGatewayCommand({ gatewayIdentifier: s.gatewayId }));
    sink.calls.add('GetGateway');
    const arn = g.gatewayArn as string;
    expect(g.createdAt).toBeInstanceOf(Date);
    sink.assets.add(arn);
    gatewayByUrl.set(g.gatewayUrl as string, arn);
    sink.edge('runs-as', arn, g.roleArn);
    sink.edge('guarded-by', arn, g.policyEngineConfiguration?.arn);
    await resourcePolicy(client, arn, sink);
    const targets = (
      await collect(paginateListGatewayTargets(page1, { gatewayIdentifier: s.gatewayId }))
    ).flatMap((p) => p.items ?? []);
    for (const t of targets) {
      const target = await client.send(
        new GetGatewayTargetCommand({ gatewayIdentifier: s.gatewayId, targetId: t.targetId }),
      );
      sink.calls.add('GetGatewayTarget');
      const id = `${arn}/target/${t.targetId}`;
      sink.assets.add(id);
      sink.edge('uses-tool', arn, id);
      const mcp = target.targetConfiguration?.mcp;
      sink.ref('implemented-by', id, mcp?.lambda?.lambdaArn);
      const endpoint = mcp?.mcpServer?.endpoint;
      const runtime = endpoint ? /\/runtimes\/([^/]+)\/invocations/.exec(endpoint)?.[1] : undefined;
      sink.edge('implemented-by', id, runtime ? decodeURIComponent(runtime) : undefined);
    }
  }
  const runtimes = (await collect(paginateListAgentRuntimes(page1, {}))).flatMap(
    (p) => p.agentRuntimes ?? [],
  );
  for (const s of runtimes) {
    const r = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: s.agentRuntimeId }));
    sink.calls.add('GetAgentRuntime');
    sink.assets.add(r.agentRuntimeArn as string);
    sink.edge('runs-as', r.agentRuntimeArn, r.roleArn);
    for (const value of Object.values(r.environmentVariables ?? {}))
      sink.edge('uses-tool', r.agentRuntimeArn, gatewayByUrl.get(value));
    await resourcePolicy(client, r.agentRuntimeArn as string, sink);
    await crawlRuntimeEndpoints(client, r.agentRuntimeId as string, r.agentRuntimeArn as string, sink);
  }
  const interpreters = (await collect(paginateListCodeInterpreters(page1, { type: 'CUSTOM' }))).flatMap(
    (p) => p.codeInterpreterSummaries ?? [],
  );
  for (const s of interpreters) {
    const ci = await client.send(new GetCodeInterpreterCommand({ codeInterpreterId: s.codeInterpreterId }));
    sink.calls.add('GetCodeInterpreter');
    expect(['PUBLIC', 'SANDBOX', 'VPC']).toContain(ci.networkConfiguration?.networkMode);
    sink.assets.add(ci.codeInterpreterArn as string);
    sink.edge('runs-as', ci.codeInterpreterArn, ci.executionRoleArn);
  }
  const browsers = (await collect(paginateListBrowsers(page1, { type: 'CUSTOM' }))).flatMap(
    (p) => p.browserSummaries ?? [],
  );
  for (const s of browsers) {
    const b = await client.send(new GetBrowserCommand({ browserId: s.browserId }));
    sink.calls.add('GetBrowser');
    sink.assets.add(b.browserArn as string);
    sink.edge('runs-as', b.browserArn, b.executionRoleArn);
  }
  await crawlAgentCoreIdentity(client, sink);
  await crawlPolicyEngines(client, sink);
}

/**
 * A runtime's endpoints (paged one a page; DEFAULT always among them), GetAgentRuntimeEndpoint answering what the
 * list did, and each endpoint's resource-based policy.
 */
async function crawlRuntimeEndpoints(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  runtimeArn: string,
  sink: CrawlSink,
): Promise<void> {
  const endpoints = (
    await collect(paginateListAgentRuntimeEndpoints({ client, pageSize: 1 }, { agentRuntimeId }))
  ).flatMap((p) => p.runtimeEndpoints ?? []);
  expect(endpoints.map((e) => e.name)).toContain('DEFAULT');
  for (const e of endpoints) {
    const got = await client.send(
      new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName: e.name }),
    );
    sink.calls.add('GetAgentRuntimeEndpoint');
    expect(got.agentRuntimeEndpointArn).toBe(e.agentRuntimeEndpointArn);
    expect(e.agentRuntimeEndpointArn).toBe(`${runtimeArn}/runtime-endpoint/${e.name}`);
    expect(e.createdAt).toBeInstanceOf(Date);
    sink.assets.add(e.agentRuntimeEndpointArn as string);
    sink.edge('serves', e.agentRuntimeEndpointArn, e.agentRuntimeArn);
    await resourcePolicy(client, e.agentRuntimeEndpointArn as string, sink);
  }
}

/**
 * AgentCore Policy: the engines (paged one a page) and each one's Cedar policies (paged one a page, definitions
 * in the list items), and GetPolicyEngine answering the same engine the list did.
 */
async function crawlPolicyEngines(client: BedrockAgentCoreControlClient, sink: CrawlSink): Promise<void> {
  const page1 = { client, pageSize: 1 };
  const engines = (await collect(paginateListPolicyEngines(page1, {}))).flatMap((p) => p.policyEngines ?? []);
  for (const e of engines) {
    const got = await client.send(new GetPolicyEngineCommand({ policyEngineId: e.policyEngineId }));
    sink.calls.add('GetPolicyEngine');
    expect(got.policyEngineArn).toBe(e.policyEngineArn);
    expect(e.createdAt).toBeInstanceOf(Date);
    sink.assets.add(e.policyEngineArn as string);
    const policies = (
      await collect(paginateListPolicies(page1, { policyEngineId: e.policyEngineId }))
    ).flatMap((p) => p.policies ?? []);
    sink.calls.add('ListPolicies');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(p.policyEngineId).toBe(e.policyEngineId);
      expect(p.definition?.cedar?.statement).toMatch(/^(\/\/[^\n]*\n)?(permit|forbid) ?\(/);
    }
  }
}

/**
 * A runtime's, endpoint's, gateway's or memory's resource-based policy: a JSON document, or
 * ResourceNotFoundException when none.
 */
async function resourcePolicy(
  client: BedrockAgentCoreControlClient,
  resourceArn: string,
  sink: CrawlSink,
): Promise<void> {
  sink.calls.add('GetResourcePolicy');
  try {
    const { policy } = await client.send(new GetResourcePolicyCommand({ resourceArn }));
    const statements = JSON.parse(policy as string).Statement as { Resource?: string }[];
    expect(statements.length).toBeGreaterThan(0);
    for (const st of statements) expect(st.Resource).toBe(resourceArn);
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
}

/**
 * Memories, workload identities and the token vault's credential providers (their lists page in the JSON body,
 * again one item a page), and the vault's key: each stored secret is encrypted by a customer key or none.
 */
async function crawlAgentCoreIdentity(client: BedrockAgentCoreControlClient, sink: CrawlSink): Promise<void> {
  const page1 = { client, pageSize: 1 };
  const memories = (await collect(paginateListMemories(page1, {}))).flatMap((p) => p.memories ?? []);
  for (const s of memories) {
    const { memory: m } = await client.send(new GetMemoryCommand({ memoryId: s.id }));
    sink.calls.add('GetMemory');
    expect(m?.createdAt).toBeInstanceOf(Date);
    expect(m?.eventExpiryDuration).toBeGreaterThanOrEqual(7);
    sink.assets.add(m?.arn as string);
    sink.edge('runs-as', m?.arn, m?.memoryExecutionRoleArn);
    sink.ref('encrypted-by', m?.arn as string, m?.encryptionKeyArn);
    await resourcePolicy(client, m?.arn as string, sink);
  }
  const identities = (await collect(paginateListWorkloadIdentities(page1, {}))).flatMap(
    (p) => p.workloadIdentities ?? [],
  );
  for (const s of identities) {
    const w = await client.send(new GetWorkloadIdentityCommand({ name: s.name }));
    sink.calls.add('GetWorkloadIdentity');
    expect(w.workloadIdentityArn).toBe(s.workloadIdentityArn);
    sink.assets.add(w.workloadIdentityArn as string);
  }
  const providers = [
    ...(await collect(paginateListApiKeyCredentialProviders(page1, {}))).flatMap(
      (p) => p.credentialProviders ?? [],
    ),
    ...(await collect(paginateListOauth2CredentialProviders(page1, {}))).flatMap(
      (p) => p.credentialProviders ?? [],
    ),
  ];
  if (providers.length === 0) return;
  const vault = await client.send(new GetTokenVaultCommand({ tokenVaultId: 'default' }));
  sink.calls.add('GetTokenVault');
  expect(['CustomerManagedKey', 'ServiceManagedKey']).toContain(vault.kmsConfiguration?.keyType);
  for (const p of providers) {
    const arn = p.credentialProviderArn as string;
    expect(arn).toContain(':token-vault/default/');
    sink.assets.add(arn);
    sink.ref('encrypted-by', arn, vault.kmsConfiguration?.kmsKeyArn);
  }
}
