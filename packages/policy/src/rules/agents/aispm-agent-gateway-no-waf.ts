import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

/**
 * Low: the web ACL is a perimeter layer in front of the gateway's public endpoint (rate limits, bot control,
 * known-bad inputs, IP sets). Who may call which tool is decided by the inbound authorizer and the policy engine
 * (their own rules, critical and medium); without a web ACL nothing is open that they keep closed, but abusive
 * volumes and exploit payloads reach the gateway and its targets unfiltered.
 */
export default defineAssetRule<'agent-gateway', 'webAclAssociated'>({
  id: 'aispm-agent-gateway-no-waf',
  title: 'Agent gateway endpoint not protected by an AWS WAF web ACL',
  severity: 'low',
  rationale:
    "An AgentCore gateway's URL is a public HTTPS endpoint that fans each request out to every tool behind it. With no AWS WAF web ACL associated, nothing in front of it rate-limits a client, blocks bots or known exploit payloads, or restricts source IPs: floods run up tool and model costs and probing payloads reach the targets, stopped only by the gateway's own authorizer.",
  remediation: {
    aws: {
      console: [
        "AWS WAF console → Web ACLs → create a regional web ACL in the gateway's Region (rate-based rule, AWS managed rules such as Known bad inputs and Bot Control, IP sets as needed)",
        'Web ACL → Associated AWS resources → Add → Amazon Bedrock AgentCore gateway → select the gateway',
        "Save; check the web ACL's sampled requests and metrics before moving rules from Count to Block",
      ],
      cli: 'aws wafv2 associate-web-acl --web-acl-arn <regional-web-acl-arn> --resource-arn <gateway-arn> --region <region>',
      terraform:
        'resource "aws_wafv2_web_acl_association" "g" { resource_arn = aws_bedrockagentcore_gateway.g.gateway_arn web_acl_arn = aws_wafv2_web_acl.agents.arn }',
    },
  },
  references: [REF.agentCoreGatewayWaf],
  concepts: ['agent-gateway-no-waf'],
  appliesTo: { kinds: ['agent-gateway'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-agentic-2026': ['ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0049', 'AML.T0029', 'AML.T0034'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['webAclAssociated'],
  check(gateway) {
    const waf = gateway.facts.webAclAssociated;
    if (waf === undefined) return null;
    return {
      fail: !waf,
      message: waf
        ? 'Gateway requests pass an AWS WAF web ACL'
        : 'Gateway endpoint is reachable from the internet with no AWS WAF web ACL in front of it',
      evidence: { properties: { webAclAssociated: waf } },
    };
  },
});
