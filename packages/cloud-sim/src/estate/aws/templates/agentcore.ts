import { INTERNET_ID, type Rng } from '@aispm/core';
import type { ApiObject } from '../../../aws/model.ts';
import {
  allow,
  bucketResources,
  CHAT_MODELS,
  chars,
  exposeToInternet,
  fakeAwsSecret,
  iso,
  LOWER_ALNUM,
  serviceTrust,
  UPPER_ALNUM,
  uuid,
} from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';
import { endpointPolicy, runtimeEndpoint, runtimePolicy } from './agentcore-endpoint.ts';
import { agentMemory, credentialProvider, workloadIdentity } from './agentcore-identity.ts';
import { gatewayPolicyEngine, plantPermitAll } from './agentcore-policy.ts';

const AGENTCORE = 'bedrock-agentcore.amazonaws.com';

/** What the AgentCore part of an agent workload shares with the Bedrock agent beside it. */
export interface AgentCoreInput {
  name: string;
  kbBucketName: string;
  kbBucketArn: string;
  /** Whether the workload's tools may write the documents bucket. */
  writes: boolean;
}

interface Ctx {
  w: WorkloadBuilder;
  rng: Rng;
  /** Memory and identity draw from their own RNG, so the resources above keep their ids. */
  idRng: Rng;
  input: AgentCoreInput;
  /** AgentCore resource names allow letters, digits and underscores only. */
  base: string;
  /** Epoch seconds; the API reports date-time strings. */
  created: number;
}

const arnOf = (w: WorkloadBuilder, type: string, id: string) =>
  `arn:aws:bedrock-agentcore:${w.r}:${w.acct}:${type}/${id}`;

/**
 * The Bedrock AgentCore side of an agent workload: an MCP server and an agent hosted on AgentCore Runtime, a
 * gateway exposing the MCP server, a ticketing Lambda and a SaaS API as tools, and a code interpreter and a
 * browser. Drawn from its own RNG so the Bedrock agent beside it keeps its ids.
 *
 * Memory, workload identities and the token vault's credential providers are in agentcore-identity.ts.
 *
 * Planted: gateways without inbound auth (→ internet → gateway → MCP target → runtime → role → documents),
 * gateways returning debug errors, gateways with no policy engine enforcing tool calls (none, or LOG_ONLY), sloppy
 * gateways whose enforced policy engine permits every tool call unconditionally (agentcore-policy.ts), and
 * without an AWS WAF web ACL (hardened twins have both), runtimes outside a VPC, a tool holding a static API key, a code interpreter
 * with public network access, a browser that does not record its sessions, secrets in a runtime's
 * environment, and an agent runtime and its `prod` endpoint whose resource-based policies let an account outside
 * the organisation invoke them (hardened workloads: policies naming only their own account). Every runtime has its
 * DEFAULT endpoint.
 */
export function agentCore(w: WorkloadBuilder, input: AgentCoreInput): void {
  const rng = w.rng.fork('agentcore');
  const c: Ctx = {
    w,
    rng,
    idRng: w.rng.fork('agentcore-identity'),
    input,
    base: input.name.replace(/-/g, '_'),
    created: w.time(5, 200),
  };
  const mcp = mcpServerRuntime(c);
  const gateway = gatewayWithTargets(c, mcp);
  agentRuntime(c, gateway);
  codeInterpreter(c);
  browser(c);
  agentMemory(w, c.idRng, c.base, c.created);
}

/** Whether a runtime of this workload runs in the workload's VPC. */
function inVpc(c: Ctx): boolean {
  return c.w.level === 'hardened' || (c.w.level === 'sloppy' && c.rng.chance(0.5));
}

function runtime(
  c: Ctx,
  name: string,
  protocol: 'MCP' | 'HTTP',
  roleArn: string,
  env: Record<string, string>,
): { arn: string; id: string; name: string; vpc: boolean } {
  const { w, rng } = c;
  const id = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  const arn = arnOf(w, 'runtime', id);
  const vpc = inVpc(c);
  w.state.agentCore.runtimes.push({
    agentRuntimeArn: arn,
    agentRuntimeName: name,
    agentRuntimeId: id,
    agentRuntimeVersion: '1',
    createdAt: iso(c.created),
    lastUpdatedAt: iso(c.created + 3600),
    roleArn,
    status: 'READY',
    networkConfiguration: vpc
      ? {
          networkMode: 'VPC',
          networkModeConfig: { securityGroups: [`sg-${rng.hex(17)}`], subnets: [`subnet-${rng.hex(17)}`] },
        }
      : { networkMode: 'PUBLIC' },
    description: `${protocol === 'MCP' ? 'MCP server' : 'Agent'} for ${c.input.name}`,
    agentRuntimeArtifact: {
      containerConfiguration: {
        containerUri: `${w.acct}.dkr.ecr.${w.r}.amazonaws.com/${name.toLowerCase()}:v${rng.int(1, 9)}`,
      },
    },
    protocolConfiguration: { serverProtocol: protocol },
    environmentVariables: env,
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    workloadIdentityDetails: {
      workloadIdentityArn: workloadIdentity(w, name, c.created, protocol === 'HTTP'),
    },
  });
  if (!vpc)
    w.truth.risk(arn, 'agent-runtime-public-network', 'networkConfiguration.networkMode is PUBLIC (no VPC)');
  w.truth.edge('runs-as', arn, roleArn);
  // AgentCore creates the DEFAULT endpoint with the runtime; it follows the latest version.
  runtimeEndpoint(c, { arn, id, name }, 'DEFAULT', 'DEFAULT');
  return { arn, id, name, vpc };
}

/** An MCP server on AgentCore Runtime that reads (and, when the workload writes, edits) the documents. */
function mcpServerRuntime(c: Ctx): { arn: string; id: string; roleArn: string } {
  const { w, input: i } = c;
  const role = w.b.role(
    `AgentCoreMcp-${i.name}`,
    serviceTrust(AGENTCORE),
    [
      i.writes
        ? allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], bucketResources(i.kbBucketName))
        : allow(['s3:GetObject', 's3:ListBucket'], bucketResources(i.kbBucketName)),
    ],
    { path: '/service-role/' },
  );
  w.truth.edge(i.writes ? 'can-write' : 'can-read', role.Arn, i.kbBucketArn);
  const name = `mcp_${c.base}`.slice(0, 48);
  const rt = runtime(c, name, 'MCP', role.Arn, { DOCS_BUCKET: i.kbBucketName, LOG_LEVEL: 'INFO' });
  w.truth.asset(rt.arn, 'mcp-server', 'AWS::BedrockAgentCore::Runtime#mcp', w.acct, w.r, name);
  w.clean(rt.arn);
  w.clean(role.Arn);
  return { ...rt, roleArn: role.Arn };
}

/** A gateway in front of the MCP server, a ticketing Lambda and a CRM API; returns its ARN and URL. */
function gatewayWithTargets(
  c: Ctx,
  mcp: { arn: string; roleArn: string },
): { arn: string; url: string; authorizer: string } {
  const { w, rng, input: i } = c;
  const fn = ticketFunction(c);
  const role = w.b.role(
    `AgentCoreGateway-${i.name}`,
    serviceTrust(AGENTCORE),
    [
      allow(['lambda:InvokeFunction'], fn.arn),
      allow(['bedrock-agentcore:InvokeAgentRuntime'], `${mcp.arn}*`),
    ],
    { path: '/service-role/' },
  );
  w.clean(role.Arn);
  const level = w.level;
  const authorizer =
    level === 'hardened'
      ? 'CUSTOM_JWT'
      : level === 'sloppy'
        ? rng.pick(['CUSTOM_JWT', 'AWS_IAM'] as const)
        : rng.chance(0.6)
          ? 'NONE'
          : 'CUSTOM_JWT';
  const debug = level === 'exposed' || (level === 'sloppy' && rng.chance(0.3));
  const name = `gw-${i.name}`.slice(0, 48);
  const id = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  const arn = arnOf(w, 'gateway', id);
  const url = `https://${id}.gateway.bedrock-agentcore.${w.r}.amazonaws.com/mcp`;
  const guards = gatewayGuards(c);
  const gateway: ApiObject = {
    gatewayArn: arn,
    gatewayId: id,
    createdAt: iso(c.created),
    updatedAt: iso(c.created + 7200),
    status: 'READY',
    name,
    authorizerType: authorizer,
    gatewayUrl: url,
    description: `Tools for ${i.name}`,
    roleArn: role.Arn,
    protocolType: 'MCP',
    protocolConfiguration: { mcp: { supportedVersions: ['2025-06-18'], searchType: 'SEMANTIC' } },
    ...(authorizer === 'CUSTOM_JWT'
      ? {
          authorizerConfiguration: {
            customJWTAuthorizer: {
              discoveryUrl: `https://cognito-idp.${w.r}.amazonaws.com/${w.r}_${chars(rng, UPPER_ALNUM, 9)}/.well-known/openid-configuration`,
              allowedClients: [chars(rng, LOWER_ALNUM, 26)],
            },
          },
        }
      : {}),
    ...(debug ? { exceptionLevel: 'DEBUG' } : {}),
    ...guards.fields,
  };
  const targets = [mcpTarget(c, arn, mcp.arn), lambdaTarget(c, arn, fn.arn), apiTarget(c, arn)];
  w.state.agentCore.gateways.push({ gateway, targets: targets.map((t) => t.target) });
  w.truth.asset(arn, 'agent-gateway', 'AWS::BedrockAgentCore::Gateway', w.acct, w.r, name);
  w.truth.edge('runs-as', arn, role.Arn);
  // The gateway role may invoke the MCP runtime behind its MCP target (bedrock-agentcore:InvokeAgentRuntime).
  w.truth.edge('can-invoke', role.Arn, mcp.arn);
  for (const t of targets) w.truth.edge('uses-tool', arn, t.assetId);
  if (debug) w.truth.risk(arn, 'agent-gateway-debug-errors', 'exceptionLevel is DEBUG');
  if (!guards.enforced)
    w.truth.risk(
      arn,
      'agent-gateway-policy-not-enforced',
      guards.mode ? `policyEngineConfiguration.mode is ${guards.mode}` : 'no policyEngineConfiguration',
    );
  if (!guards.waf) w.truth.risk(arn, 'agent-gateway-no-waf', 'no webAclArn (public gateway URL, no AWS WAF)');
  if (guards.engineArn) {
    // The engine the gateway names, with its Cedar policies: tool-scoped, except that half the sloppy gateways
    // enforcing one hold only the unconditional permit-all (agentcore-policy.ts). Drawn from its own fork.
    const peRng = c.rng.fork('policy-engine');
    const permitAll = level === 'sloppy' && guards.enforced && peRng.chance(0.5);
    gatewayPolicyEngine(
      w,
      peRng,
      { engineArn: guards.engineArn, gatewayArn: arn, jwt: authorizer === 'CUSTOM_JWT', created: c.created },
      permitAll,
    );
    if (permitAll) plantPermitAll(w, arn);
  }
  if (authorizer === 'NONE') {
    w.truth.risk(arn, 'agent-gateway-no-authorizer', 'authorizerType is NONE');
    exposeToInternet(w.truth, arn);
    const [mcpHop] = targets;
    if (mcpHop)
      w.path(
        [INTERNET_ID, arn, mcpHop.assetId, mcp.arn, mcp.roleArn, i.kbBucketArn],
        arn,
        `Anyone on the internet calls gateway ${name}'s MCP server, which runs with a role over the documents`,
      );
  }
  w.clean(arn);
  return { arn, url, authorizer };
}

/**
 * What guards a gateway's tool calls beyond inbound auth: an AgentCore Policy engine (ENFORCE, or LOG_ONLY which
 * only traces its decisions) and an AWS WAF web ACL on its public endpoint. Hardened gateways have both, exposed
 * ones neither. Drawn from a fork, so the gateway's targets keep their ids.
 */
function gatewayGuards(c: Ctx): {
  fields: ApiObject;
  mode: 'ENFORCE' | 'LOG_ONLY' | undefined;
  engineArn: string | undefined;
  enforced: boolean;
  waf: boolean;
} {
  const { w } = c;
  const rng = c.rng.fork('gateway-guards');
  const level = w.level;
  const mode =
    level === 'hardened'
      ? 'ENFORCE'
      : level === 'sloppy'
        ? rng.pick(['ENFORCE', 'LOG_ONLY', undefined] as const)
        : undefined;
  const waf = level === 'hardened' || (level === 'sloppy' && rng.chance(0.5));
  const engine = `pe_${c.base}`.slice(0, 48);
  const engineArn = mode ? arnOf(w, 'policy-engine', `${engine}-${chars(rng, LOWER_ALNUM, 10)}`) : undefined;
  return {
    fields: {
      ...(engineArn ? { policyEngineConfiguration: { arn: engineArn, mode } } : {}),
      ...(waf
        ? { webAclArn: `arn:aws:wafv2:${w.r}:${w.acct}:regional/webacl/agent-gateways/${uuid(rng)}` }
        : {}),
    },
    mode,
    engineArn,
    enforced: mode === 'ENFORCE',
    waf,
  };
}

interface Target {
  target: ApiObject;
  assetId: string;
}

function target(
  c: Ctx,
  gatewayArn: string,
  name: string,
  configuration: ApiObject,
  credentials: ApiObject[],
): Target {
  const { w, rng } = c;
  const targetId = chars(rng, UPPER_ALNUM, 10);
  const assetId = `${gatewayArn}/target/${targetId}`;
  w.truth.asset(assetId, 'agent-tool', 'AWS::BedrockAgentCore::GatewayTarget', w.acct, w.r, name);
  return {
    assetId,
    target: {
      gatewayArn,
      targetId,
      createdAt: iso(c.created + 600),
      updatedAt: iso(c.created + 600),
      status: 'READY',
      name,
      targetConfiguration: configuration,
      credentialProviderConfigurations: credentials,
      lastSynchronizedAt: iso(c.created + 900),
    },
  };
}

/** The MCP server runtime as a gateway target (its invocation URL, OAuth to call it). */
function mcpTarget(c: Ctx, gatewayArn: string, runtimeArn: string): Target {
  const { w } = c;
  const endpoint = `https://bedrock-agentcore.${w.r}.amazonaws.com/runtimes/${encodeURIComponent(runtimeArn)}/invocations?qualifier=DEFAULT`;
  const t = target(c, gatewayArn, 'docs-mcp', { mcp: { mcpServer: { endpoint } } }, [
    {
      credentialProviderType: 'OAUTH',
      credentialProvider: {
        oauthCredentialProvider: {
          providerArn: credentialProvider(w, c.idRng, 'oauth2', c.base, c.created),
          scopes: ['mcp/invoke'],
        },
      },
    },
  ]);
  w.truth.edge('implemented-by', t.assetId, runtimeArn);
  w.clean(t.assetId);
  return t;
}

function lambdaTarget(c: Ctx, gatewayArn: string, fnArn: string): Target {
  const t = target(
    c,
    gatewayArn,
    'tickets',
    {
      mcp: {
        lambda: {
          lambdaArn: fnArn,
          toolSchema: {
            inlinePayload: [
              {
                name: 'open_ticket',
                description: 'Open a support ticket',
                inputSchema: { type: 'object', properties: { summary: { type: 'string' } } },
              },
            ],
          },
        },
      },
    },
    [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
  );
  c.w.truth.edge('implemented-by', t.assetId, fnArn);
  c.w.clean(t.assetId);
  return t;
}

/** A SaaS CRM behind an OpenAPI target: a static API key on exposed and some sloppy workloads, else OAuth. */
function apiTarget(c: Ctx, gatewayArn: string): Target {
  const { w, rng } = c;
  const apiKey = w.level === 'exposed' || (w.level === 'sloppy' && rng.chance(0.4));
  const t = target(
    c,
    gatewayArn,
    'crm',
    { mcp: { openApiSchema: { s3: { uri: `s3://${c.input.kbBucketName}/schemas/crm-openapi.json` } } } },
    [
      apiKey
        ? {
            credentialProviderType: 'API_KEY',
            credentialProvider: {
              apiKeyCredentialProvider: {
                providerArn: credentialProvider(w, c.idRng, 'api-key', `crm-${c.base}`, c.created),
                credentialParameterName: 'X-Api-Key',
                credentialLocation: 'HEADER',
              },
            },
          }
        : {
            credentialProviderType: 'OAUTH',
            credentialProvider: {
              oauthCredentialProvider: {
                providerArn: credentialProvider(w, c.idRng, 'oauth2', `crm-${c.base}`, c.created),
                scopes: ['crm.read'],
              },
            },
          },
    ],
  );
  if (apiKey)
    w.truth.risk(t.assetId, 'agent-tool-static-credential', 'The target calls its API with a stored API key');
  w.clean(t.assetId);
  return t;
}

/** The ticketing Lambda behind the gateway: it writes only its own logs. */
function ticketFunction(c: Ctx): { arn: string } {
  const { w, rng, input: i } = c;
  const fnName = `${i.name}-tickets`;
  const fnArn = `arn:aws:lambda:${w.r}:${w.acct}:function:${fnName}`;
  const role = w.b.role(
    `AgentCoreTool-${fnName}`,
    serviceTrust('lambda.amazonaws.com'),
    [
      allow(
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        `arn:aws:logs:${w.r}:${w.acct}:log-group:/aws/lambda/${fnName}:*`,
      ),
    ],
    { path: '/service-role/' },
  );
  w.clean(role.Arn);
  w.state.lambdas.push({
    FunctionName: fnName,
    FunctionArn: fnArn,
    Runtime: 'python3.12',
    Role: role.Arn,
    Handler: 'app.handler',
    CodeSize: rng.int(2000, 90000),
    Description: `Ticketing tool for ${i.name}`,
    Timeout: 30,
    MemorySize: 256,
    LastModified: iso(c.created).replace('Z', '+0000'),
    Environment: { QUEUE: `${i.name}-tickets`, LOG_LEVEL: 'INFO' },
  });
  w.truth.asset(fnArn, 'function', 'AWS::Lambda::Function', w.acct, w.r, fnName);
  w.truth.risk(fnArn, 'agent-tool-no-private-network', `Tool function ${fnName} is not attached to a VPC`);
  w.truth.edge('runs-as', fnArn, role.Arn);
  return { arn: fnArn };
}

/** The agent itself on AgentCore Runtime, pointed at the gateway by its environment. */
function agentRuntime(c: Ctx, gateway: { arn: string; url: string; authorizer: string }): void {
  const { w, rng, input: i } = c;
  const model = rng.pick(CHAT_MODELS);
  const role = w.b.role(
    `AgentCoreAgent-${i.name}`,
    serviceTrust(AGENTCORE),
    [
      allow(
        ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        `arn:aws:bedrock:${w.r}::foundation-model/*`,
      ),
      allow(['bedrock-agentcore:InvokeGateway'], gateway.arn),
    ],
    { path: '/service-role/' },
  );
  w.clean(role.Arn);
  // An IAM-authorized gateway asks IAM whether the agent's role may call it; other authorizers never do.
  if (gateway.authorizer === 'AWS_IAM') w.truth.edge('can-invoke', role.Arn, gateway.arn);
  const secret = w.level === 'exposed' && rng.chance(0.5);
  const leaked = fakeAwsSecret(rng);
  const env: Record<string, string> = { GATEWAY_URL: gateway.url, MODEL_ID: model, LOG_LEVEL: 'INFO' };
  if (secret) Object.assign(env, { AWS_ACCESS_KEY_ID: leaked.keyId, AWS_SECRET_ACCESS_KEY: leaked.secret });
  const name = `agent_${c.base}`.slice(0, 48);
  const rt = runtime(c, name, 'HTTP', role.Arn, env);
  w.truth.asset(rt.arn, 'agent', 'AWS::BedrockAgentCore::Runtime', w.acct, w.r, name);
  const foreign = runtimePolicy(c, rt.arn);
  // A named endpoint pinned for production callers, with a resource policy of its own (see endpointPolicy).
  const prod = runtimeEndpoint(c, rt, 'prod', `prod-${chars(c.rng.fork('prod-endpoint'), LOWER_ALNUM, 10)}`);
  endpointPolicy(c, prod, foreign);
  w.truth.edge('uses-tool', rt.arn, gateway.arn);
  // No uses-model edge: the model is chosen in the agent's code; MODEL_ID in its environment is a convention.
  if (secret)
    w.truth.risk(rt.arn, 'secret-in-agent-instructions', 'Runtime environment holds an AWS access key pair');
  w.clean(rt.arn);
}

function codeInterpreter(c: Ctx): void {
  const { w, rng } = c;
  const mode =
    w.level === 'hardened' ? 'SANDBOX' : w.level === 'exposed' && rng.chance(0.7) ? 'PUBLIC' : 'SANDBOX';
  const name = `ci_${c.base}`.slice(0, 48);
  const id = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  const arn = arnOf(w, 'code-interpreter-custom', id);
  w.state.agentCore.codeInterpreters.push({
    codeInterpreterId: id,
    codeInterpreterArn: arn,
    name,
    networkConfiguration: { networkMode: mode },
    status: 'READY',
    createdAt: iso(c.created),
    lastUpdatedAt: iso(c.created),
    description: `Code interpreter for ${c.input.name}`,
  });
  w.truth.asset(arn, 'agent-tool', 'AWS::BedrockAgentCore::CodeInterpreterCustom', w.acct, w.r, name);
  if (mode === 'PUBLIC')
    w.truth.risk(arn, 'agent-code-interpreter-public-network', 'networkConfiguration.networkMode is PUBLIC');
  w.clean(arn);
}

function browser(c: Ctx): void {
  const { w, rng, input: i } = c;
  const recording = w.level === 'hardened' || (w.level === 'sloppy' && rng.chance(0.5));
  const name = `browser_${c.base}`.slice(0, 48);
  const id = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  const arn = arnOf(w, 'browser-custom', id);
  w.state.agentCore.browsers.push({
    browserId: id,
    browserArn: arn,
    name,
    networkConfiguration: { networkMode: 'PUBLIC' },
    status: 'READY',
    createdAt: iso(c.created),
    lastUpdatedAt: iso(c.created),
    description: `Browser for ${i.name}`,
    recording: recording
      ? { enabled: true, s3Location: { bucket: i.kbBucketName, prefix: 'browser-recordings/' } }
      : { enabled: false },
  });
  w.truth.asset(arn, 'agent-tool', 'AWS::BedrockAgentCore::BrowserCustom', w.acct, w.r, name);
  if (!recording)
    w.truth.risk(
      arn,
      'agent-browser-session-unrecorded',
      'recording.enabled is false: sessions leave no replay',
    );
  w.clean(arn);
}
