/** Constants, ids and workload profiles shared by the GCP estate's project and workload builders. */
import { assetId, type Rng } from '@aispm/core';

export const REGIONS = ['us-central1', 'europe-west4', 'us-east4'] as const;
export const APPS = [
  'churn',
  'recsys',
  'fraud',
  'assistant',
  'docai',
  'search',
  'vision',
  'forecast',
  'support',
  'risk',
];
export const HF_MODELS = [
  'meta-llama/Llama-3.1-8B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.3',
  'google/gemma-2-9b-it',
  'Qwen/Qwen2.5-7B-Instruct',
];
export const CREATED = '2025-02-11T08:30:12.345678Z';
export const UPDATED = '2025-06-02T17:04:55.120934Z';

export const aiplatform = (name: string) => assetId('gcp', name, 'aiplatform.googleapis.com');

/** Same rotation as the Azure estate: 0 sound, 1 wide open, 2 hygiene gaps, 3 dice. */
export interface WorkloadProfile {
  endpointPublic: boolean;
  cmek: boolean;
  indexPublic: boolean;
  bucketAllUsers: boolean;
  papEnforced: boolean;
  notebookPublicIp: boolean;
  notebookSecret: boolean;
  unpinnedModel: boolean;
  requestLogging: boolean;
}

export function profileFor(index: number, rng: Rng): WorkloadProfile {
  switch (index % 4) {
    case 0:
      return {
        endpointPublic: false,
        cmek: true,
        indexPublic: false,
        bucketAllUsers: false,
        papEnforced: true,
        notebookPublicIp: false,
        notebookSecret: false,
        unpinnedModel: false,
        requestLogging: true,
      };
    case 1:
      return {
        endpointPublic: true,
        cmek: false,
        indexPublic: true,
        bucketAllUsers: true,
        papEnforced: false,
        notebookPublicIp: true,
        notebookSecret: false,
        unpinnedModel: true,
        requestLogging: false,
      };
    case 2:
      return {
        endpointPublic: false,
        cmek: false,
        indexPublic: false,
        bucketAllUsers: false,
        papEnforced: false,
        notebookPublicIp: false,
        notebookSecret: true,
        unpinnedModel: false,
        requestLogging: true,
      };
    default:
      return {
        endpointPublic: rng.chance(0.5),
        cmek: rng.chance(0.5),
        indexPublic: rng.chance(0.5),
        bucketAllUsers: rng.chance(0.3),
        papEnforced: rng.chance(0.5),
        notebookPublicIp: rng.chance(0.5),
        notebookSecret: rng.chance(0.3),
        unpinnedModel: rng.chance(0.5),
        requestLogging: rng.chance(0.5),
      };
  }
}

export function etag(rng: Rng): string {
  return Buffer.from(rng.hex(16), 'hex').toString('base64');
}
