import {
  type AccountEnforcedGuardrailOutputConfiguration,
  BedrockClient,
  type FoundationModelSummary,
  GetCustomModelCommand,
  type GetCustomModelCommandOutput,
  GetGuardrailCommand,
  type GetGuardrailCommandOutput,
  GetImportedModelCommand,
  type GetImportedModelCommandOutput,
  GetModelCustomizationJobCommand,
  type GetModelCustomizationJobCommandOutput,
  GetModelInvocationLoggingConfigurationCommand,
  GetResourcePolicyCommand,
  type InferenceProfileSummary,
  ListFoundationModelsCommand,
  type LoggingConfig,
  type ProvisionedModelSummary,
  paginateListCustomModels,
  paginateListEnforcedGuardrailsConfiguration,
  paginateListGuardrails,
  paginateListImportedModels,
  paginateListInferenceProfiles,
  paginateListModelCustomizationJobs,
  paginateListProvisionedModelThroughputs,
} from '@aws-sdk/client-bedrock';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import { type RawResourcePolicy, readResourcePolicy } from '../agentcore/fetch.ts';
import type { AwsFetchEnv } from '../service.ts';
import { enforcedGuardrailsId, invocationLoggingId } from './ids.ts';

type Details<T> = Omit<T, '$metadata'>;

export interface RawBedrock {
  foundationModels: FoundationModelSummary[];
  customModels: Details<GetCustomModelCommandOutput>[];
  importedModels: Details<GetImportedModelCommandOutput>[];
  /** Application inference profiles (the account's own; system-defined ones are AWS's catalogue). */
  inferenceProfiles?: InferenceProfileSummary[];
  customizationJobs: Details<GetModelCustomizationJobCommandOutput>[];
  provisionedThroughputs: ProvisionedModelSummary[];
  guardrails: Details<GetGuardrailCommandOutput>[];
  /**
   * Each guardrail's resource-based policy (GetResourcePolicy), by guardrail ARN: `{}` when it has none
   * (ResourceNotFoundException); no entry when the read was denied (a gap: who outside may use it is unknown).
   */
  guardrailPolicies?: Record<string, RawResourcePolicy>;
  loggingConfig: LoggingConfig | undefined;
  /** Guardrails the account or its organisation enforces on every invocation; undefined when the read was denied. */
  enforcedGuardrails: AccountEnforcedGuardrailOutputConfiguration[] | undefined;
}

const strip = <T extends { $metadata?: unknown }>(o: T): Omit<T, '$metadata'> => {
  const { $metadata: _m, ...rest } = o;
  return rest;
};

export async function fetchBedrock(env: AwsFetchEnv): Promise<RawBedrock> {
  const client = env.clients.get(BedrockClient);
  const pager = { client };
  const foundation = await env.gaps.list(
    'ListFoundationModels',
    'bedrock:ListFoundationModels',
    async () => (await client.send(new ListFoundationModelsCommand({}))).modelSummaries ?? [],
  );

  const customSummaries = await env.gaps.list('ListCustomModels', 'bedrock:ListCustomModels', () =>
    collectPages(paginateListCustomModels(pager, {}), (p) => p.modelSummaries),
  );
  const customModels = await mapLimit(customSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('GetCustomModel', s.modelArn ?? '', () =>
      client.send(new GetCustomModelCommand({ modelIdentifier: s.modelArn })),
    );
    // Denied: kept from the list entry (the facts only GetCustomModel gives are marked unknown).
    return got
      ? strip(got)
      : ({
          modelArn: s.modelArn,
          modelName: s.modelName,
          baseModelArn: s.baseModelArn,
          customizationType: s.customizationType,
          creationTime: s.creationTime,
        } as Details<GetCustomModelCommandOutput>);
  });
  const importedSummaries = await env.gaps.list('ListImportedModels', 'bedrock:ListImportedModels', () =>
    collectPages(paginateListImportedModels(pager, {}), (p) => p.modelSummaries),
  );
  const importedModels = await mapLimit(importedSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('GetImportedModel', s.modelArn ?? '', () =>
      client.send(new GetImportedModelCommand({ modelIdentifier: s.modelArn })),
    );
    return got ? strip(got) : { modelArn: s.modelArn, modelName: s.modelName, creationTime: s.creationTime };
  });
  // The list carries everything GetInferenceProfile would (the models each profile copies included).
  const inferenceProfiles = await env.gaps.list(
    'ListInferenceProfiles',
    'bedrock:ListInferenceProfiles',
    () =>
      collectPages(
        paginateListInferenceProfiles(pager, { typeEquals: 'APPLICATION' }),
        (p) => p.inferenceProfileSummaries,
      ),
  );
  const jobSummaries = await env.gaps.list(
    'ListModelCustomizationJobs',
    'bedrock:ListModelCustomizationJobs',
    () =>
      collectPages(paginateListModelCustomizationJobs(pager, {}), (p) => p.modelCustomizationJobSummaries),
  );
  const customizationJobs = await mapLimit(jobSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('GetModelCustomizationJob', s.jobArn ?? '', () =>
      client.send(new GetModelCustomizationJobCommand({ jobIdentifier: s.jobArn })),
    );
    return got
      ? strip(got)
      : ({
          jobArn: s.jobArn,
          jobName: s.jobName,
          status: s.status,
          baseModelArn: s.baseModelArn,
          customizationType: s.customizationType,
          creationTime: s.creationTime,
        } as Details<GetModelCustomizationJobCommandOutput>);
  });
  const provisionedThroughputs = await env.gaps.list(
    'ListProvisionedModelThroughputs',
    'bedrock:ListProvisionedModelThroughputs',
    () =>
      collectPages(paginateListProvisionedModelThroughputs(pager, {}), (p) => p.provisionedModelSummaries),
  );
  const guardrailSummaries = await env.gaps.list('ListGuardrails', 'bedrock:ListGuardrails', () =>
    collectPages(paginateListGuardrails(pager, {}), (p) => p.guardrails),
  );
  const guardrails = await mapLimit(guardrailSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('GetGuardrail', s.arn ?? '', () =>
      client.send(
        new GetGuardrailCommand({ guardrailIdentifier: s.arn ?? s.id, guardrailVersion: s.version }),
      ),
    );
    return got
      ? strip(got)
      : ({
          guardrailArn: s.arn,
          guardrailId: s.id,
          name: s.name,
          version: s.version,
          status: s.status,
          createdAt: s.createdAt,
        } as Details<GetGuardrailCommandOutput>);
  });
  // Who outside the account may apply, read or change each guardrail: its resource-based policy.
  const guardrailPolicies: Record<string, RawResourcePolicy> = {};
  await mapLimit(guardrails, env.fanOut, async (g) => {
    const resourceArn = g.guardrailArn;
    if (!resourceArn) return;
    const read = await readResourcePolicy(env, resourceArn, async () => {
      const out = await client.send(new GetResourcePolicyCommand({ resourceArn }));
      return out.resourcePolicy;
    });
    if (read) guardrailPolicies[resourceArn] = read;
  });
  // Denied: the region's logging configuration asset stays, with whether logging is on unknown.
  const logging = await env.gaps.item(
    'GetModelInvocationLoggingConfiguration',
    invocationLoggingId(env.region, env.accountId),
    () => client.send(new GetModelInvocationLoggingConfigurationCommand({})),
  );
  return {
    foundationModels: foundation,
    customModels,
    importedModels,
    inferenceProfiles,
    customizationJobs,
    provisionedThroughputs,
    guardrails,
    guardrailPolicies,
    loggingConfig: logging?.loggingConfig,
    // Denied: the region's enforcement asset stays, with whether anything is enforced unknown.
    enforcedGuardrails: await env.gaps.item(
      'ListEnforcedGuardrailsConfiguration',
      enforcedGuardrailsId(env.region, env.accountId),
      () =>
        collectPages(paginateListEnforcedGuardrailsConfiguration({ client }, {}), (p) => p.guardrailsConfig),
    ),
  };
}
