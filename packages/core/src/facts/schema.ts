import { z } from 'zod';
import type { AssetKind } from '../kinds.ts';

/** The wire form of an UnknownFact (`{"$unknown": reason}`), accepted wherever a fact is. */
export const UnknownFactSchema = z.object({ $unknown: z.string().min(1) }).strict();

/** A fact: its value, an UnknownFact when it could not be read, or absent when the resource has no such thing. */
function fact<T extends z.ZodType>(value: T) {
  return z.union([value, UnknownFactSchema]).optional();
}

const bool = () => fact(z.boolean());
const strings = () => fact(z.array(z.string()));

/** Customer-managed-key encryption, as every kind that stores data reports it. */
const encryptionFacts = {
  /** Encrypted with a customer-managed key (`keyId` names it) or with a provider-owned key (`cmk: false`). */
  encryption: fact(z.object({ cmk: z.boolean(), keyId: z.string().optional() }).strict()),
  /** A customer key named in the resource's own configuration (when no encrypted-by edge says it). */
  customerKeyId: fact(z.string().min(1)),
};

/** Reachable from public networks (an exposed-to-internet edge from `aispm:internet` means the same). */
const publicNetworkAccess = bool();

const SecretDetection = z.object({ field: z.string(), detector: z.string() }).strict();
const ModelSource = z
  .object({ registry: z.string(), id: z.string().optional(), revision: z.string().optional() })
  .strict();
/** A serving container that pulls a public-hub model (HF_MODEL_ID): its image and whether a revision pins it. */
const HubContainer = z.object({ image: z.string(), pinned: z.boolean() }).strict();
const PROMPT_ATTACK_STRENGTHS = ['none', 'low', 'medium', 'high'] as const;
export const AGENT_TOOL_TYPES = [
  'action-group',
  'function',
  'api',
  'mcp',
  'runtime',
  'code-interpreter',
  'browser',
  'web-search',
  'search',
] as const;

/** How a tool or MCP connection authenticates to what it calls (stored key, OAuth, the platform's IAM, nothing). */
const credentialType = fact(z.enum(['api-key', 'oauth', 'iam', 'none']));
/**
 * Usable from every project of the account that holds it (an Azure AI Foundry account connection with
 * `isSharedToAll`): whatever it authenticates with, every project and agent of the account calls with it.
 */
const sharedToAll = bool();

/**
 * The principals a resource-based policy allows (account ids, ARNs, `*` for everyone or a NotPrincipal), empty
 * when the resource has none: an AgentCore runtime's, runtime endpoint's, gateway's or memory's, a Bedrock
 * guardrail's. Unread, the access
 * analysis cannot tell who outside the account may invoke (or apply, read, change) it.
 */
const resourcePolicyPrincipals = strings();

/** Facts of the kinds that serve or hold a model (where it comes from, whether its hub pull is pinned). */
const modelSupplyFacts = {
  /** The public-hub model the asset serves: registry, model id and the pinned revision, if any. */
  modelSource: fact(ModelSource),
  /** Containers pulling a public-hub model by environment (`HF_MODEL_ID`), with their pin (`HF_MODEL_REVISION`). */
  hubContainers: fact(z.array(HubContainer)),
};

/**
 * The provider-neutral facts rules read, per asset kind: the one contract between connectors (which produce
 * them in `properties.facts`) and rules (which read them typed). Raw provider properties stay beside them as
 * evidence. Every fact may be an UnknownFact (`{"$unknown": reason}`) when the scanner could not read it.
 */
export const FACT_SCHEMAS = {
  account: z.object({}).strict(),
  model: z
    .object({
      ...encryptionFacts,
      ...modelSupplyFacts,
      publicNetworkAccess,
      /** The serving container has no outbound network. */
      networkIsolation: bool(),
      /** Where the weights load from (object-store URIs). */
      artifactUris: strings(),
      /** The serialisation format of the weights, when the platform reports it (e.g. `pickle`, `safetensors`). */
      artifactFormat: fact(z.string()),
      /** The serving containers run inside a private network (VPC). */
      privateNetwork: bool(),
      /**
       * Which model this is, as its maker names it: the public-hub id it pulls, the Bedrock base model it was
       * customised from, the Azure OpenAI / Foundry model it deploys. Absent when the platform does not say (a
       * model trained in house): the AI usage policy's approved models then cannot judge it.
       */
      modelId: fact(z.string()),
    })
    .strict(),
  'inference-endpoint': z
    .object({
      ...encryptionFacts,
      ...modelSupplyFacts,
      publicNetworkAccess,
      /** Request/response capture for monitoring is on. */
      dataCaptureEnabled: bool(),
      /** Instances behind each production variant (null when the platform does not say). */
      variantInstanceCounts: fact(z.array(z.number().nullable())),
      /**
       * Callers may authenticate with a static key that never expires instead of a short-lived token tied to an
       * identity (Azure ML online endpoint `authMode: Key`; `AMLToken` / `AADToken` are tokens).
       */
      localAuthEnabled: bool(),
      /**
       * The endpoint serves a generative model that takes prompts (an LLM, a foundation model), not a classic scoring
       * model fed features. Set where one endpoint type serves either (Azure ML online endpoints); absent where the
       * connector does not tell them apart.
       */
      servesGenerativeModel: bool(),
      /**
       * The platform screens the endpoint's prompts and completions with its built-in content safety, with no
       * guardrail resource of its own (Azure ML serverless endpoint `contentSafety.contentSafetyStatus: Enabled`).
       */
      contentSafetyEnabled: bool(),
      /** An AgentCore runtime endpoint's resource-based policy principals (see resourcePolicyPrincipals). */
      resourcePolicyPrincipals,
    })
    .strict(),
  'data-store': z
    .object({
      ...encryptionFacts,
      publicNetworkAccess,
      /** Server-side encryption of any kind (provider or customer key) is configured. */
      serverSideEncryption: bool(),
      /** Object versioning is on (overwritten or deleted objects can be recovered). */
      versioningEnabled: bool(),
      /** Server access logs are written somewhere. */
      accessLoggingEnabled: bool(),
      /** Anonymous (unauthenticated) reads are allowed by the store's own settings. */
      anonymousAccess: bool(),
      /** The resource policy itself is public (policy-status analysis). */
      policyIsPublic: bool(),
      /** Public principals (`allUsers`, `allAuthenticatedUsers`, `*`) in the store's IAM bindings. */
      publicMembers: strings(),
      /** Public access prevention is enforced at the store (GCS `publicAccessPrevention`). */
      publicAccessPrevented: bool(),
      /** `sensitive` when the connector classified the data (tags are read too). */
      dataClassification: fact(z.string()),
      /**
       * Requests without TLS are refused: an S3 bucket policy denying `aws:SecureTransport = false`, Azure Storage
       * "secure transfer required" (`supportsHttpsTrafficOnly`).
       */
      secureTransportRequired: bool(),
      /**
       * Deleted objects are kept for a retention period and can be restored (Azure blob soft delete, GCS soft-delete
       * policy with a non-zero duration).
       */
      softDeleteEnabled: bool(),
      /** The oldest TLS version the store accepts, as `major.minor` (Azure Storage `minimumTlsVersion`). */
      minimumTlsVersion: fact(z.string()),
      /** Shared (account) keys and the SAS tokens signed with them are accepted (Azure Storage `allowSharedKeyAccess`). */
      localAuthEnabled: bool(),
      /** A second, infrastructure-level layer of encryption is required (Azure Storage `requireInfrastructureEncryption`). */
      infrastructureEncryption: bool(),
      /** Access is governed by IAM alone; per-object ACLs are off (GCS uniform bucket-level access). */
      uniformAccess: bool(),
    })
    .strict(),
  'vector-store': z
    .object({
      ...encryptionFacts,
      publicNetworkAccess,
      /** Static API keys are accepted. */
      localAuthEnabled: bool(),
      /** Encrypted with a key the provider owns (OpenSearch Serverless `AWSOwnedKey`). */
      providerOwnedKey: bool(),
      /** The store's own data access policies: who (principals) may do what (permissions). */
      dataAccessPolicies: fact(
        z.array(
          z
            .object({ policy: z.string(), principals: z.array(z.string()), permissions: z.array(z.string()) })
            .strict(),
        ),
      ),
    })
    .strict(),
  dataset: z
    .object({
      ...encryptionFacts,
      /**
       * How the platform authenticates to the storage behind it (an Azure ML datastore's `credentialsType`): a
       * stored account key or SAS token (api-key), a service principal's secret or certificate (oauth), or no
       * stored credential — the caller's or the workspace's identity (iam).
       */
      credentialType,
    })
    .strict(),
  'feature-store': z.object({ ...encryptionFacts }).strict(),
  identity: z
    .object({
      /** Basic / administrator roles held (Owner, Editor, AdministratorAccess, PowerUserAccess …). */
      primitiveRoles: strings(),
      /** Managed policy names attached to the identity. */
      attachedPolicyNames: strings(),
      /** Allowed wildcard AI actions (`*`, `bedrock:*`, `sagemaker:*`, `aiplatform.*` …). */
      wildcardActions: strings(),
      /** Statements (by location in the policy documents) that allow those wildcard AI actions. */
      wildcardActionSources: strings(),
      /** iam:PassRole (or an equivalent) is allowed on any role. */
      passRoleWildcard: bool(),
      /** Statements that allow PassRole on any role: location, actions, resources. */
      passRoleStatements: fact(
        z.array(
          z
            .object({ source: z.string(), actions: z.array(z.string()), resources: z.array(z.string()) })
            .strict(),
        ),
      ),
      /**
       * Allowed statements with service-wide wildcard actions (`*`, `svc:*`) or NotAction (`notAction`: the actions
       * are the ones excluded).
       */
      wildcardStatements: fact(
        z.array(
          z
            .object({ actions: z.array(z.string()), source: z.string(), notAction: z.boolean().optional() })
            .strict(),
        ),
      ),
      /** The project's default compute service account (`PROJECT_NUMBER-compute@developer.gserviceaccount.com`). */
      defaultServiceAccount: bool(),
      /** Policies attached to an IAM user itself (inline and managed), not through a group or an assumed role. */
      userPolicies: strings(),
      /** AI permissions and roles the identity is granted (actions and role names). */
      aiPermissions: strings(),
      /**
       * A workload identity by its platform (a GCP service account, an Azure managed identity or service principal),
       * whose role grants the connector reports. An AWS role is a workload's only when something runs as it.
       */
      serviceIdentity: bool(),
    })
    .strict(),
  'access-key': z
    .object({
      /**
       * A stored secret (an AgentCore credential provider's API key or OAuth client secret) is encrypted at rest:
       * with a customer-managed key, or with the provider's own.
       */
      ...encryptionFacts,
      /** The credential can be used (not disabled, not expired, not platform-managed). */
      active: bool(),
      /**
       * The AI service the key is for, when it is an AI service's own API key: `bedrock` (an IAM service-specific
       * credential for Bedrock), `gemini` / `vertex-ai` (a GCP API key restricted to those APIs; the first AI API
       * among its targets). Absent for an unrestricted GCP key: see `unrestricted`.
       */
      aiService: fact(z.enum(['bedrock', 'gemini', 'vertex-ai'])),
      /** Days from creation to expiry; absent with `expires: false` when the key never expires. */
      lifetimeDays: fact(z.number().nonnegative()),
      /** The key has an expiry date (GCP API keys never have one). */
      expires: bool(),
      /**
       * A GCP API key without API restrictions: it can call every API enabled in its project, Gemini and Vertex AI
       * included. Set only for GCP API keys.
       */
      unrestricted: bool(),
    })
    .strict(),
  agent: z
    .object({
      ...encryptionFacts,
      /** The guardrail the agent's configuration names (no guarded-by edge needed). */
      guardrailId: fact(z.string()),
      /** Secrets found in the agent's text (instructions, prompts, environment) by the connector. */
      secretFindings: fact(z.array(SecretDetection)),
      /** A hosted agent runtime runs inside a private network (VPC); false: its egress is unrestricted. */
      privateNetwork: bool(),
      resourcePolicyPrincipals,
    })
    .strict(),
  'agent-tool': z
    .object({
      /** Secrets found in the tool's definition (schemas, descriptions) by the connector. */
      secretFindings: fact(z.array(SecretDetection)),
      /** What the tool is: a function, an API, an MCP server, a hosted runtime, a code interpreter, a browser, a web search, a search over the customer's own index or files. */
      toolType: fact(z.enum(AGENT_TOOL_TYPES)),
      /** Where a sandboxed tool's network reaches: the internet, nothing outside the sandbox, or a private network. */
      networkMode: fact(z.enum(['public', 'sandbox', 'private'])),
      /** How the tool authenticates to its backend: a stored API key, OAuth, the platform's IAM, or nothing. */
      credentialType,
      /** A browser tool records its sessions (replayable audit of what the agent did on the web). */
      sessionRecording: bool(),
      sharedToAll,
      /**
       * The tool puts content from the open web into the agent's context (a browser, a web-search grounding tool
       * such as Grounding with Bing Search): anyone who can publish a page can put instructions there.
       */
      readsWebContent: bool(),
      /**
       * The host the tool sends agent-chosen requests to (an OpenAPI tool's server URL): whatever the agent puts in
       * those requests leaves with them, so the tool is a channel the agent can send data out through.
       */
      outboundHost: fact(z.string().min(1)),
    })
    .strict(),
  'mcp-server': z
    .object({
      /** A hosted MCP server runs inside a private network (VPC); false: its egress is unrestricted. */
      privateNetwork: bool(),
      /** Secrets found in the server's configuration (environment) by the connector. */
      secretFindings: fact(z.array(SecretDetection)),
      /** How calls to the server authenticate: a stored API key, OAuth, the platform's IAM, or nothing. */
      credentialType,
      /**
       * Every call the agent makes to the server waits for a person's approval; false: some or all calls run on the
       * model's say-so (an agent tool's `require_approval: never`, or a filter exempting some tools).
       */
      requiresApproval: bool(),
      /**
       * The host of a remote server the agent sends tool calls to: whatever the agent puts in their arguments leaves
       * with them, so the server is a channel the agent can send data out through.
       */
      outboundHost: fact(z.string().min(1)),
      sharedToAll,
      resourcePolicyPrincipals,
    })
    .strict(),
  'agent-gateway': z
    .object({
      /** Who may call the gateway: AWS IAM (SigV4), a custom JWT authorizer, or nobody checked ("none"). */
      inboundAuthorizer: fact(z.enum(['none', 'iam', 'jwt'])),
      /** Errors go back to callers with debug detail (stack traces, backend messages). */
      debugErrors: bool(),
      /**
       * A policy engine (AgentCore Policy, Cedar) decides each tool call and its decisions are enforced; false:
       * no engine attached, or one in log-only mode (every call goes through whatever the policies say).
       */
      policyEngineEnforced: bool(),
      /**
       * The policy engine the gateway names holds an in-effect, unconditional `permit (principal, action,
       * resource);`: every caller may call every tool, whatever else it says (forbids aside). Unknown when the
       * engine or its policies could not be read or parsed; absent when the gateway names no engine.
       */
      policyEnginePermitsAll: bool(),
      /** An AWS WAF web ACL inspects the requests that reach the gateway's public endpoint. */
      webAclAssociated: bool(),
      resourcePolicyPrincipals,
    })
    .strict(),
  function: z
    .object({
      /** Runs attached to a private network (VPC subnets); false: its egress is unrestricted. */
      privateNetwork: bool(),
    })
    .strict(),
  'knowledge-base': z
    .object({
      ...encryptionFacts,
      /**
       * Days an agent memory keeps its raw conversation events (prompts, responses, tool results) before they
       * expire (AgentCore memory `eventExpiryDuration`). Absent for a knowledge base, which keeps documents.
       */
      eventRetentionDays: fact(z.number().int().positive()),
      /** An AgentCore memory's resource-based policy principals (who may read its records or write events). */
      resourcePolicyPrincipals,
    })
    .strict(),
  guardrail: z
    .object({
      ...encryptionFacts,
      /** Jailbreak / prompt-injection filter strength on input. */
      promptAttackFilter: fact(z.enum(PROMPT_ATTACK_STRENGTHS)),
      /** PII / sensitive-information filtering is on. */
      sensitiveInformationFilter: bool(),
      /** A contextual-grounding (hallucination) check is on. */
      contextualGrounding: bool(),
      /**
       * The platform applies it to every model invocation in its scope (an account's or organisation's enforced
       * guardrail, a project's Model Armor floor setting in inspect-and-block), not only where a caller names it.
       */
      enforcedOnInvocations: bool(),
      /**
       * Indirect prompt injection (instructions hidden in documents, web pages, tool results) is detected and
       * blocked: Azure's Prompt Shields for indirect attacks.
       */
      indirectAttackFilter: bool(),
      /** Prompts and responses are screened for malicious URLs (phishing, malware): Model Armor's malicious URI filter. */
      maliciousUrlFilter: bool(),
      /**
       * At least one harmful-content category (hate, violence / dangerous, sexual, self-harm, harassment, insults,
       * misconduct) is filtered.
       */
      harmfulContentFilter: bool(),
      resourcePolicyPrincipals,
      /** Policies a tool-call policy engine holds (AgentCore Policy), in any state. */
      policyCount: fact(z.number().int().nonnegative()),
      /**
       * A tool-call policy engine holds an in-effect `permit (principal, action, resource);` with no condition:
       * every caller may call every tool of the gateways it guards. Only that exact Cedar form counts; a policy
       * that cannot be parsed leaves it unknown, never false.
       */
      permitsAllUnconditionally: bool(),
    })
    .strict(),
  notebook: z
    .object({
      ...encryptionFacts,
      publicNetworkAccess,
      /** Attached to a private network (VPC subnet). */
      privateNetwork: bool(),
      /** Users get root on the instance. */
      rootAccess: bool(),
      /** The instance has direct internet access. */
      directInternetAccess: bool(),
      /** Secrets found in startup scripts / metadata by the connector. */
      secretFindings: fact(z.array(SecretDetection)),
      /** SSH to the instance is open to the internet (Azure ML compute instance `sshPublicAccess`). */
      sshPublicAccess: bool(),
      /** Keys and tokens local to the compute are accepted besides Entra ID (Azure ML compute `disableLocalAuth`). */
      localAuthEnabled: bool(),
    })
    .strict(),
  'training-job': z
    .object({
      ...encryptionFacts,
      /** The job's containers have no outbound network. */
      networkIsolation: bool(),
      /** Traffic between the job's instances is encrypted. */
      interContainerEncryption: bool(),
      /** Instances the job runs on (one instance has no inter-container traffic). */
      instanceCount: fact(z.number()),
      /** Runs inside a private network (VPC). */
      privateNetwork: bool(),
      /** Users can open an interactive shell in the running containers (Vertex AI custom job `enableWebAccess`). */
      interactiveShell: bool(),
    })
    .strict(),
  'ai-service': z
    .object({
      ...encryptionFacts,
      publicNetworkAccess,
      /** Static API keys are accepted. */
      localAuthEnabled: bool(),
      /** Diagnostic / invocation logs go somewhere. */
      loggingEnabled: bool(),
      /**
       * Outbound calls the service makes for itself (data sources, webhooks) may go only to an allow-list of hosts
       * (Azure AI `restrictOutboundNetworkAccess`).
       */
      outboundNetworkRestricted: bool(),
      /**
       * AI threat protection watches the service's traffic for jailbreaks, prompt injection, data leakage and
       * abuse and raises alerts (Microsoft Defender for AI services `defenderForAISettings` state Enabled).
       */
      threatProtection: bool(),
    })
    .strict(),
  'ml-workspace': z
    .object({
      ...encryptionFacts,
      publicNetworkAccess,
      /** Apps in the workspace reach the internet directly (not through the private network). */
      directInternetAccess: bool(),
      /** Users sign in through the organisation's identity provider (SSO), not workspace-local users. */
      singleSignOn: bool(),
      /** The workspace's apps run inside a private network (VPC). */
      privateNetwork: bool(),
    })
    .strict(),
  'model-registry': z
    .object({
      /** Reachable from public networks (an Azure ML registry's `publicNetworkAccess`). */
      publicNetworkAccess,
    })
    .strict(),
  'provisioned-throughput': z.object({}).strict(),
  key: z
    .object({
      /** Automatic key rotation is on. */
      rotationEnabled: bool(),
      /** Who manages the key: the customer, or the provider (AWS-managed keys). */
      keyManager: fact(z.enum(['CUSTOMER', 'PROVIDER'])),
    })
    .strict(),
  network: z.object({}).strict(),
  'logging-config': z
    .object({
      /** Model invocation logging is on. */
      loggingEnabled: bool(),
      /** The log group the logs go to is encrypted with a key (false when the configuration names none). */
      logGroupEncrypted: bool(),
    })
    .strict(),
  internet: z.object({}).strict(),
  'external-principal': z.object({}).strict(),
} as const satisfies Record<AssetKind, z.ZodObject>;

/** The facts of one asset kind, as rules read them (each may be an UnknownFact, or absent). */
export type FactsOf<K extends AssetKind> = z.infer<(typeof FACT_SCHEMAS)[K]>;
/** The fact names of a kind (of every kind in K, when K is a union: the facts they share). */
export type FactKey<K extends AssetKind> = keyof FactsOf<K> & string;
