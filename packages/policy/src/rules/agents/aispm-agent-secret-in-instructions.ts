import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent' | 'agent-tool' | 'mcp-server', 'secretFindings'>({
  id: 'aispm-agent-secret-in-instructions',
  title: 'Secret embedded in agent instructions or prompt',
  severity: 'critical',
  rationale:
    'Instructions are hidden context, not a vault: any user can coax the model into repeating them (system-prompt extraction), and they are readable by everyone with bedrock:GetAgent. A credential there is a leaked credential.',
  remediation: {
    aws: {
      console: [
        'Rotate the exposed credential now',
        'Remove it from the agent instruction / prompt template',
        'Have the tool function fetch it from Secrets Manager at run time under its own role',
      ],
      cli: 'aws bedrock-agent update-agent --agent-id <id> --instruction "<instruction without secrets>" ...',
    },
    azure: {
      console: [
        'Rotate the exposed credential now',
        'AI Foundry portal → Agents → the agent → Instructions: remove it',
        'Keep it in Key Vault and let the tool read it with its managed identity, or use a Foundry connection with Entra ID authentication',
      ],
      cli: 'az keyvault secret set --vault-name <vault> --name <name> --value <new-secret>',
      terraform:
        'resource "azurerm_key_vault_secret" "tool" { name = "<name>" value = var.tool_secret key_vault_id = azurerm_key_vault.kv.id }',
    },
    gcp: {
      console: [
        'Rotate the exposed credential now',
        'Redeploy the Agent Engine agent without the secret in its instructions or plain environment variables',
        'Store it in Secret Manager and pass it as a secret environment variable of the deployment (spec.deploymentSpec.secretEnv)',
      ],
      cli: 'printf %s "<new-secret>" | gcloud secrets versions add <secret> --data-file=-',
      terraform:
        'resource "google_secret_manager_secret" "tool" { secret_id = "<name>" replication { auto {} } }',
    },
  },
  references: [REF.bedrockAgents, REF.owaspLlm],
  concepts: ['secret-in-agent-instructions'],
  appliesTo: { kinds: ['agent', 'agent-tool', 'mcp-server'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  needs: ['secretFindings'],
  frameworks: {
    'owasp-llm-2025': ['LLM07:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM08:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0083', 'AML.T0056', 'AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(asset) {
    const found = asset.facts.secretFindings ?? [];
    return {
      fail: found.length > 0,
      message:
        found.length > 0
          ? `Secret(s) found: ${found.map((f) => `${f.detector} in ${f.field}`).join(', ')}`
          : 'No secrets found in instructions',
      evidence: { properties: { secretFindings: found } },
    };
  },
});
