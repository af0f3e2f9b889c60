import { z } from 'zod';

export const PROVIDERS = ['aws', 'azure', 'gcp'] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

/**
 * Provider-neutral asset kinds. Rules and attack paths are written against these, so a new cloud adds
 * facts (a mapping row and a normalizer), not rules.
 */
export const ASSET_KINDS = {
  account: 'A cloud account, subscription or project (and the org units above it)',
  model: 'A trained or foundation model, or a deployment of one',
  'inference-endpoint': 'A network endpoint that serves model predictions',
  'data-store': 'Object storage holding training data, model artifacts or knowledge-base documents',
  'vector-store': 'A vector index / search service used for retrieval',
  dataset: 'A managed dataset registered with an ML platform',
  'feature-store': 'A managed feature store',
  identity: 'A role, user, group, service principal, managed identity or service account',
  'access-key': 'A long-lived credential attached to an identity (access key, SA key, account key)',
  agent: 'An LLM agent that plans and calls tools',
  'agent-tool':
    'A tool an agent can call (action group, function, gateway target, code interpreter, browser)',
  'mcp-server':
    'A Model Context Protocol server an agent can call (gateway MCP target, Foundry MCP connection, registry entry)',
  'agent-gateway':
    'A gateway in front of agents or their tools (AgentCore gateway, Foundry connection hub, API gateway for MCP)',
  function: 'Serverless compute (Lambda, Azure Function, Cloud Function)',
  'knowledge-base':
    "A retrieval-augmented-generation knowledge base, or an agent's long-term memory (AgentCore memory)",
  guardrail: 'A guardrail or content filter policy applied to model traffic',
  notebook: 'A managed notebook or workbench instance',
  'training-job': 'A training / fine-tuning / pipeline job',
  'ai-service': 'An AI platform account or service that hosts deployments (Azure OpenAI account …)',
  'ml-workspace': 'An ML workspace or domain (SageMaker domain, Azure ML workspace)',
  'model-registry': 'A model registry or model package group',
  'provisioned-throughput': 'Reserved model capacity',
  key: 'An encryption key (KMS, Key Vault, Cloud KMS)',
  network: 'A network boundary: VPC, VNet, private endpoint, network policy',
  'logging-config': 'An audit / invocation / diagnostic logging configuration',
  internet: 'The public internet, as an attack-path entry point',
  'external-principal': 'A principal outside the organisation (foreign account, public "*", federated IdP)',
} as const;

export type AssetKind = keyof typeof ASSET_KINDS;
export const AssetKindSchema = z.enum(Object.keys(ASSET_KINDS) as [AssetKind, ...AssetKind[]]);

/** Edge kinds, always read "from → to". Access edges point from principal to resource. */
export const EDGE_KINDS = {
  contains: 'account/org unit/workspace contains the asset',
  'trained-on': 'model was trained or fine-tuned on data in the data store / dataset',
  'produced-by': 'model artifact was produced by the training job',
  'reads-from': 'job / knowledge base / tool reads data from the store',
  'writes-to': 'job / tool writes its output to the store',
  serves: 'inference endpoint or provisioned throughput serves the model',
  'uses-model': 'agent or knowledge base uses the model',
  'uses-knowledge-base': 'agent retrieves from the knowledge base',
  'uses-tool': 'agent can call the tool or MCP server',
  'implemented-by': 'agent tool is implemented by the function',
  'stores-vectors-in': 'knowledge base keeps embeddings in the vector store',
  'guarded-by': 'model traffic of the asset passes the guardrail / content filter',
  'encrypted-by': 'asset is encrypted with the key',
  'runs-as': 'asset executes with the identity',
  'has-key': 'identity owns the long-lived credential',
  'member-of': 'identity is a member of the group',
  'can-assume': 'principal may assume / impersonate the identity (trust policy, role binding)',
  'can-invoke': 'principal may invoke the model, endpoint or agent',
  'can-read': 'principal may read data from the asset',
  'can-write': 'principal may write or delete data in the asset',
  'can-pass-role': 'principal may pass the identity to an AI service',
  'can-admin': 'principal may change the configuration or access policy of the asset',
  'exposed-to-internet': 'the internet can reach the asset',
  'in-network': 'asset is attached to / reachable only from the network',
  'logs-to': 'asset sends invocation / diagnostic logs to the destination',
  'registered-in': 'model is registered in the registry',
} as const;

export type EdgeKind = keyof typeof EDGE_KINDS;
export const EdgeKindSchema = z.enum(Object.keys(EDGE_KINDS) as [EdgeKind, ...EdgeKind[]]);

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 9,
  high: 7,
  medium: 5,
  low: 3,
  info: 1,
};
