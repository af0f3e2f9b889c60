import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchAgentCore } from './fetch.ts';
import { normalizeAgentCore } from './normalize.ts';

/**
 * Bedrock AgentCore: runtimes (agents and MCP servers) and their endpoints, gateways and their targets, code
 * interpreters, browsers, memories, workload identities and the token vault's credential providers, the
 * resource-based policies of runtimes, endpoints, gateways and memories, and the AgentCore Policy engines (with
 * their Cedar policies) that decide the gateways' tool calls.
 */
export function agentCoreModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'bedrock-agentcore',
    phase: 1,
    global: false,
    itemReads: [
      awsItemRead(
        'bedrock-agentcore',
        'GetAgentRuntime',
        ['privateNetwork', 'secretFindings'],
        ['runs-as', 'uses-tool'],
      ),
      // The gateway list already says its authorizer type: a denied GetGateway loses only what the Get adds,
      // its URL among them (by which an agent runtime's environment names the gateway it calls: uses-tool).
      awsItemRead(
        'bedrock-agentcore',
        'GetGateway',
        ['debugErrors', 'policyEngineEnforced', 'policyEnginePermitsAll', 'webAclAssociated'],
        ['runs-as', 'encrypted-by', 'exposed-to-internet', 'uses-tool', 'guarded-by'],
      ),
      awsItemRead(
        'bedrock-agentcore',
        'GetGatewayTarget',
        ['toolType', 'credentialType'],
        ['implemented-by'],
      ),
      awsItemRead('bedrock-agentcore', 'GetCodeInterpreter', ['networkMode'], ['runs-as']),
      awsItemRead('bedrock-agentcore', 'GetBrowser', ['networkMode', 'sessionRecording'], ['runs-as']),
      awsItemRead(
        'bedrock-agentcore',
        'GetMemory',
        ['encryption', 'customerKeyId', 'eventRetentionDays'],
        ['runs-as', 'encrypted-by'],
      ),
      // Denied: who outside the account may invoke the runtime, endpoint or gateway, or read and write the memory,
      // is unknown (not "nobody").
      awsItemRead(
        'bedrock-agentcore',
        'GetResourcePolicy',
        ['resourcePolicyPrincipals'],
        ['can-invoke', 'can-read', 'can-write'],
        ['aispm::ExternalPrincipal'],
      ),
      awsItemRead('bedrock-agentcore', 'GetWorkloadIdentity', []),
      // Denied (or its key unusable), what the engine permits is unknown on it and on the gateways using it.
      awsItemRead('bedrock-agentcore', 'ListPolicies', ['policyCount', 'permitsAllUnconditionally']),
      // One read per token vault: denied, the encryption of every credential provider stored in it is unknown.
      awsItemRead('bedrock-agentcore', 'GetTokenVault', ['encryption', 'customerKeyId'], ['encrypted-by']),
    ],
    fetch: fetchAgentCore,
    normalize: normalizeAgentCore,
  });
}
