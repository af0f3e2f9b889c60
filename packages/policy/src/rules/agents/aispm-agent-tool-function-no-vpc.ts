import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'function', 'privateNetwork'>({
  id: 'aispm-agent-tool-function-no-vpc',
  title: "Agent tool's function runs outside a private network",
  severity: 'low',
  rationale:
    'The function behind an agent tool runs whatever the model asks of it, with arguments an injected prompt can shape. Outside a VPC its egress is the open internet: a steered tool can post the data its role reads to any host, and nothing between it and the internet (security groups, VPC endpoints, egress filtering) sees or stops it.',
  remediation: {
    aws: {
      console: [
        'Lambda console → the function → Configuration → VPC → Edit: private subnets and a security group with only the egress the tool needs',
        'Reach AWS services through VPC endpoints (S3, DynamoDB, SQS) and the internet, if at all, through a NAT gateway with egress filtering',
        "Give the function's role the EC2 network-interface permissions (AWSLambdaVPCAccessExecutionRole)",
      ],
      cli: 'aws lambda update-function-configuration --function-name <fn> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
      terraform:
        'resource "aws_lambda_function" "tool" { vpc_config { subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id] security_group_ids = [aws_security_group.tool.id] } }',
    },
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html', REF.bedrockAgents],
  concepts: ['agent-tool-no-private-network'],
  appliesTo: { kinds: ['function'] },
  providers: ['aws'],
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM03:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0086', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: ['prowler:awslambda_function_inside_vpc'],
  // Only functions an agent tool is implemented by: other functions are not the agent's reach.
  scope: (fn, g) => g.in(fn.id, 'implemented-by').length > 0,
  needs: ['privateNetwork'],
  check(fn, g) {
    const vpc = fn.facts.privateNetwork;
    if (vpc === undefined) return null; // the platform does not say
    const tools = g.in(fn.id, 'implemented-by');
    return {
      fail: !vpc,
      message: vpc
        ? 'The tool function runs in a VPC'
        : `The function behind ${tools.length} agent tool(s) runs outside a VPC (unrestricted egress)`,
      evidence: { edges: edgeEvidence(tools), properties: { privateNetwork: vpc } },
    };
  },
});
