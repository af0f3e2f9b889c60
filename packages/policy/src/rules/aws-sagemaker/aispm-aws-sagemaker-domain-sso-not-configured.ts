import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'ml-workspace', 'singleSignOn'>({
  id: 'aispm-aws-sagemaker-domain-sso-not-configured',
  title: 'SageMaker domain does not use IAM Identity Center (SSO) authentication',
  severity: 'low',
  rationale:
    'IAM-mode domains authenticate through shared IAM principals and presigned URLs; Identity Center ties every Studio session to a named person with central MFA and off-boarding.',
  remediation: {
    aws: {
      console: [
        'The authentication mode of a domain is fixed at creation: create a new domain with "IAM Identity Center" authentication',
        'Assign users and groups, migrate spaces, delete the old domain',
      ],
      cli: 'aws sagemaker create-domain --auth-mode SSO ...',
    },
  },
  references: [REF.sagemakerDomain],
  concepts: [],
  appliesTo: { kinds: ['ml-workspace'], nativeTypes: ['AWS::SageMaker::Domain'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  enabledByDefault: false,
  peers: ['prowler:sagemaker_domain_sso_configured'],
  needs: ['singleSignOn'],
  check(domain) {
    const sso = domain.facts.singleSignOn;
    if (sso === undefined) return null;
    return {
      fail: !sso,
      message: sso ? 'Domain authentication mode is SSO' : 'Domain authentication mode is not SSO',
      evidence: { properties: { singleSignOn: sso } },
    };
  },
});
