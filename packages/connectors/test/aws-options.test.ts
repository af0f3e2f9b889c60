import { describe, expect, it } from 'vitest';
import { resolveAwsOptions } from '../src/aws/clients.ts';
import { createAwsConnector } from '../src/aws/index.ts';

describe('createAwsConnector options', () => {
  it('defaults: two regions, AispmReadOnly, 6 attempts, standard retries', () => {
    const r = resolveAwsOptions({}, {});
    expect(r).toMatchObject({
      regions: ['us-east-1', 'eu-west-1'],
      assumeRoleName: 'AispmReadOnly',
      maxAttempts: 6,
      retryMode: 'standard',
      customEndpoint: false,
    });
  });

  it('reads AISPM_AWS_REGIONS, and AWS_ENDPOINT_URL switches S3 to path-style addressing', () => {
    const r = resolveAwsOptions(
      {},
      { AISPM_AWS_REGIONS: ['eu-central-1', 'ap-southeast-2'], AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
    );
    expect(r.regions).toEqual(['eu-central-1', 'ap-southeast-2']);
    expect(r.customEndpoint).toBe(true);
    expect(r.endpoint).toBeUndefined();
  });

  it('rejects bad input with a clear error', () => {
    expect(() => resolveAwsOptions({ regions: ['us-east-1; rm -rf'] }, {})).toThrow(/region/);
    expect(() => resolveAwsOptions({ endpoint: 'ftp://x' }, {})).toThrow(/endpoint/);
    expect(() => resolveAwsOptions({ managementAccountId: '12' }, {})).toThrow(/12-digit/);
    expect(
      () =>
        createAwsConnector({ maxAttempts: 0, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
          .services[0]?.run,
    ).not.toThrow();
  });

  it('exposes one phase-ordered module per service', () => {
    const c = createAwsConnector({
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      regions: ['us-east-1'],
    });
    expect(c.services.map((s) => `${s.phase}:${s.service}:${s.global ? 'global' : 'regional'}`)).toEqual([
      '1:iam:global',
      '1:bedrock:regional',
      '1:bedrock-agent:regional',
      '1:bedrock-agentcore:regional',
      '1:sagemaker:regional',
      '1:opensearch-serverless:regional',
      '2:s3:global',
      '2:kms:regional',
      '2:lambda:regional',
      '3:access:global',
    ]);
    expect(c.regions({ provider: 'aws', accountId: '1', name: 'x', orgPath: [], connection: {} })).toEqual([
      'us-east-1',
    ]);
  });
});
