import { Rng } from '@aispm/core';
import {
  type AwsScenario,
  AwsScenarioSchema,
  type Scale,
  type ScaleParams,
  scaleParams,
} from '../options.ts';
import { type AwsEstate, generateAwsEstate } from './aws/index.ts';
import { type AzureEstate, generateAzureEstate } from './azure/index.ts';
import { type GcpEstate, generateGcpEstate } from './gcp/index.ts';
import { composeManifest, type ProviderTruth } from './manifest.ts';

export type { AwsEstate } from './aws/index.ts';
export { composeManifest, type ProviderTruth, TruthBuilder } from './manifest.ts';

/** The signature every provider's estate generator follows. */
export type ProviderGenerator<State> = (
  rng: Rng,
  params: ScaleParams,
) => { state: State; truth: ProviderTruth };

export interface Estate {
  seed: number;
  scale: string;
  params: ScaleParams;
  aws: AwsEstate;
  /** The Azure / GCP halves, present when those providers were generated. */
  azure?: AzureEstate;
  gcp?: GcpEstate;
  manifest: import('@aispm/core').Manifest;
}

export interface GenerateOptions {
  seed: number;
  scale: Scale;
  /** Which providers to generate (default: all). */
  providers?: ('aws' | 'azure' | 'gcp')[];
  /** AWS organisation scenarios (see AwsScenarioSchema). */
  aws?: Partial<AwsScenario>;
}

export async function generateEstate(options: GenerateOptions): Promise<Estate> {
  const params = scaleParams(options.scale);
  const root = new Rng(options.seed);
  const wanted = new Set(options.providers ?? ['aws', 'azure', 'gcp']);
  const truths: ProviderTruth[] = [];
  // The servers always need an AWS model; when AWS is not wanted it is just the bare organization.
  const aws = generateAwsEstate(
    root.fork('aws'),
    wanted.has('aws') ? params : { ...params, awsAccounts: 0, workloadsPerAccount: 0 },
    AwsScenarioSchema.parse(options.aws ?? {}),
  );
  if (wanted.has('aws')) truths.push(aws.truth);
  const estate: Omit<Estate, 'manifest'> & { manifest?: Estate['manifest'] } = {
    seed: options.seed,
    scale: params.label,
    params,
    aws: aws.state,
  };
  for (const provider of ['azure', 'gcp'] as const) {
    if (!wanted.has(provider)) continue;
    if (provider === 'azure') {
      const { state, truth } = generateAzureEstate(root.fork(provider), params);
      estate.azure = state;
      truths.push(truth);
    } else {
      const { state, truth } = generateGcpEstate(root.fork(provider), params);
      estate.gcp = state;
      truths.push(truth);
    }
  }
  estate.manifest = composeManifest(options.seed, params.label, truths);
  return estate as Estate;
}
