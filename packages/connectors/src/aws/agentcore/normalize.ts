import {
  type AssetRecord,
  type EdgeRecord,
  edge,
  type FactsOf,
  type GraphBatch,
  INTERNET_ID,
  unknownFact,
} from '@aispm/core';
import type {
  CredentialProviderConfiguration,
  GetAgentRuntimeResponse,
  GetGatewayResponse,
  TargetConfiguration,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { SecretRedactor } from '../../shared/secrets.ts';
import { isArn, unqualifiedFunctionArn } from '../arn.ts';
import { awsAsset, internetAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import { gatewayTargetId, type RawAgentCore, type RawAgentRuntime, type RawGateway } from './fetch.ts';
import { normalizeRuntimeEndpoints } from './normalize-endpoint.ts';
import { normalizeAgentCoreIdentity } from './normalize-memory.ts';
import { gatewayPolicyFacts, normalizePolicyEngines } from './normalize-policy.ts';
import { resourcePolicyOf } from './resource-policy.ts';

export { resourcePolicyOf } from './resource-policy.ts';

type ToolFacts = FactsOf<'agent-tool'>;
type NetworkMode = NonNullable<Exclude<ToolFacts['networkMode'], { $unknown: string }>>;

/** Runtimes take their guardrail in code (ApplyGuardrail, a framework hook): the control plane cannot say. */
const RUNTIME_GUARDRAIL_UNKNOWN = unknownFact(
  'an AgentCore runtime applies guardrails in its own code; its configuration does not name one',
);

const NETWORK_MODES: Record<string, NetworkMode> = { PUBLIC: 'public', SANDBOX: 'sandbox', VPC: 'private' };
const networkMode = (mode: string | undefined): NetworkMode | undefined =>
  mode === undefined ? undefined : NETWORK_MODES[mode];

/** The runtime an invocation URL (`…/runtimes/<url-encoded runtime ARN>/invocations`) calls, if it is one. */
export function runtimeArnOfEndpoint(endpoint: string | undefined): string | undefined {
  const m = endpoint ? /\/runtimes\/([^/?]+)\/invocations/.exec(endpoint) : null;
  if (!m?.[1]) return undefined;
  const decoded = decodeURIComponent(m[1]);
  return /^arn:aws[a-z-]*:bedrock-agentcore:/.test(decoded)
    ? decoded.split(':runtime-endpoint/')[0]
    : undefined;
}

/** What a target is and what implements it (a Lambda function or an AgentCore runtime in this account's graph). */
function targetShape(c: TargetConfiguration | undefined): {
  targetType: string | undefined;
  toolType: NonNullable<Exclude<ToolFacts['toolType'], { $unknown: string }>> | undefined;
  implementedBy?: string;
  details: Record<string, unknown>;
} {
  const mcp = c?.mcp;
  if (mcp?.lambda) {
    const arn = mcp.lambda.lambdaArn;
    return {
      targetType: 'lambda',
      toolType: 'function',
      implementedBy: arn && isArn(arn) ? unqualifiedFunctionArn(arn) : undefined,
      details: {
        lambdaArn: arn,
        toolNames: (mcp.lambda.toolSchema?.inlinePayload ?? []).map((t) => t.name),
        toolSchemaS3: mcp.lambda.toolSchema?.s3?.uri,
      },
    };
  }
  if (mcp?.mcpServer) {
    const endpoint = mcp.mcpServer.endpoint;
    return {
      targetType: 'mcpServer',
      toolType: 'mcp',
      implementedBy: runtimeArnOfEndpoint(endpoint),
      details: { endpoint },
    };
  }
  if (mcp?.openApiSchema)
    return { targetType: 'openApiSchema', toolType: 'api', details: { schemaS3: mcp.openApiSchema.s3?.uri } };
  if (mcp?.smithyModel)
    return { targetType: 'smithyModel', toolType: 'api', details: { schemaS3: mcp.smithyModel.s3?.uri } };
  if (mcp?.apiGateway)
    return {
      targetType: 'apiGateway',
      toolType: 'api',
      details: { restApiId: mcp.apiGateway.restApiId, stage: mcp.apiGateway.stage },
    };
  if (mcp?.connector)
    return {
      targetType: 'connector',
      toolType: 'api',
      details: { connectorId: mcp.connector.source?.connectorId },
    };
  if (c?.http?.agentcoreRuntime)
    return {
      targetType: 'agentcoreRuntime',
      toolType: 'runtime',
      implementedBy: c.http.agentcoreRuntime.arn,
      details: { runtimeArn: c.http.agentcoreRuntime.arn, qualifier: c.http.agentcoreRuntime.qualifier },
    };
  if (c?.http?.passthrough)
    return { targetType: 'passthrough', toolType: 'api', details: { endpoint: c.http.passthrough.endpoint } };
  return { targetType: undefined, toolType: undefined, details: {} };
}

/** How the gateway authenticates to a target's backend: a stored API key is the weakest it can hold. */
function credentialType(configs: CredentialProviderConfiguration[] | undefined): ToolFacts['credentialType'] {
  const types = new Set((configs ?? []).map((c) => c.credentialProviderType));
  if (types.has('API_KEY')) return 'api-key';
  if (types.has('OAUTH') || types.has('JWT_PASSTHROUGH')) return 'oauth';
  if (types.has('GATEWAY_IAM_ROLE') || types.has('CALLER_IAM_CREDENTIALS')) return 'iam';
  return 'none';
}

function normalizeRuntime(
  { runtime: r, partial, resourcePolicy }: RawAgentRuntime,
  scope: NormalizeScope,
  gatewayByUrl: Map<string, string>,
  out: { assets: AssetRecord[]; edges: EdgeRecord[] },
): void {
  const arn = r.agentRuntimeArn;
  if (!arn) return;
  const redactor = new SecretRedactor();
  const env = Object.fromEntries(
    Object.entries(r.environmentVariables ?? {}).map(([k, v]) => [
      k,
      redactor.redact(`environmentVariables.${k}`, v),
    ]),
  );
  const protocol = r.protocolConfiguration?.serverProtocol;
  const mcp = protocol === 'MCP';
  const mode = r.networkConfiguration?.networkMode;
  const policy = resourcePolicyOf(resourcePolicy);
  const facts = { ...(partial ? {} : { privateNetwork: mode === 'VPC' }), ...policy.facts };
  out.assets.push(
    awsAsset({
      id: arn,
      kind: mcp ? 'mcp-server' : 'agent',
      accountId: scope.accountId,
      region: scope.region,
      name: r.agentRuntimeName ?? r.agentRuntimeId ?? arn,
      nativeType: mcp ? 'AWS::BedrockAgentCore::Runtime#mcp' : 'AWS::BedrockAgentCore::Runtime',
      properties: {
        ...runtimeProperties(r, env, partial),
        ...policy.properties,
        secretFindings: partial ? undefined : redactor.findings,
      },
      facts: mcp ? facts : { ...facts, guardrailId: RUNTIME_GUARDRAIL_UNKNOWN },
    }),
  );
  if (r.roleArn) out.edges.push(edge('runs-as', arn, r.roleArn));
  // An environment value that is one of this region's gateway URLs is the gateway the agent calls.
  for (const value of Object.values(r.environmentVariables ?? {})) {
    const gateway = gatewayByUrl.get(value);
    if (gateway) out.edges.push(edge('uses-tool', arn, gateway, { via: 'environment' }));
  }
}

function runtimeProperties(
  r: GetAgentRuntimeResponse,
  env: Record<string, string | undefined>,
  partial: boolean | undefined,
) {
  const jwt = r.authorizerConfiguration?.customJWTAuthorizer;
  return {
    agentRuntimeId: r.agentRuntimeId,
    agentRuntimeVersion: r.agentRuntimeVersion,
    status: r.status,
    roleArn: r.roleArn,
    serverProtocol: r.protocolConfiguration?.serverProtocol,
    networkMode: r.networkConfiguration?.networkMode,
    subnets: r.networkConfiguration?.networkModeConfig?.subnets,
    // No JWT authorizer: callers sign with SigV4 and IAM decides.
    // Only the Get says how callers authenticate: a runtime kept from its list entry leaves it unset.
    inboundAuthorizer: partial ? undefined : jwt ? 'CUSTOM_JWT' : 'AWS_IAM',
    jwtDiscoveryUrl: jwt?.discoveryUrl,
    jwtAllowedClients: jwt?.allowedClients,
    jwtAllowedAudience: jwt?.allowedAudience,
    containerUri: r.agentRuntimeArtifact?.containerConfiguration?.containerUri,
    codeS3: r.agentRuntimeArtifact?.codeConfiguration?.code?.s3,
    environmentVariables: Object.keys(env).length > 0 ? env : undefined,
    workloadIdentityArn: r.workloadIdentityDetails?.workloadIdentityArn,
    lifecycle: r.lifecycleConfiguration,
    lastUpdatedAt: r.lastUpdatedAt,
  };
}

function gatewayFacts(
  g: GetGatewayResponse,
  policy: Partial<FactsOf<'agent-gateway'>> | undefined,
): Partial<FactsOf<'agent-gateway'>> {
  return {
    ...policy,
    debugErrors: g.exceptionLevel === 'DEBUG',
    // LOG_ONLY evaluates and traces each tool call but lets it through whatever the policies decide.
    policyEngineEnforced: g.policyEngineConfiguration?.mode === 'ENFORCE',
    webAclAssociated: Boolean(g.webAclArn),
  };
}

function normalizeGateway(
  { gateway: g, partial, targets, resourcePolicy }: RawGateway,
  scope: NormalizeScope,
  engineFacts: Partial<FactsOf<'agent-gateway'>> | undefined,
  out: { assets: AssetRecord[]; edges: EdgeRecord[] },
): void {
  const arn = g.gatewayArn;
  if (!arn) return;
  const jwt = g.authorizerConfiguration?.customJWTAuthorizer;
  const policy = resourcePolicyOf(resourcePolicy);
  out.assets.push(
    awsAsset({
      id: arn,
      kind: 'agent-gateway',
      accountId: scope.accountId,
      region: scope.region,
      name: g.name ?? g.gatewayId ?? arn,
      nativeType: 'AWS::BedrockAgentCore::Gateway',
      properties: {
        gatewayId: g.gatewayId,
        status: g.status,
        authorizerType: g.authorizerType,
        protocolType: g.protocolType,
        gatewayUrl: g.gatewayUrl,
        roleArn: g.roleArn,
        exceptionLevel: g.exceptionLevel,
        kmsKeyArn: g.kmsKeyArn,
        webAclArn: g.webAclArn,
        policyEngine: g.policyEngineConfiguration,
        interceptors: g.interceptorConfigurations?.map((i) => i.interceptor?.lambda?.arn),
        jwtDiscoveryUrl: jwt?.discoveryUrl,
        jwtAllowedClients: jwt?.allowedClients,
        jwtAllowedAudience: jwt?.allowedAudience,
        mcpSearchType: g.protocolConfiguration?.mcp?.searchType,
        ...policy.properties,
      },
      // Only the Get reports these: a gateway kept from its list entry leaves them unknown, never false.
      facts: { ...(partial ? {} : gatewayFacts(g, engineFacts)), ...policy.facts },
    }),
  );
  if (g.roleArn) out.edges.push(edge('runs-as', arn, g.roleArn));
  if (g.kmsKeyArn) out.edges.push(edge('encrypted-by', arn, g.kmsKeyArn));
  if (g.authorizerType === 'NONE')
    out.edges.push(edge('exposed-to-internet', INTERNET_ID, arn, { reason: 'authorizerType NONE' }));
  for (const { target: t, partial: targetPartial } of targets) {
    if (!t.targetId) continue;
    const id = gatewayTargetId(arn, t.targetId);
    const shape = targetShape(t.targetConfiguration);
    const credentials = t.credentialProviderConfigurations;
    out.assets.push(
      awsAsset({
        id,
        kind: 'agent-tool',
        accountId: scope.accountId,
        region: scope.region,
        name: t.name ?? t.targetId,
        nativeType: 'AWS::BedrockAgentCore::GatewayTarget',
        properties: {
          gatewayArn: arn,
          targetId: t.targetId,
          status: t.status,
          targetType: shape.targetType,
          ...shape.details,
          credentialProviderTypes: credentials?.map((c) => c.credentialProviderType),
          credentialProviderArns: credentials?.map(
            (c) =>
              c.credentialProvider?.apiKeyCredentialProvider?.providerArn ??
              c.credentialProvider?.oauthCredentialProvider?.providerArn,
          ),
        },
        facts: targetPartial ? {} : { toolType: shape.toolType, credentialType: credentialType(credentials) },
      }),
    );
    out.edges.push(edge('uses-tool', arn, id));
    if (shape.implementedBy) out.edges.push(edge('implemented-by', id, shape.implementedBy));
  }
}

/** A code interpreter or browser: a sandboxed tool with a network mode and, optionally, a role of its own. */
function sandboxTool(
  out: { assets: AssetRecord[]; edges: EdgeRecord[] },
  scope: NormalizeScope,
  t: {
    arn: string | undefined;
    id: string | undefined;
    name: string | undefined;
    nativeType: string;
    status: string | undefined;
    network: { networkMode?: string; vpcConfig?: { subnets?: string[] } } | undefined;
    executionRoleArn: string | undefined;
    extra?: Record<string, unknown>;
    facts: Partial<ToolFacts>;
    partial: boolean | undefined;
  },
): void {
  if (!t.arn) return;
  const mode = t.network?.networkMode;
  out.assets.push(
    awsAsset({
      id: t.arn,
      kind: 'agent-tool',
      accountId: scope.accountId,
      region: scope.region,
      name: t.name ?? t.id ?? t.arn,
      nativeType: t.nativeType,
      properties: {
        toolId: t.id,
        status: t.status,
        networkMode: mode,
        subnets: t.network?.vpcConfig?.subnets,
        executionRoleArn: t.executionRoleArn,
        ...t.extra,
      },
      // Denied Get: only the list entry is real, so the network placement stays unknown (the read's gap says so).
      facts: { ...t.facts, ...(t.partial ? {} : { networkMode: networkMode(mode) }) },
    }),
  );
  if (t.executionRoleArn) out.edges.push(edge('runs-as', t.arn, t.executionRoleArn));
}

export function normalizeAgentCore(raw: RawAgentCore, scope: NormalizeScope): GraphBatch {
  const out = { assets: [] as AssetRecord[], edges: [] as EdgeRecord[] };
  const gatewayByUrl = new Map<string, string>();
  for (const { gateway: g } of raw.gateways)
    if (g.gatewayUrl && g.gatewayArn) gatewayByUrl.set(g.gatewayUrl, g.gatewayArn);
  for (const r of raw.runtimes) {
    normalizeRuntime(r, scope, gatewayByUrl, out);
    normalizeRuntimeEndpoints(r, scope, out);
  }
  const engineFacts = gatewayPolicyFacts(raw.policyEngines, raw.gateways);
  for (const g of raw.gateways)
    normalizeGateway(g, scope, g.gateway.gatewayArn ? engineFacts.get(g.gateway.gatewayArn) : undefined, out);
  normalizePolicyEngines(raw.policyEngines, raw.gateways, scope, out);

  for (const { codeInterpreter: ci, partial } of raw.codeInterpreters) {
    sandboxTool(out, scope, {
      arn: ci.codeInterpreterArn,
      id: ci.codeInterpreterId,
      name: ci.name,
      nativeType: 'AWS::BedrockAgentCore::CodeInterpreterCustom',
      status: ci.status,
      network: ci.networkConfiguration,
      executionRoleArn: ci.executionRoleArn,
      facts: { toolType: 'code-interpreter' },
      partial,
    });
  }
  for (const { browser: b, partial } of raw.browsers) {
    const recording = b.recording;
    sandboxTool(out, scope, {
      arn: b.browserArn,
      id: b.browserId,
      name: b.name,
      nativeType: 'AWS::BedrockAgentCore::BrowserCustom',
      status: b.status,
      network: b.networkConfiguration,
      executionRoleArn: b.executionRoleArn,
      extra: {
        recordingEnabled: recording?.enabled,
        recordingS3: recording?.s3Location
          ? `s3://${recording.s3Location.bucket}/${recording.s3Location.prefix ?? ''}`
          : undefined,
        browserSigning: b.browserSigning?.enabled,
      },
      facts: { toolType: 'browser', ...(partial ? {} : { sessionRecording: recording?.enabled === true }) },
      partial,
    });
  }
  normalizeAgentCoreIdentity(raw.identity, scope, out);
  if (out.edges.some((e) => e.kind === 'exposed-to-internet')) out.assets.push(internetAsset());
  return out;
}
