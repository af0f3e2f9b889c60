import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestConnectorOptions } from '@aispm/scan/testing';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The worker entry point, handed the test connector (see worker-with-test-connector.ts). */
const WORKER_MAIN = fileURLToPath(new URL('./worker-with-test-connector.ts', import.meta.url));

export interface SpawnedWorker {
  child: ChildProcess;
  /** Everything the worker wrote to stderr so far. */
  stderr(): string;
}

/** Starts the real worker process on the test connector; resolves once it announces readiness. */
export function spawnWorker(
  estate: TestConnectorOptions,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<SpawnedWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, AISPM_TEST_CONNECTOR: JSON.stringify(estate), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('aispm worker ready')) resolve({ child, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
}

/** The process's exit code once it has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A port nothing listens on right now (for a server the test starts itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `aispm serve` as its own process; resolves with its base URL once it listens. */
export function spawnApi(
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /aispm API on (http:\/\/[^/\s]+)\/api\/v1/.exec(stderr);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`API exited early (${code}): ${stderr}`)));
  });
}

/** Kills whatever the test started and is still running (afterAll). */
export function killAll(children: readonly ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** The worker settings the process tests share: fast locks, stall checks and retries, one queue prefix. */
export function fastWorkerEnv(databaseUrl: string, redisUrl: string, extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    AISPM_LOCK_DURATION_MS: '1500',
    AISPM_STALLED_INTERVAL_MS: '500',
    AISPM_RETRY_BASE_MS: '50',
    ...extra,
  };
}
