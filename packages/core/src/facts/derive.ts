import type { AssetKind } from '../kinds.ts';
import {
  attachedPolicyNames,
  environmentNames,
  get,
  nonEmpty,
  pick,
  policyStatements,
  secretDetections,
  truthy,
} from './raw.ts';
import type { FactsOf } from './schema.ts';

type Props = Record<string, unknown>;
type Deriver<K extends AssetKind> = (p: Props) => FactsOf<K>;

/** Drops the facts a resource did not report, so absent stays absent (not `undefined` keys in the JSON). */
function defined<T extends object>(facts: T): T {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as T;
}

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Config fields that name a customer key, per kind (a list path `a[].b` names one when every element has it). */
const KEY_FIELDS: Partial<Record<AssetKind, string[]>> = {
  agent: ['customerEncryptionKeyArn'],
  dataset: ['kmsKeyName', 'encryptionSpec.kmsKeyName'],
  'feature-store': ['kmsKeyName', 'encryptionSpec.kmsKeyName'],
  'inference-endpoint': ['kmsKeyId'],
  guardrail: ['kmsKeyArn'],
  // Bedrock's CMK sits on each data source (transient ingestion data): every one of them must name one.
  'knowledge-base': ['kmsKeyArn', 'dataSources[].kmsKeyArn'],
  'ml-workspace': ['kmsKeyId'],
  model: ['modelKmsKeyArn'],
  notebook: ['kmsKeyId'],
  'training-job': [
    'outputKmsKeyId',
    'volumeKmsKeyId',
    'outputDataConfig.kmsKeyId',
    'resourceConfig.volumeKmsKeyId',
    'outputModelKmsKeyArn',
  ],
  'vector-store': ['kmsKeyArn', 'encryptionPolicy.KmsARN'],
};

function keyField(p: Props, field: string): string | undefined {
  const [listPath, inner] = field.split('[].');
  if (inner === undefined) {
    const v = get(p, field);
    // 'auto' is how OpenSearch Serverless reports an AWS-owned key.
    return typeof v === 'string' && v.length > 0 && v !== 'auto' ? v : undefined;
  }
  const list = get(p, listPath ?? '');
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const keys = list.map((x) => get(x, inner));
  return keys.every((k) => typeof k === 'string' && k.length > 0) ? String(keys[0]) : undefined;
}

function encryptionOf(kind: AssetKind, p: Props) {
  const neutral = p.encryption as { cmk?: unknown; keyId?: unknown } | undefined;
  const encryption =
    neutral && typeof neutral === 'object' && typeof neutral.cmk === 'boolean'
      ? { cmk: neutral.cmk, ...(typeof neutral.keyId === 'string' ? { keyId: neutral.keyId } : {}) }
      : undefined;
  let customerKeyId: string | undefined;
  for (const field of KEY_FIELDS[kind] ?? []) {
    customerKeyId = keyField(p, field);
    if (customerKeyId) break;
  }
  return { encryption, customerKeyId };
}

/** AgentCore gateway authorizerType (CUSTOM_JWT | AWS_IAM | NONE); anything else stays unknown. */
const inboundAuthorizer = (v: unknown): 'none' | 'iam' | 'jwt' | undefined =>
  v === 'NONE' ? 'none' : v === 'AWS_IAM' ? 'iam' : v === 'CUSTOM_JWT' ? 'jwt' : undefined;

const PROMPT_STRENGTHS = ['none', 'low', 'medium', 'high'] as const;
type Strength = (typeof PROMPT_STRENGTHS)[number];
const strength = (v: unknown): Strength | undefined =>
  typeof v === 'string' && (PROMPT_STRENGTHS as readonly string[]).includes(v.toLowerCase())
    ? (v.toLowerCase() as Strength)
    : undefined;

/** Prompt-attack filter strength: the neutral fact, a flat strength, or Bedrock's PROMPT_ATTACK content filter. */
function promptAttackFilter(p: Props): Strength {
  const direct = strength(p.promptAttackFilter) ?? strength(p.promptAttackStrength);
  if (direct) return direct;
  const filters = get(p, 'contentFilters') ?? get(p, 'contentPolicy.filters');
  if (!Array.isArray(filters)) return 'none';
  const f = filters.find((x) => get(x, 'type') === 'PROMPT_ATTACK');
  return strength(String(get(f, 'inputStrength') ?? 'NONE')) ?? 'none';
}

function sensitiveInformationFilter(p: Props): boolean {
  const neutral = get(p, 'sensitiveInformationFilter');
  if (typeof neutral === 'boolean') return neutral;
  const policy = get(p, 'sensitiveInformationPolicy');
  return (
    nonEmpty(get(p, 'piiEntities')) ||
    nonEmpty(get(p, 'regexes')) ||
    nonEmpty(get(policy, 'piiEntities')) ||
    nonEmpty(get(policy, 'regexes'))
  );
}

function contextualGrounding(p: Props): boolean {
  const filters = get(p, 'contextualGrounding') ?? get(p, 'contextualGroundingPolicy.filters');
  if (typeof filters === 'boolean') return filters;
  return Array.isArray(filters) && filters.some((f) => get(f, 'type') === 'GROUNDING');
}

/** Harmful-content categories a guardrail can filter, by the names Bedrock, Azure AI and Model Armor use. */
const HARMFUL_CONTENT =
  /^(hate|hate_speech|violence|sexual|sexually_explicit|insults|misconduct|selfharm|self_harm|harassment|dangerous)$/i;

/**
 * Whether any harmful-content category is filtered: Model Armor's `raiFilters`, Bedrock content filters (a strength
 * other than NONE on input or output) or Azure content filters (`enabled`). Unknown when the guardrail lists none.
 */
function harmfulContentFilter(p: Props): boolean | undefined {
  const rai = get(p, 'raiFilters');
  if (Array.isArray(rai)) return rai.length > 0;
  const filters = get(p, 'contentFilters') ?? get(p, 'contentPolicy.filters');
  if (!Array.isArray(filters)) return undefined;
  return filters.some((f) => {
    const category = String(get(f, 'type') ?? get(f, 'name') ?? '');
    if (!HARMFUL_CONTENT.test(category)) return false;
    const enabled = get(f, 'enabled');
    if (typeof enabled === 'boolean') return enabled;
    const on = (v: unknown) => typeof v === 'string' && v.toUpperCase() !== 'NONE';
    return on(get(f, 'inputStrength')) || on(get(f, 'outputStrength'));
  });
}

/** An `ENABLED` / `DISABLED` setting (Model Armor filter enforcement, Azure `sshPublicAccess`) as a boolean. */
function enabledSetting(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.toLowerCase();
  return s === 'enabled' ? true : s === 'disabled' ? false : undefined;
}

/** Azure Storage `minimumTlsVersion` (`TLS1_0`, `TLS1_2` …) as `1.0`, `1.2` …; a neutral `1.2` passes as it is. */
function tlsVersion(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(?:TLS)?v?(\d)[._](\d)$/i.exec(v.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** Local (key) authentication: the neutral flag, or Azure's inverse `disableLocalAuth`. */
function localAuthEnabled(p: Props): boolean | undefined {
  const flag = truthy(pick(p, 'localAuthEnabled')?.value);
  if (flag !== undefined) return flag;
  const disable = pick(p, 'disableLocalAuth');
  return disable ? truthy(disable.value) === false : undefined;
}

/** Azure ML endpoint `authMode`: `Key` is a static key; `AMLToken` / `AADToken` are expiring tokens. */
function keyAuthMode(v: unknown): boolean | undefined {
  if (typeof v !== 'string') return undefined;
  const mode = v.toLowerCase();
  return mode === 'key' ? true : mode === 'amltoken' || mode === 'aadtoken' ? false : undefined;
}

const CREDENTIAL_TYPES = ['api-key', 'oauth', 'iam', 'none'] as const;
const credentialTypeOf = (v: unknown) =>
  (CREDENTIAL_TYPES as readonly unknown[]).includes(v) ? (v as (typeof CREDENTIAL_TYPES)[number]) : undefined;

function artifactUris(p: Props): string[] | undefined {
  const uris: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') uris.push(v);
    else if (Array.isArray(v)) for (const x of v) add(x);
  };
  add(p.artifactUris);
  add(get(p, 'primaryContainer.modelDataUrl'));
  add(get(p, 'modelDataUrl'));
  add(get(p, 'modelDataSource.s3Uri'));
  add(get(p, 'modelDataSource.s3DataSource.s3Uri'));
  const containers = get(p, 'containers');
  if (Array.isArray(containers)) for (const c of containers) add(get(c, 'modelDataUrl'));
  return uris.length > 0 ? uris : undefined;
}

function modelSupply(p: Props) {
  const source = get(p, 'modelSource');
  const modelSource =
    source && typeof source === 'object'
      ? defined({
          registry: String(get(source, 'registry') ?? ''),
          id: str(get(source, 'id')),
          revision: str(get(source, 'revision')),
        })
      : undefined;
  const containers: unknown[] = [];
  const primary = get(p, 'primaryContainer');
  if (primary) containers.push(primary);
  const many = get(p, 'containers');
  if (Array.isArray(many)) containers.push(...many);
  if (containers.length === 0) containers.push(p);
  const hub = containers.flatMap((c) => {
    const names = environmentNames(c);
    if (!names.includes('HF_MODEL_ID')) return [];
    return [{ image: String(get(c, 'image') ?? 'container'), pinned: names.includes('HF_MODEL_REVISION') }];
  });
  return { modelSource, hubContainers: hub.length > 0 ? hub : undefined };
}

/** The model's maker-given id: a public-hub id, a Bedrock base model (from its ARN), an Azure deployment's model. */
function modelIdOf(p: Props): string | undefined {
  const hub = str(get(p, 'modelSource.id'));
  if (hub) return hub;
  const foundation = /:foundation-model\/(.+)$/.exec(str(p.baseModelArn) ?? '')?.[1];
  if (foundation) return foundation;
  return str(get(p, 'model.name'));
}

/** A subnet or private-network flag: set and not false/empty means attached. */
function privateNetworkOf(p: Props, ...paths: string[]): boolean | undefined {
  const v = pick(p, ...paths);
  return v === undefined ? undefined : v.value !== false && v.value !== '';
}

function vpcConfigured(p: Props): boolean {
  const flag = get(p, 'vpcConfigured') ?? get(p, 'privateNetwork');
  if (typeof flag === 'boolean') return flag;
  return nonEmpty(get(p, 'vpcConfig.subnets') ?? get(p, 'vpcConfig.subnetIds'));
}

function accessLoggingEnabled(p: Props): boolean | undefined {
  const flag = pick(p, 'accessLoggingEnabled', 'accessLogging');
  const target = pick(
    p,
    'logging.targetBucket',
    'logging.loggingEnabled.targetBucket',
    'loggingEnabled.targetBucket',
    'loggingEnabled',
  );
  if (!flag && !target) return undefined;
  return truthy(flag?.value) ?? (target ? nonEmpty(target.value) && target.value !== false : false);
}

/** Blob soft delete (Azure `deleteRetentionPolicy.enabled`) or a GCS soft-delete policy longer than zero seconds. */
function softDeleteEnabled(p: Props): boolean | undefined {
  const azure = get(p, 'deleteRetentionPolicy.enabled');
  if (typeof azure === 'boolean') return azure;
  const seconds = get(p, 'softDeletePolicy.retentionDurationSeconds');
  if (seconds === undefined || seconds === null) return undefined;
  return Number(seconds) > 0;
}

function versioningEnabled(p: Props): boolean | undefined {
  const v = pick(p, 'versioningEnabled', 'versioning.status', 'versioningStatus', 'versioning');
  return v ? truthy(v.value) === true : undefined;
}

function dataAccessPolicies(p: Props) {
  const policies = p.dataAccessPolicies;
  if (!Array.isArray(policies)) return undefined;
  return policies.map((x) => {
    const rec = (x ?? {}) as Record<string, unknown>;
    return {
      policy: String(rec.policy ?? rec.name ?? ''),
      principals: Array.isArray(rec.principals) ? rec.principals.map(String) : [],
      permissions: Array.isArray(rec.permissions) ? rec.permissions.map(String) : [],
    };
  });
}

const PRIMITIVE = /^(roles\/(owner|editor)|owner|contributor|AdministratorAccess|PowerUserAccess)$/i;
const AI_WILDCARD = /^(\*|bedrock:\*|sagemaker:\*|bedrock-agent:\*|aiplatform\.\*|cognitiveservices:\*)$/i;
const SERVICE_WILDCARD = /^(\*|[a-z0-9-]+:\*)$/i;
const AI_ACTION =
  /^(\*|bedrock:|bedrock-agent:|bedrock-agent-runtime:|sagemaker:|aoss:|aiplatform\.|cognitiveservices:)/i;
/** GCP / Azure role names that carry AI permissions (or everything). */
const AI_ROLE =
  /^(roles\/(owner|editor|aiplatform\.[a-z]+|ml\.[a-z]+)|owner|contributor|cognitive services .*)$/i;
const PASS_ROLE = /^(\*|iam:\*|iam:passrole|iam:pass\*)$/i;

/** An IAM user's own policies: its inline policies' names and the managed policies attached to it. */
function userPolicyNames(p: Props, attached: string[]): string[] {
  const inline = Array.isArray(p.inlinePolicies) ? p.inlinePolicies : [];
  const names = inline.map((x) => String(get(x, 'name') ?? get(x, 'PolicyName') ?? 'inline'));
  return [...names, ...attached];
}

/** An identity's permissions digested into the neutral facts rules read. */
function identityFacts(p: Props): FactsOf<'identity'> {
  const statements = policyStatements(p);
  const allowed = statements.filter((s) => s.effect === 'Allow' && !s.notActions);
  const neutralPrimitive = Array.isArray(p.primitiveRoles) ? p.primitiveRoles.map(String) : [];
  const attached = attachedPolicyNames(p);
  const neutralWildcard = Array.isArray(p.wildcardActions) ? p.wildcardActions.map(String) : [];
  const aiWildcardStatements = allowed.filter((s) => s.actions.some((a) => AI_WILDCARD.test(a)));
  const passRole = allowed
    .filter(
      (s) =>
        s.actions.some((a) => PASS_ROLE.test(a)) &&
        s.resources.some((r) => r === '*' || r.endsWith(':role/*')),
    )
    .map((s) => ({ source: s.source, actions: s.actions, resources: s.resources }));
  const roles = ['projectRoles', 'primitiveRoles', 'roles'].flatMap((k) => {
    const v = p[k];
    return Array.isArray(v)
      ? v.map((r) => (typeof r === 'string' ? r : String((r as { roleName?: unknown })?.roleName ?? '')))
      : [];
  });
  return {
    primitiveRoles: [...neutralPrimitive, ...attached.filter((n) => PRIMITIVE.test(n))],
    attachedPolicyNames: attached,
    wildcardActions: [
      ...new Set([
        ...neutralWildcard,
        ...aiWildcardStatements.flatMap((s) => s.actions.filter((a) => AI_WILDCARD.test(a))),
      ]),
    ],
    wildcardActionSources: aiWildcardStatements.map((s) => s.source),
    passRoleWildcard: p.passRoleWildcard === true || passRole.length > 0,
    passRoleStatements: passRole,
    wildcardStatements: statements
      .filter(
        (s) => s.effect === 'Allow' && (s.notActions || s.actions.some((a) => SERVICE_WILDCARD.test(a))),
      )
      .map((s) => ({ actions: s.actions, source: s.source, ...(s.notActions ? { notAction: true } : {}) })),
    aiPermissions: [
      ...allowed.flatMap((s) => s.actions.filter((x) => AI_ACTION.test(x))),
      ...roles.filter((r) => AI_ROLE.test(r)),
    ],
    ...(p.identityType === 'user' ? { userPolicies: userPolicyNames(p, attached) } : {}),
    ...(typeof p.defaultComputeServiceAccount === 'boolean'
      ? { defaultServiceAccount: p.defaultComputeServiceAccount }
      : {}),
    // GCP and Azure connectors report a service identity's role grants as `primitiveRoles`.
    ...(Array.isArray(p.primitiveRoles) ? { serviceIdentity: true } : {}),
  };
}

const DERIVERS: { [K in AssetKind]: Deriver<K> } = {
  account: () => ({}),
  model: (p) =>
    defined({
      ...encryptionOf('model', p),
      ...modelSupply(p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      networkIsolation: truthy(pick(p, 'networkIsolation', 'enableNetworkIsolation')?.value),
      artifactUris: artifactUris(p),
      artifactFormat: str(p.artifactFormat),
      privateNetwork: vpcConfigured(p),
      modelId: modelIdOf(p),
    }),
  'inference-endpoint': (p) => {
    const variants = get(p, 'productionVariants');
    return defined({
      ...encryptionOf('inference-endpoint', p),
      ...modelSupply(p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      dataCaptureEnabled: truthy(pick(p, 'dataCaptureEnabled', 'dataCaptureConfig.enableCapture')?.value),
      localAuthEnabled: localAuthEnabled(p) ?? keyAuthMode(p.authMode),
      variantInstanceCounts:
        Array.isArray(variants) && variants.length > 0
          ? variants.map((v) => {
              const n = get(v, 'initialInstanceCount') ?? get(v, 'currentInstanceCount');
              return typeof n === 'number' ? n : null;
            })
          : undefined,
    });
  },
  'data-store': (p) => {
    const sse = p.encryption;
    const prevention = str(p.publicAccessPrevention);
    return defined({
      ...encryptionOf('data-store', p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      serverSideEncryption: !(sse === undefined || sse === null || sse === '' || sse === false),
      versioningEnabled: versioningEnabled(p),
      accessLoggingEnabled: accessLoggingEnabled(p),
      anonymousAccess: p.anonymousAccess === true || p.allowBlobPublicAccess === true,
      policyIsPublic: truthy(get(p, 'policyIsPublic') ?? get(p, 'policyStatus.isPublic')),
      publicMembers: Array.isArray(p.publicMembers) ? p.publicMembers.map(String) : undefined,
      publicAccessPrevented: prevention === undefined ? undefined : prevention === 'enforced',
      dataClassification: str(p.dataClassification),
      secureTransportRequired: bool(p.secureTransportRequired) ?? bool(p.supportsHttpsTrafficOnly),
      softDeleteEnabled: softDeleteEnabled(p),
      minimumTlsVersion: tlsVersion(p.minimumTlsVersion),
      localAuthEnabled: localAuthEnabled(p) ?? bool(p.allowSharedKeyAccess),
      infrastructureEncryption: bool(get(p, 'encryption.requireInfrastructureEncryption')),
      uniformAccess: bool(p.uniformBucketLevelAccess),
    });
  },
  'vector-store': (p) =>
    defined({
      ...encryptionOf('vector-store', p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      localAuthEnabled: localAuthEnabled(p),
      providerOwnedKey: get(p, 'encryptionPolicy.awsOwnedKey') === true ? true : undefined,
      dataAccessPolicies: dataAccessPolicies(p),
    }),
  dataset: (p) =>
    defined({ ...encryptionOf('dataset', p), credentialType: credentialTypeOf(p.credentialType) }),
  'feature-store': (p) => defined(encryptionOf('feature-store', p)),
  identity: identityFacts,
  'access-key': (p) =>
    defined({
      active:
        !(p.disabled === true || p.keyType === 'SYSTEM_MANAGED') &&
        (p.status === undefined || String(p.status).toLowerCase() === 'active'),
      ...keyLifetime(p),
    }),
  agent: (p) =>
    defined({
      ...encryptionOf('agent', p),
      guardrailId: str(get(p, 'guardrailIdentifier') ?? get(p, 'guardrailConfiguration.guardrailIdentifier')),
      secretFindings: secretDetections(p),
      privateNetwork: bool(p.privateNetwork),
    }),
  'agent-tool': (p) => ({ secretFindings: secretDetections(p) }),
  'mcp-server': (p) =>
    defined({ secretFindings: secretDetections(p), privateNetwork: bool(p.privateNetwork) }),
  'agent-gateway': (p) => defined({ inboundAuthorizer: inboundAuthorizer(get(p, 'authorizerType')) }),
  function: (p) => defined({ privateNetwork: 'vpcConfigured' in p ? vpcConfigured(p) : undefined }),
  'knowledge-base': (p) =>
    defined({
      ...encryptionOf('knowledge-base', p),
      // AgentCore memory: days its raw conversation events are kept.
      eventRetentionDays: typeof p.eventExpiryDuration === 'number' ? p.eventExpiryDuration : undefined,
    }),
  guardrail: (p) =>
    defined({
      ...encryptionOf('guardrail', p),
      promptAttackFilter: promptAttackFilter(p),
      sensitiveInformationFilter: sensitiveInformationFilter(p),
      contextualGrounding: contextualGrounding(p),
      maliciousUrlFilter: enabledSetting(p.maliciousUriFilter),
      harmfulContentFilter: harmfulContentFilter(p),
    }),
  notebook: (p) =>
    defined({
      ...encryptionOf('notebook', p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      privateNetwork: privateNetworkOf(p, 'privateNetwork', 'subnetId'),
      rootAccess:
        truthy(pick(p, 'rootAccess')?.value) === true ? true : pick(p, 'rootAccess') ? false : undefined,
      directInternetAccess: truthy(pick(p, 'directInternetAccess')?.value),
      secretFindings: secretDetections(p),
      sshPublicAccess: enabledSetting(p.sshPublicAccess),
      localAuthEnabled: localAuthEnabled(p),
    }),
  'training-job': (p) => {
    const count = get(p, 'resourceConfig.instanceCount');
    return defined({
      ...encryptionOf('training-job', p),
      networkIsolation: truthy(pick(p, 'networkIsolation', 'enableNetworkIsolation')?.value),
      interContainerEncryption: truthy(
        pick(p, 'interContainerEncryption', 'enableInterContainerTrafficEncryption')?.value,
      ),
      instanceCount: typeof count === 'number' ? count : undefined,
      privateNetwork: vpcConfigured(p),
      interactiveShell: bool(p.enableWebAccess),
    });
  },
  'ai-service': (p) =>
    defined({
      ...encryptionOf('ai-service', p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      localAuthEnabled: localAuthEnabled(p),
      loggingEnabled: bool(p.loggingEnabled),
      outboundNetworkRestricted: bool(p.restrictOutboundNetworkAccess),
    }),
  'ml-workspace': (p) => {
    const mode = get(p, 'appNetworkAccessType');
    const auth = get(p, 'authMode');
    return defined({
      ...encryptionOf('ml-workspace', p),
      publicNetworkAccess: bool(p.publicNetworkAccess),
      directInternetAccess: mode === undefined ? undefined : mode === 'PublicInternetOnly',
      singleSignOn: auth === undefined ? undefined : auth === 'SSO',
      privateNetwork: vpcConfigured(p),
    });
  },
  'model-registry': (p) => defined({ publicNetworkAccess: bool(p.publicNetworkAccess) }),
  'provisioned-throughput': () => ({}),
  key: (p) => {
    const manager = p.keyManager;
    return defined({
      rotationEnabled: pick(p, 'rotationEnabled', 'keyRotationEnabled')
        ? truthy(pick(p, 'rotationEnabled', 'keyRotationEnabled')?.value) === true
        : undefined,
      keyManager: manager === undefined ? undefined : manager === 'AWS' ? 'PROVIDER' : 'CUSTOMER',
    });
  },
  network: () => ({}),
  'logging-config': (p) => {
    const key = pick(p, 'cloudWatchKmsKeyId', 'loggingConfig.cloudWatchConfig.kmsKeyId');
    return defined({
      loggingEnabled: truthy(pick(p, 'loggingEnabled', 'enabled')?.value),
      logGroupEncrypted: key === undefined ? undefined : !(key.value === false || key.value === ''),
    });
  },
  internet: () => ({}),
  'external-principal': () => ({}),
};

const AI_KEY_SERVICES: Record<string, 'bedrock' | 'gemini' | 'vertex-ai'> = {
  'bedrock.amazonaws.com': 'bedrock',
  'generativelanguage.googleapis.com': 'gemini',
  'aiplatform.googleapis.com': 'vertex-ai',
};

/**
 * What an AI service's API key is for and how long it lives: an IAM service-specific credential names its service
 * (`serviceName`) and never expires without an `expirationDate`. Lifetime is creation to expiry, not time left, so
 * the same estate gives the same facts whenever it is scanned. A GCP API key lists the APIs it may call
 * (`apiTargets`; none: every enabled API) and cannot expire at all.
 */
function keyLifetime(p: Record<string, unknown>) {
  if (Array.isArray(p.apiTargets)) {
    const targets = p.apiTargets.map(String);
    return {
      aiService: targets.map((t) => AI_KEY_SERVICES[t]).find((s) => s !== undefined),
      expires: false,
      unrestricted: targets.length === 0,
    };
  }
  const service = str(p.serviceName);
  if (service === undefined) return {};
  // Dates arrive as Date objects from a connector and as ISO strings from the database.
  const time = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  const created = time(p.createDate);
  const ends = time(p.expirationDate);
  return {
    aiService: AI_KEY_SERVICES[service],
    expires: p.expirationDate !== undefined && p.expirationDate !== null,
    lifetimeDays:
      Number.isFinite(created) && Number.isFinite(ends)
        ? Math.max(0, Math.round((ends - created) / 8_640_000) / 10)
        : undefined,
  };
}

/**
 * Facts read from raw provider properties: how connectors derive the facts they do not set themselves, and how
 * records written before facts existed (stored rows, hand-written fixtures) are read. Facts set explicitly — an
 * UnknownFact above all — are never overridden.
 */
export function deriveFacts<K extends AssetKind>(kind: K, properties: Record<string, unknown>): FactsOf<K> {
  return (DERIVERS[kind] as Deriver<K>)(properties);
}
