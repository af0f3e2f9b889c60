import type { AssetRecord } from '@aispm/core';
import type { IndexedEdge } from '@aispm/paths';
import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import { REF } from '../common.ts';

interface Reached {
  asset: AssetRecord;
  /** The edges from the agent to it. */
  via: IndexedEdge[];
}

/** The tools an agent can call: its own, and those of the gateways and MCP servers (Agent Registry) it calls. */
function toolsOf(g: RuleGraph, agentId: string): Reached[] {
  const out: Reached[] = [];
  for (const e of g.out(agentId, 'uses-tool')) {
    const tool = g.asset(e.to);
    if (!tool) continue;
    out.push({ asset: tool, via: [e] });
    if (tool.kind !== 'agent-gateway' && tool.kind !== 'mcp-server') continue;
    for (const t of g.out(tool.id, 'uses-tool')) {
      const target = g.asset(t.to);
      if (target) out.push({ asset: target, via: [e, t] });
    }
  }
  return out;
}

/** A sandboxed tool that reaches the internet: a browser or code interpreter in public network mode. */
function reachesInternet(g: RuleGraph, tool: AssetRecord): boolean {
  return g.factsOf(tool, 'agent-tool')?.networkMode === 'public';
}

/** Where untrusted instructions can enter the agent's context. */
function untrustedInputs(g: RuleGraph, agentId: string, tools: Reached[]) {
  const inputs: { source: string; why: string; edges: IndexedEdge[] }[] = [];
  for (const t of tools) {
    const facts = g.factsOf(t.asset, 'agent-tool');
    if (facts?.toolType === 'browser')
      inputs.push({ source: t.asset.id, why: 'browses web pages', edges: t.via });
    else if (facts?.readsWebContent === true && facts.toolType === 'mcp')
      inputs.push({
        source: t.asset.id,
        why: 'reads the open web (read-only, open-world MCP tool)',
        edges: t.via,
      });
    else if (facts?.readsWebContent === true)
      inputs.push({ source: t.asset.id, why: 'grounds on web search results', edges: t.via });
  }
  for (const kb of g.out(agentId, 'uses-knowledge-base'))
    for (const read of g.out(kb.to, 'reads-from')) {
      const writers = [...g.externalWith(read.to, 'can-write'), ...g.externalWith(read.to, 'can-admin')];
      if (writers.length > 0)
        inputs.push({
          source: read.to,
          why: `retrieves documents that ${[...new Set(writers.map((w) => w.principalId))].join(', ')} can write`,
          edges: [kb, read, ...writers.flatMap((w) => w.chain)],
        });
    }
  return inputs;
}

/** Where the agent can send what it holds. */
function outboundChannels(g: RuleGraph, agentId: string, tools: Reached[]) {
  const channels: { sink: string; why: string; edges: IndexedEdge[] }[] = [];
  for (const t of tools) {
    const host = g.factsOf(t.asset, 'agent-tool')?.outboundHost;
    const mcp = g.factsOf(t.asset, 'mcp-server');
    if (reachesInternet(g, t.asset))
      channels.push({ sink: t.asset.id, why: 'tool with public network access', edges: t.via });
    else if (typeof host === 'string')
      channels.push({ sink: t.asset.id, why: `tool sends agent-chosen requests to ${host}`, edges: t.via });
    // An MCP server outside: its tool calls carry agent-chosen arguments there, unless a person approves each one.
    else if (typeof mcp?.outboundHost === 'string' && mcp.requiresApproval !== true)
      channels.push({
        sink: t.asset.id,
        why: `calls MCP server ${mcp.outboundHost} without approval of each call`,
        edges: t.via,
      });
  }
  for (const w of g.agentWriteGrants(agentId)) {
    const readers = g.externalWith(w.edge.to, 'can-read');
    if (readers.length > 0)
      channels.push({
        sink: w.edge.to,
        why: `writes to a store ${[...new Set(readers.map((r) => r.principalId))].join(', ')} can read`,
        edges: [w.edge, ...readers.flatMap((r) => r.chain)],
      });
  }
  return channels;
}

export default defineAssetRule<'agent'>({
  id: 'aispm-agent-injection-exfiltration',
  title: 'Agent reads untrusted content and can send data out (indirect prompt injection → exfiltration)',
  severity: 'high',
  rationale:
    "Anything an agent reads can carry instructions it will follow: a web page its browser opens or its web-search grounding returns, a document an outsider wrote into its knowledge base. When the same agent can also send data out — a browser or code interpreter with internet access, an API (OpenAPI) tool calling an outside host, an outside MCP server it calls without approval, or a store outsiders read — one poisoned input is enough to make it leak the conversation, its tools' results and the data its identities reach, with no attacker access to the agent itself. Either half alone is manageable; together they are the exfiltration pair no guardrail reliably blocks.",
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Built-in tools → the browser / code interpreter → create it in VPC network mode (or sandbox for code) with egress limited to the domains the task needs',
        'Split the work: one agent reads untrusted content with no outbound tools, another acts on a sanitised summary',
        "Remove external principals' write access to the knowledge base's data source bucket (bucket policy, trust policies of roles that can write it)",
        'Require user confirmation on action groups / tools that send data out',
      ],
      cli: 'aws bedrock-agentcore-control create-browser --name <name> --execution-role-arn <role> --network-configuration \'{"networkMode":"VPC","vpcConfig":{"securityGroups":["<sg>"],"subnets":["<subnet>"]}}\'',
      terraform:
        'resource "aws_bedrockagentcore_browser" "b" { name = "<name>" network_configuration { network_mode = "VPC" vpc_config { security_groups = [aws_security_group.egress_allowlist.id] subnets = [aws_subnet.private.id] } } }',
    },
    azure: {
      console: [
        'Azure AI Foundry → the agent → Tools: remove Browser Automation / Bing grounding from agents that also hold outbound tools (OpenAPI, MCP, code interpreter with network access)',
        'Split the work: a research agent grounds on Bing with no OpenAPI / MCP tools; a second agent, given only its summary, holds the tools that call outside hosts (behind API Management with an allow-list of operations)',
        'Turn on Prompt Shields for indirect attacks (document attacks) in blocking mode on the deployment the agent uses',
        "Remove guest / foreign-tenant write roles on the storage that feeds the agent's file search or AI Search index",
      ],
      cli: 'az role assignment delete --assignee <foreign-principal-id> --role "Storage Blob Data Contributor" --scope <container-id>',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "p" { name = "<name>" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.Default" content_filter { name = "Indirect Attack" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } }',
    },
    gcp: {
      console: [
        'Agent Registry → Agents → the agent → Bindings: unbind the MCP server whose open-world write tools (send email, HTTP post) sit beside open-world read tools (fetch, browse); give the web-reading work to a second agent with no outbound tools',
        'Vertex AI Agent Engine: deploy the agent with a Private Service Connect interface and egress limited by VPC firewall rules to the APIs its tools call',
        'Screen prompts and tool results with a Model Armor template (prompt injection and jailbreak, malicious URLs) in inspect-and-block',
        "Remove allUsers / outside-domain write bindings on the buckets behind the agent's RAG corpus",
      ],
      cli: 'curl -X DELETE -H "Authorization: Bearer $(gcloud auth print-access-token)" https://agentregistry.googleapis.com/v1/projects/<project>/locations/<region>/bindings/<binding> && gcloud storage buckets remove-iam-policy-binding gs://<bucket> --member=allUsers --role=roles/storage.objectCreator',
      terraform:
        'resource "google_model_armor_floorsetting" "floor" { parent = "projects/<project>" location = "global" filter_config { pi_and_jailbreak_filter_settings { filter_enforcement = "ENABLED" } malicious_uri_filter_settings { filter_enforcement = "ENABLED" } } enable_floor_setting_enforcement = true }',
    },
  },
  references: [REF.owaspAgentic, REF.agentCoreVpc],
  concepts: ['agent-injection-exfiltration'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI01', 'ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0051', 'AML.T0057'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  check(agent, g) {
    const tools = toolsOf(g, agent.id);
    const kbs = g.out(agent.id, 'uses-knowledge-base');
    if (tools.length === 0 && kbs.length === 0) return null;
    const inputs = untrustedInputs(g, agent.id, tools);
    const channels = outboundChannels(g, agent.id, tools);
    const fail = inputs.length > 0 && channels.length > 0;
    return {
      fail,
      message: fail
        ? `Reads untrusted content (${inputs.map((i) => `${i.source} ${i.why}`).join('; ')}) and can send data out (${channels.map((c) => `${c.sink}: ${c.why}`).join('; ')})`
        : inputs.length > 0
          ? 'Reads untrusted content but has no outbound channel'
          : channels.length > 0
            ? 'Can send data out but reads no untrusted content'
            : 'Neither reads untrusted content nor sends data out',
      evidence: {
        edges: edgeEvidence([...inputs.flatMap((i) => i.edges), ...channels.flatMap((c) => c.edges)]),
        related: [...new Set([...inputs.map((i) => i.source), ...channels.map((c) => c.sink)])],
      },
    };
  },
});
