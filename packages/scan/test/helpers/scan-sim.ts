import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import {
  type Connector,
  createAwsConnector,
  createAzureConnector,
  createGcpConnector,
  type GraphView,
  type ScanPhase,
  type TaskContext,
} from '@aispm/connectors';
import type { AssetRecord, EdgeRecord, GraphBatch, Manifest, Provider } from '@aispm/core';

export interface SimScan {
  batch: GraphBatch;
  errors: string[];
}

/** Scans the simulator's AWS estate with the real connector (SDK over HTTP), keeping the graph in memory. */
export function scanAwsSim(sim: CloudSim, manifest: Manifest): Promise<SimScan> {
  return scanWith(simConnector('aws', sim, {}, manifest));
}

/** Scans the simulator's GCP estate with the real connector (the simulator's OAuth refresh-token client). */
export function scanGcpSim(sim: CloudSim, manifest: Manifest): Promise<SimScan> {
  return scanWith(simConnector('gcp', sim, {}, manifest));
}

/** The `small` estate of one cloud (seed 7) on a free port, scannable: on AWS the scanner role may read everything. */
export async function startSmallSim(provider: Provider): Promise<CloudSim> {
  const sim = await startCloudSim({
    seed: 7,
    scale: 'small',
    port: 0,
    rateLimits: false,
    providers: [provider],
  });
  if (provider === 'aws') attachFullAwsAccessEverywhere(sim);
  return sim;
}

/** Scans one cloud of the simulator with its real connector, keeping the graph in memory. */
export function scanSim(provider: Provider, sim: CloudSim, manifest: Manifest): Promise<SimScan> {
  return scanWith(simConnector(provider, sim, {}, manifest));
}

/** discover, then every task of phases 1, 2 and 3 for every account and region, with the graph in memory. */
async function scanWith(connector: Connector): Promise<SimScan> {
  const assets = new Map<string, AssetRecord>();
  const edges = new Map<string, EdgeRecord>();
  const write = (b: GraphBatch) => {
    for (const a of b.assets) assets.set(a.id, a);
    for (const e of b.edges) edges.set(`${e.kind}|${e.from}|${e.to}`, e);
  };
  const view: GraphView = {
    async assets(f) {
      return [...assets.values()].filter(
        (a) =>
          (!f.accountId || a.accountId === f.accountId) &&
          (!f.kinds || f.kinds.includes(a.kind)) &&
          (!f.provider || a.provider === f.provider),
      );
    },
    async referencedIds(f) {
      const out = new Set<string>();
      for (const e of edges.values()) {
        if (
          e.to.startsWith(f.prefix) &&
          (!f.accountId || assets.get(e.from)?.accountId === f.accountId) &&
          (!f.kinds || f.kinds.includes(e.kind)) &&
          !(f.excludeFromPrefix && e.from.startsWith(f.excludeFromPrefix))
        )
          out.add(e.to);
      }
      return [...out];
    },
    async edges(f) {
      return [...edges.values()].filter(
        (e) =>
          (!f.kinds || f.kinds.includes(e.kind)) &&
          (!f.to || f.to.includes(e.to)) &&
          (!f.accountId || assets.get(e.from)?.accountId === f.accountId),
      );
    },
  };
  const signal = new AbortController().signal;
  const { accounts, batch } = await connector.discover({ signal });
  write(batch);
  const errors: string[] = [];
  for (const phase of [1, 2, 3] as ScanPhase[]) {
    const jobs: (() => Promise<void>)[] = [];
    for (const account of accounts) {
      for (const service of connector.services.filter((s) => s.phase === phase)) {
        for (const region of service.global ? ['global'] : connector.regions(account)) {
          jobs.push(async () => {
            const ctx: TaskContext = {
              target: {
                provider: connector.provider,
                accountId: account.accountId,
                region,
                service: service.service,
              },
              account,
              signal,
              graph: view,
              onThrottle: () => {},
              log: () => {},
            };
            try {
              write(await service.run(ctx));
            } catch (error) {
              errors.push(`${service.service}@${account.accountId}/${region}: ${(error as Error).message}`);
            }
          });
        }
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
      }),
    );
  }
  return { batch: { assets: [...assets.values()], edges: [...edges.values()] }, errors };
}

/**
 * AWS attaches FullAWSAccess to every OU and account when SCPs are on; the generated estate attaches it to
 * the root only (see the connector's sim test). Restore the AWS default so the estate means what its manifest says.
 */
export function attachFullAwsAccessEverywhere(sim: CloudSim): void {
  const aws = sim.estate.aws;
  const full = aws.scps.find((p) => p.Id === 'p-FullAWSAccess');
  if (!full) return;
  const all = [aws.rootId, ...aws.ous.map((o) => o.Id), ...aws.accounts.map((a) => (a as { Id: string }).Id)];
  full.targetIds = [...new Set([...full.targetIds, ...all])];
}

/** A connector of one provider for everything the simulator's manifest holds (all regions / locations). */
export function simConnector(
  provider: Provider,
  sim: CloudSim,
  /** A call deadline and the attempts per call (1 = no retry), for tests of hung endpoints. */
  calls: { callTimeoutMs?: number; attempts?: number } = {},
  /** Whose regions / locations to scan (default the simulator's own manifest). */
  manifest: Manifest = sim.manifest,
): Connector {
  const timeout = calls.callTimeoutMs ? { callTimeoutMs: calls.callTimeoutMs } : {};
  const regions = [
    ...new Set(
      manifest.assets.filter((a) => a.provider === provider && a.region !== 'global').map((a) => a.region),
    ),
  ].sort();
  if (provider === 'aws') {
    return createAwsConnector({
      credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
      endpoint: sim.aws.endpoint,
      regions,
      ...timeout,
      ...(calls.attempts ? { maxAttempts: calls.attempts } : {}),
    });
  }
  if (provider === 'azure') {
    const azure = sim.azure;
    if (!azure) throw new Error('cloud-sim started without Azure');
    return createAzureConnector({
      clientCredentials: {
        tenantId: azure.tenantId,
        clientId: azure.clientId,
        clientSecret: azure.clientSecret,
      },
      authorityHost: azure.authorityHost,
      armEndpoint: azure.armEndpoint,
      tlsCa: azure.caCertPem,
      ...timeout,
      ...(calls.attempts ? { maxRetries: calls.attempts - 1 } : {}),
    });
  }
  if (!sim.gcp) throw new Error('cloud-sim started without GCP');
  const oauth = (
    sim.estate.gcp as unknown as {
      oauthClient: { clientId: string; clientSecret: string; refreshToken: string };
    }
  ).oauthClient;
  return createGcpConnector({
    apiEndpoint: sim.gcp.apiEndpoint,
    credentials: {
      type: 'authorized_user',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      refresh_token: oauth.refreshToken,
    },
    locations: [
      ...new Set(
        manifest.assets
          .filter((a) => a.provider === 'gcp' && a.id.startsWith('//aiplatform.googleapis.com/'))
          .map((a) => a.region),
      ),
    ].sort(),
    ...timeout,
    ...(calls.attempts ? { maxAttempts: calls.attempts } : {}),
  });
}
