import {
  BedrockClient,
  GetCustomModelCommand,
  ListGuardrailsCommand,
  paginateListCustomModels,
} from '@aws-sdk/client-bedrock';
import { GetAccountAuthorizationDetailsCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeNotebookInstanceCommand,
  ListEndpointsCommand,
  ListNotebookInstancesCommand,
  paginateListEndpoints,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import { assumeInto, baseCredentials, clientConfig, type StaticCredentials } from './aws-helpers.ts';

function memberWith(sim: CloudSim, has: (a: CloudSim['estate']['aws']['accounts'][number]) => boolean) {
  const account = sim.estate.aws.accounts.find((a) => a.Id !== sim.estate.aws.managementAccountId && has(a));
  if (!account) throw new Error('no member account matches');
  return account;
}

async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

describe('AWS protocol errors', () => {
  let sim: CloudSim;
  let member: StaticCredentials;
  let memberId: string;
  beforeAll(async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 3,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: { denied: ['bedrock:ListGuardrails', 'iam:*'] },
    });
    memberId = memberWith(sim, (a) => a.buckets.length > 0).Id;
    member = await assumeInto(sim, memberId);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers denied operations with each protocol’s AccessDenied', async () => {
    const rest = await errorOf(
      new BedrockClient(clientConfig(sim, member)).send(new ListGuardrailsCommand({})),
    );
    expect(rest.name).toBe('AccessDeniedException');
    expect(rest.$metadata?.httpStatusCode).toBe(403);
    const query = await errorOf(
      new IAMClient(clientConfig(sim, member)).send(new GetAccountAuthorizationDetailsCommand({})),
    );
    expect(query.name).toBe('AccessDenied');
    expect(query.$metadata?.httpStatusCode).toBe(403);
    // Not denied: still works.
    const models = await new BedrockClient(clientConfig(sim, member))
      .send(new GetCustomModelCommand({ modelIdentifier: 'x' }))
      .catch((e) => e);
    expect((models as Error).name).toBe('ResourceNotFoundException');
  });

  it('answers missing resources with the service’s own not-found errors', async () => {
    const s3 = new S3Client({ ...clientConfig(sim, member), forcePathStyle: true });
    const account = sim.estate.aws.accounts.find((a) => a.Id === memberId);
    const withoutPolicy = account?.buckets.find((b) => !b.policy);
    if (!withoutPolicy) throw new Error('estate has no bucket without a policy');
    const noPolicy = await errorOf(s3.send(new GetBucketPolicyCommand({ Bucket: withoutPolicy.Name })));
    expect(noPolicy.name).toBe('NoSuchBucketPolicy');
    expect(noPolicy.$metadata?.httpStatusCode).toBe(404);
    expect(
      (await errorOf(s3.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-anywhere' })))).name,
    ).toBe('NoSuchBucket');
    const other = sim.estate.aws.accounts.find((a) => a.Id !== memberId && a.buckets.length > 0);
    if (other) {
      const foreign = await errorOf(s3.send(new GetBucketPolicyCommand({ Bucket: other.buckets[0]?.Name })));
      expect(foreign.name).toBe('AccessDenied');
    }
    const lambda = await errorOf(
      new LambdaClient(clientConfig(sim, member)).send(new GetFunctionCommand({ FunctionName: 'nope' })),
    );
    expect(lambda.name).toBe('ResourceNotFoundException');
    const kms = await errorOf(
      new KMSClient(clientConfig(sim, member)).send(new DescribeKeyCommand({ KeyId: 'nope' })),
    );
    expect(kms.name).toBe('NotFoundException');
    const sm = await errorOf(
      new SageMakerClient(clientConfig(sim, member)).send(
        new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nope' }),
      ),
    );
    expect(sm.name).toBe('ValidationException');
  });

  it('rejects requests without SigV4 auth and unknown access keys', async () => {
    const res = await fetch(`${sim.aws.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.ListEndpoints' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    const stranger = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' };
    expect(
      (await errorOf(new SageMakerClient(clientConfig(sim, stranger)).send(new ListEndpointsCommand({}))))
        .name,
    ).toBe('UnrecognizedClientException');
    expect(
      (
        await errorOf(
          new S3Client({ ...clientConfig(sim, stranger), forcePathStyle: true }).send(
            new ListBucketsCommand({}),
          ),
        )
      ).name,
    ).toBe('InvalidAccessKeyId');
  });

  it('refuses AssumeRole into a role whose trust policy does not name the caller, and org calls from members', async () => {
    const sts = new STSClient(clientConfig(sim, baseCredentials(sim)));
    const err = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${memberId}:role/DoesNotExist`,
          RoleSessionName: 's',
        }),
      ),
    );
    expect(err.name).toBe('AccessDenied');
    const org = await errorOf(
      new OrganizationsClient(clientConfig(sim, member)).send(new ListAccountsCommand({})),
    );
    expect(org.name).toBe('AccessDeniedException');
  });

  it('reports an unknown IAM user with NoSuchEntity', async () => {
    // iam:* is denied in this simulator; a fresh one without denials checks the not-found path.
    const plain = await startCloudSim({
      providers: ['aws'],
      seed: 3,
      scale: 'small',
      port: 0,
      rateLimits: false,
    });
    try {
      const creds = await assumeInto(plain, memberId);
      const e = await errorOf(
        new IAMClient(clientConfig(plain, creds)).send(new ListAccessKeysCommand({ UserName: 'ghost' })),
      );
      expect(e.name).toBe('NoSuchEntityException');
      expect(e.$metadata?.httpStatusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('AWS throttling and injected faults', () => {
  let sim: CloudSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('rate-limits per account and operation; the SDK’s standard retry sees throttling and succeeds', async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 5,
      scale: 'small',
      port: 0,
      rateLimits: true,
      rateLimitScale: 5,
    });
    const memberId = memberWith(sim, () => true).Id;
    const creds = await assumeInto(sim, memberId);
    const iam = new IAMClient({ ...clientConfig(sim, creds), maxAttempts: 10 });
    // The authorization-details bucket holds 4 calls and refills 10/s here: 30 calls fired at once need at
    // least 2.6 s, far longer than they take to arrive, so some must be throttled and retried.
    const results = await Promise.all(
      Array.from({ length: 30 }, () => iam.send(new GetAccountAuthorizationDetailsCommand({}))),
    );
    expect(results.every((r) => (r.RoleDetailList?.length ?? 0) > 0)).toBe(true);
    const op = sim.limiter.stats().find((s) => s.operation === 'iam:GetAccountAuthorizationDetails');
    expect(op?.throttled).toBeGreaterThan(0);
    expect(op?.calls).toBe(30 + (op?.throttled ?? 0));
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
  });

  it('injects throttles and 500s in every protocol; the SDK retries through them', async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 5,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: { throttleRate: 0.25, errorRate: 0.25, seed: 11 },
    });
    const base = baseCredentials(sim);
    const cfg = { ...clientConfig(sim, base), maxAttempts: 12 };
    for (let i = 0; i < 2; i++) {
      await new SageMakerClient(cfg).send(new ListNotebookInstancesCommand({}));
      await new S3Client({ ...cfg, forcePathStyle: true }).send(new ListBucketsCommand({}));
      await new BedrockClient(cfg).send(new ListGuardrailsCommand({}));
      await new IAMClient(cfg).send(new GetAccountAuthorizationDetailsCommand({}));
      await new OrganizationsClient(cfg).send(new ListAccountsCommand({}));
    }
    const faults = sim.faults.stats();
    expect(faults.throttle).toBeGreaterThan(0);
    expect(faults.error).toBeGreaterThan(0);
  });

  it('breaks responses on demand: malformed, truncated and reset answers fail the SDK call', async () => {
    for (const fault of ['malformedRate', 'truncateRate', 'resetRate'] as const) {
      sim = await startCloudSim({
        providers: ['aws'],
        seed: 5,
        scale: 'small',
        port: 0,
        rateLimits: false,
        faults: { [fault]: 1 },
      });
      const err = await errorOf(
        new SageMakerClient(clientConfig(sim, baseCredentials(sim))).send(new ListEndpointsCommand({})),
      );
      expect(err).toBeInstanceOf(Error);
      await sim.close();
      sim = undefined;
    }
  });

  it('makes chosen paginators endless', async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 5,
      scale: 'small',
      port: 0,
      rateLimits: false,
      faults: { endlessPagination: ['sagemaker:ListEndpoints'] },
    });
    const memberId = memberWith(sim, (a) =>
      Object.values(a.regions).some((r) => r.sagemaker.endpoints.length > 0),
    ).Id;
    const creds = await assumeInto(sim, memberId);
    const region = Object.entries(sim.estate.aws.accounts.find((a) => a.Id === memberId)?.regions ?? {}).find(
      ([, r]) => r.sagemaker.endpoints.length > 0,
    )?.[0];
    const sm = new SageMakerClient(clientConfig(sim, creds, region));
    let pages = 0;
    for await (const page of paginateListEndpoints({ client: sm }, {})) {
      expect(page.NextToken).toBeDefined();
      if (++pages === 25) break;
    }
    expect(pages).toBe(25);
    const bedrock = new BedrockClient(clientConfig(sim, creds, region));
    let bedrockPages = 0;
    for await (const _ of paginateListCustomModels({ client: bedrock }, {})) bedrockPages++;
    expect(bedrockPages).toBeLessThan(25);
  });
});
