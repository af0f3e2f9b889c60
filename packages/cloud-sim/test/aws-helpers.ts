import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CloudSim } from '../src/index.ts';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Client options every test uses: the simulator endpoint, explicit static credentials, a region. */
export function clientConfig(sim: CloudSim, credentials: StaticCredentials, region = 'us-east-1') {
  return { endpoint: sim.aws.endpoint, region, credentials, maxAttempts: 1 };
}

export function baseCredentials(sim: CloudSim): StaticCredentials {
  return { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey };
}

/** Session credentials in a member account, via STS AssumeRole into its scanner role. */
export async function assumeInto(sim: CloudSim, accountId: string): Promise<StaticCredentials> {
  const sts = new STSClient(clientConfig(sim, baseCredentials(sim)));
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${sim.estate.aws.scanRoleName}`,
      RoleSessionName: 'aispm-test',
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

export function bucketOfUri(uri: string | undefined): string | undefined {
  const m = /^s3:\/\/([^/]+)/.exec(uri ?? '');
  return m ? `arn:aws:s3:::${m[1]}` : undefined;
}
