import { describe, expect, it } from 'vitest';
import { accessSteps, analyzeAccess, analyzeAccessYielding } from '../src/aws/access/analyze.ts';
import { awsAsset } from '../src/aws/asset.ts';
import { runToCompletion, runYielding } from '../src/shared/cooperative.ts';

function* countTo(n: number, log: string[]): Generator<void, number> {
  for (let i = 1; i <= n; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('step-wise computations', () => {
  it('run to completion without giving the event loop back', () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    expect(runToCompletion(countTo(3, log))).toBe(3);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('let other work of the process run between slices when run yielding', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    // A zero slice gives the loop back after every step: the waiting callback runs after the first.
    expect(await runYielding(countTo(3, log), 0)).toBe(3);
    expect(log).toEqual(['step 1', 'other work', 'step 2', 'step 3']);
  });
});

describe('the access analysis run yielding', () => {
  it('gives the same graph as run to completion', async () => {
    const A = '111111111111';
    const role = (name: string, document: unknown) =>
      awsAsset({
        id: `arn:aws:iam::${A}:role/${name}`,
        kind: 'identity',
        accountId: A,
        region: 'global',
        name,
        nativeType: 'AWS::IAM::Role',
        properties: { inlinePolicies: [{ name: 'p', document }], trustPolicy: undefined },
      });
    const buckets = Array.from({ length: 20 }, (_, i) =>
      awsAsset({
        id: `arn:aws:s3:::bucket-${i}`,
        kind: 'data-store',
        accountId: A,
        region: 'us-east-1',
        name: `bucket-${i}`,
        nativeType: 'AWS::S3::Bucket',
        properties: {},
      }),
    );
    const input = {
      accountId: A,
      identities: [
        role('reader', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }],
        }),
        role('writer', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-1*' }],
        }),
      ],
      resources: buckets,
    };
    const whole = analyzeAccess(input);
    expect(whole.edges.length).toBeGreaterThan(20);
    expect(await analyzeAccessYielding(input)).toEqual(whole);
  });
});

describe('one resource weighed against a whole organisation', () => {
  it('is cut into steps, so a bucket open to everyone cannot hold the event loop for the whole organisation', () => {
    const A = '111111111111';
    const roles = Array.from({ length: 300 }, (_, i) =>
      awsAsset({
        id: `arn:aws:iam::${A}:role/r${i}`,
        kind: 'identity',
        accountId: A,
        region: 'global',
        name: `r${i}`,
        nativeType: 'AWS::IAM::Role',
        properties: { inlinePolicies: [] },
      }),
    );
    const open = awsAsset({
      id: 'arn:aws:s3:::open',
      kind: 'data-store',
      accountId: A,
      region: 'us-east-1',
      name: 'open',
      nativeType: 'AWS::S3::Bucket',
      properties: {
        bucketPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' },
          ],
        },
      },
    });
    const steps = accessSteps({ accountId: A, identities: roles, resources: [open] });
    let count = 0;
    let next = steps.next();
    while (!next.done) {
      count++;
      next = steps.next();
    }
    // 300 principals in steps of 64, plus the step that ends the resource.
    expect(count).toBe(Math.floor(300 / 64) + 1);
    expect(next.value.edges.filter((e) => e.kind === 'can-read' && e.from.includes(':role/')).length).toBe(
      300,
    );
  });
});
