import {
  type CloudSim,
  RateLimiter,
  DEFAULT_LIMITS as SIMULATED_LIMITS,
  startCloudSim,
} from '@aispm/cloud-sim';
import { createAwsConnector, createAzureConnector } from '@aispm/connectors';
import {
  BURST_HEADROOM,
  LimitTable,
  MemoryPacer,
  PACING_HEADROOM,
  THROTTLE_SLOWDOWN,
} from '@aispm/connectors/pacing';
import type { Db } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisPacer } from '../src/index.ts';
import { deleteQueueKeys } from '../src/runners/bullmq.ts';
import { graphFingerprint, newTenant, REDIS_URL, ServiceHarness, uniquePrefix } from './helpers.ts';

describe('the documented limits the scanner paces by', () => {
  it('never plan above what the simulated clouds allow, for every rule the simulator has', () => {
    const scanner = new LimitTable();
    const simulator = new RateLimiter(true);
    // The scanner names Azure reads (Resource Manager's, the Agent Service's: every operation the simulator puts on
    // that budget, classic and versioned agents alike) and GCP task services its own way; everything else is the
    // same operation.
    const asScanner = (cloud: 'aws' | 'azure' | 'gcp', op: string) =>
      cloud === 'azure'
        ? simulator.ruleFor(cloud, op).key === 'azure:agents-read'
          ? 'agents:read'
          : 'read'
        : cloud === 'gcp'
          ? op.startsWith('aiplatform')
            ? 'vertex-ai'
            : 'storage'
          : op;
    for (const [pattern] of SIMULATED_LIMITS) {
      const [cloud, ...rest] = pattern.split(':') as ['aws' | 'azure' | 'gcp', ...string[]];
      const operation = rest.join(':').replaceAll('*', 'Sample');
      const planned = scanner.bucketFor(cloud, 'acct', asScanner(cloud, operation));
      const allowed = simulator.ruleFor(cloud, operation).spec;
      expect(planned, pattern).toBeDefined();
      expect(planned!.ratePerSec, pattern).toBeLessThan(allowed.ratePerSec);
      expect(planned!.burst, pattern).toBeLessThan(allowed.burst);
    }
  });
});

describe('RedisPacer: one budget for every worker process', () => {
  const prefix = uniquePrefix('pacing');
  const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  // One call a second after a burst of two, so a few milliseconds between the test's calls are noise.
  const limits = new LimitTable([
    ['aws:test:*', { ratePerSec: 1 / PACING_HEADROOM, burst: 2 / BURST_HEADROOM }],
  ]);
  const [a, b] = connections.map((c) => new RedisPacer(c, prefix, limits)) as [RedisPacer, RedisPacer];

  afterAll(async () => {
    await deleteQueueKeys(REDIS_URL, prefix);
    for (const c of connections) c.disconnect();
  });

  it('two workers taking turns on one bucket queue behind each other, as one would', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      waits.push(await a.reserve('aws', 'acct-1', 'test:List'));
      waits.push(await b.reserve('aws', 'acct-1', 'test:List'));
    }
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    // Then one call a second: the 3rd call waits ~1 s, the 6th ~4 s, whichever worker asked.
    waits.slice(2).forEach((wait, i) => {
      expect(Math.abs(wait - (i + 1) * 1000)).toBeLessThan(150);
    });
    // Another account, another budget.
    expect(await b.reserve('aws', 'acct-2', 'test:List')).toBe(0);
  });

  it('a throttle one worker meets slows the bucket for the others', async () => {
    const op = 'test:Describe';
    await a.reserve('aws', 'acct-3', op);
    await a.reserve('aws', 'acct-3', op);
    a.throttled('aws', 'acct-3', op);
    // The throttle is sent without waiting for it; the next reservation on the same connection follows it.
    const first = await a.reserve('aws', 'acct-3', op);
    const second = await b.reserve('aws', 'acct-3', op);
    const spacing = 1000 / THROTTLE_SLOWDOWN;
    expect(Math.abs(first - spacing)).toBeLessThan(150);
    expect(Math.abs(second - first - spacing / (1 + 0.01 / THROTTLE_SLOWDOWN))).toBeLessThan(150);
  });

  it('a throttle on a bucket no worker has used yet empties it, in Redis as in memory', async () => {
    const memory = new MemoryPacer(limits);
    memory.throttled('aws', 'acct-4', 'test:Get');
    a.throttled('aws', 'acct-4', 'test:Get');
    const spacing = 1000 / THROTTLE_SLOWDOWN;
    expect(Math.abs(memory.reserve('aws', 'acct-4', 'test:Get') - spacing)).toBeLessThan(150);
    expect(Math.abs((await a.reserve('aws', 'acct-4', 'test:Get')) - spacing)).toBeLessThan(150);
  });
});

describe('a paced scan under binding rate limits', () => {
  let t: TestDatabase;
  let db: Db;
  let sim: CloudSim;
  const harness = new ServiceHarness();
  // Small buckets for every AWS operation, in the simulator and in the scanner alike, so the medium estate's
  // calls (several per operation and account) exceed them. The simulator shares the scanner's event loop, so
  // a busy loop delays the calls it receives by a few hundred milliseconds and bunches them: the 2 calls of
  // the burst the pacer leaves unplanned last a second at 2 a second, as they would at the documented rates
  // (20 of Lambda's 100 last 0.4 s at 50 a second) over a network that does not share our loop.
  const TIGHT: [string, { ratePerSec: number; burst: number }][] = [['aws:*', { ratePerSec: 2, burst: 8 }]];
  // The scanner is given three quarters of that: calls bunched by the shared loop still fit the simulator's bucket,
  // while two workers that did not share the budget would together spend one and a half times it and be throttled.
  const SCANNER_TIGHT: [string, { ratePerSec: number; burst: number }][] = [
    ['aws:*', { ratePerSec: 1.5, burst: 6 }],
  ];

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    db = t.db;
    sim = await startCloudSim({ seed: 7, scale: 'medium', port: 0, rateLimits: true, rateLimitRules: TIGHT });
  });
  afterAll(async () => {
    await harness.close();
    await sim?.close();
    await t?.drop();
  });

  const connector = () =>
    createAwsConnector({
      credentials: { accessKeyId: 'AKIAAISPMSIMULATOR01', secretAccessKey: 'aispm-sim-secret' },
      endpoint: sim.aws.endpoint,
      regions: ['eu-west-1', 'us-east-1'],
    });

  it('two workers sharing the budget meet no throttling, and find the same graph as an unpaced scan', async () => {
    sim.limiter.reset();
    const unpacedTenant = await newTenant(db, 'unpaced');
    const unpaced = harness.create({
      db,
      tenantId: unpacedTenant,
      connectors: [connector()],
      redis: REDIS_URL,
      pacingScale: 0,
    });
    await unpaced.startWorkers();
    const first = await unpaced.startScan({ trigger: 'manual', provider: 'aws' });
    const unpacedSummary = await unpaced.waitForScan(first.scanId, { timeoutMs: 240_000, pollMs: 50 });
    const unpacedThrottles = sim.stats().operations.reduce((n, o) => n + o.throttled, 0);
    // The limits bind: without pacing the simulator throttles (the SDK and the task retries recover).
    expect(unpacedThrottles).toBeGreaterThan(0);

    sim.limiter.reset();
    const before = new Map(sim.stats().operations.map((o) => [`${o.cloud}:${o.operation}`, o.throttled]));
    const pacedTenant = await newTenant(db, 'paced');
    const queuePrefix = uniquePrefix('paced');
    const options = {
      db,
      tenantId: pacedTenant,
      connectors: [connector()],
      redis: REDIS_URL,
      queuePrefix,
      pacingLimits: SCANNER_TIGHT,
      concurrency: { worker: 16, perAccount: 4 },
    };
    const workers = [harness.create(options), harness.create(options)];
    for (const w of workers) await w.startWorkers();
    const second = await workers[0]!.startScan({ trigger: 'manual', provider: 'aws' });
    const pacedSummary = await workers[0]!.waitForScan(second.scanId, { timeoutMs: 240_000, pollMs: 50 });
    const progress = await workers[0]!.getScan(second.scanId);
    // Named, so a failure says which operation's budget the pacer missed.
    const pacedThrottles = sim
      .stats()
      .operations.map((o) => ({
        op: `${o.cloud}:${o.operation}`,
        n: o.throttled - (before.get(`${o.cloud}:${o.operation}`) ?? 0),
      }))
      .filter((o) => o.n > 0);

    expect(pacedSummary.status).toBe('succeeded');
    expect(unpacedSummary.status).toBe('succeeded');
    expect(pacedThrottles).toEqual([]);
    expect(progress.counters.throttled).toBe(0);
    expect(progress.tasks.every((task) => task.status === 'succeeded')).toBe(true);
    const [paced, plain] = await Promise.all([
      graphFingerprint(db, pacedTenant),
      graphFingerprint(db, unpacedTenant),
    ]);
    expect(paced.assets.length).toBeGreaterThan(300);
    expect(paced).toEqual(plain);
    // Two whole scans, one of them paced at 2 calls a second per operation: a minute or two by design.
  }, 240_000);
});

describe('a paced Azure scan under a binding subscription budget', () => {
  // Every Resource Manager read of a subscription spends one bucket; 5 a second is far below the real 25.
  const ARM: [string, { ratePerSec: number; burst: number; shared: string }][] = [
    ['azure:*', { ratePerSec: 5, burst: 10, shared: 'arm-read' }],
  ];
  // The scanner is given three quarters of it, as in the AWS test above: the simulator shares the scanner's event
  // loop, and calls a busy loop bunched met the simulator's bucket at its edge (8 throttles in one fresh-clone run on
  // a slow machine) although they were paced at 0.95 of it.
  const SCANNER_ARM: [string, { ratePerSec: number; burst: number; shared: string }][] = [
    ['azure:*', { ratePerSec: 3.75, burst: 7, shared: 'arm-read' }],
  ];
  let t: TestDatabase;
  let sim: CloudSim;
  const harness = new ServiceHarness();

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    sim = await startCloudSim({
      seed: 7,
      scale: 'small',
      port: 0,
      rateLimits: true,
      rateLimitRules: ARM,
      providers: ['aws', 'azure'],
    });
  });
  afterAll(async () => {
    await harness.close();
    await sim?.close();
    await t?.drop();
  });

  const scan = async (pacingScale: number) => {
    const azure = sim.azure!;
    sim.limiter.reset();
    const tenantId = await newTenant(t.db, 'azure-paced');
    const summary = await harness.scanOnce(
      {
        db: t.db,
        tenantId,
        connectors: [
          createAzureConnector({
            armEndpoint: azure.armEndpoint,
            authorityHost: azure.authorityHost,
            tlsCa: azure.caCertPem,
            clientCredentials: {
              tenantId: azure.tenantId,
              clientId: azure.clientId,
              clientSecret: azure.clientSecret,
            },
          }),
        ],
        redis: undefined,
        pacingScale,
        pacingLimits: SCANNER_ARM,
      },
      { trigger: 'manual' },
    );
    return { summary, throttled: sim.stats().operations.reduce((n, o) => n + o.throttled, 0) };
  };

  it('meets no throttling where an unpaced scan is throttled into failed tasks', async () => {
    const unpaced = await scan(0);
    expect(unpaced.throttled).toBeGreaterThan(0);
    const paced = await scan(1);
    expect(paced.throttled).toBe(0);
    expect(paced.summary.status).toBe('succeeded');
    expect(paced.summary.tasks.failed).toBe(0);
    expect(Object.values(paced.summary.assets).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });
});
