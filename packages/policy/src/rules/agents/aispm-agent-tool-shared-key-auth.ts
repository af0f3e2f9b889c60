import { defineAssetRule } from '../../define.ts';

/** Foundry account connections: the only tools a whole account's projects share. */
const FOUNDRY_ACCOUNT_CONNECTIONS = [
  'Microsoft.CognitiveServices/accounts/connections',
  'Microsoft.CognitiveServices/accounts/connections#mcp',
];

export default defineAssetRule<'agent-tool' | 'mcp-server', 'sharedToAll' | 'credentialType'>({
  id: 'aispm-agent-tool-shared-key-auth',
  title: 'Connection shared with every project of the AI account authenticates with a stored key',
  severity: 'high',
  rationale:
    "An account-level Azure AI Foundry connection shared to all projects hands its stored key to every project, every agent and every developer of the account: any agent a prompt injection steers can call the backend with the key, nothing ties a call to the project or the person behind it, and revoking one team's access means rotating the key for all. Entra ID (the project's managed identity) or a connection limited to the project that needs it keeps the blast radius to one project.",
  remediation: {
    azure: {
      console: [
        'Azure AI Foundry portal → the Foundry resource → Management center → Connected resources → the connection',
        'Switch the authentication to Microsoft Entra ID where the target supports it, and grant the role it needs to the managed identities of only the projects that use it',
        'Otherwise delete the shared connection and recreate it in each project that needs it (Project → Connected resources), then rotate the key at the target',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/connections/<name>?api-version=2025-09-01" --body \'{"properties":{"category":"<category>","target":"<target>","authType":"AAD","isSharedToAll":false}}\'',
      terraform:
        'resource "azapi_resource" "conn" { type = "Microsoft.CognitiveServices/accounts/connections@2025-09-01" parent_id = azurerm_cognitive_account.foundry.id name = "<name>" body = { properties = { category = "<category>" target = "<target>" authType = "AAD" isSharedToAll = false } } }',
    },
  },
  references: ['https://learn.microsoft.com/azure/ai-foundry/how-to/connections-add'],
  concepts: ['agent-tool-shared-key-auth'],
  appliesTo: { kinds: ['agent-tool', 'mcp-server'], nativeTypes: FOUNDRY_ACCOUNT_CONNECTIONS },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM03:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI03', 'ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0083'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['sharedToAll', 'credentialType'],
  check(tool) {
    const { sharedToAll, credentialType } = tool.facts;
    if (sharedToAll === undefined || credentialType === undefined) return null;
    const fail = sharedToAll && credentialType === 'api-key';
    return {
      fail,
      message: fail
        ? 'Connection is shared to every project of the account and authenticates with a stored key'
        : sharedToAll
          ? `Shared connection authenticates with ${credentialType === 'none' ? 'no credential' : credentialType}`
          : 'Connection is not shared beyond the projects given it',
      evidence: { properties: { sharedToAll, credentialType } },
    };
  },
});
