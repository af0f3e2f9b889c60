/**
 * An organisation scanned end to end the way a deployment runs it: the simulator in its own process (real
 * rate limits), N `aispm worker` processes on one Redis and one Postgres, the scan enqueued by a coordinator,
 * then evaluation (rules, findings, attack paths) in this process. Reports wall time, API calls/s, assets/s,
 * throttles, failed tasks and coverage gaps, the simulator's rate-limit floor for the calls made, and each
 * process's peak RSS (VmHWM). Shared by `org-1000` and `big-accounts`.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@aispm/core';
import { ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { connectorsFromConfig, createScanService, deleteQueueKeys, runEvaluation } from '@aispm/scan';
import type { SimFloor, SimReady } from './sim-process.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = fileURLToPath(new URL('../../', import.meta.url));
export const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const say = (line: string) => process.stderr.write(`${line}\n`);

/** Peak resident set of a process so far, from the kernel's high-water mark. */
export function peakRssMb(pid: number | 'self' = 'self'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, so a bench shows which process was the bottleneck. */
export function cpuSeconds(pid: number | 'self' = 'self'): number | null {
  try {
    return Math.round(parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuSec);
  } catch {
    return null;
  }
}

/** A /proc/<pid>/stat line's command and user + system CPU seconds (fields 14 and 15, after the command). */
function parseProcStat(stat: string): { command: string; cpuSec: number } {
  // The command is parenthesised and may hold spaces or parentheses: the last ')' ends it.
  const end = stat.lastIndexOf(')');
  const fields = stat.slice(end + 2).split(' ');
  return {
    command: stat.slice(stat.indexOf('(') + 1, end),
    cpuSec: (Number(fields[11]) + Number(fields[12])) / 100,
  };
}

/** The whole machine's CPU time so far, in seconds (busy = everything but idle and iowait), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by every live process whose command is one of `names` (Postgres's backends, Redis), so
 * a bench can say where the machine's CPU went. A process that exited before the reading is not counted.
 */
export function cpuSecondsByCommand(names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const { command, cpuSec } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (command in out) out[command] = (out[command] ?? 0) + cpuSec;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

export interface SimHandle {
  ready: SimReady;
  floor(): Promise<SimFloor>;
  reset(): Promise<void>;
  pid: number;
  close(): Promise<void>;
}

/** The next IPC message of `type` from a bench child process (rejects if it exits first). */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(msg as T);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`child process exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startSimProcess(scale: string, seed = 7): Promise<SimHandle> {
  const child = fork(fileURLToPath(new URL('./sim-process.ts', import.meta.url)), [scale, String(seed)], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage<SimReady>(child, 'ready');
  return {
    ready,
    pid: child.pid ?? 0,
    async floor() {
      const answer = nextMessage<SimFloor>(child, 'floor');
      child.send({ type: 'floor' });
      return answer;
    },
    async reset() {
      const answer = nextMessage<unknown>(child, 'reset');
      child.send({ type: 'reset' });
      await answer;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
}

/**
 * The heap budget docker-compose.yml gives a worker (the default of its NODE_OPTIONS), read from there so the bench
 * measures workers as deployed.
 */
export const WORKER_HEAP_FLAG = (() => {
  const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  const flag = /AISPM_WORKER_NODE_OPTIONS:-(--max-old-space-size=\d+)/.exec(compose)?.[1];
  if (!flag) throw new Error('docker-compose.yml no longer gives the worker a --max-old-space-size default');
  return flag;
})();

function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(
    process.execPath,
    // BENCH_WORKER_FLAGS adds Node flags to the workers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (Node refuses
    // profiling flags in NODE_OPTIONS).
    [
      WORKER_HEAP_FLAG,
      ...(process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      `${root}apps/worker/src/main.ts`,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('aispm worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

export interface OrgScanResult {
  workers: number;
  status: string;
  wallMs: number;
  tasks: number;
  failedTasks: number;
  gaps: number;
  assets: number;
  edges: number;
  throttled: number;
  floor: SimFloor;
  workerPeakRssMb: (number | null)[];
  /** CPU seconds used during the scan: each worker, and the simulator serving it. */
  workerCpuSec: (number | null)[];
  simCpuSec: number | null;
  /** CPU seconds Postgres's processes and Redis used during the scan (those alive at its end). */
  serviceCpuSec: Record<string, number>;
  /** The share of all cores' time that was busy during the scan. */
  machineBusyPct: number | null;
}

/** The services a scan leans on, by command name in /proc. */
const SERVICE_COMMANDS = ['postgres', 'redis-server'] as const;

/**
 * One scan of the simulator's whole estate (all three clouds) by `workers` worker processes, into a fresh
 * database; `evaluate` then runs the evaluation on the result in this process.
 */
export async function scanOrg(
  sim: SimHandle,
  workers: number,
  opts: { evaluate: boolean; label: string },
): Promise<OrgScanResult> {
  const t = await createTestDatabase('postgres');
  const prefix = `aispm-bench-${randomBytes(4).toString('hex')}`;
  const tenantName = `bench-${opts.label.replace(/[^a-z0-9-]/gi, '-')}`;
  const env: Record<string, string> = {
    ...sim.ready.env,
    AISPM_CLOUDS: 'aws,azure,gcp',
    AISPM_AWS_ENDPOINT: sim.ready.env.AWS_ENDPOINT_URL ?? '',
    AISPM_AWS_REGIONS: sim.ready.awsRegions.join(','),
    DATABASE_URL: t.url ?? '',
    REDIS_URL: redisUrl,
    AISPM_QUEUE_PREFIX: prefix,
    AISPM_TENANT: tenantName,
    AISPM_DEFAULT_SCHEDULE: '0',
  };
  const procs: WorkerProcess[] = [];
  try {
    const tenant = await ensureTenant(t.db, tenantName);
    // The coordinator only enqueues and watches (like the API process); the workers do every task.
    const coordinator = createScanService({
      db: t.db,
      tenantId: tenant.id,
      connectors: await connectorsFromConfig(loadConfig(env)),
      redis: redisUrl,
      queuePrefix: prefix,
      log: () => {},
    });
    for (let i = 0; i < workers; i++) procs.push(startWorker(env));
    await Promise.all(procs.map((p) => p.ready));
    await sim.reset();
    const simCpuBefore = cpuSeconds(sim.pid) ?? 0;
    const machineBefore = machineCpu();
    const servicesBefore = cpuSecondsByCommand(SERVICE_COMMANDS);
    const started = performance.now();
    const { scanId } = await coordinator.startScan({ trigger: 'manual' });
    let lastSaid = 0;
    const summary = await coordinator.waitForScan(scanId, {
      timeoutMs: 3_600_000,
      // Each progress read lists every task (18,620 for org-1000): a slower poll keeps watching cheap.
      pollMs: 2_000,
      onProgress: (p) => {
        if (performance.now() - lastSaid < 5_000) return;
        lastSaid = performance.now();
        const c = p.counters;
        say(
          `  [${opts.label}] ${Math.round((performance.now() - started) / 1000)} s: tasks ${c.tasksDone}/${c.tasksTotal} (${c.tasksFailed} failed), assets ${c.assetsSeen}, throttled ${c.throttled}`,
        );
      },
    });
    const wallMs = Math.round(performance.now() - started);
    const progress = await coordinator.getScan(scanId);
    const floor = await sim.floor();
    const workerPeakRssMb = procs.map((p) => peakRssMb(p.child.pid ?? 0));
    const workerCpuSec = procs.map((p) => cpuSeconds(p.child.pid ?? 0));
    const simCpuSec = (cpuSeconds(sim.pid) ?? 0) - simCpuBefore;
    const machineAfter = machineCpu();
    const servicesAfter = cpuSecondsByCommand(SERVICE_COMMANDS);
    await coordinator.close();
    const result: OrgScanResult = {
      workers,
      status: summary.status,
      wallMs,
      tasks: summary.tasks.total,
      failedTasks: summary.tasks.failed,
      gaps: summary.gaps.length,
      assets: Object.values(summary.assets).reduce((a, b) => a + b, 0),
      edges: Object.values(summary.edges).reduce((a, b) => a + b, 0),
      throttled: progress.counters.throttled,
      floor,
      workerPeakRssMb,
      workerCpuSec,
      simCpuSec,
      serviceCpuSec: Object.fromEntries(
        SERVICE_COMMANDS.map((c) => [c, Math.round((servicesAfter[c] ?? 0) - (servicesBefore[c] ?? 0))]),
      ),
      // How busy the machine's cores were over the scan: below ~95% the scan was waiting, not out of CPU.
      machineBusyPct:
        machineBefore && machineAfter
          ? Math.round(
              (100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total),
            )
          : null,
    };
    emit({
      bench: opts.label,
      phase: 'scan',
      ...result,
      apiCallsPerSec: Math.round(floor.apiCalls / (wallMs / 1000)),
      assetsPerSec: Math.round(result.assets / (wallMs / 1000)),
      wallOverFloor: floor.floorMs > 0 ? Number((wallMs / floor.floorMs).toFixed(2)) : null,
      wallOverSustainedFloor:
        floor.sustainedFloorMs > 0 ? Number((wallMs / floor.sustainedFloorMs).toFixed(2)) : null,
    });
    if (opts.evaluate) {
      const before = peakRssMb();
      const t0 = performance.now();
      const evaluation = await runEvaluation(t.db, tenant.id, { scanId });
      emit({
        bench: opts.label,
        phase: 'evaluate',
        ms: Math.round(performance.now() - t0),
        findings: Object.values(evaluation.findings.byStatus).reduce((a, b) => a + b, 0),
        attackPaths: evaluation.attackPaths,
        verdicts: evaluation.verdicts,
        ruleErrors: evaluation.ruleErrors?.length ?? 0,
        peakRssMbBefore: before,
        peakRssMb: peakRssMb(),
      });
    }
    return result;
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(
      procs.map((p) =>
        p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : Promise.resolve(),
      ),
    );
    await deleteQueueKeys(redisUrl, prefix);
    await t.drop();
  }
}

/** `--workers 1,2,4` → [1, 2, 4]. */
export function workerCounts(args: string[], fallback: number[]): number[] {
  const i = args.indexOf('--workers');
  if (i < 0) return fallback;
  const counts = (args[i + 1] ?? '').split(',').map(Number);
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1)) {
    say('--workers takes a comma-separated list of positive integers, e.g. 1,2,4');
    process.exit(2);
  }
  return counts;
}
