/**
 * The live AWS model the protocol handlers read. Resources are kept in (close to) the shape of the API's
 * own Describe/Get output, with the API's field names, so handlers serialise them nearly as-is. Timestamps
 * are epoch seconds; each protocol renders them its own way. Tests may mutate these objects at runtime.
 */
export type PolicyDocument = { Version: string; Statement: PolicyStatement[] };
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocument;
}
export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

export interface IamRole {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  AssumeRolePolicyDocument: PolicyDocument;
  RolePolicyList: InlinePolicy[];
  AttachedManagedPolicies: AttachedPolicy[];
  Tags: { Key: string; Value: string }[];
}
export interface IamAccessKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: number;
}
/** A credential for one service (a Bedrock API key is one for `bedrock.amazonaws.com`). */
export interface IamServiceCredential {
  ServiceSpecificCredentialId: string;
  ServiceName: string;
  ServiceUserName: string;
  Status: 'Active' | 'Inactive';
  CreateDate: number;
  /** Absent: the credential never expires. */
  ExpirationDate?: number;
}
export interface IamUser {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  GroupList: string[];
  UserPolicyList: InlinePolicy[];
  AttachedManagedPolicies: AttachedPolicy[];
  Tags: { Key: string; Value: string }[];
  accessKeys: IamAccessKey[];
  serviceCredentials?: IamServiceCredential[];
}
export interface IamGroup {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  GroupPolicyList: InlinePolicy[];
  AttachedManagedPolicies: AttachedPolicy[];
}
export interface IamManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  IsAttachable: boolean;
  CreateDate: number;
  Document: PolicyDocument;
}

export interface S3Bucket {
  Name: string;
  region: string;
  CreationDate: number;
  policy?: PolicyDocument;
  publicAccessBlock?: {
    BlockPublicAcls: boolean;
    IgnorePublicAcls: boolean;
    BlockPublicPolicy: boolean;
    RestrictPublicBuckets: boolean;
  };
  encryption: { SSEAlgorithm: 'AES256' | 'aws:kms'; KMSMasterKeyID?: string; BucketKeyEnabled?: boolean };
  versioning?: 'Enabled' | 'Suspended';
  logging?: { TargetBucket: string; TargetPrefix: string };
  tags: { Key: string; Value: string }[];
}

export interface KmsKey {
  KeyId: string;
  Arn: string;
  CreationDate: number;
  Description: string;
  KeyManager: 'CUSTOMER' | 'AWS';
  KeyState: 'Enabled' | 'Disabled' | 'PendingDeletion';
  rotationEnabled: boolean;
  policy: PolicyDocument;
}

export interface LambdaFunction {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  /** Names only are security-relevant; values are placeholders. */
  Environment?: Record<string, string>;
  KMSKeyArn?: string;
  policy?: PolicyDocument;
}

/** Bedrock objects keep the GetX output shape (camelCase, as the Bedrock API). */
export type ApiObject = Record<string, unknown>;

export interface BedrockAgent {
  agent: ApiObject & {
    agentId: string;
    agentArn: string;
    agentName: string;
    agentStatus: string;
    updatedAt: string;
  };
  actionGroups: (ApiObject & { actionGroupId: string; actionGroupName: string; actionGroupState: string })[];
  knowledgeBases: {
    knowledgeBaseId: string;
    description: string;
    knowledgeBaseState: string;
    updatedAt: string;
  }[];
}
export interface BedrockKnowledgeBase {
  knowledgeBase: ApiObject & {
    knowledgeBaseId: string;
    knowledgeBaseArn: string;
    name: string;
    status: string;
    updatedAt: string;
  };
  dataSources: (ApiObject & { dataSourceId: string; name: string; status: string; updatedAt: string })[];
}

export interface AwsRegionState {
  customModels: ApiObject[];
  importedModels: ApiObject[];
  /** ListInferenceProfiles items of type APPLICATION (system-defined profiles are not the account's). */
  inferenceProfiles: ApiObject[];
  customizationJobs: ApiObject[];
  provisionedThroughputs: ApiObject[];
  guardrails: ApiObject[];
  /** Resource-based policies of guardrails (Bedrock's GetResourcePolicy), by guardrail ARN; none: not listed. */
  guardrailPolicies: Record<string, PolicyDocument>;
  /** GetModelInvocationLoggingConfiguration's loggingConfig; undefined = logging off. */
  loggingConfig?: ApiObject;
  /** ListEnforcedGuardrailsConfiguration's items: guardrails the account or organisation enforces on every call. */
  enforcedGuardrails: ApiObject[];
  agents: BedrockAgent[];
  knowledgeBases: BedrockKnowledgeBase[];
  sagemaker: {
    endpoints: ApiObject[];
    endpointConfigs: ApiObject[];
    models: ApiObject[];
    notebooks: ApiObject[];
    lifecycleConfigs: ApiObject[];
    trainingJobs: ApiObject[];
    domains: ApiObject[];
    modelPackageGroups: (ApiObject & { policy?: PolicyDocument })[];
  };
  oss: {
    collections: ApiObject[];
    securityPolicies: ApiObject[];
    accessPolicies: ApiObject[];
  };
  kmsKeys: KmsKey[];
  lambdas: LambdaFunction[];
  agentCore: AgentCoreState;
}

/** A Bedrock AgentCore gateway (GetGateway's output) and its targets (GetGatewayTarget's outputs). */
export interface AgentCoreGateway {
  gateway: ApiObject;
  targets: ApiObject[];
}

/**
 * An AgentCore Policy engine (GetPolicyEngine's output) and its Cedar policies (GetPolicy's outputs). Gateways
 * name the engine they use, and its mode (ENFORCE or LOG_ONLY), in their `policyEngineConfiguration`.
 */
export interface AgentCorePolicyEngine {
  engine: ApiObject;
  policies: ApiObject[];
}

/** Bedrock AgentCore's control plane in one region; each item is its Get operation's output. */
export interface AgentCoreState {
  runtimes: ApiObject[];
  /**
   * Runtime endpoints (ListAgentRuntimeEndpoints items, GetAgentRuntimeEndpoint's output), each naming its runtime
   * by `agentRuntimeArn`: the DEFAULT endpoint every runtime gets, and any named one.
   */
  runtimeEndpoints: ApiObject[];
  gateways: AgentCoreGateway[];
  codeInterpreters: ApiObject[];
  browsers: ApiObject[];
  /** GetMemory's `memory`. */
  memories: ApiObject[];
  /** GetWorkloadIdentity's output. */
  workloadIdentities: ApiObject[];
  /** ListApiKeyCredentialProviders / ListOauth2CredentialProviders items. */
  apiKeyCredentialProviders: ApiObject[];
  oauth2CredentialProviders: ApiObject[];
  /** GetTokenVault's output for the region's `default` vault; undefined until something is stored in it. */
  tokenVault?: ApiObject;
  /** Resource-based policies of runtimes, runtime endpoints, gateways and memories (GetResourcePolicy), by ARN. */
  resourcePolicies: Record<string, PolicyDocument>;
  /** AgentCore Policy engines with their policies (ListPolicyEngines, ListPolicies and their Gets). */
  policyEngines: AgentCorePolicyEngine[];
}

export interface AwsAccount {
  Id: string;
  Arn: string;
  Name: string;
  Email: string;
  Status: 'ACTIVE';
  JoinedMethod: 'CREATED' | 'INVITED';
  JoinedTimestamp: number;
  parentId: string;
  iam: { roles: IamRole[]; users: IamUser[]; groups: IamGroup[]; policies: IamManagedPolicy[] };
  buckets: S3Bucket[];
  regions: Record<string, AwsRegionState>;
}

export interface AwsOrgUnit {
  Id: string;
  Arn: string;
  Name: string;
  parentId: string;
}
export interface AwsScp {
  Id: string;
  Arn: string;
  Name: string;
  Description: string;
  Type: 'SERVICE_CONTROL_POLICY';
  AwsManaged: boolean;
  Content: PolicyDocument;
  targetIds: string[];
}

export interface FoundationModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  customizationsSupported: string[];
  inferenceTypesSupported: string[];
}

export interface AwsEstate {
  organizationId: string;
  managementAccountId: string;
  rootId: string;
  /** Base credentials; they belong to the management account unless `callerAccountId` names another. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The account the base credentials belong to when it is not the management account (a delegated admin). */
  callerAccountId?: string;
  /** The base credentials' account is in no organisation: Organizations answers AWSOrganizationsNotInUseException. */
  standalone?: boolean;
  /** Member accounts registered as delegated administrators: they may call the read-only Organizations APIs. */
  delegatedAdministrators?: string[];
  /** Name of the read-only role the scanner assumes in each member account. */
  scanRoleName: string;
  regions: string[];
  ous: AwsOrgUnit[];
  scps: AwsScp[];
  accounts: AwsAccount[];
  foundationModels: FoundationModel[];
}

export function emptyRegion(): AwsRegionState {
  return {
    customModels: [],
    importedModels: [],
    inferenceProfiles: [],
    customizationJobs: [],
    provisionedThroughputs: [],
    guardrails: [],
    guardrailPolicies: {},
    enforcedGuardrails: [],
    agents: [],
    knowledgeBases: [],
    sagemaker: {
      endpoints: [],
      endpointConfigs: [],
      models: [],
      notebooks: [],
      lifecycleConfigs: [],
      trainingJobs: [],
      domains: [],
      modelPackageGroups: [],
    },
    oss: { collections: [], securityPolicies: [], accessPolicies: [] },
    kmsKeys: [],
    lambdas: [],
    agentCore: {
      runtimes: [],
      runtimeEndpoints: [],
      gateways: [],
      codeInterpreters: [],
      browsers: [],
      memories: [],
      workloadIdentities: [],
      apiKeyCredentialProviders: [],
      oauth2CredentialProviders: [],
      resourcePolicies: {},
      policyEngines: [],
    },
  };
}
