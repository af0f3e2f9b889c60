import { describe, expect, it } from 'vitest';
import { FaultInjector, malform } from '../src/faults.ts';
import { parseFaults } from '../src/options.ts';
import { RateLimiter } from '../src/rate-limit.ts';

describe('FaultInjector', () => {
  it('is reproducible per seed and operation, independent of other operations’ calls', () => {
    const a = new FaultInjector({ errorRate: 0.3, throttleRate: 0.2, seed: 9 });
    const b = new FaultInjector({ errorRate: 0.3, throttleRate: 0.2, seed: 9 });
    const seqA = Array.from({ length: 50 }, () => a.decide('sagemaker:ListEndpoints'));
    // b interleaves another operation: the ListEndpoints stream must not change.
    const seqB = Array.from({ length: 50 }, () => {
      b.decide('bedrock:ListAgents');
      return b.decide('sagemaker:ListEndpoints');
    });
    expect(seqB).toEqual(seqA);
    const other = new FaultInjector({ errorRate: 0.3, throttleRate: 0.2, seed: 10 });
    expect(Array.from({ length: 50 }, () => other.decide('sagemaker:ListEndpoints'))).not.toEqual(seqA);
  });

  it('hits the configured rates roughly and never fires when all rates are zero', () => {
    const f = new FaultInjector({ errorRate: 0.25, resetRate: 0.05, seed: 3 });
    const n = 4000;
    const counts = { none: 0, error: 0, throttle: 0, malformed: 0, truncate: 0, reset: 0, 'stall-body': 0 };
    for (let i = 0; i < n; i++) counts[f.decide('op')]++;
    expect(counts.error / n).toBeGreaterThan(0.2);
    expect(counts.error / n).toBeLessThan(0.3);
    expect(counts.reset).toBeGreaterThan(0);
    expect(counts.throttle).toBe(0);
    // A body stall is placed by rule, never rolled.
    expect(counts['stall-body']).toBe(0);
    const quiet = new FaultInjector({});
    expect(Array.from({ length: 100 }, () => quiet.decide('op')).every((d) => d === 'none')).toBe(true);
  });

  it('stalls the body of exactly the operations and scopes a stalledMidBody rule names', () => {
    const f = new FaultInjector({ stalledMidBody: ['aiplatform:ListModels@proj-a'] });
    expect(f.bodyFault('aiplatform:ListModels', { account: 'proj-a' }, 'none')).toBe('stall-body');
    expect(f.bodyFault('aiplatform:ListModels', { account: 'proj-b' }, 'malformed')).toBe('malformed');
    expect(f.bodyFault('aiplatform:ListEndpoints', { account: 'proj-a' }, 'none')).toBe('none');
  });

  it('matches denied and endless operations with service wildcards, case-insensitively', () => {
    const f = new FaultInjector({
      denied: ['bedrock:ListGuardrails', 'iam:*'],
      endlessPagination: ['SageMaker:ListEndpoints'],
    });
    expect(f.isDenied('bedrock:ListGuardrails')).toBe(true);
    expect(f.isDenied('bedrock:ListAgents')).toBe(false);
    expect(f.isDenied('iam:GetAccountAuthorizationDetails')).toBe(true);
    expect(f.isEndless('sagemaker:listendpoints')).toBe(true);
    expect(f.isEndless('sagemaker:ListModels')).toBe(false);
  });

  it('parses the CLI form and rejects bad rates', () => {
    const f = parseFaults(
      'errorRate=0.05,latencyMs=20,denied=bedrock:ListGuardrails|iam:GetAccountAuthorizationDetails',
    );
    expect(f.errorRate).toBe(0.05);
    expect(f.latencyMs).toBe(20);
    expect(f.denied).toEqual(['bedrock:ListGuardrails', 'iam:GetAccountAuthorizationDetails']);
    expect(() => parseFaults('errorRate=2')).toThrow();
    expect(() => new FaultInjector({ throttleRate: -1 })).toThrow();
  });

  it('malforms JSON and XML so parsers fail', () => {
    expect(() =>
      JSON.parse(malform(Buffer.from(JSON.stringify({ a: [1, 2, 3], b: 'x' }))).toString()),
    ).toThrow();
    const xml = malform(Buffer.from('<A><B>1</B></A>')).toString();
    expect(xml).not.toBe('<A><B>1</B></A>');
    expect(xml).toContain('<<<');
  });
});

describe('RateLimiter', () => {
  function clock() {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('lets a burst through, throttles the rest and refills at the documented rate', () => {
    const c = clock();
    const limiter = new RateLimiter(true, 1, [], c.now);
    const take = () => limiter.take('aws', '111111111111', 'iam:GetAccountAuthorizationDetails');
    const results = Array.from({ length: 6 }, take);
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    const refused = results[4];
    expect(refused).toEqual({ ok: false, retryAfterMs: 500 });
    c.advance(500);
    expect(take().ok).toBe(true);
    expect(take().ok).toBe(false);
    // another account has its own bucket
    expect(limiter.take('aws', '222222222222', 'iam:GetAccountAuthorizationDetails').ok).toBe(true);
    const stats = limiter.stats().find((s) => s.operation === 'iam:GetAccountAuthorizationDetails');
    expect(stats).toEqual({
      cloud: 'aws',
      operation: 'iam:GetAccountAuthorizationDetails',
      calls: 9,
      throttled: 3,
    });
  });

  it('shares one bucket per subscription across Azure operations', () => {
    const c = clock();
    const limiter = new RateLimiter(true, 1, [], c.now);
    let ok = 0;
    for (let i = 0; i < 300; i++) {
      if (
        limiter.take(
          'azure',
          'sub-1',
          i % 2 ? 'GET Microsoft.Storage/storageAccounts' : 'GET Microsoft.Search/searchServices',
        ).ok
      )
        ok++;
    }
    expect(ok).toBe(250);
  });

  it('scales rates, counts but never refuses when disabled, and rejects a bad scale', () => {
    const c = clock();
    const fast = new RateLimiter(true, 10, [], c.now);
    for (let i = 0; i < 4; i++) fast.take('aws', 'a', 'iam:GetAccountAuthorizationDetails');
    const r = fast.take('aws', 'a', 'iam:GetAccountAuthorizationDetails');
    expect(r).toEqual({ ok: false, retryAfterMs: 50 });
    const off = new RateLimiter(false);
    expect(
      Array.from({ length: 100 }, () => off.take('aws', 'a', 'iam:GetAccountAuthorizationDetails').ok).every(
        Boolean,
      ),
    ).toBe(true);
    expect(off.stats()[0]?.calls).toBe(100);
    expect(() => new RateLimiter(true, 0)).toThrow(/positive/);
  });

  it('computes the API floor as the slowest bucket’s (calls − burst) / rate under the real limits', () => {
    const limiter = new RateLimiter(true, 1000, [
      ['aws:sagemaker:ListEndpoints', { ratePerSec: 2, burst: 10 }],
    ]);
    const floor = limiter.apiFloorMs([
      { cloud: 'aws', accountId: 'a', operation: 'sagemaker:ListEndpoints', calls: 30 },
      { cloud: 'aws', accountId: 'b', operation: 'sagemaker:ListEndpoints', calls: 12 },
      { cloud: 'aws', accountId: 'a', operation: 'iam:GetAccountAuthorizationDetails', calls: 24 },
    ]);
    // ListEndpoints in a: (30-10)/2 = 10 s; authorization details in a: (24-4)/2 = 10 s; b: 1 s.
    expect(floor.floorMs).toBe(10_000);
    expect(limiter.apiFloorMs([]).floorMs).toBe(0);
    const azure = limiter.apiFloorMs([
      { cloud: 'azure', accountId: 's', operation: 'GET x', calls: 200 },
      { cloud: 'azure', accountId: 's', operation: 'GET y', calls: 300 },
    ]);
    expect(azure.floorMs).toBe(10_000);
    expect(azure.bottleneck).toContain('azure:arm-read');
  });

  it('charges the Agent Service data plane (classic and versioned agents) to its own budget, not Resource Manager’s', () => {
    const limiter = new RateLimiter(true, 1000);
    const bucketOf = (operation: string) => limiter.ruleFor('azure', operation).key;
    for (const op of [
      'cognitiveservices:ListAgents',
      'cognitiveservices:GetAgent',
      'cognitiveservices:ListVersionedAgents',
      'cognitiveservices:GetVersionedAgent',
      'cognitiveservices:ListAgentVersions',
      'cognitiveservices:GetAgentVersion',
    ])
      expect(bucketOf(op), op).toBe('azure:agents-read');
    expect(bucketOf('cognitiveservices:ListDeployments')).toBe('azure:arm-read');
    expect(bucketOf('cognitiveservices:ListProjects')).toBe('azure:arm-read');
  });

  it('lists every bucket’s calls and floor, slowest first, operations that share a budget together', () => {
    const limiter = new RateLimiter(true, 1000);
    const buckets = limiter.bucketFloors([
      { cloud: 'azure', accountId: 's', operation: 'GET x', calls: 200 },
      { cloud: 'azure', accountId: 's', operation: 'GET y', calls: 300 },
      { cloud: 'azure', accountId: 's', operation: 'cognitiveservices:ListAgents', calls: 60 },
      { cloud: 'azure', accountId: 's', operation: 'cognitiveservices:GetAgent', calls: 40 },
      { cloud: 'azure', accountId: 't', operation: 'GET x', calls: 100 },
    ]);
    // arm-read in s: (500-250)/25 = 10 s; agents-read in s: (100-10)/5 = 18 s; arm-read in t: within its burst.
    expect(buckets).toEqual([
      { bucket: 's azure:agents-read', calls: 100, floorMs: 18_000 },
      { bucket: 's azure:arm-read', calls: 500, floorMs: 10_000 },
      { bucket: 't azure:arm-read', calls: 100, floorMs: 0 },
    ]);
    expect(
      limiter.bucketFloors([{ cloud: 'azure', accountId: 't', operation: 'GET x', calls: 100 }], {
        sustained: true,
      }),
    ).toEqual([{ bucket: 't azure:arm-read', calls: 100, floorMs: 4_000 }]);
  });
});
