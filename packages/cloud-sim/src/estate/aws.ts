import type { Rng } from '@aispm/core';
import type { AwsEstate } from '../aws/model.ts';
import type { ScaleParams } from '../options.ts';
import { type ProviderTruth, TruthBuilder } from './manifest.ts';

export type { AwsEstate } from '../aws/model.ts';

export function generateAwsEstate(rng: Rng, params: ScaleParams): { state: AwsEstate; truth: ProviderTruth } {
  void rng;
  void params;
  const truth = new TruthBuilder('aws');
  const state: AwsEstate = {
    organizationId: 'o-aispmsim01',
    managementAccountId: '100000000001',
    rootId: 'r-aisp',
    accessKeyId: 'AKIAAISPMSIMULATOR01',
    secretAccessKey: 'aispm-sim-secret',
    scanRoleName: 'AispmReadOnly',
    regions: ['us-east-1', 'eu-west-1'],
    ous: [],
    scps: [],
    accounts: [],
    foundationModels: [],
  };
  return { state, truth: truth.build() };
}
