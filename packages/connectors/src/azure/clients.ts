import { type AispmConfig, isLoopbackHost } from '@aispm/core';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { CallPacer } from '../shared/pacing.ts';
import { callTimeoutError, checkCallTimeout, DEFAULT_CALL_TIMEOUT_MS } from '../shared/retry.ts';

export type { TokenCredential } from '@azure/identity';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
/** Retries per call after the first (the Azure SDK default is 3); 429s honour Retry-After. */
export const DEFAULT_AZURE_MAX_RETRIES = 5;

export interface AzureConnectorOptions {
  /** undefined → DefaultAzureCredential (never in tests: it probes the instance metadata service). */
  credential?: TokenCredential;
  /**
   * A service principal's client secret (what a worker configures from its environment): the connector builds the
   * ClientSecretCredential itself, with `authorityHost` and `tlsCa`. Ignored when `credential` is given.
   */
  clientCredentials?: { tenantId: string; clientId: string; clientSecret: string };
  /** ARM base URL; default AISPM_AZURE_ARM_ENDPOINT or https://management.azure.com. */
  armEndpoint?: string;
  /** AAD authority, used only when the connector builds its own credential; default AISPM_AZURE_AUTHORITY_HOST. */
  authorityHost?: string;
  /** Extra CA certificate (PEM) for ARM and AAD; production uses NODE_EXTRA_CA_CERTS instead. */
  tlsCa?: string;
  /**
   * Base URL the Foundry Agent Service data plane is reached through instead of each project's own host: a project
   * endpoint `https://{account}.services.ai.azure.com/api/projects/{p}` becomes `{base}/{account}.services.ai.azure.com/api/projects/{p}`
   * (an emulator such as cloud-sim). Default: the project's own endpoint, or `armEndpoint` when that is a loopback
   * address (an emulator serves both; the scanner never leaves it for the public cloud).
   */
  foundryEndpoint?: string;
  /** Subscription ids in scope; default every subscription the credential can list. */
  subscriptions?: string[];
  maxRetries?: number;
  /** Deadline of one call, each retry its own (default AISPM_AZURE_CALL_TIMEOUT_MS or 60 s). */
  callTimeoutMs?: number;
}

export interface ResolvedAzureOptions {
  credential: TokenCredential;
  armEndpoint: string;
  /** See AzureConnectorOptions.foundryEndpoint; undefined: each project's own endpoint. */
  foundryEndpoint?: string;
  tlsCa?: string;
  subscriptions?: string[];
  maxRetries: number;
  callTimeoutMs: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parsed configuration (`loadConfig`) the Azure connector falls back on. */
export type AzureConfig = Partial<
  Pick<AispmConfig, 'AISPM_AZURE_ARM_ENDPOINT' | 'AISPM_AZURE_AUTHORITY_HOST' | 'AISPM_AZURE_CALL_TIMEOUT_MS'>
>;

export function resolveAzureOptions(
  options: AzureConnectorOptions = {},
  config: AzureConfig = {},
): ResolvedAzureOptions {
  const armEndpoint = (
    options.armEndpoint ??
    config.AISPM_AZURE_ARM_ENDPOINT ??
    DEFAULT_ARM_ENDPOINT
  ).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(armEndpoint))
    throw new Error(`armEndpoint must be an http(s) URL: ${armEndpoint}`);
  const authorityHost = options.authorityHost ?? config.AISPM_AZURE_AUTHORITY_HOST;
  if (authorityHost !== undefined && !/^https:\/\//.test(authorityHost))
    throw new Error(`authorityHost must be an https URL: ${authorityHost}`);
  for (const s of options.subscriptions ?? [])
    if (!GUID.test(s)) throw new Error(`not an Azure subscription id: ${s}`);
  const maxRetries = options.maxRetries ?? DEFAULT_AZURE_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new Error(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  const credentialOptions = {
    ...(authorityHost ? { authorityHost } : {}),
    ...(options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {}),
  };
  const cc = options.clientCredentials;
  if (cc && !options.credential) {
    if (!GUID.test(cc.tenantId))
      throw new Error(`clientCredentials.tenantId must be a tenant GUID: ${cc.tenantId}`);
    if (!cc.clientId || !cc.clientSecret)
      throw new Error('clientCredentials needs clientId and clientSecret');
  }
  const credential =
    options.credential ??
    (cc
      ? lazyCredential(
          ({ ClientSecretCredential }) =>
            new ClientSecretCredential(cc.tenantId, cc.clientId, cc.clientSecret, {
              ...credentialOptions,
              // A private authority (a sovereign cloud proxy, the simulator) has no instance-discovery endpoint.
              ...(authorityHost ? { disableInstanceDiscovery: true } : {}),
            }),
        )
      : lazyCredential(({ DefaultAzureCredential }) => new DefaultAzureCredential(credentialOptions)));
  const derived =
    isLoopbackHost(new URL(armEndpoint).hostname) && armEndpoint.startsWith('https://')
      ? armEndpoint
      : undefined;
  const foundryEndpoint = (options.foundryEndpoint ?? derived)?.replace(/\/+$/, '');
  if (foundryEndpoint !== undefined && !/^https:\/\//.test(foundryEndpoint))
    throw new Error(`foundryEndpoint must be an https URL: ${foundryEndpoint}`);
  return {
    credential,
    armEndpoint,
    ...(foundryEndpoint ? { foundryEndpoint } : {}),
    tlsCa: options.tlsCa,
    subscriptions: options.subscriptions,
    maxRetries,
    callTimeoutMs: checkCallTimeout(
      options.callTimeoutMs ?? config.AISPM_AZURE_CALL_TIMEOUT_MS ?? DEFAULT_CALL_TIMEOUT_MS,
    ),
  };
}

/** A credential built on first use, so importing the connector does not load @azure/identity. */
function lazyCredential(
  build: (identity: typeof import('@azure/identity')) => TokenCredential,
): TokenCredential {
  let inner: Promise<TokenCredential> | undefined;
  return {
    async getToken(
      scopes: string | string[],
      getTokenOptions?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      inner ??= import('@azure/identity').then(build);
      return (await inner).getToken(scopes, getTokenOptions);
    },
  };
}

/** Anything constructible like an `@azure/arm-*` client: `(credential, subscriptionId, options)`. */
export type ArmClientConstructor<C> = new (
  credential: TokenCredential,
  subscriptionId: string,
  // biome-ignore lint/suspicious/noExplicitAny: ARM client constructors differ only in their options type.
  options: any,
) => C;

/** The name of the per-attempt deadline policy, which the pacing policy goes before. */
const CALL_DEADLINE_POLICY = 'aispmCallDeadline';

/** Builds ARM clients for one task: the shared credential, the endpoint, and a policy counting 429s. */
export class AzureClientFactory {
  /**
   * One object for every client: the SDK's shared HTTP client keeps one connection pool per TLS settings
   * object, so settings built per client gave every task's clients pools (and TLS handshakes) of their own.
   */
  private readonly tlsOptions: { ca: string } | undefined;

  constructor(readonly options: ResolvedAzureOptions) {
    this.tlsOptions = options.tlsCa ? { ca: options.tlsCa } : undefined;
  }

  clientOptions(onThrottle: () => void): Record<string, unknown> {
    const base = this.options.armEndpoint;
    return {
      endpoint: base,
      // Scopes follow the endpoint so a token is never requested for management.azure.com by a sovereign or test cloud.
      credentialScopes: [`${base}/.default`],
      retryOptions: { maxRetries: this.options.maxRetries },
      ...(this.tlsOptions ? { tlsOptions: this.tlsOptions } : {}),
      additionalPolicies: [
        callDeadlinePolicy(this.options.callTimeoutMs),
        {
          position: 'perRetry',
          policy: {
            name: 'aispmThrottleCounter',
            async sendRequest(
              request: unknown,
              next: (r: unknown) => Promise<{ status: number }>,
            ): Promise<{ status: number }> {
              const response = await next(request);
              if (response.status === 429) onThrottle();
              return response;
            },
          },
        },
      ],
    };
  }

  forTask(subscriptionId: string, onThrottle: () => void, pacer?: CallPacer): AzureTaskClients {
    return new AzureTaskClients(this, subscriptionId, onThrottle, pacer);
  }
}

export class AzureTaskClients {
  private readonly made = new Map<ArmClientConstructor<unknown>, unknown>();
  constructor(
    private readonly factory: AzureClientFactory,
    readonly subscriptionId: string,
    private readonly onThrottle: () => void,
    private readonly pacer?: CallPacer,
  ) {}

  /**
   * Options for a data-plane client (`@azure/ai-agents`): TLS, retries, the call deadline and the throttle counter
   * of the ARM clients, without their ARM endpoint and token scope (the SDK asks for its own).
   */
  private dataPlaneOptions(): Record<string, unknown> {
    const {
      endpoint: _endpoint,
      credentialScopes: _scopes,
      ...rest
    } = this.factory.clientOptions(this.onThrottle);
    return rest;
  }

  /**
   * A data-plane client built with `dataPlaneOptions`, each attempt paced on the subscription's bucket for
   * `operation` (a data plane's budget is not Resource Manager's: see `AGENTS_PACING_OPERATION`).
   */
  dataPlane<C>(
    build: (options: Record<string, unknown>) => C,
    operation: string,
    /**
     * `options`: for a client that keeps its pipeline private (`@azure/ai-projects`), the pacing goes in through
     * `additionalPolicies`, listed before the deadline policy so the wait is not counted against the attempt.
     */
    pacingVia: 'pipeline' | 'options' = 'pipeline',
  ): C {
    const options = this.dataPlaneOptions();
    const pacing = this.pacer ? pacingPolicy(this.pacer, this.subscriptionId, operation) : undefined;
    if (pacing && pacingVia === 'options') {
      const policies = (options.additionalPolicies as unknown[] | undefined) ?? [];
      return build({
        ...options,
        additionalPolicies: [{ position: 'perRetry', policy: pacing }, ...policies],
      });
    }
    const client = build(options);
    if (pacing) addPacing(client, pacing);
    return client;
  }

  get credential(): TokenCredential {
    return this.factory.options.credential;
  }

  /** Where a Foundry project endpoint is reached (through `foundryEndpoint` when one is set). */
  foundryProjectEndpoint(endpoint: string): string {
    const base = this.factory.options.foundryEndpoint;
    return base ? `${base}/${endpoint.replace(/^https:\/\//, '')}` : endpoint;
  }

  get<C>(ctor: ArmClientConstructor<C>): C {
    let client = this.made.get(ctor as ArmClientConstructor<unknown>) as C | undefined;
    if (!client) {
      client = new ctor(
        this.factory.options.credential,
        this.subscriptionId,
        this.factory.clientOptions(this.onThrottle),
      );
      if (this.pacer) addPacing(client, pacingPolicy(this.pacer, this.subscriptionId, ARM_PACING_OPERATION));
      this.made.set(ctor as ArmClientConstructor<unknown>, client);
    }
    return client;
  }
}

/** The pacing operation of every Resource Manager read: one bucket per subscription, as ARM counts them. */
export const ARM_PACING_OPERATION = 'read';
/**
 * The pacing operation of the Foundry Agent Service data plane (`@azure/ai-agents`): a bucket of its own per
 * subscription, since the service's requests are not counted against Resource Manager's budget.
 */
export const AGENTS_PACING_OPERATION = 'agents:read';

/**
 * Puts the pacing policy before the attempt's deadline starts (waiting for the budget is not the cloud being slow):
 * a long wait cut off by the deadline would be retried and spend another reservation, and the debt would snowball.
 */
function addPacing(client: unknown, policy: ReturnType<typeof pacingPolicy>): void {
  (
    client as { pipeline?: { addPolicy(p: unknown, o: { beforePolicies: string[] }): void } }
  ).pipeline?.addPolicy(policy, { beforePolicies: [CALL_DEADLINE_POLICY] });
}

/**
 * Each attempt waits for the subscription's budget of `operation` (Resource Manager's read budget, or a data
 * plane's own); a 429 slows the bucket down.
 */
function pacingPolicy(pacer: CallPacer, subscriptionId: string, operation: string) {
  return {
    name: 'aispmPacing',
    async sendRequest<R extends { status: number }>(
      request: DeadlineRequest,
      next: (r: DeadlineRequest) => Promise<R>,
    ): Promise<R> {
      await pacer.acquire('azure', subscriptionId, operation, request.abortSignal);
      const response = await next(request);
      if (response.status === 429) pacer.throttled('azure', subscriptionId, operation);
      return response;
    },
  };
}

interface DeadlineRequest {
  method: string;
  url: string;
  abortSignal?: AbortSignal;
}

/**
 * A deadline on each attempt of every ARM call (the pipeline has none by default): past it the request is aborted
 * and fails with code ETIMEDOUT, which the SDK's retry policy retries like any network error.
 */
function callDeadlinePolicy(ms: number) {
  return {
    position: 'perRetry',
    policy: {
      name: CALL_DEADLINE_POLICY,
      async sendRequest<R>(request: DeadlineRequest, next: (r: DeadlineRequest) => Promise<R>): Promise<R> {
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), ms);
        const caller = request.abortSignal;
        request.abortSignal = caller ? AbortSignal.any([caller, deadline.signal]) : deadline.signal;
        try {
          return await next(request);
        } catch (error) {
          if (deadline.signal.aborted && !caller?.aborted)
            throw callTimeoutError(ms, `${request.method} ${request.url.split('?')[0]}`);
          throw error;
        } finally {
          clearTimeout(timer);
          request.abortSignal = caller;
        }
      },
    },
  };
}
