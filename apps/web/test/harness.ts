import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The part of cloud-sim's live AWS estate the tests change between scans (declared here, as DemoModule is). */
export interface SimAwsRegion {
  sagemaker: {
    models: Record<string, unknown>[];
    endpoints: Record<string, unknown>[];
    notebooks: Record<string, unknown>[];
  };
}
export interface SimEstate {
  aws: { accounts: { Id: string; regions: Record<string, SimAwsRegion> }[] };
}

export interface RunningStack {
  /** Origin serving both the API (`/api/v1`) and the built dashboard. */
  url: string;
  /** The simulated estate behind the stack: tests may change it between scans. */
  estate: SimEstate;
  /** An admin API token for the demo tenant. */
  token: string;
  /** Places simulator faults (denied operations, as the cloud names them) for the scans that follow. */
  placeFaults(faults: { denied?: string[] }): void;
  stop(): Promise<void>;
}

/** The part of apps/cli/src/demo.ts the harness uses, declared here so the web typecheck stays off CLI sources. */
interface DemoModule {
  runDemo(options: {
    port?: number;
    host?: string;
    seed?: number;
    scale?: 'small' | 'medium' | 'large';
    quiet?: boolean;
    buildWeb?: boolean;
  }): Promise<{
    url: string;
    adminToken: string;
    sim: { estate: unknown; faults: { place(faults: { denied?: string[] }): void } };
    close(): Promise<void>;
  }>;
}

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_MODULE = fileURLToPath(new URL('../../cli/src/demo.ts', import.meta.url));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when apps/web/dist was built after every input of the build last changed. */
export function dashboardIsFresh(): boolean {
  const index = `${WEB_ROOT}dist/index.html`;
  if (!existsSync(index)) return false;
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
    newestMtime(`${WEB_ROOT}${p}`),
  );
  return statSync(index).mtimeMs > Math.max(...inputs);
}

/**
 * Builds the dashboard from this working tree into apps/web/dist, so the browser test exercises the code
 * under test rather than a stale bundle. A child process keeps Vite's build out of the test's module graph.
 */
export async function buildDashboard(): Promise<void> {
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'error'], {
    cwd: WEB_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!existsSync(`${WEB_ROOT}dist/index.html`)) throw new Error('vite build produced no dist/index.html');
}

/**
 * The whole product on loopback: cloud-sim's simulated estate → embedded PGlite → a real scan and evaluation
 * → the API serving the freshly built dashboard (the CLI's `runDemo`).
 */
export async function startStack(options: { seed?: number } = {}): Promise<RunningStack> {
  if (!existsSync(DEMO_MODULE)) throw new Error(`the demo entry point is missing: ${DEMO_MODULE}`);
  if (!dashboardIsFresh()) await buildDashboard();
  const { runDemo } = (await import(DEMO_MODULE)) as DemoModule;
  const demo = await runDemo({
    port: 0,
    host: '127.0.0.1',
    seed: options.seed ?? 42,
    scale: 'small',
    quiet: true,
    buildWeb: false,
  });
  if (!demo.adminToken) {
    await demo.close();
    throw new Error('the demo started without an admin token');
  }
  return {
    url: demo.url.replace(/\/+$/, ''),
    token: demo.adminToken,
    estate: demo.sim.estate as SimEstate,
    placeFaults: (faults) => demo.sim.faults.place(faults),
    stop: () => demo.close(),
  };
}

export { CHROMIUM_ARGS, chromiumPath } from '@aispm/testing/chromium';
