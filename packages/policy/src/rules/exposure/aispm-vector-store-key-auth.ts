import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'vector-store', 'localAuthEnabled'>({
  id: 'aispm-vector-store-key-auth',
  title: 'Vector store accepts static API keys',
  severity: 'medium',
  rationale:
    'Static admin/query keys are shared secrets that never expire and carry no identity; a leaked key gives full index access with no per-user audit.',
  remediation: {
    azure: {
      console: [
        'Azure AI Search: Keys → API access control → "Role-based access control" only (disableLocalAuth)',
        'Grant Search Index Data Reader/Contributor roles to the identities that need them',
        'Regenerate the old keys',
      ],
      cli: 'az search service update --name <svc> --resource-group <rg> --disable-local-auth true',
      terraform: 'resource "azurerm_search_service" "s" { local_authentication_enabled = false }',
    },
  },
  references: ['https://learn.microsoft.com/azure/search/search-security-enable-roles'],
  concepts: ['vector-store-key-auth'],
  appliesTo: { kinds: ['vector-store'] },
  // Only Azure AI Search has API keys beside identity-based access.
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM08:2025'],
    'owasp-llm-2026': ['LLM09:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0085.000'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['localAuthEnabled'],
  check(vs, g) {
    const keys = g.out(vs.id, 'has-key');
    const flag = vs.facts.localAuthEnabled;
    if (flag === undefined && keys.length === 0) return null;
    const enabled = flag ?? keys.length > 0;
    return {
      fail: enabled,
      message: enabled ? 'API-key authentication is enabled' : 'Only identity-based access is allowed',
      evidence: { properties: { localAuthEnabled: enabled } },
    };
  },
});
