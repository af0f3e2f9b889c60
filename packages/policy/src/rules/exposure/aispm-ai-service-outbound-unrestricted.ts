import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'ai-service', 'outboundNetworkRestricted'>({
  id: 'aispm-ai-service-outbound-unrestricted',
  title: 'AI service account can send data to any outbound destination',
  severity: 'medium',
  rationale:
    'An AI services account reaches out on its own: "on your data" sources, web grounding, webhooks and batch outputs. Without an outbound allow-list, a prompt-injected or misconfigured request can make the service fetch from or post to any host, which is a data-exfiltration path that network controls on the callers do not see. Restricting outbound access limits it to the approved FQDNs (Microsoft\'s data loss prevention control for Azure AI services).',
  remediation: {
    azure: {
      console: [
        'List the hosts the account legitimately calls (storage accounts, Azure AI Search, Key Vault)',
        'Set restrictOutboundNetworkAccess to true and allowedFqdnList to those hosts (ARM template, REST or CLI; the portal does not show it)',
        'Test the deployments and "on your data" connections afterwards',
      ],
      cli: "az resource update --ids <account-id> --set properties.restrictOutboundNetworkAccess=true properties.allowedFqdnList=\"['<storage>.blob.core.windows.net','<search>.search.windows.net']\"",
      terraform:
        'resource "azurerm_cognitive_account" "ai" { outbound_network_access_restricted = true fqdns = ["<storage>.blob.core.windows.net", "<search>.search.windows.net"] }',
    },
  },
  references: ['https://learn.microsoft.com/azure/ai-services/cognitive-services-data-loss-prevention'],
  concepts: ['ai-service-outbound-unrestricted'],
  appliesTo: { kinds: ['ai-service'] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025', 'LLM01:2025'],
    'owasp-llm-2026': ['LLM02:2026', 'LLM01:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025', 'AML.T0057'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  needs: ['outboundNetworkRestricted'],
  check(svc) {
    const restricted = svc.facts.outboundNetworkRestricted;
    if (restricted === undefined) return null; // the platform has no outbound restriction for this service
    return {
      fail: !restricted,
      message: restricted
        ? 'Outbound network access is restricted to an allow-list'
        : 'Outbound network access is unrestricted',
      evidence: { properties: { outboundNetworkRestricted: restricted } },
    };
  },
});
