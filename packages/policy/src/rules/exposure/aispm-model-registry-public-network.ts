import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'model-registry', 'publicNetworkAccess'>({
  id: 'aispm-model-registry-public-network',
  title: 'Model registry reachable over a public network',
  severity: 'high',
  rationale:
    "A model registry holds the versions every workspace promotes to production. Reachable from public networks, its models, environments and their storage can be read (model theft) or, with a leaked credential, replaced with a tampered version that deployments then pick up (supply-chain poisoning); private endpoints keep it inside the organisation's networks.",
  remediation: {
    azure: {
      console: [
        'Azure Machine Learning registry → Networking → Public network access → Disabled',
        'Add a private endpoint for the registry (and for its storage and container registry) in each workspace virtual network that pulls from it',
        'Check that promotions and deployments still resolve the registry through the private DNS zone',
      ],
      cli: 'az resource update --ids <registry-id> --set properties.publicNetworkAccess=Disabled',
      terraform:
        'resource "azapi_update_resource" "registry" { type = "Microsoft.MachineLearningServices/registries@2024-04-01" resource_id = "<registry-id>" body = { properties = { publicNetworkAccess = "Disabled" } } }',
    },
  },
  references: ['https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation'],
  concepts: ['model-registry-public-network'],
  appliesTo: { kinds: ['model-registry'] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML05:2023', 'ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0010.003', 'AML.T0035', 'AML.T0049'],
  },
  gaiRisks: ['INFOSEC', 'IP', 'VCCI'],
  peers: [],
  needs: ['publicNetworkAccess'],
  check(registry, g) {
    const exposure = g.internetExposure(registry.id);
    const open = registry.facts.publicNetworkAccess;
    if (open === undefined && !exposure.exposed) return null; // the registry does not say
    const fail = open === true || exposure.exposed;
    return {
      fail,
      message: fail ? 'Public network access is enabled' : 'Public network access is disabled',
      evidence: { edges: edgeEvidence(exposure.edges), properties: { publicNetworkAccess: open ?? null } },
    };
  },
});
