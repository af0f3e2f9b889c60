import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'mcp-server', 'requiresApproval'>({
  id: 'aispm-mcp-server-no-approval',
  title: "Agent calls an outside MCP server's tools without a person approving the calls",
  severity: 'medium',
  rationale:
    "An agent's plan is steered by whatever it reads, and a remote MCP server's tool list and descriptions are themselves text from outside (tool poisoning). With approval off, every call the model decides on goes out at once: its arguments — the conversation, retrieved documents, other tools' results — reach the server's owner, and write-capable tools act, with no one seeing the call first. Requiring approval (at least for the tools that are not read-only) keeps a person between a manipulated plan and an outside system.",
  remediation: {
    azure: {
      console: [
        'Azure AI Foundry portal → Agents → the agent → Tools → the MCP tool: set "Require approval" to Always (or exempt only named read-only tools)',
        "Limit the tool's allowed tools to the ones the task needs",
        'Reach the server through a project connection (Management center → Connected resources → Remote tool) that authenticates, and save a new agent version',
      ],
      cli: 'az rest --method post --url "https://<account>.services.ai.azure.com/api/projects/<project>/agents/<agent-name>/versions?api-version=v1" --resource https://ai.azure.com --body \'{"definition":{"kind":"prompt","model":"<deployment>","tools":[{"type":"mcp","server_label":"<label>","server_url":"<mcp-url>","project_connection_id":"<connection-id>","require_approval":"always","allowed_tools":["<tool>"]}]}}\'',
      terraform:
        'resource "azapi_resource_action" "agent_version" { type = "Microsoft.CognitiveServices/accounts/projects@2025-06-01" resource_id = azapi_resource.project.id action = "agents/<agent-name>/versions" method = "POST" body = { definition = { kind = "prompt" model = "<deployment>" tools = [{ type = "mcp" server_label = "<label>" server_url = "<mcp-url>" project_connection_id = "<connection-id>" require_approval = "always" }] } } }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/ai-foundry/agents/how-to/tools/model-context-protocol',
    'https://modelcontextprotocol.io/specification/2025-06-18/server/tools#security-considerations',
  ],
  concepts: ['mcp-server-no-approval'],
  appliesTo: {
    kinds: ['mcp-server'],
    // An agent's own MCP tool carries its approval setting; a connection does not (the agents using it decide).
    nativeTypes: ['Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM03:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI01'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  needs: ['requiresApproval'],
  check(server) {
    const approval = server.facts.requiresApproval;
    if (approval === undefined) return null;
    const host = server.facts.outboundHost;
    const where = typeof host === 'string' ? host : 'the MCP server';
    return {
      fail: approval === false,
      message: approval
        ? `Every call to ${where} waits for approval`
        : `The agent calls ${where} without anyone approving the calls`,
      evidence: {
        properties: {
          requiresApproval: approval,
          ...(typeof host === 'string' ? { outboundHost: host } : {}),
        },
      },
    };
  },
});
