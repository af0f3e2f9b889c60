import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'mcp-server', 'credentialType'>({
  id: 'aispm-mcp-server-no-auth',
  title: 'Agent connects to a remote MCP server without authentication',
  severity: 'high',
  rationale:
    'A remote MCP server that agents call with no credential is one anyone on the network can call too, and one the agent cannot tell from an impostor at the same address: its tools and their descriptions reach the model unchecked (tool poisoning), and whatever the agent passes in arguments goes to whoever answers. An OAuth or key-protected server binds the tools to an owner and lets its calls be audited and revoked.',
  remediation: {
    azure: {
      console: [
        'Azure AI Foundry portal → the project → Management center → Connected resources → the MCP (remote tool) connection',
        'Protect the MCP server (Entra ID / OAuth in front of it, e.g. API Management or Container Apps authentication)',
        'Recreate the connection with authentication OAuth2 (or Entra ID / a key stored in the connection), and require approval of tool calls on the agents that use it',
        "For an agent's own MCP tool with no connection: Agents → the agent → Tools → the MCP tool → pick that authenticated project connection, and save a new agent version",
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<project-id>/connections/<name>?api-version=2025-09-01" --body \'{"properties":{"category":"RemoteTool","target":"<mcp-url>","authType":"OAuth2","credentials":{"clientId":"<client-id>","clientSecret":"<secret>","tenantId":"<tenant>"}}}\'',
      terraform:
        'resource "azapi_resource" "mcp" { type = "Microsoft.CognitiveServices/accounts/projects/connections@2025-09-01" parent_id = azapi_resource.project.id name = "<name>" body = { properties = { category = "RemoteTool" target = "<mcp-url>" authType = "OAuth2" credentials = { clientId = "<client-id>" clientSecret = var.mcp_client_secret tenantId = "<tenant>" } } } }',
    },
    gcp: {
      console: [
        'Protect the MCP server (OAuth in front of it, or host it on Cloud Run with IAM authentication)',
        'Agent Registry → Agents → the agent → Bindings → the binding to the MCP server → attach an auth provider (managed OAuth) with the narrowest scopes',
        'Unbind servers nobody can authenticate to, and re-register them once they require a credential',
      ],
      cli: 'curl -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" "https://agentregistry.googleapis.com/v1/projects/<project>/locations/<region>/bindings/<binding>?updateMask=authProviderBinding" -d \'{"authProviderBinding":{"authProvider":"projects/<project>/locations/<region>/authProviders/<provider>","scopes":["<scope>"]}}\'',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/ai-foundry/agents/how-to/tools/model-context-protocol',
    'https://docs.cloud.google.com/agent-registry/overview',
  ],
  concepts: ['mcp-server-no-auth'],
  appliesTo: {
    kinds: ['mcp-server'],
    // Foundry remote-tool connections: how the agent authenticates to the server is their `authType`. A (new)
    // Foundry agent's own MCP tool: its project connection's auth, else a token or auth header it sends, else none.
    nativeTypes: [
      'Microsoft.CognitiveServices/accounts/connections#mcp',
      'Microsoft.CognitiveServices/accounts/projects/connections#mcp',
      'Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp',
      // Agent Registry: a binding to an outside server with no auth provider gives the agent no credential for it.
      'agentregistry.googleapis.com/McpServer',
    ],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025', 'LLM03:2025'],
    'owasp-llm-2026': ['LLM03:2026', 'LLM04:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI04', 'ASI07'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0110', 'AML.T0053'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['credentialType'],
  check(server) {
    const type = server.facts.credentialType;
    if (type === undefined) return null;
    return {
      fail: type === 'none',
      message:
        type === 'none'
          ? 'Agents call the MCP server without any credential'
          : `Agents authenticate to the MCP server with ${type}`,
      evidence: { properties: { credentialType: type } },
    };
  },
});
