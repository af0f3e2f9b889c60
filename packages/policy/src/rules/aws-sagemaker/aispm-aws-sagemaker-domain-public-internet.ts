import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'ml-workspace', 'directInternetAccess' | 'publicNetworkAccess'>({
  id: 'aispm-aws-sagemaker-domain-public-internet',
  title: 'SageMaker domain gives Studio apps direct public internet access',
  severity: 'high',
  rationale:
    'In PublicInternetOnly mode every Studio notebook and app in the domain talks to the internet outside your VPC: data and role credentials can leave unobserved and untrusted code can come in.',
  remediation: {
    aws: {
      console: [
        'SageMaker console → Domains → the domain → Domain settings → Network',
        'Switch to "VPC only" with private subnets and VPC endpoints (SageMaker API, runtime, S3, STS)',
      ],
      cli: 'aws sagemaker update-domain --domain-id <d> --app-network-access-type VpcOnly --subnet-ids <subnets> ...',
    },
    azure: {
      console: [
        'Azure ML workspace → Networking → Public access → Disabled, and add a private endpoint',
        'Or use a managed virtual network with isolation mode "Allow only approved outbound"',
      ],
      cli: 'az ml workspace update --name <ws> --resource-group <rg> --public-network-access Disabled',
      terraform:
        'resource "azurerm_machine_learning_workspace" "ws" { public_network_access_enabled = false }',
    },
  },
  references: [REF.sagemakerVpc],
  concepts: ['notebook-direct-internet'],
  appliesTo: { kinds: ['ml-workspace'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023', 'ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0049', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['directInternetAccess', 'publicNetworkAccess'],
  check(domain, g) {
    const { directInternetAccess: direct, publicNetworkAccess: publicFact } = domain.facts;
    const exposure = g.in(domain.id, 'exposed-to-internet');
    if (direct === undefined && exposure.length === 0 && publicFact === undefined) return null;
    const open = direct === true || exposure.length > 0 || publicFact === true;
    return {
      fail: open,
      message: open ? 'Studio apps have direct internet access' : 'Domain is VPC only',
      evidence: {
        properties: { directInternetAccess: direct ?? null, publicNetworkAccess: publicFact ?? null },
        edges: edgeEvidence(exposure),
      },
    };
  },
});
