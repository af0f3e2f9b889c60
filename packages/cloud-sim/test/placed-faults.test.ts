import { BedrockClient, GetResourcePolicyCommand } from '@aws-sdk/client-bedrock';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeNotebookInstanceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { v1 } from '@google-cloud/aiplatform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesRule } from '../src/faults.ts';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import { assumeInto, baseCredentials, clientConfig, type StaticCredentials } from './aws-helpers.ts';
import { collect, startAzure } from './azure-server.ts';
import { startGcp } from './gcp-server.ts';

async function errorOf(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('fault rules', () => {
  it('narrow an operation to an account and a region', () => {
    const rule = 'sagemaker:DescribeModel@111122223333/eu-west-1';
    expect(
      matchesRule(rule, 'sagemaker:DescribeModel', { account: '111122223333', region: 'eu-west-1' }),
    ).toBe(true);
    expect(
      matchesRule(rule, 'sagemaker:DescribeModel', { account: '111122223333', region: 'us-east-1' }),
    ).toBe(false);
    expect(
      matchesRule(rule, 'sagemaker:DescribeModel', { account: '999988887777', region: 'eu-west-1' }),
    ).toBe(false);
    expect(matchesRule(rule, 'sagemaker:DescribeEndpoint', { account: '111122223333' })).toBe(false);
    expect(matchesRule('sagemaker:*@*/eu-west-1', 'SageMaker:DescribeModel', { region: 'EU-WEST-1' })).toBe(
      true,
    );
    // A scoped rule never matches a call whose place is unknown.
    expect(matchesRule('sagemaker:DescribeModel@111122223333', 'sagemaker:DescribeModel', {})).toBe(false);
  });
});

describe('AWS placed faults through the SDK', () => {
  let sim: CloudSim;
  let member: StaticCredentials;
  let memberId: string;
  let notebook: { name: string; region: string };
  beforeAll(async () => {
    sim = await startCloudSim({ providers: ['aws'], seed: 7, scale: 'small', port: 0, rateLimits: false });
    const account = sim.estate.aws.accounts.find(
      (a) =>
        a.Id !== sim.estate.aws.managementAccountId &&
        Object.values(a.regions).some((r) => r.sagemaker.notebooks.length > 0),
    );
    if (!account) throw new Error('no member account with a notebook');
    memberId = account.Id;
    const [region, regional] =
      Object.entries(account.regions).find(([, r]) => r.sagemaker.notebooks.length > 0) ?? [];
    notebook = {
      name: String(regional?.sagemaker.notebooks[0]?.NotebookInstanceName),
      region: String(region),
    };
    member = await assumeInto(sim, memberId);
  });
  afterAll(async () => {
    await sim.close();
  });

  const describeNotebook = (region = notebook.region) =>
    new SageMakerClient(clientConfig(sim, member, region)).send(
      new DescribeNotebookInstanceCommand({ NotebookInstanceName: notebook.name }),
    );

  it('denies one operation in one account and region with the JSON protocol’s AccessDeniedException', async () => {
    sim.faults.place({ denied: [`sagemaker:DescribeNotebookInstance@${memberId}/${notebook.region}`] });
    const err = await errorOf(describeNotebook());
    expect(err).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect(String(err.message)).toContain('sagemaker:DescribeNotebookInstance');
    // Another region of the same account still answers (here: no such notebook, not a denial).
    const elsewhere = await errorOf(
      describeNotebook(notebook.region === 'us-east-1' ? 'eu-west-1' : 'us-east-1'),
    );
    expect(elsewhere.name).not.toBe('AccessDeniedException');
    sim.faults.place({});
    expect((await describeNotebook()).NotebookInstanceName).toBe(notebook.name);
  });

  it('answers a not-enabled operation as unknown in each protocol’s form', async () => {
    sim.faults.place({
      notEnabled: [
        `sagemaker:DescribeNotebookInstance@${memberId}/${notebook.region}`,
        'iam:ListAccessKeys',
        's3:GetBucketEncryption',
      ],
    });
    try {
      expect(await errorOf(describeNotebook())).toMatchObject({
        name: 'UnknownOperationException',
        $metadata: { httpStatusCode: 400 },
      });
      const iam = await errorOf(
        new IAMClient(clientConfig(sim, member)).send(new ListAccessKeysCommand({ UserName: 'nobody' })),
      );
      expect(iam).toMatchObject({ name: 'InvalidAction', $metadata: { httpStatusCode: 400 } });
      const bucket = sim.estate.aws.accounts.find((a) => a.Id === memberId)?.buckets[0]?.Name ?? 'none';
      const s3 = await errorOf(
        new S3Client({ ...clientConfig(sim, member), forcePathStyle: true }).send(
          new GetBucketEncryptionCommand({ Bucket: bucket }),
        ),
      );
      expect(s3).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    } finally {
      sim.faults.place({});
    }
  });

  it("denies one account's guardrail resource-policy read; where no policy exists it is ResourceNotFound", async () => {
    const placed = sim.estate.aws.accounts.flatMap((a) =>
      Object.entries(a.regions).flatMap(([region, r]) =>
        r.guardrails.map((g) => ({
          account: a.Id,
          region,
          arn: String(g.guardrailArn),
          hasPolicy: r.guardrailPolicies[String(g.guardrailArn)] !== undefined,
        })),
      ),
    );
    const withPolicy = placed.find((g) => g.hasPolicy);
    if (!withPolicy) throw new Error('a guardrail with a resource policy expected');
    // A guardrail of the same account and region with no policy (here one the estate does not hold).
    const without = {
      ...withPolicy,
      arn: withPolicy.arn.replace(/guardrail\/.*$/, 'guardrail/nopolicy0000'),
    };
    const read = async (g: typeof withPolicy) => {
      const creds =
        g.account === sim.estate.aws.managementAccountId
          ? baseCredentials(sim)
          : await assumeInto(sim, g.account);
      return new BedrockClient(clientConfig(sim, creds, g.region)).send(
        new GetResourcePolicyCommand({ resourceArn: g.arn }),
      );
    };
    const policy = JSON.parse(String((await read(withPolicy)).resourcePolicy));
    expect(JSON.stringify(policy.Statement)).toContain('bedrock:ApplyGuardrail');
    expect(await errorOf(read(without))).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    sim.faults.place({ denied: [`bedrock:GetResourcePolicy@${withPolicy.account}/${withPolicy.region}`] });
    try {
      const err = await errorOf(read(withPolicy));
      expect(err).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
      expect(String(err.message)).toContain('bedrock:GetResourcePolicy');
    } finally {
      sim.faults.place({});
    }
  });
});

describe('Azure placed faults through the SDK', () => {
  it('answers 403 AuthorizationFailed in one subscription and NoRegisteredProviderFound when not enabled', async () => {
    const sim = await startAzure();
    try {
      const [first, second] = sim.state.subscriptions.map((s) => String(s.subscriptionId));
      if (!first || !second) throw new Error('two subscriptions expected');
      const accounts = (sub: string) =>
        collect(
          new CognitiveServicesManagementClient(sim.credential, sub, sim.clientOptions).accounts.list(),
        );
      sim.faults.place({ denied: [`cognitiveservices:ListAccounts@${first}`] });
      expect(await errorOf(accounts(first))).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
      await expect(accounts(second)).resolves.toBeInstanceOf(Array);
      sim.faults.place({ notEnabled: [`cognitiveservices:ListAccounts@${second}`] });
      const notEnabled = await errorOf(accounts(second));
      expect(notEnabled).toMatchObject({ statusCode: 400, code: 'NoRegisteredProviderFound' });
      await expect(accounts(first)).resolves.toBeInstanceOf(Array);
    } finally {
      await sim.close();
    }
  });
});

describe('GCP placed faults through the SDK', () => {
  it('answers PERMISSION_DENIED in one location and SERVICE_DISABLED when the API is off', async () => {
    const sim = await startGcp();
    try {
      const key = Object.keys(sim.state.collections).find((k) => k.endsWith('/models'));
      const project = sim.state.projects.find((p) => key?.startsWith(`projects/${p.projectNumber}/`));
      if (!key || !project) throw new Error('no Vertex models');
      const region = key.split('/')[3] as string;
      const client = new v1.ModelServiceClient(sim.gaxOptions);
      const list = (location: string) =>
        client.listModels({ parent: `projects/${project.projectId}/locations/${location}` });
      sim.faults.place({ denied: [`aiplatform:ListModels@${project.projectId}/${region}`] });
      // gax in REST fallback mode surfaces the HTTP status, with the google.rpc.Status body as the message.
      const denied = await errorOf(list(region));
      expect(denied.code).toBe(403);
      expect(JSON.parse(String(denied.message))).toMatchObject({ error: { status: 'PERMISSION_DENIED' } });
      const other = region === 'us-central1' ? 'europe-west4' : 'us-central1';
      await expect(list(other)).resolves.toBeInstanceOf(Array);
      sim.faults.place({ notEnabled: [`aiplatform:*@${project.projectId}`] });
      const disabled = await errorOf(list(region));
      expect(disabled.code).toBe(403);
      expect(JSON.parse(String(disabled.message))).toMatchObject({
        error: {
          status: 'PERMISSION_DENIED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }],
        },
      });
      await client.close();
    } finally {
      await sim.close();
    }
  });
});
