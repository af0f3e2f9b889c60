/**
 * Fixtures of the indirect-injection exfiltration rule: an AgentCore agent with a browser tool, and a knowledge base
 * whose source bucket an outside account can write. Imported by build-fixtures.ts, which writes them with the rest.
 */
import { edge as E, externalPrincipalId } from '@aispm/core';
import { assetMaker, type Def, type Fixture } from './fixture-kit.ts';

const ACCT = '111111111111';
const R = 'us-east-1';
const AGENT = `arn:aws:bedrock-agentcore:${R}:${ACCT}:runtime/support_agent-abc`;
const BROWSER = `arn:aws:bedrock-agentcore:${R}:${ACCT}:browser-custom/web-abc`;
const AGENT_KB = `arn:aws:bedrock:${R}:${ACCT}:agent/AGENT1`;
const KB = `arn:aws:bedrock:${R}:${ACCT}:knowledge-base/KB1`;
const BUCKET = 'arn:aws:s3:::kb-docs';
const OUTSIDER = externalPrincipalId('aws', '999999999999');

const a = assetMaker(
  (_id, kind) => ({
    provider: 'aws',
    accountId: kind === 'external-principal' ? '999999999999' : ACCT,
    region: kind === 'data-store' || kind === 'external-principal' ? 'global' : R,
  }),
  /[/:]/,
);

/** An AgentCore agent with a browser tool in the given network mode. */
function browsingAgent(networkMode: 'public' | 'private'): Fixture {
  return {
    target: AGENT,
    assets: [
      a(AGENT, 'agent', 'AWS::BedrockAgentCore::Runtime', { facts: { privateNetwork: true } }),
      a(BROWSER, 'agent-tool', 'AWS::BedrockAgentCore::BrowserCustom', {
        networkMode: networkMode === 'public' ? 'PUBLIC' : 'VPC',
        facts: { toolType: 'browser', networkMode, sessionRecording: true },
      }),
    ],
    edges: [E('uses-tool', AGENT, BROWSER)],
  };
}

/** A Bedrock agent retrieving from a bucket an outside account can write, with a code interpreter. */
function retrievingAgent(networkMode: 'public' | 'sandbox'): Fixture {
  const interpreter = `arn:aws:bedrock-agentcore:${R}:${ACCT}:code-interpreter-custom/ci-abc`;
  return {
    target: AGENT_KB,
    assets: [
      a(AGENT_KB, 'agent', 'AWS::Bedrock::Agent'),
      a(KB, 'knowledge-base', 'AWS::Bedrock::KnowledgeBase'),
      a(BUCKET, 'data-store', 'AWS::S3::Bucket'),
      a(OUTSIDER, 'external-principal', 'aispm::ExternalPrincipal'),
      a(interpreter, 'agent-tool', 'AWS::BedrockAgentCore::CodeInterpreterCustom', {
        facts: { toolType: 'code-interpreter', networkMode },
      }),
    ],
    edges: [
      E('uses-knowledge-base', AGENT_KB, KB),
      E('reads-from', KB, BUCKET),
      E('can-write', OUTSIDER, BUCKET),
      E('uses-tool', AGENT_KB, interpreter),
    ],
  };
}

export function exfiltrationFixtures(def: Def): void {
  def('aispm-agent-injection-exfiltration', browsingAgent('public'), browsingAgent('private'));
}

const SUB = '00000000-0000-4000-8000-000000000001';
const PROJECT = `/subscriptions/${SUB}/resourcegroups/rg-app/providers/microsoft.cognitiveservices/accounts/ais-app/projects/proj-app`;
const FOUNDRY_AGENT = `${PROJECT}/agents/asst_0123456789abcdef01234567`;
const BING = `${PROJECT}/connections/bing-grounding`;
const az = assetMaker(() => ({ provider: 'azure', accountId: SUB, region: 'westeurope' }), /\//);

/**
 * An Azure AI Foundry agent grounding on Bing web search (a project connection) with, when `outbound`, an anonymous
 * OpenAPI tool posting to an outside host; otherwise the team's own search index (the clean twin).
 */
function groundedFoundryAgent(outbound: boolean): Fixture {
  const tool = outbound
    ? az(
        `${FOUNDRY_AGENT}/tools/openapi`,
        'agent-tool',
        'Microsoft.CognitiveServices/accounts/projects/agents/tools',
        {
          facts: { toolType: 'api', outboundHost: 'hooks.crm.example.com', credentialType: 'none' },
        },
      )
    : az(
        `${PROJECT}/connections/search-conn`,
        'agent-tool',
        'Microsoft.CognitiveServices/accounts/connections',
        {
          facts: { credentialType: 'iam', sharedToAll: true },
        },
      );
  return {
    target: FOUNDRY_AGENT,
    assets: [
      az(FOUNDRY_AGENT, 'agent', 'Microsoft.CognitiveServices/accounts/projects/agents'),
      az(BING, 'agent-tool', 'Microsoft.CognitiveServices/accounts/projects/connections', {
        category: 'GroundingWithBingSearch',
        facts: {
          toolType: 'web-search',
          readsWebContent: true,
          credentialType: 'api-key',
          sharedToAll: false,
        },
      }),
      tool,
    ],
    edges: [E('uses-tool', FOUNDRY_AGENT, BING), E('uses-tool', FOUNDRY_AGENT, tool.id)],
  };
}

/** The Azure AI Foundry variant (web grounding + OpenAPI to an outside host), for the rule's own tests. */
export const FOUNDRY_GROUNDED = { failing: groundedFoundryAgent(true), passing: groundedFoundryAgent(false) };

/** The knowledge-base variant, for the rule's own tests. */
export const POISONED_RETRIEVAL = { failing: retrievingAgent('public'), passing: retrievingAgent('sandbox') };

const GCP_PROJECT = '123456789012';
const ENGINE = `//aiplatform.googleapis.com/projects/${GCP_PROJECT}/locations/us-central1/reasoningEngines/4410`;
const MCP = `//agentregistry.googleapis.com/projects/${GCP_PROJECT}/locations/us-central1/mcpServers/web-tools`;
const gcp = assetMaker(() => ({ provider: 'gcp', accountId: 'app-prod', region: 'us-central1' }), /\//);

/**
 * A Vertex AI Agent Engine agent bound (Agent Registry) to an MCP server whose tools are an open-world read
 * (`fetch_url`) and, when `outbound`, an open-world write (`send_email`); otherwise a closed-world write (the twin).
 */
function registryAgent(outbound: boolean): Fixture {
  const tool = (name: string, facts: Record<string, unknown>) =>
    gcp(`${MCP}/tools/${name}`, 'agent-tool', 'agentregistry.googleapis.com/McpServer/Tool', {
      facts: { toolType: 'mcp', ...facts },
    });
  const fetchUrl = tool('fetch_url', { readsWebContent: true });
  const write = outbound
    ? tool('send_email', { readsWebContent: false, outboundHost: 'mcp.web-tools.example.com' })
    : tool('create_ticket', { readsWebContent: false });
  return {
    target: ENGINE,
    assets: [
      gcp(ENGINE, 'agent', 'aiplatform.googleapis.com/ReasoningEngine'),
      gcp(MCP, 'mcp-server', 'agentregistry.googleapis.com/McpServer', {
        facts: { credentialType: 'oauth' },
      }),
      fetchUrl,
      write,
    ],
    edges: [E('uses-tool', ENGINE, MCP), E('uses-tool', MCP, fetchUrl.id), E('uses-tool', MCP, write.id)],
  };
}

/** The GCP Agent Registry variant (MCP tools with open-world hints), for the rule's own tests. */
export const REGISTRY_MCP = { failing: registryAgent(true), passing: registryAgent(false) };
