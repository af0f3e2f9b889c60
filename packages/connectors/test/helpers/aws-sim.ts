import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { createAwsConnector } from '../../src/aws/index.ts';
import { type DriverResult, runConnector } from './driver.ts';

export interface AwsSimScan {
  /** The estate's seed (its `small` scale, rate limits off). */
  seed: number;
  /**
   * Operations the simulator denies (`service:Action`, optionally `@account/region`), or a function that picks them
   * from the started estate.
   */
  denied?: string[] | ((sim: CloudSim) => string[]);
}

/**
 * Starts a small simulated estate and runs the AWS connector over every region of its AWS half. The caller closes
 * `sim` (closed here when the scan throws).
 */
export async function scanAwsSim({
  seed,
  denied,
}: AwsSimScan): Promise<{ sim: CloudSim; result: DriverResult }> {
  const sim = await startCloudSim({
    seed,
    scale: 'small',
    port: 0,
    rateLimits: false,
    ...(Array.isArray(denied) ? { faults: { denied } } : {}),
  });
  try {
    if (typeof denied === 'function') sim.faults.place({ denied: denied(sim) });
    const regions = [
      ...new Set(
        sim.manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
      ),
    ];
    const result = await runConnector(
      createAwsConnector({
        credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
        endpoint: sim.aws.endpoint,
        regions,
      }),
    );
    return { sim, result };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
