import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '@aispm/core';
import selfsigned from 'selfsigned';
import { createAwsHandler } from './aws/index.ts';
import { type AzureEstate, createAzureHandler } from './azure/index.ts';
import { type Estate, generateEstate } from './estate/index.ts';
import { FaultInjector } from './faults.ts';
import { createGcpHandler } from './gcp/index.ts';
import type { CloudContext, CloudHandler, SimRequest } from './handler.ts';
import type { SimOptions } from './options.ts';
import { type CallCount, type OperationStats, RateLimiter } from './rate-limit.ts';

const HOST = '127.0.0.1';

export interface AzureConnection {
  armEndpoint: string;
  authorityHost: string;
  caCertPem: string;
  caCertPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}
export interface GcpConnection {
  apiEndpoint: string;
  host: string;
  port: number;
}

export interface CloudSimStats {
  requests: Record<'aws' | 'azure' | 'gcp', number>;
  /** Connections accepted (Azure: TLS handshakes completed): what a client that pools its connections keeps low. */
  connections: Record<'aws' | 'azure' | 'gcp', number>;
  operations: OperationStats[];
  faults: ReturnType<FaultInjector['stats']>;
}

export interface CloudSim {
  aws: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  azure: AzureConnection | undefined;
  gcp: GcpConnection | undefined;
  /** The variables to export so SDKs / the CLI reach the simulator. */
  env: Record<string, string>;
  manifest: Manifest;
  /** The live in-memory model the handlers read: mutate it to "fix" a resource and re-scan. */
  estate: Estate;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats(): CloudSimStats;
  /** The least time the calls seen so far need under the real (unscaled) limits. */
  apiFloor(calls?: Iterable<CallCount>): { floorMs: number; bottleneck: string | null };
  close(): Promise<void>;
}

type HandlerFactory = (state: unknown, ctx: CloudContext) => CloudHandler | Promise<CloudHandler>;

/** The Azure and GCP halves serve their own estate types; the server hands each the half it generated. */
const HANDLER_FACTORIES = {
  azure: createAzureHandler as unknown as HandlerFactory,
  gcp: createGcpHandler as unknown as HandlerFactory,
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function dispatcher(
  cloud: 'aws' | 'azure' | 'gcp',
  base: () => string,
  getHandler: () => CloudHandler,
  faults: FaultInjector,
  requests: CloudSimStats['requests'],
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      try {
        const body = await readBody(req);
        requests[cloud]++;
        await faults.delay();
        const simReq: SimRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', base()),
          headers: req.headers,
          body,
        };
        await getHandler()(simReq, res);
      } catch (err) {
        if (!res.headersSent) {
          const message = err instanceof Error ? err.message : String(err);
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'InternalFailure', message }));
        } else {
          res.destroy();
        }
      }
    })();
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

async function selfSignedCert(): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'aispm-cloud-sim' }], {
    // EC keys generate in milliseconds; RSA-2048 would add seconds to every simulator start.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** What the listeners of one simulator share. */
interface Listeners {
  faults: FaultInjector;
  limiter: RateLimiter;
  requests: CloudSimStats['requests'];
  connections: CloudSimStats['connections'];
  servers: Server[];
  tempDirs: string[];
  portFor(offset: number): number;
}

/**
 * Serves one cloud's handler on `server` at `port`; returns the listener's base URL. The handler learns the
 * base URL once the port is known (for next-links and self references).
 */
async function serve(
  l: Listeners,
  cloud: 'aws' | 'azure' | 'gcp',
  factory: HandlerFactory,
  state: unknown,
  server: Server,
  offset: number,
): Promise<string> {
  let base = '';
  const handler = await factory(state, {
    faults: l.faults,
    limiter: l.limiter,
    get baseUrl() {
      return base;
    },
  });
  l.servers.push(server);
  server.on(cloud === 'azure' ? 'secureConnection' : 'connection', () => {
    l.connections[cloud]++;
  });
  server.on(
    'request',
    dispatcher(
      cloud,
      () => base,
      () => handler,
      l.faults,
      l.requests,
    ),
  );
  const port = await listen(server, l.portFor(offset));
  base = `${cloud === 'azure' ? 'https' : 'http'}://${HOST}:${port}`;
  return base;
}

/** The Azure listener (HTTPS with a fresh self-signed certificate, its CA written to a file for clients). */
async function startAzure(l: Listeners, state: AzureEstate): Promise<AzureConnection> {
  const { key, cert } = await selfSignedCert();
  const dir = mkdtempSync(join(tmpdir(), 'aispm-cloud-sim-'));
  l.tempDirs.push(dir);
  const caCertPath = join(dir, 'ca.pem');
  writeFileSync(caCertPath, cert);
  const azureBase = await serve(
    l,
    'azure',
    HANDLER_FACTORIES.azure,
    state,
    createHttpsServer({ key, cert }),
    1,
  );
  return {
    armEndpoint: azureBase,
    authorityHost: azureBase,
    caCertPem: cert,
    caCertPath,
    tenantId: state.tenantId,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
  };
}

/** The variables a shell, the CLI or a connector needs to reach the simulator (and nothing else). */
function connectionEnv(
  estate: Estate,
  awsBase: string,
  azure: AzureConnection | undefined,
  gcp: GcpConnection | undefined,
  tempDirs: string[],
): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: awsBase,
    AWS_ACCESS_KEY_ID: estate.aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: estate.aws.secretAccessKey,
    AWS_REGION: estate.aws.regions[0] ?? 'us-east-1',
  };
  if (azure) {
    Object.assign(env, {
      AISPM_AZURE_ARM_ENDPOINT: azure.armEndpoint,
      AISPM_AZURE_AUTHORITY_HOST: azure.authorityHost,
      AZURE_TENANT_ID: azure.tenantId,
      AZURE_CLIENT_ID: azure.clientId,
      AZURE_CLIENT_SECRET: azure.clientSecret,
      NODE_EXTRA_CA_CERTS: azure.caCertPath,
    });
  }
  if (gcp) Object.assign(env, gcpEnv(estate, gcp, tempDirs));
  return env;
}

function gcpEnv(estate: Estate, gcp: GcpConnection, tempDirs: string[]): Record<string, string> {
  const env: Record<string, string> = { AISPM_GCP_API_ENDPOINT: gcp.apiEndpoint };
  // An authorized-user credentials file for the simulated OAuth endpoint, so a GCP connector started from
  // these lines never falls back to Application Default Credentials (which probe metadata servers).
  const oauth = estate.gcp?.oauthClient;
  if (oauth) {
    const dir = mkdtempSync(join(tmpdir(), 'aispm-cloud-sim-gcp-'));
    tempDirs.push(dir);
    const file = join(dir, 'credentials.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'authorized_user',
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        refresh_token: oauth.refreshToken,
      }),
      { mode: 0o600 },
    );
    env.AISPM_GCP_CREDENTIALS_FILE = file;
  }
  const locations = [
    ...new Set(
      estate.manifest.assets
        .filter((a) => a.id.startsWith('//aiplatform.googleapis.com/'))
        .map((a) => a.region),
    ),
  ].sort();
  if (locations.length > 0) env.AISPM_GCP_LOCATIONS = locations.join(',');
  return env;
}

/** Starts the simulator: AWS on `port`, Azure (HTTPS) on `port+1`, GCP on `port+2` (0 = free ports). */
export async function startCloudSim(options: SimOptions): Promise<CloudSim> {
  const estate = await generateEstate({
    seed: options.seed,
    scale: options.scale,
    providers: options.providers,
    aws: options.aws,
  });
  const l: Listeners = {
    faults: new FaultInjector(options.faults ?? {}),
    limiter: new RateLimiter(options.rateLimits, options.rateLimitScale ?? 1, options.rateLimitRules ?? []),
    requests: { aws: 0, azure: 0, gcp: 0 },
    connections: { aws: 0, azure: 0, gcp: 0 },
    servers: [],
    tempDirs: [],
    portFor: (offset: number) => (options.port === 0 ? 0 : options.port + offset),
  };
  const { faults, limiter, requests, connections, servers, tempDirs } = l;
  try {
    const awsFactory = createAwsHandler as unknown as HandlerFactory;
    const awsBase = await serve(l, 'aws', awsFactory, estate.aws, createHttpServer(), 0);
    const azure = estate.azure ? await startAzure(l, estate.azure) : undefined;
    let gcp: GcpConnection | undefined;
    if (estate.gcp) {
      const gcpBase = await serve(l, 'gcp', HANDLER_FACTORIES.gcp, estate.gcp, createHttpServer(), 2);
      gcp = { apiEndpoint: gcpBase, host: HOST, port: Number(new URL(gcpBase).port) };
    }
    const env = connectionEnv(estate, awsBase, azure, gcp, tempDirs);
    return {
      aws: {
        endpoint: awsBase,
        region: env.AWS_REGION as string,
        accessKeyId: estate.aws.accessKeyId,
        secretAccessKey: estate.aws.secretAccessKey,
      },
      azure,
      gcp,
      env,
      manifest: estate.manifest,
      estate,
      limiter,
      faults,
      stats: () => ({
        requests: { ...requests },
        connections: { ...connections },
        operations: limiter.stats(),
        faults: faults.stats(),
      }),
      apiFloor: (calls) => limiter.apiFloorMs(calls),
      close: async () => {
        await Promise.all(servers.map(closeServer));
        for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
