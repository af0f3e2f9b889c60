import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'inference-endpoint', 'variantInstanceCounts'>({
  id: 'aispm-aws-sagemaker-endpoint-single-instance',
  title: 'Endpoint production variant runs on a single instance',
  severity: 'low',
  rationale:
    'A single instance is one failure (or one flood of expensive requests) away from an outage: no Availability Zone redundancy for the model service.',
  remediation: {
    aws: {
      console: [
        'SageMaker console → Endpoint configurations → clone → set "Instance count" ≥ 2 for each production variant',
        'Update the endpoint; add an auto-scaling policy',
      ],
      cli: 'aws sagemaker update-endpoint-weights-and-capacities --endpoint-name <ep> --desired-weights-and-capacities VariantName=<v>,DesiredInstanceCount=2',
    },
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/best-practice-endpoint-security.html'],
  concepts: [],
  appliesTo: { kinds: ['inference-endpoint'], nativeTypes: ['AWS::SageMaker::Endpoint'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'nist-ai-600-1': ['MS-2.6-005'],
    'mitre-atlas': ['AML.T0029'],
  },
  gaiRisks: ['INFOSEC'],
  enabledByDefault: false,
  peers: ['prowler:sagemaker_endpoint_config_prod_variant_instances'],
  needs: ['variantInstanceCounts'],
  check(ep) {
    const counts = ep.facts.variantInstanceCounts;
    if (!counts || counts.length === 0) return null;
    const single = counts.filter((n) => n !== null && n < 2);
    return {
      fail: single.length > 0,
      message:
        single.length > 0
          ? `${single.length} production variant(s) run on one instance`
          : 'All production variants have ≥ 2 instances',
      evidence: { properties: { variantInstanceCounts: counts } },
    };
  },
});
