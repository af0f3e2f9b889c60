import { readFileSync } from 'node:fs';
import type { AispmConfig } from '@aispm/core';
import type { ProjectsClient } from '@google-cloud/resource-manager';
import type { AuthClient } from 'google-auth-library';
import { checkCallTimeout, DEFAULT_CALL_TIMEOUT_MS } from '../shared/retry.ts';

/** The generated clients' options (google-gax `ClientOptions`; gax is not a direct dependency). */
export type GaxClientOptions = NonNullable<ConstructorParameters<typeof ProjectsClient>[0]>;

export const DEFAULT_GCP_LOCATIONS = [
  'us-central1',
  'us-east1',
  'europe-west1',
  'europe-west4',
  'asia-northeast1',
] as const;
export const GCP_SCOPES = ['https://www.googleapis.com/auth/cloud-platform.read-only'];

export interface GcpConnectorOptions {
  /**
   * A credentials JSON object (`authorized_user` or `service_account`); undefined → Application Default
   * Credentials (never in tests: ADC probes the metadata server).
   */
  credentials?: Record<string, unknown>;
  /** A credentials JSON file (what a worker is configured with); default AISPM_GCP_CREDENTIALS_FILE. */
  credentialsFile?: string;
  /** One base URL for every Google API (a simulator or a private endpoint); default AISPM_GCP_API_ENDPOINT. */
  apiEndpoint?: string;
  /** OAuth token URL for refresh-token credentials; default `${apiEndpoint}/token` with a custom endpoint. */
  oauthTokenUrl?: string;
  /** Organization to scan (`organizations/123` or `123`); default the first organization the caller can see. */
  organizationId?: string;
  /** Project ids in scope; default every active project found. */
  projects?: string[];
  /** Vertex AI locations; default AISPM_GCP_LOCATIONS (comma separated) or a set of common regions. */
  locations?: string[];
  /** Attempts per call including the first (gax REST mode and our REST calls do not retry by themselves). */
  maxAttempts?: number;
  /** Deadline of one call, each attempt its own (default AISPM_GCP_CALL_TIMEOUT_MS or 60 s). */
  callTimeoutMs?: number;
}

export interface CustomEndpoint {
  url: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface ResolvedGcpOptions {
  credentials?: Record<string, unknown>;
  endpoint?: CustomEndpoint;
  oauthTokenUrl?: string;
  organizationId?: string;
  projects?: string[];
  locations: string[];
  maxAttempts: number;
  callTimeoutMs: number;
}

/** The parsed configuration (`loadConfig`) the GCP connector falls back on. */
export type GcpConfig = Partial<
  Pick<
    AispmConfig,
    | 'AISPM_GCP_API_ENDPOINT'
    | 'AISPM_GCP_LOCATIONS'
    | 'AISPM_GCP_CREDENTIALS_FILE'
    | 'AISPM_GCP_CALL_TIMEOUT_MS'
  >
>;

export function resolveGcpOptions(
  options: GcpConnectorOptions = {},
  config: GcpConfig = {},
): ResolvedGcpOptions {
  const raw = options.apiEndpoint ?? config.AISPM_GCP_API_ENDPOINT;
  let endpoint: CustomEndpoint | undefined;
  if (raw) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`apiEndpoint must be an http(s) URL: ${raw}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`apiEndpoint must be an http(s) URL: ${raw}`);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    endpoint = {
      url: `${url.protocol}//${url.host}`,
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
      protocol,
    };
  }
  const configured = config.AISPM_GCP_LOCATIONS;
  const locations = options.locations ?? (configured?.length ? configured : [...DEFAULT_GCP_LOCATIONS]);
  if (locations.length === 0) throw new Error('at least one GCP location is required');
  for (const l of locations)
    if (!/^[a-z]+-[a-z]+\d+$/.test(l)) throw new Error(`not a GCP region name: ${l}`);
  for (const p of options.projects ?? [])
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(p)) throw new Error(`not a GCP project id: ${p}`);
  const org = options.organizationId;
  if (org !== undefined && !/^(organizations\/)?\d+$/.test(org))
    throw new Error(`organizationId must be organizations/NUMBER or NUMBER: ${org}`);
  const file = options.credentials
    ? undefined
    : (options.credentialsFile ?? config.AISPM_GCP_CREDENTIALS_FILE);
  const credentials = options.credentials ?? (file ? readCredentialsFile(file) : undefined);
  if (credentials !== undefined) {
    const type = credentials.type;
    if (type !== 'authorized_user' && type !== 'service_account' && type !== 'external_account')
      throw new Error(`unsupported GCP credentials type: ${String(type)}`);
  }
  const maxAttempts = options.maxAttempts ?? 6;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  return {
    credentials,
    endpoint,
    oauthTokenUrl: options.oauthTokenUrl ?? (endpoint ? `${endpoint.url}/token` : undefined),
    organizationId:
      org === undefined ? undefined : org.startsWith('organizations/') ? org : `organizations/${org}`,
    projects: options.projects,
    locations,
    maxAttempts,
    callTimeoutMs: checkCallTimeout(
      options.callTimeoutMs ?? config.AISPM_GCP_CALL_TIMEOUT_MS ?? DEFAULT_CALL_TIMEOUT_MS,
    ),
  };
}

function readCredentialsFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read GCP credentials file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`GCP credentials file ${path} is not a JSON object`);
}

/**
 * Clients for every GCP call: gax options for the generated clients (aiplatform, resource-manager), and one
 * google-auth-library client for the REST APIs aispm calls directly (IAM, Notebooks, Storage).
 */
export class GcpClientFactory {
  private authClient: Promise<AuthClient> | undefined;
  private readonly gaxClients = new Map<unknown, Map<string, unknown>>();
  constructor(readonly options: ResolvedGcpOptions) {}

  /** gax client options; `service` is the default host (e.g. `us-central1-aiplatform.googleapis.com`). */
  gaxOptions(service?: string): GaxClientOptions {
    const o = this.options;
    const base: Record<string, unknown> = { fallback: true };
    if (o.endpoint) {
      Object.assign(base, {
        apiEndpoint: o.endpoint.host,
        port: o.endpoint.port,
        protocol: o.endpoint.protocol,
      });
    } else if (service) base.apiEndpoint = service;
    if (o.credentials) base.credentials = o.credentials;
    else base.scopes = GCP_SCOPES;
    if (o.oauthTokenUrl) base.clientOptions = { endpoints: { oauth2TokenUrl: o.oauthTokenUrl } };
    return base as GaxClientOptions;
  }

  /**
   * A generated client, shared by every task with the same options: building one loads its protos (hundreds of
   * milliseconds), and the clients are safe for concurrent calls. Retries are ours, per call, not the client's.
   */
  gaxClient<C>(Ctor: new (options: GaxClientOptions) => C, options: GaxClientOptions): C {
    let perCtor = this.gaxClients.get(Ctor);
    if (!perCtor) {
      perCtor = new Map();
      this.gaxClients.set(Ctor, perCtor);
    }
    const key = JSON.stringify(options);
    let client = perCtor.get(key) as C | undefined;
    if (!client) {
      client = new Ctor(options);
      perCtor.set(key, client);
    }
    return client;
  }

  /** REST base URL for a Google API host, e.g. `iam.googleapis.com`. */
  restBase(host: string): string {
    return this.options.endpoint?.url ?? `https://${host}`;
  }

  auth(): Promise<AuthClient> {
    this.authClient ??= this.buildAuth();
    return this.authClient;
  }

  private async buildAuth(): Promise<AuthClient> {
    const { GoogleAuth, UserRefreshClient } = await import('google-auth-library');
    const c = this.options.credentials;
    const endpoints = this.options.oauthTokenUrl ? { oauth2TokenUrl: this.options.oauthTokenUrl } : undefined;
    if (c?.type === 'authorized_user') {
      return new UserRefreshClient({
        clientId: String(c.client_id),
        clientSecret: String(c.client_secret),
        refreshToken: String(c.refresh_token),
        ...(endpoints ? { endpoints } : {}),
      });
    }
    const auth = new GoogleAuth({
      scopes: GCP_SCOPES,
      ...(c ? { credentials: c } : {}),
      ...(endpoints ? { clientOptions: { endpoints } } : {}),
    });
    return (await auth.getClient()) as AuthClient;
  }
}
