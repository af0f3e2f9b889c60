import type { AssetRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { ownAccounts } from '../src/aws/service.ts';
import { ownSubscriptions } from '../src/azure/service.ts';
import { ownProjects } from '../src/gcp/service.ts';

function asset(provider: AssetRecord['provider'], id: string, accountId: string): AssetRecord {
  return {
    id,
    kind: 'data-store',
    provider,
    accountId,
    region: 'global',
    name: id,
    nativeType: 'test',
    properties: {},
    tags: {},
  };
}

const labels = (b: { assets: AssetRecord[] }) => b.assets.map((a) => a.accountId);

/** The task that saw an asset never decides its account: the asset's own id does, where it names one. */
describe('asset account labels come from the asset, not from the task that saw it', () => {
  it('AWS: the ARN’s account wins; ARNs without one (buckets, foundation models) keep their label', () => {
    const batch = ownAccounts({
      assets: [
        asset('aws', 'arn:aws:kms:us-east-1:222233334444:key/k1', '111122223333'),
        asset('aws', 'arn:aws:iam::111122223333:role/r', '111122223333'),
        asset('aws', 'arn:aws:s3:::bucket', '111122223333'),
        asset('aws', 'arn:aws:bedrock:us-east-1::foundation-model/m', 'aws'),
      ],
      edges: [],
    });
    expect(labels(batch)).toEqual(['222233334444', '111122223333', '111122223333', 'aws']);
  });

  it('Azure: the ARM id’s subscription wins; tenant-level ids keep their label', () => {
    const other = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const mine = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const batch = ownSubscriptions({
      assets: [
        asset(
          'azure',
          `/subscriptions/${other.toUpperCase()}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v`,
          mine,
        ),
        asset(
          'azure',
          `/subscriptions/${mine}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s`,
          mine,
        ),
        asset('azure', '/providers/Microsoft.Authorization/roleDefinitions/r', mine),
      ],
      edges: [],
    });
    expect(labels(batch)).toEqual([other, mine, mine]);
  });

  it('GCP: the resource name’s project wins (numbers resolved to ids); bucket names keep their label', () => {
    const batch = ownProjects(
      {
        assets: [
          asset(
            'gcp',
            '//aiplatform.googleapis.com/projects/123456/locations/us-central1/models/m',
            'proj-a',
          ),
          asset(
            'gcp',
            '//iam.googleapis.com/projects/proj-b/serviceAccounts/sa@proj-b.iam.gserviceaccount.com',
            'proj-a',
          ),
          asset('gcp', '//storage.googleapis.com/bucket', 'proj-a'),
        ],
        edges: [],
      },
      { projectNumber: '999', numberToId: { '123456': 'proj-c' } },
    );
    expect(labels(batch)).toEqual(['proj-c', 'proj-b', 'proj-a']);
  });
});
