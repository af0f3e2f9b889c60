/**
 * The simulator in a process of its own, for benches that measure the scanner's memory and CPU apart from the
 * simulator's: started with `fork(sim-process.ts, [scale, seed])`, it sends `{ type: 'ready', … }` once serving,
 * answers `{ type: 'floor' }` with the API calls seen and the floors they imply, and exits on `{ type: 'close' }`.
 */
import { type BucketFloor, ScaleSchema, startCloudSim } from '@aispm/cloud-sim';

export interface SimReady {
  type: 'ready';
  env: Record<string, string>;
  awsRegions: string[];
  assets: number;
  perProvider: Record<string, number>;
  risks: number;
  accounts: { aws: number; azure: number; gcp: number };
  generateMs: number;
}

export interface SimFloor {
  type: 'floor';
  apiCalls: number;
  callsByCloud: Record<string, number>;
  /** The least time the calls need when every bucket starts full (a first scan of the day). */
  floorMs: number;
  bottleneck: string | null;
  /** The least time when every call is charged at its bucket's refill rate (a scan right after another). */
  sustainedFloorMs: number;
  sustainedBottleneck: string | null;
  /** The slowest buckets (account, budget): their calls and floors, to see which ones the scan kept waiting on. */
  slowestBuckets: BucketFloor[];
  rssMb: number;
}

const [scaleArg = 'small', seedArg = '7'] = process.argv.slice(2);
const started = performance.now();
const sim = await startCloudSim({
  seed: Number(seedArg),
  scale: ScaleSchema.parse(scaleArg),
  port: 0,
  rateLimits: true,
});
const generateMs = Math.round(performance.now() - started);
const m = sim.manifest;
const ready: SimReady = {
  type: 'ready',
  env: { ...sim.env, AISPM_AZURE_CA_CERT_PATH: sim.env.NODE_EXTRA_CA_CERTS ?? '' },
  awsRegions: [
    ...new Set(m.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region)),
  ].sort(),
  assets: m.assets.length,
  perProvider: {
    aws: m.counts.aws?.total ?? 0,
    azure: m.counts.azure?.total ?? 0,
    gcp: m.counts.gcp?.total ?? 0,
  },
  risks: m.risks.length,
  accounts: {
    aws: sim.estate.params.awsAccounts,
    azure: sim.estate.params.azureSubscriptions,
    gcp: sim.estate.params.gcpProjects,
  },
  generateMs,
};
process.send?.(ready);
process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'floor') {
    const counts = sim.limiter.callCounts();
    const callsByCloud: Record<string, number> = {};
    for (const c of counts) callsByCloud[c.cloud] = (callsByCloud[c.cloud] ?? 0) + c.calls;
    const floor = sim.apiFloor();
    const sustained = sim.limiter.apiFloorMs(undefined, { sustained: true });
    const answer: SimFloor = {
      type: 'floor',
      apiCalls: counts.reduce((n, c) => n + c.calls, 0),
      callsByCloud,
      floorMs: Math.round(floor.floorMs),
      bottleneck: floor.bottleneck,
      sustainedFloorMs: sustained.floorMs,
      sustainedBottleneck: sustained.bottleneck,
      slowestBuckets: sim.limiter.bucketFloors().slice(0, 5),
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
    process.send?.(answer);
  } else if (msg.type === 'reset') {
    sim.limiter.reset();
    process.send?.({ type: 'reset' });
  } else if (msg.type === 'close') {
    await sim.close();
    process.exit(0);
  }
});
