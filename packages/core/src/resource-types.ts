import type { AssetKind, Provider } from './kinds.ts';

export interface ResourceTypeMapping {
  provider: Provider;
  /** The provider's own type name (CloudFormation type, ARM type, GCP asset type). */
  nativeType: string;
  kind: AssetKind;
  note?: string;
}

/**
 * Which resource type of each cloud maps to which provider-neutral kind. This table is data: the
 * connectors normalise to these native types and a test checks every kind a normaliser emits is listed.
 */
/**
 * Guardrail-kind types that decide tool calls rather than filter model content (an AgentCore Policy engine's Cedar
 * policies): the maturity stage's "native content filters" criterion does not count them.
 */
export const TOOL_CALL_POLICY_TYPES: readonly string[] = ['AWS::BedrockAgentCore::PolicyEngine'];

export const RESOURCE_TYPES: readonly ResourceTypeMapping[] = [
  // --- accounts and org hierarchy
  {
    provider: 'aws',
    nativeType: 'AWS::Organizations::Account',
    kind: 'account',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Resources/subscriptions',
    kind: 'account',
  },
  {
    provider: 'gcp',
    nativeType: 'cloudresourcemanager.googleapis.com/Project',
    kind: 'account',
  },
  {
    provider: 'gcp',
    nativeType: 'cloudresourcemanager.googleapis.com/Folder',
    kind: 'account',
    note: 'org unit',
  },
  // --- models
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::FoundationModel',
    kind: 'model',
  },
  { provider: 'aws', nativeType: 'AWS::Bedrock::CustomModel', kind: 'model' },
  { provider: 'aws', nativeType: 'AWS::Bedrock::ImportedModel', kind: 'model' },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::ApplicationInferenceProfile',
    kind: 'model',
    note: 'application inference profile: an invocable alias of the foundation models it copies (serves them)',
  },
  { provider: 'aws', nativeType: 'AWS::SageMaker::Model', kind: 'model' },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/deployments',
    kind: 'model',
    note: 'Azure OpenAI deployment',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/models',
    kind: 'model',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/Model',
    kind: 'model',
  },
  // --- inference endpoints
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::Endpoint',
    kind: 'inference-endpoint',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts#endpoint',
    kind: 'inference-endpoint',
    note: 'the account endpoint that serves its deployments',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
    kind: 'inference-endpoint',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/Endpoint',
    kind: 'inference-endpoint',
  },
  // --- data stores
  { provider: 'aws', nativeType: 'AWS::S3::Bucket', kind: 'data-store' },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Storage/storageAccounts',
    kind: 'data-store',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    kind: 'data-store',
  },
  {
    provider: 'gcp',
    nativeType: 'storage.googleapis.com/Bucket',
    kind: 'data-store',
  },
  // --- vector stores
  {
    provider: 'aws',
    nativeType: 'AWS::OpenSearchServerless::Collection',
    kind: 'vector-store',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Search/searchServices',
    kind: 'vector-store',
    note: 'Azure AI Search',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/IndexEndpoint',
    kind: 'vector-store',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/Index',
    kind: 'vector-store',
  },
  // --- datasets and feature stores
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/Dataset',
    kind: 'dataset',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/data',
    kind: 'dataset',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/datastores',
    kind: 'dataset',
    note: "an Azure ML datastore: the workspace's reference (and credential) to a storage container",
  },
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::FeatureGroup',
    kind: 'feature-store',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/Featurestore',
    kind: 'feature-store',
  },
  // --- identities and credentials
  { provider: 'aws', nativeType: 'AWS::IAM::Role', kind: 'identity' },
  { provider: 'aws', nativeType: 'AWS::IAM::User', kind: 'identity' },
  { provider: 'aws', nativeType: 'AWS::IAM::Group', kind: 'identity' },
  { provider: 'aws', nativeType: 'AWS::IAM::AccessKey', kind: 'access-key' },
  {
    provider: 'aws',
    nativeType: 'AWS::IAM::ServiceSpecificCredential',
    kind: 'access-key',
    note: 'A Bedrock API key (long-term): an IAM service-specific credential for bedrock.amazonaws.com',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Graph/servicePrincipals',
    kind: 'identity',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    kind: 'identity',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts#localAuth',
    kind: 'access-key',
    note: 'account API keys',
  },
  {
    provider: 'gcp',
    nativeType: 'iam.googleapis.com/ServiceAccount',
    kind: 'identity',
  },
  {
    provider: 'gcp',
    nativeType: 'iam.googleapis.com/ServiceAccountKey',
    kind: 'access-key',
  },
  {
    provider: 'gcp',
    nativeType: 'apikeys.googleapis.com/Key',
    kind: 'access-key',
    note: 'An API key (Gemini / AI Studio, Vertex AI express mode, or any other API); never expires',
  },
  // --- agents, tools and knowledge bases
  { provider: 'aws', nativeType: 'AWS::Bedrock::Agent', kind: 'agent' },
  { provider: 'aws', nativeType: 'AWS::BedrockAgentCore::Gateway', kind: 'agent-gateway' },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::Runtime',
    kind: 'agent',
    note: 'AgentCore runtime serving an agent (HTTP or A2A protocol)',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::Runtime#mcp',
    kind: 'mcp-server',
    note: 'AgentCore runtime serving the MCP protocol',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::GatewayTarget',
    kind: 'agent-tool',
    note: 'Lambda, OpenAPI, Smithy, API Gateway or MCP-server target of a gateway',
  },
  { provider: 'aws', nativeType: 'AWS::BedrockAgentCore::CodeInterpreterCustom', kind: 'agent-tool' },
  { provider: 'aws', nativeType: 'AWS::BedrockAgentCore::BrowserCustom', kind: 'agent-tool' },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::Memory',
    kind: 'knowledge-base',
    note: "AgentCore memory: an agent's conversation events and the long-term records its strategies extract",
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::WorkloadIdentity',
    kind: 'identity',
    note: 'An agent identity in the AgentCore workload identity directory (outbound OAuth / API key access)',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::ApiKeyCredentialProvider',
    kind: 'access-key',
    note: 'An API key for an outside service, held in the AgentCore token vault for agents to call it with',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::OAuth2CredentialProvider',
    kind: 'access-key',
    note: 'An OAuth client (id and secret) for an outside service, held in the AgentCore token vault',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::RuntimeEndpoint',
    kind: 'inference-endpoint',
    note: "An AgentCore runtime endpoint (DEFAULT or named): how callers reach the runtime's version, with its own resource-based policy",
  },
  {
    provider: 'aws',
    nativeType: 'AWS::BedrockAgentCore::PolicyEngine',
    kind: 'guardrail',
    note: 'An AgentCore Policy engine: the Cedar policies that allow or deny each tool call of the gateways using it',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::EnforcedGuardrailConfiguration',
    kind: 'guardrail',
    note: 'The guardrails an account or its organisation enforces on every Bedrock invocation in a region',
  },
  {
    provider: 'gcp',
    nativeType: 'modelarmor.googleapis.com/FloorSetting',
    kind: 'guardrail',
    note: "Model Armor floor setting: the project's minimum screening of Vertex AI traffic",
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/ReasoningEngine',
    kind: 'agent',
    note: 'Vertex AI Agent Engine agent',
  },
  {
    provider: 'gcp',
    nativeType: 'agentregistry.googleapis.com/Agent',
    kind: 'agent',
    note: 'Agent Registry agent whose runtime is not an Agent Engine agent aispm imported (one that is joins it)',
  },
  {
    provider: 'gcp',
    nativeType: 'agentregistry.googleapis.com/McpServer',
    kind: 'mcp-server',
    note: 'MCP server registered in Agent Registry (Google-managed or external)',
  },
  {
    provider: 'gcp',
    nativeType: 'agentregistry.googleapis.com/McpServer/Tool',
    kind: 'agent-tool',
    note: 'A tool an Agent Registry MCP server lists, with its MCP annotations (read-only, open-world hints)',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::AgentActionGroup',
    kind: 'agent-tool',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::KnowledgeBase',
    kind: 'knowledge-base',
  },
  { provider: 'aws', nativeType: 'AWS::Lambda::Function', kind: 'function' },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects',
    kind: 'ml-workspace',
    note: 'Azure AI Foundry project (agents, connections, threads) under an AIServices account',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/connections',
    kind: 'agent-tool',
    note: 'Azure AI Foundry account connection (model, search, storage, API): usable by the projects it is shared with',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects/connections',
    kind: 'agent-tool',
    note: 'Azure AI Foundry project connection',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/connections#mcp',
    kind: 'mcp-server',
    note: 'Azure AI Foundry account connection to a remote tool / MCP server (category RemoteTool)',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects/connections#mcp',
    kind: 'mcp-server',
    note: 'Azure AI Foundry project connection to a remote tool / MCP server (category RemoteTool)',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects/agents',
    kind: 'agent',
    note: 'Azure AI Foundry agent',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects/agents/tools',
    kind: 'agent-tool',
    note: "Azure AI Foundry agent's built-in tool (code interpreter, file search, OpenAPI, function) that names no connection",
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp',
    kind: 'mcp-server',
    note: "Azure AI Foundry (new) agent's MCP tool: the remote MCP server its definition names, with the agent's approval setting",
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Web/sites#functionapp',
    kind: 'function',
  },
  {
    provider: 'gcp',
    nativeType: 'cloudfunctions.googleapis.com/Function',
    kind: 'function',
  },
  // --- guardrails / content filters
  { provider: 'aws', nativeType: 'AWS::Bedrock::Guardrail', kind: 'guardrail' },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts/raiPolicies',
    kind: 'guardrail',
    note: 'content filter',
  },
  {
    provider: 'gcp',
    nativeType: 'modelarmor.googleapis.com/Template',
    kind: 'guardrail',
  },
  // --- notebooks, training, workspaces, registries
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::NotebookInstance',
    kind: 'notebook',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance',
    kind: 'notebook',
  },
  {
    provider: 'gcp',
    nativeType: 'notebooks.googleapis.com/Instance',
    kind: 'notebook',
    note: 'Vertex AI Workbench',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::TrainingJob',
    kind: 'training-job',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::ModelCustomizationJob',
    kind: 'training-job',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces/jobs',
    kind: 'training-job',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/CustomJob',
    kind: 'training-job',
  },
  {
    provider: 'gcp',
    nativeType: 'aiplatform.googleapis.com/TrainingPipeline',
    kind: 'training-job',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::Domain',
    kind: 'ml-workspace',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/workspaces',
    kind: 'ml-workspace',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.CognitiveServices/accounts',
    kind: 'ai-service',
    note: 'Azure OpenAI / AI Services account',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::SageMaker::ModelPackageGroup',
    kind: 'model-registry',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.MachineLearningServices/registries',
    kind: 'model-registry',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::ProvisionedModelThroughput',
    kind: 'provisioned-throughput',
  },
  // --- keys, networks, logging
  { provider: 'aws', nativeType: 'AWS::KMS::Key', kind: 'key' },
  {
    provider: 'azure',
    nativeType: 'Microsoft.KeyVault/vaults/keys',
    kind: 'key',
  },
  {
    provider: 'gcp',
    nativeType: 'cloudkms.googleapis.com/CryptoKey',
    kind: 'key',
  },
  { provider: 'aws', nativeType: 'AWS::EC2::VPC', kind: 'network' },
  {
    provider: 'aws',
    nativeType: 'AWS::OpenSearchServerless::SecurityPolicy',
    kind: 'network',
    note: 'network policy',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Network/privateEndpoints',
    kind: 'network',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Network/virtualNetworks',
    kind: 'network',
  },
  {
    provider: 'gcp',
    nativeType: 'compute.googleapis.com/Network',
    kind: 'network',
  },
  {
    provider: 'aws',
    nativeType: 'AWS::Bedrock::ModelInvocationLoggingConfiguration',
    kind: 'logging-config',
  },
  {
    provider: 'azure',
    nativeType: 'Microsoft.Insights/diagnosticSettings',
    kind: 'logging-config',
  },
  {
    provider: 'gcp',
    nativeType: 'logging.googleapis.com/AuditConfig',
    kind: 'logging-config',
  },
  // --- attack-path pseudo assets
  { provider: 'aws', nativeType: 'aispm::Internet', kind: 'internet' },
  {
    provider: 'aws',
    nativeType: 'aispm::ExternalPrincipal',
    kind: 'external-principal',
  },
  { provider: 'azure', nativeType: 'aispm::Internet', kind: 'internet' },
  {
    provider: 'azure',
    nativeType: 'aispm::ExternalPrincipal',
    kind: 'external-principal',
  },
  { provider: 'gcp', nativeType: 'aispm::Internet', kind: 'internet' },
  {
    provider: 'gcp',
    nativeType: 'aispm::ExternalPrincipal',
    kind: 'external-principal',
  },
];

const byType = new Map(RESOURCE_TYPES.map((r) => [`${r.provider}|${r.nativeType}`, r]));

/** The kind of a native resource type, or undefined when aispm does not model it. */
export function kindOf(provider: Provider, nativeType: string): AssetKind | undefined {
  return byType.get(`${provider}|${nativeType}`)?.kind;
}
