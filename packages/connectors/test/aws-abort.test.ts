import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsConnector } from '../src/aws/index.ts';
import type { TaskContext } from '../src/types.ts';
import { MemoryGraph } from './helpers/driver.ts';

/**
 * An aborted scan stops the calls its tasks have in flight. Calls are sent without per-call options (so the SDK
 * resolves each command's middleware once per client): the task's abort signal reaches every request through the
 * clients' HTTP handler instead. Without it, a call the cloud never answers would hold the task until its deadline.
 */
describe('an AWS task whose scan is aborted while a call is in flight', () => {
  let sim: CloudSim;

  beforeAll(async () => {
    sim = await startCloudSim({
      seed: 5,
      scale: 'small',
      port: 0,
      rateLimits: false,
      providers: ['aws'],
      faults: { stalled: ['sagemaker:ListEndpoints'] },
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('stops the stalled call with the abort, long before the call deadline', async () => {
    const connector = createAwsConnector({
      credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
      endpoint: sim.aws.endpoint,
      callTimeoutMs: 600_000,
      maxAttempts: 1,
    });
    const { accounts } = await connector.discover({ signal: new AbortController().signal });
    const account = accounts[0];
    const sagemaker = connector.services.find((s) => s.service === 'sagemaker');
    if (!account || !sagemaker) throw new Error('no account or no SageMaker module');
    const scan = new AbortController();
    const ctx: TaskContext = {
      target: {
        provider: 'aws',
        accountId: account.accountId,
        region: connector.regions(account)[0] ?? 'us-east-1',
        service: 'sagemaker',
      },
      account,
      signal: scan.signal,
      graph: new MemoryGraph(),
      onThrottle: () => {},
      log: () => {},
    };
    const requestsBefore = sim.stats().requests.aws;
    const task = sagemaker.run(ctx);
    // The abort comes once the stalled call is on its way (the task's first calls have reached the simulator).
    while (sim.stats().requests.aws === requestsBefore) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    scan.abort(new Error('scan cancelled'));
    // The call deadline is ten minutes away and the test's own timeout is seconds: only the abort can end the task.
    await expect(task).rejects.toMatchObject({ name: 'AbortError' });
  });
});
