import type { AispmConfig } from '@aispm/core';
import { isThrottlingError } from '@aispm/core';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { CallPacer } from '../shared/pacing.ts';
import {
  checkCallTimeout,
  countingRetryStrategy,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  type RetryMode,
} from '../shared/retry.ts';

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;
export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export const DEFAULT_REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const DEFAULT_ASSUME_ROLE_NAME = 'AispmReadOnly';
/** Region for global services (IAM, Organizations, STS, S3 ListBuckets). */
export const GLOBAL_REGION = 'us-east-1';

export interface AwsConnectorOptions {
  /** Base credentials; undefined → the SDK default provider chain (never in tests: it probes metadata endpoints). */
  credentials?: AwsCredentials;
  /** Custom endpoint for every service (else the SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>). */
  endpoint?: string;
  /** Regions to scan; default AISPM_AWS_REGIONS (comma separated) or us-east-1, eu-west-1. */
  regions?: string[];
  /** Role assumed in every member account. */
  assumeRoleName?: string;
  externalId?: string;
  /**
   * The account the base credentials belong to. Only a hint for tasks in a process that never ran discover:
   * discover asks sts:GetCallerIdentity and records the answer on each account's connection.
   */
  managementAccountId?: string;
  /** SDK attempts per call including the first (default 6). */
  maxAttempts?: number;
  /** SDK retry mode (default 'standard'; 'adaptive' adds client-side rate limiting). */
  retryMode?: RetryMode;
  /** Deadline of one call (default AISPM_AWS_CALL_TIMEOUT_MS or 60 s). */
  callTimeoutMs?: number;
}

export interface ResolvedAwsOptions {
  credentials?: AwsCredentials;
  endpoint?: string;
  customEndpoint: boolean;
  regions: string[];
  assumeRoleName: string;
  externalId?: string;
  managementAccountId?: string;
  maxAttempts: number;
  retryMode: RetryMode;
  callTimeoutMs: number;
}

/** The parsed configuration (`loadConfig`) the AWS connector falls back on. */
export type AwsConfig = Partial<
  Pick<AispmConfig, 'AISPM_AWS_REGIONS' | 'AWS_ENDPOINT_URL' | 'AISPM_AWS_CALL_TIMEOUT_MS'>
>;

export function resolveAwsOptions(
  options: AwsConnectorOptions = {},
  config: AwsConfig = {},
): ResolvedAwsOptions {
  const configured = config.AISPM_AWS_REGIONS;
  const regions = options.regions ?? (configured?.length ? configured : [...DEFAULT_REGIONS]);
  if (regions.length === 0) throw new Error('at least one AWS region is required');
  for (const r of regions)
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r)) throw new Error(`not an AWS region name: ${r}`);
  if (options.endpoint !== undefined && !/^https?:\/\//.test(options.endpoint))
    throw new Error(`endpoint must be an http(s) URL: ${options.endpoint}`);
  if (options.managementAccountId !== undefined && !/^\d{12}$/.test(options.managementAccountId)) {
    throw new Error(`managementAccountId must be a 12-digit account id: ${options.managementAccountId}`);
  }
  return {
    credentials: options.credentials,
    endpoint: options.endpoint,
    customEndpoint: Boolean(options.endpoint ?? config.AWS_ENDPOINT_URL),
    regions,
    assumeRoleName: options.assumeRoleName ?? DEFAULT_ASSUME_ROLE_NAME,
    externalId: options.externalId,
    managementAccountId: options.managementAccountId,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    callTimeoutMs: checkCallTimeout(
      options.callTimeoutMs ?? config.AISPM_AWS_CALL_TIMEOUT_MS ?? DEFAULT_CALL_TIMEOUT_MS,
    ),
  };
}

/** The non-secret per-account settings discover puts on `AccountTarget.connection`. */
export interface AccountConnection {
  /** Role assumed to scan the account (every account but the caller's). */
  roleArn?: string;
  /** The account the base credentials belong to (sts:GetCallerIdentity): scanned with them, no role. */
  callerAccount?: boolean;
  /** The organisation's management account (informational: it is scanned through its role like any other). */
  managementAccount?: boolean;
  regions?: string[];
}

/** Reads an AccountTarget's connection defensively: it may come back from a queue or a database. */
export function accountConnection(raw: Record<string, unknown> | undefined): AccountConnection {
  const c = raw ?? {};
  return {
    roleArn: typeof c.roleArn === 'string' && c.roleArn.startsWith('arn:') ? c.roleArn : undefined,
    callerAccount: typeof c.callerAccount === 'boolean' ? c.callerAccount : undefined,
    managementAccount: typeof c.managementAccount === 'boolean' ? c.managementAccount : undefined,
    regions:
      Array.isArray(c.regions) && c.regions.every((r) => typeof r === 'string')
        ? (c.regions as string[])
        : undefined,
  };
}

/** Anything constructible like an SDK v3 client. */
// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors differ only in their config type.
export type ClientConstructor<C> = new (config: any) => C;

interface Destroyable {
  destroy(): void;
}

/**
 * The SDK's Node handler, every request of which carries the task's abort signal: an aborted scan, or the end of a
 * task whose sibling call failed, stops the calls in flight, as the signal passed with each `send` used to.
 */
class TaskHttpHandler extends NodeHttpHandler {
  constructor(
    options: NodeHttpHandlerOptions,
    private readonly signal: AbortSignal,
  ) {
    super(options);
  }

  override handle(
    ...[request, options]: Parameters<NodeHttpHandler['handle']>
  ): ReturnType<NodeHttpHandler['handle']> {
    return super.handle(request, { ...options, abortSignal: options?.abortSignal ?? this.signal });
  }
}

/**
 * Builds SDK clients per (account, region, task): credentials are cached per account (AssumeRole sessions are
 * refreshed before they expire), clients are not, because each task counts its own throttles.
 */
export class AwsClientFactory {
  private readonly sessions = new Map<string, AwsCredentialIdentityProvider>();
  /** The account the base credentials belong to: configured, or learnt by discover from GetCallerIdentity. */
  callerAccountId: string | undefined;

  constructor(readonly options: ResolvedAwsOptions) {
    this.callerAccountId = options.managementAccountId;
  }

  /** `signal`: the task's, which every request of the client carries (see TaskHttpHandler). */
  baseConfig(region: string, onThrottle: () => void, signal?: AbortSignal): Record<string, unknown> {
    const config: Record<string, unknown> = {
      region,
      // Each command's middleware stack is resolved once per client instead of on every call: a GetRole costs the
      // caller ~480 µs of CPU instead of ~620. The SDK caches only calls sent without per-call options, which is
      // why the task's abort signal reaches the requests through the handler.
      cacheMiddleware: true,
      maxAttempts: this.options.maxAttempts,
      retryStrategy: countingRetryStrategy({
        maxAttempts: this.options.maxAttempts,
        mode: this.options.retryMode,
        onThrottle,
      }),
    };
    if (this.options.endpoint) config.endpoint = this.options.endpoint;
    // The Node handler's limits: connect, time to the answer, and silence on the socket are each bounded, and a
    // breach throws TimeoutError (retried as a transient error) instead of only warning.
    const t = this.options.callTimeoutMs;
    const handler: NodeHttpHandlerOptions = {
      connectionTimeout: Math.min(t, 10_000),
      requestTimeout: t,
      socketTimeout: t,
      throwOnRequestTimeout: true,
    };
    config.requestHandler = signal ? new TaskHttpHandler(handler, signal) : handler;
    return config;
  }

  /**
   * Credentials for an account: the base credentials for the caller's own account, an assumed role for every
   * other one (the management account included, when the caller is a delegated administrator). The account's
   * `connection` (from discover, possibly in another process) wins over what this instance learnt.
   */
  credentialsFor(
    accountId: string,
    connection: AccountConnection = {},
    pacer?: CallPacer,
  ): AwsCredentials | undefined {
    const caller =
      connection.callerAccount ??
      (connection.roleArn === undefined && (!this.callerAccountId || accountId === this.callerAccountId));
    if (caller) return this.options.credentials;
    const roleArn = connection.roleArn ?? this.roleArnFor(accountId);
    let provider = this.sessions.get(roleArn);
    if (!provider) {
      provider = this.assumeRoleProvider(accountId, roleArn, pacer);
      this.sessions.set(roleArn, provider);
    }
    return provider;
  }

  roleArnFor(accountId: string): string {
    return `arn:aws:iam::${accountId}:role/${this.options.assumeRoleName}`;
  }

  private assumeRoleProvider(
    accountId: string,
    roleArn: string,
    pacer: CallPacer | undefined,
  ): AwsCredentialIdentityProvider {
    let cached: Promise<AwsCredentialIdentity> | undefined;
    let expiresAt = 0;
    return async () => {
      // Refresh five minutes early so a long task never signs with an expired session.
      if (!cached || Date.now() > expiresAt - 5 * 60_000) {
        const pending = this.assumeRole(accountId, roleArn, pacer);
        cached = pending;
        pending.then(
          (c) => {
            expiresAt = c.expiration?.getTime() ?? Date.now() + 15 * 60_000;
          },
          () => {
            if (cached === pending) cached = undefined;
          },
        );
      }
      return cached;
    };
  }

  private async assumeRole(
    accountId: string,
    roleArn: string,
    pacer: CallPacer | undefined,
  ): Promise<AwsCredentialIdentity> {
    const sts = new STSClient({
      ...this.baseConfig(GLOBAL_REGION, () => {}),
      credentials: this.options.credentials,
    });
    // AssumeRole spends the caller's own STS budget, whichever account it opens.
    if (pacer) pace(sts, pacer, this.callerAccountId ?? 'caller');
    try {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: 'aispm-scan',
          ExternalId: this.options.externalId,
          DurationSeconds: 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey)
        throw new Error(`AssumeRole into ${accountId} returned no credentials`);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } finally {
      sts.destroy();
    }
  }

  /** Clients for one task; `close()` releases their sockets when the task ends. */
  forTask(
    accountId: string,
    region: string,
    onThrottle: () => void,
    connection: AccountConnection = {},
    pacer?: CallPacer,
    signal?: AbortSignal,
  ): TaskClients {
    return new TaskClients(this, accountId, region, onThrottle, connection, pacer, signal);
  }
}

type Middleware = (
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware types are generic over each client.
  next: (args: any) => Promise<any>,
  context: { commandName?: string; __smithy_context?: { operation?: string } },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
) => (args: any) => Promise<any>;

interface MiddlewareClient {
  config: { defaultSigningName?: string };
  middlewareStack: {
    add(
      middleware: Middleware,
      options: { step: 'deserialize'; priority: 'low'; name: string; override: boolean },
    ): void;
    addRelativeTo(
      middleware: Middleware,
      options: { relation: 'after'; toMiddleware: string; name: string; override: boolean },
    ): void;
  };
}

/**
 * Every attempt of every call waits for its bucket, named `<IAM action prefix>:<Operation>` as in the documented
 * limits. The wait is the last thing before the request leaves (after signing, which may first fetch credentials):
 * a token taken earlier would be spent by the pacer long before the cloud sees the call, and later calls would
 * reach the cloud bunched. A throttled answer, seen as the parsed error inside the retry loop, slows the bucket.
 */
function pace(client: unknown, pacer: CallPacer, accountId: string): void {
  const c = client as MiddlewareClient;
  const prefix = c.config?.defaultSigningName;
  if (!prefix || !c.middlewareStack) return;
  const operationOf = (context: Parameters<Middleware>[1]) =>
    `${prefix}:${context.__smithy_context?.operation ?? context.commandName?.replace(/Command$/, '') ?? 'unknown'}`;
  c.middlewareStack.add(
    (next, context) => async (args) => {
      await pacer.acquire('aws', accountId, operationOf(context));
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'aispmPacing', override: true },
  );
  c.middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isThrottlingError(error)) pacer.throttled('aws', accountId, operationOf(context));
        throw error;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'aispmThrottleObserver', override: true },
  );
}

export class TaskClients {
  private readonly made = new Map<ClientConstructor<unknown>, Map<string, unknown>>();
  constructor(
    private readonly factory: AwsClientFactory,
    readonly accountId: string,
    readonly region: string,
    private readonly onThrottle: () => void,
    private readonly connection: AccountConnection = {},
    private readonly pacer?: CallPacer,
    /** The task's abort signal: every request of these clients carries it. */
    private readonly signal?: AbortSignal,
  ) {}

  /** One client per constructor and config override (e.g. `{ region }` for a key in another region). */
  get<C>(ctor: ClientConstructor<C>, extra: Record<string, unknown> = {}): C {
    let perCtor = this.made.get(ctor as ClientConstructor<unknown>);
    if (!perCtor) {
      perCtor = new Map();
      this.made.set(ctor as ClientConstructor<unknown>, perCtor);
    }
    const key = JSON.stringify(extra);
    let client = perCtor.get(key) as C | undefined;
    if (!client) {
      const region = typeof extra.region === 'string' ? extra.region : this.region;
      client = new ctor({
        ...this.factory.baseConfig(region, this.onThrottle, this.signal),
        credentials: this.factory.credentialsFor(this.accountId, this.connection, this.pacer),
        ...extra,
      });
      if (this.pacer) pace(client, this.pacer, this.accountId);
      perCtor.set(key, client);
    }
    return client;
  }

  get customEndpoint(): boolean {
    return this.factory.options.customEndpoint;
  }

  close(): void {
    for (const perCtor of this.made.values())
      for (const c of perCtor.values()) (c as Destroyable).destroy?.();
    this.made.clear();
  }
}
