import { bootstrapAdminToken, startServer } from '@aispm/api';
import { type CloudSim, type Scale, startCloudSim } from '@aispm/cloud-sim';
import {
  type Connector,
  createAwsConnector,
  createAzureConnector,
  createGcpConnector,
} from '@aispm/connectors';
import { type Db, ensureTenant, migrate, openDb } from '@aispm/db';
import { createScanService } from '@aispm/scan';
import type { FastifyInstance } from 'fastify';
import { buildApiServices } from './api-services.ts';
import { scanProgressBar } from './progress.ts';
import { type EvaluationSummary, evaluate } from './stack.ts';
import { webDistPath } from './web-dist.ts';

export interface DemoOptions {
  port?: number;
  host?: string;
  seed?: number;
  scale?: Scale;
  /** PGlite data directory; in memory when absent. */
  dataDir?: string;
  /** No progress bar or banner (tests). */
  quiet?: boolean;
  /** Build the dashboard first when apps/web/dist is missing. */
  buildWeb?: boolean;
  /** An admin token to ensure (AISPM_ADMIN_TOKEN); else one is generated. */
  adminToken?: string;
}

export interface RunningDemo {
  url: string;
  adminToken: string;
  sim: CloudSim;
  db: Db;
  app: FastifyInstance;
  scanId: string;
  evaluation: EvaluationSummary;
  close(): Promise<void>;
}

async function ensureWebBuilt(quiet: boolean): Promise<string | undefined> {
  const existing = webDistPath();
  if (existing) return existing;
  if (!quiet) process.stderr.write('building the dashboard (first run only)…\n');
  const { build } = await import('vite');
  const root = new URL('../../web/', import.meta.url).pathname;
  await build({ root, logLevel: quiet ? 'silent' : 'warn', configFile: `${root}vite.config.ts` });
  return webDistPath();
}

/** Connectors for the three simulated clouds, with the simulator's own credentials (never a default chain). */
/** How much faster than the real services' limits the demo's simulator answers (and the scanner paces). */
const DEMO_RATE_SCALE = 20;

export function simConnectors(sim: CloudSim): Connector[] {
  const connectors: Connector[] = [
    createAwsConnector({
      endpoint: sim.aws.endpoint,
      credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
    }),
  ];
  if (sim.azure) {
    connectors.push(
      createAzureConnector({
        armEndpoint: sim.azure.armEndpoint,
        authorityHost: sim.azure.authorityHost,
        tlsCa: sim.azure.caCertPem,
        clientCredentials: {
          tenantId: sim.azure.tenantId,
          clientId: sim.azure.clientId,
          clientSecret: sim.azure.clientSecret,
        },
      }),
    );
  }
  const gcpEstate = sim.estate.gcp as {
    oauthClient?: { clientId: string; clientSecret: string; refreshToken: string };
  };
  if (sim.gcp && gcpEstate?.oauthClient) {
    const oauth = gcpEstate.oauthClient;
    const locations = [
      ...new Set(
        sim.manifest.assets
          .filter((a) => a.id.startsWith('//aiplatform.googleapis.com/'))
          .map((a) => a.region),
      ),
    ].sort();
    connectors.push(
      createGcpConnector({
        apiEndpoint: sim.gcp.apiEndpoint,
        credentials: {
          type: 'authorized_user',
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
          refresh_token: oauth.refreshToken,
        },
        ...(locations.length ? { locations } : {}),
      }),
    );
  }
  return connectors;
}

/**
 * The main job on the embedded default: cloud-sim's estate → embedded PGlite → a full scan and evaluation in
 * this process → API + dashboard. Nothing but Node is needed.
 */
export async function runDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const quiet = options.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  const webDist = options.buildWeb === false ? webDistPath() : await ensureWebBuilt(quiet);

  say(
    `starting the simulated AWS/Azure/GCP estate (seed ${options.seed ?? 42}, scale ${options.scale ?? 'small'})…`,
  );
  const sim = await startCloudSim({
    port: 0,
    seed: options.seed ?? 42,
    scale: options.scale ?? 'small',
    rateLimits: true,
    // The real services' limits, sped up so the demo takes seconds; the scanner paces itself to the same limits.
    rateLimitScale: DEMO_RATE_SCALE,
  });
  const cleanups: (() => Promise<unknown>)[] = [() => sim.close()];
  try {
    const db = await openDb({ backend: 'pglite', ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    cleanups.unshift(() => db.close());
    await migrate(db);
    const tenant = await ensureTenant(db);
    const connectors = simConnectors(sim);
    const scans = createScanService({
      db,
      tenantId: tenant.id,
      connectors,
      redis: undefined,
      pacingScale: DEMO_RATE_SCALE,
    });
    cleanups.unshift(() => scans.close());
    const { scanId } = await scans.startScan({ trigger: 'demo' });
    const bar = quiet ? undefined : scanProgressBar('scanning');
    const summary = await scans.waitForScan(scanId, bar ? { onProgress: (p) => bar.update(p) } : {});
    bar?.stop();
    const assets = Object.values(summary.assets).reduce((a, b) => a + b, 0);
    say(
      `scan ${summary.status}: ${assets} assets, ${summary.tasks.total} tasks (${summary.tasks.failed} failed) in ${(summary.durationMs / 1000).toFixed(1)}s`,
    );

    say('evaluating rules, compliance and attack paths…');
    const evaluation = await evaluate(db, tenant.id, scanId);
    const open = Object.values(evaluation.findings.bySeverity).reduce((a, b) => a + b, 0);
    say(`${open} findings, ${evaluation.attackPaths} attack paths`);

    const admin = await bootstrapAdminToken(db, { AISPM_ADMIN_TOKEN: options.adminToken });
    const adminToken = admin.token ?? options.adminToken ?? '';
    const wired = buildApiServices({ db, connectors, redis: undefined, pacingScale: DEMO_RATE_SCALE });
    cleanups.unshift(() => wired.close());
    const { app, url } = await startServer({
      db,
      services: wired.services,
      port: options.port ?? 8080,
      host: options.host ?? '127.0.0.1',
      logger: false,
      ...(webDist ? { webDist } : {}),
    });
    cleanups.unshift(() => app.close());
    const shown = url.replace('127.0.0.1', 'localhost');
    say('');
    say(`aispm demo is running: ${shown}/`);
    say(`admin token: ${adminToken}`);
    say(`API docs: ${shown}/api/docs  (Ctrl-C to stop)`);
    return {
      url,
      adminToken,
      sim,
      db,
      app,
      scanId,
      evaluation,
      async close() {
        for (const cleanup of cleanups) await cleanup().catch(() => {});
      },
    };
  } catch (err) {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    throw err;
  }
}
