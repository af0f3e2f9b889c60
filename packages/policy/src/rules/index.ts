import { withGovernanceMappings } from '../frameworks/governance-crosswalk.ts';
import type { Rule } from '../types.ts';
import aispmAgentBrowserSessionUnrecorded from './agents/aispm-agent-browser-session-unrecorded.ts';
import aispmAgentCodeInterpreterPublicNetwork from './agents/aispm-agent-code-interpreter-public-network.ts';
import aispmAgentExcessiveAgency from './agents/aispm-agent-excessive-agency.ts';
import aispmAgentGatewayDebugErrors from './agents/aispm-agent-gateway-debug-errors.ts';
import aispmAgentGatewayNoAuthorizer from './agents/aispm-agent-gateway-no-authorizer.ts';
import aispmAgentGatewayNoWaf from './agents/aispm-agent-gateway-no-waf.ts';
import aispmAgentGatewayPolicyNotEnforced from './agents/aispm-agent-gateway-policy-not-enforced.ts';
import aispmAgentGatewayPolicyPermitAll from './agents/aispm-agent-gateway-policy-permit-all.ts';
import aispmAgentInjectionExfiltration from './agents/aispm-agent-injection-exfiltration.ts';
import aispmAgentMemoryLongRetention from './agents/aispm-agent-memory-long-retention.ts';
import aispmAgentMemoryNoCmk from './agents/aispm-agent-memory-no-cmk.ts';
import aispmAgentNoGuardrail from './agents/aispm-agent-no-guardrail.ts';
import aispmAgentRuntimePublicNetwork from './agents/aispm-agent-runtime-public-network.ts';
import aispmAgentSecretInInstructions from './agents/aispm-agent-secret-in-instructions.ts';
import aispmAgentTokenVaultNoCmk from './agents/aispm-agent-token-vault-no-cmk.ts';
import aispmAgentToolFunctionNoVpc from './agents/aispm-agent-tool-function-no-vpc.ts';
import aispmAgentToolSharedKeyAuth from './agents/aispm-agent-tool-shared-key-auth.ts';
import aispmAgentToolStaticCredential from './agents/aispm-agent-tool-static-credential.ts';
import aispmAiServiceThreatProtectionDisabled from './agents/aispm-ai-service-threat-protection-disabled.ts';
import aispmMcpServerNoApproval from './agents/aispm-mcp-server-no-approval.ts';
import aispmMcpServerNoAuth from './agents/aispm-mcp-server-no-auth.ts';
import aispmAwsBedrockAgentRoleNotLeastPrivilege from './aws-bedrock/aispm-aws-bedrock-agent-role-not-least-privilege.ts';
import aispmAwsBedrockAgentRoleShared from './aws-bedrock/aispm-aws-bedrock-agent-role-shared.ts';
import aispmAwsBedrockCustomModelUntagged from './aws-bedrock/aispm-aws-bedrock-custom-model-untagged.ts';
import aispmAwsBedrockCustomizationJobNoVpc from './aws-bedrock/aispm-aws-bedrock-customization-job-no-vpc.ts';
import aispmAwsBedrockFullAccessPolicy from './aws-bedrock/aispm-aws-bedrock-full-access-policy.ts';
import aispmAwsBedrockGuardrailContextualGroundingDisabled from './aws-bedrock/aispm-aws-bedrock-guardrail-contextual-grounding-disabled.ts';
import aispmAwsBedrockGuardrailSensitiveInfoFilterDisabled from './aws-bedrock/aispm-aws-bedrock-guardrail-sensitive-info-filter-disabled.ts';
import aispmAwsBedrockGuardrailsNotConfigured from './aws-bedrock/aispm-aws-bedrock-guardrails-not-configured.ts';
import aispmAwsBedrockInvocationLoggingDisabled from './aws-bedrock/aispm-aws-bedrock-invocation-logging-disabled.ts';
import aispmAwsBedrockInvocationLogsNotEncrypted from './aws-bedrock/aispm-aws-bedrock-invocation-logs-not-encrypted.ts';
import aispmAwsSagemakerDomainPublicInternet from './aws-sagemaker/aispm-aws-sagemaker-domain-public-internet.ts';
import aispmAwsSagemakerDomainSsoNotConfigured from './aws-sagemaker/aispm-aws-sagemaker-domain-sso-not-configured.ts';
import aispmAwsSagemakerEndpointSingleInstance from './aws-sagemaker/aispm-aws-sagemaker-endpoint-single-instance.ts';
import aispmAwsSagemakerNotebookNoVpc from './aws-sagemaker/aispm-aws-sagemaker-notebook-no-vpc.ts';
import aispmAwsSagemakerNotebookRootAccess from './aws-sagemaker/aispm-aws-sagemaker-notebook-root-access.ts';
import aispmAwsSagemakerVpcNotConfigured from './aws-sagemaker/aispm-aws-sagemaker-vpc-not-configured.ts';
import aispmEndpointDataCaptureDisabled from './aws-sagemaker/aispm-endpoint-data-capture-disabled.ts';
import aispmModelNoNetworkIsolation from './aws-sagemaker/aispm-model-no-network-isolation.ts';
import aispmNotebookSecretInStartup from './aws-sagemaker/aispm-notebook-secret-in-startup.ts';
import aispmTrainingJobNoInterContainerEncryption from './aws-sagemaker/aispm-training-job-no-inter-container-encryption.ts';
import aispmDataStoreAccessLoggingDisabled from './data/aispm-data-store-access-logging-disabled.ts';
import aispmDataStoreInsecureTransport from './data/aispm-data-store-insecure-transport.ts';
import aispmDataStoreNoInfrastructureEncryption from './data/aispm-data-store-no-infrastructure-encryption.ts';
import aispmDataStorePoisonable from './data/aispm-data-store-poisonable.ts';
import aispmDataStoreSharedKeyAccess from './data/aispm-data-store-shared-key-access.ts';
import aispmDataStoreSoftDeleteDisabled from './data/aispm-data-store-soft-delete-disabled.ts';
import aispmDataStoreUniformAccessDisabled from './data/aispm-data-store-uniform-access-disabled.ts';
import aispmDataStoreVersioningDisabled from './data/aispm-data-store-versioning-disabled.ts';
import aispmDataStoreWeakTls from './data/aispm-data-store-weak-tls.ts';
import aispmKeyRotationDisabled from './data/aispm-key-rotation-disabled.ts';
import aispmMlDatastoreStoredCredential from './data/aispm-ml-datastore-stored-credential.ts';
import aispmAgentNoCmk from './encryption/aispm-agent-no-cmk.ts';
import aispmAiServiceNoCmk from './encryption/aispm-ai-service-no-cmk.ts';
import aispmDataStoreNoCmk from './encryption/aispm-data-store-no-cmk.ts';
import aispmDatasetNoCmk from './encryption/aispm-dataset-no-cmk.ts';
import aispmEndpointNoCmk from './encryption/aispm-endpoint-no-cmk.ts';
import aispmGuardrailNoCmk from './encryption/aispm-guardrail-no-cmk.ts';
import aispmKnowledgeBaseNoCmk from './encryption/aispm-knowledge-base-no-cmk.ts';
import aispmMlWorkspaceNoCmk from './encryption/aispm-ml-workspace-no-cmk.ts';
import aispmModelNoCmk from './encryption/aispm-model-no-cmk.ts';
import aispmNotebookNoCmk from './encryption/aispm-notebook-no-cmk.ts';
import aispmTrainingJobNoCmk from './encryption/aispm-training-job-no-cmk.ts';
import aispmVectorStoreNoCmk from './encryption/aispm-vector-store-no-cmk.ts';
import aispmAiServiceLocalAuth from './exposure/aispm-ai-service-local-auth.ts';
import aispmAiServiceLoggingDisabled from './exposure/aispm-ai-service-logging-disabled.ts';
import aispmAiServiceOutboundUnrestricted from './exposure/aispm-ai-service-outbound-unrestricted.ts';
import aispmAiServicePublicNetwork from './exposure/aispm-ai-service-public-network.ts';
import aispmDataStoreExternalRead from './exposure/aispm-data-store-external-read.ts';
import aispmDataStorePublic from './exposure/aispm-data-store-public.ts';
import aispmEndpointExternalPrincipal from './exposure/aispm-endpoint-external-principal.ts';
import aispmEndpointKeyAuth from './exposure/aispm-endpoint-key-auth.ts';
import aispmEndpointPublicAccess from './exposure/aispm-endpoint-public-access.ts';
import aispmModelRegistryPublicNetwork from './exposure/aispm-model-registry-public-network.ts';
import aispmNotebookDirectInternet from './exposure/aispm-notebook-direct-internet.ts';
import aispmNotebookLocalAuth from './exposure/aispm-notebook-local-auth.ts';
import aispmNotebookSshPublic from './exposure/aispm-notebook-ssh-public.ts';
import aispmSensitiveModelInternetFacing from './exposure/aispm-sensitive-model-internet-facing.ts';
import aispmTrainingJobInteractiveShell from './exposure/aispm-training-job-interactive-shell.ts';
import aispmVectorStoreBroadAccess from './exposure/aispm-vector-store-broad-access.ts';
import aispmVectorStoreKeyAuth from './exposure/aispm-vector-store-key-auth.ts';
import aispmVectorStorePublicNetwork from './exposure/aispm-vector-store-public-network.ts';
import aispmAzureMlServerlessContentSafetyDisabled from './guardrails/aispm-azure-ml-serverless-content-safety-disabled.ts';
import aispmGuardrailHarmfulContentUnfiltered from './guardrails/aispm-guardrail-harmful-content-unfiltered.ts';
import aispmGuardrailIndirectAttackUnscreened from './guardrails/aispm-guardrail-indirect-attack-unscreened.ts';
import aispmGuardrailMaliciousUrlUnfiltered from './guardrails/aispm-guardrail-malicious-url-unfiltered.ts';
import aispmGuardrailMissingOnInvocationPath from './guardrails/aispm-guardrail-missing-on-invocation-path.ts';
import aispmGuardrailNotEnforced from './guardrails/aispm-guardrail-not-enforced.ts';
import aispmGuardrailPolicyExternalAccess from './guardrails/aispm-guardrail-policy-external-access.ts';
import aispmGuardrailPromptAttackWeak from './guardrails/aispm-guardrail-prompt-attack-weak.ts';
import aispmAiApiKeyLongTerm from './identity/aispm-ai-api-key-long-term.ts';
import aispmApiKeyUnrestricted from './identity/aispm-api-key-unrestricted.ts';
import aispmIdentityLongLivedKey from './identity/aispm-identity-long-lived-key.ts';
import aispmIdentityPrimitiveRole from './identity/aispm-identity-primitive-role.ts';
import aispmIdentityUserDirectPolicy from './identity/aispm-identity-user-direct-policy.ts';
import aispmRoleAiWildcardActions from './identity/aispm-role-ai-wildcard-actions.ts';
import aispmRoleCrossAccountTrust from './identity/aispm-role-cross-account-trust.ts';
import aispmRolePassroleWildcard from './identity/aispm-role-passrole-wildcard.ts';
import aispmRoleServiceWildcard from './identity/aispm-role-service-wildcard.ts';
import aispmRoleWildcardTrust from './identity/aispm-role-wildcard-trust.ts';
import aispmWorkloadDefaultServiceAccount from './identity/aispm-workload-default-service-account.ts';
import aispmShadowAiAccountNotApproved from './shadow-ai/aispm-shadow-ai-account-not-approved.ts';
import aispmShadowAiNoOwner from './shadow-ai/aispm-shadow-ai-no-owner.ts';
import aispmShadowAiRegionNotApproved from './shadow-ai/aispm-shadow-ai-region-not-approved.ts';
import aispmShadowAiUnapprovedModel from './shadow-ai/aispm-shadow-ai-unapproved-model.ts';
import aispmModelPickleArtifact from './supply-chain/aispm-model-pickle-artifact.ts';
import aispmModelUnpinnedPublicSource from './supply-chain/aispm-model-unpinned-public-source.ts';

/**
 * Every rule, in id order, with its EU AI Act and ISO/IEC 42001 controls from the governance crosswalk. A test
 * checks each has fixtures, valid framework ids and a unique id.
 */
export const RULES: readonly Rule[] = [
  aispmAgentBrowserSessionUnrecorded,
  aispmAgentCodeInterpreterPublicNetwork,
  aispmAgentExcessiveAgency,
  aispmAgentGatewayDebugErrors,
  aispmAgentGatewayNoAuthorizer,
  aispmAgentGatewayNoWaf,
  aispmAgentGatewayPolicyNotEnforced,
  aispmAgentGatewayPolicyPermitAll,
  aispmAgentInjectionExfiltration,
  aispmAgentMemoryLongRetention,
  aispmAgentMemoryNoCmk,
  aispmAgentNoCmk,
  aispmAgentNoGuardrail,
  aispmAgentRuntimePublicNetwork,
  aispmAgentSecretInInstructions,
  aispmAgentTokenVaultNoCmk,
  aispmAgentToolFunctionNoVpc,
  aispmAgentToolSharedKeyAuth,
  aispmAgentToolStaticCredential,
  aispmAiApiKeyLongTerm,
  aispmAiServiceLocalAuth,
  aispmAiServiceLoggingDisabled,
  aispmAiServiceNoCmk,
  aispmAiServiceOutboundUnrestricted,
  aispmAiServicePublicNetwork,
  aispmAiServiceThreatProtectionDisabled,
  aispmApiKeyUnrestricted,
  aispmAwsBedrockAgentRoleNotLeastPrivilege,
  aispmAwsBedrockAgentRoleShared,
  aispmAwsBedrockCustomizationJobNoVpc,
  aispmAwsBedrockCustomModelUntagged,
  aispmAwsBedrockFullAccessPolicy,
  aispmAwsBedrockGuardrailContextualGroundingDisabled,
  aispmAwsBedrockGuardrailSensitiveInfoFilterDisabled,
  aispmAwsBedrockGuardrailsNotConfigured,
  aispmAwsBedrockInvocationLoggingDisabled,
  aispmAwsBedrockInvocationLogsNotEncrypted,
  aispmAwsSagemakerDomainPublicInternet,
  aispmAwsSagemakerDomainSsoNotConfigured,
  aispmAwsSagemakerEndpointSingleInstance,
  aispmAwsSagemakerNotebookNoVpc,
  aispmAwsSagemakerNotebookRootAccess,
  aispmAwsSagemakerVpcNotConfigured,
  aispmDatasetNoCmk,
  aispmDataStoreAccessLoggingDisabled,
  aispmDataStoreExternalRead,
  aispmDataStoreInsecureTransport,
  aispmDataStoreNoCmk,
  aispmDataStoreNoInfrastructureEncryption,
  aispmDataStorePoisonable,
  aispmDataStorePublic,
  aispmDataStoreSharedKeyAccess,
  aispmDataStoreSoftDeleteDisabled,
  aispmDataStoreUniformAccessDisabled,
  aispmDataStoreVersioningDisabled,
  aispmDataStoreWeakTls,
  aispmEndpointDataCaptureDisabled,
  aispmEndpointExternalPrincipal,
  aispmEndpointKeyAuth,
  aispmEndpointNoCmk,
  aispmEndpointPublicAccess,
  aispmAzureMlServerlessContentSafetyDisabled,
  aispmGuardrailHarmfulContentUnfiltered,
  aispmGuardrailIndirectAttackUnscreened,
  aispmGuardrailMaliciousUrlUnfiltered,
  aispmGuardrailMissingOnInvocationPath,
  aispmGuardrailNoCmk,
  aispmGuardrailNotEnforced,
  aispmGuardrailPolicyExternalAccess,
  aispmGuardrailPromptAttackWeak,
  aispmIdentityLongLivedKey,
  aispmIdentityPrimitiveRole,
  aispmIdentityUserDirectPolicy,
  aispmKeyRotationDisabled,
  aispmKnowledgeBaseNoCmk,
  aispmMlDatastoreStoredCredential,
  aispmMlWorkspaceNoCmk,
  aispmModelNoCmk,
  aispmModelNoNetworkIsolation,
  aispmModelPickleArtifact,
  aispmModelRegistryPublicNetwork,
  aispmModelUnpinnedPublicSource,
  aispmMcpServerNoAuth,
  aispmMcpServerNoApproval,
  aispmNotebookDirectInternet,
  aispmNotebookLocalAuth,
  aispmNotebookNoCmk,
  aispmNotebookSecretInStartup,
  aispmNotebookSshPublic,
  aispmRoleAiWildcardActions,
  aispmRoleCrossAccountTrust,
  aispmRolePassroleWildcard,
  aispmRoleServiceWildcard,
  aispmRoleWildcardTrust,
  aispmSensitiveModelInternetFacing,
  aispmShadowAiAccountNotApproved,
  aispmShadowAiNoOwner,
  aispmShadowAiRegionNotApproved,
  aispmShadowAiUnapprovedModel,
  aispmTrainingJobInteractiveShell,
  aispmTrainingJobNoCmk,
  aispmTrainingJobNoInterContainerEncryption,
  aispmVectorStoreBroadAccess,
  aispmVectorStoreKeyAuth,
  aispmVectorStoreNoCmk,
  aispmVectorStorePublicNetwork,
  aispmWorkloadDefaultServiceAccount,
].map(withGovernanceMappings);

/** The rules an evaluation runs unless told otherwise (opt-in hygiene checks left out). */
export const DEFAULT_RULES: readonly Rule[] = RULES.filter((r) => r.enabledByDefault !== false);

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
