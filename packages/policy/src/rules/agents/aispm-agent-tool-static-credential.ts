import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-tool', 'credentialType'>({
  id: 'aispm-agent-tool-static-credential',
  title: 'Agent tool calls its backend with a stored static API key',
  severity: 'medium',
  rationale:
    "A tool holding a long-lived API key acts with the key's full scope for every caller of the agent: no per-user consent, no expiry, nothing that ties a call to who asked for it. A leaked or over-scoped key outlives any session. OAuth (client credentials or on behalf of the user) gives scoped, expiring tokens.",
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Identity → Outbound auth → Add OAuth client for the API (its authorization server, client, scopes)',
        'Gateways → the gateway → Targets → the target → Edit → Outbound authentication → OAuth client, with the narrowest scopes',
        'Rotate and then delete the API-key credential provider',
      ],
      cli: 'aws bedrock-agentcore-control create-oauth2-credential-provider --name <name> --credential-provider-vendor CustomOauth2 --oauth2-provider-config-input <config> && aws bedrock-agentcore-control update-gateway-target --gateway-identifier <gw> --target-id <target> --name <name> --target-configuration <unchanged> --credential-provider-configurations \'[{"credentialProviderType":"OAUTH","credentialProvider":{"oauthCredentialProvider":{"providerArn":"<arn>","scopes":["<scope>"]}}}]\'',
      terraform:
        'resource "aws_bedrockagentcore_gateway_target" "t" { credential_provider_configuration { oauth { provider_arn = aws_bedrockagentcore_oauth2_credential_provider.crm.credential_provider_arn scopes = ["<scope>"] } } }',
    },
    azure: {
      console: [
        'Azure AI Foundry portal → Management center → Connected resources (account or project) → the connection',
        'Where the target accepts Microsoft Entra ID (Azure OpenAI, AI Search, Storage, Cosmos DB): recreate the connection with authentication Entra ID and grant the project managed identity the narrowest data role on the target',
        'Elsewhere use an OAuth2 connection with scoped, expiring tokens; then rotate the old key at the target',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<connection-id>?api-version=2025-09-01" --body \'{"properties":{"category":"<category>","target":"<target>","authType":"AAD"}}\' && az role assignment create --assignee <project-principal-id> --role "<data role>" --scope <target-resource-id>',
      terraform:
        'resource "azapi_resource" "conn" { type = "Microsoft.CognitiveServices/accounts/projects/connections@2025-09-01" parent_id = azapi_resource.project.id name = "<name>" body = { properties = { category = "<category>" target = "<target>" authType = "AAD" } } }',
    },
  },
  references: [
    REF.agentCoreOutboundAuth,
    'https://learn.microsoft.com/azure/ai-foundry/how-to/connections-add',
  ],
  concepts: ['agent-tool-static-credential'],
  appliesTo: { kinds: ['agent-tool'] },
  // GCP Agent Registry tools: how a binding's auth provider authenticates (OAuth or a stored key) is not read.
  providers: ['aws', 'azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['credentialType'],
  check(tool) {
    const type = tool.facts.credentialType;
    if (type === undefined) return null;
    return {
      fail: type === 'api-key',
      message:
        type === 'api-key'
          ? 'Tool authenticates to its backend with a stored API key'
          : `Tool authenticates with ${type === 'none' ? 'no credential' : type}`,
      evidence: { properties: { credentialType: type } },
    };
  },
});
