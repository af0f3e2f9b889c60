import {
  DescribeDomainCommand,
  type DescribeDomainCommandOutput,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  DescribeModelCommand,
  type DescribeModelCommandOutput,
  DescribeNotebookInstanceCommand,
  type DescribeNotebookInstanceCommandOutput,
  DescribeNotebookInstanceLifecycleConfigCommand,
  type DescribeNotebookInstanceLifecycleConfigCommandOutput,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  GetModelPackageGroupPolicyCommand,
  type ModelPackageGroupSummary,
  paginateListDomains,
  paginateListEndpoints,
  paginateListModelPackageGroups,
  paginateListModels,
  paginateListNotebookInstances,
  paginateListTrainingJobs,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import { isNotFoundError } from '../../shared/retry.ts';
import type { AwsFetchEnv } from '../service.ts';

type Details<T> = Omit<T, '$metadata'>;

export interface RawSageMaker {
  endpoints: {
    endpoint: Details<DescribeEndpointCommandOutput>;
    config?: Details<DescribeEndpointConfigCommandOutput>;
  }[];
  models: Details<DescribeModelCommandOutput>[];
  notebooks: {
    notebook: Details<DescribeNotebookInstanceCommandOutput>;
    lifecycleConfig?: Details<DescribeNotebookInstanceLifecycleConfigCommandOutput>;
  }[];
  trainingJobs: Details<DescribeTrainingJobCommandOutput>[];
  domains: Details<DescribeDomainCommandOutput>[];
  modelPackageGroups: { group: ModelPackageGroupSummary; resourcePolicy?: string }[];
}

const strip = <T extends { $metadata?: unknown }>(o: T): Omit<T, '$metadata'> => {
  const { $metadata: _m, ...rest } = o;
  return rest;
};

export async function fetchSageMaker(env: AwsFetchEnv): Promise<RawSageMaker> {
  const client = env.clients.get(SageMakerClient);
  const pager = { client };

  const endpointSummaries = await collectPages(
    paginateListEndpoints(pager, {}, env.call),
    (p) => p.Endpoints,
  );
  const endpoints = await mapLimit(endpointSummaries, 4, async (s) => {
    const endpoint = strip(
      await client.send(new DescribeEndpointCommand({ EndpointName: s.EndpointName }), env.call),
    );
    let config: RawSageMaker['endpoints'][number]['config'];
    if (endpoint.EndpointConfigName) {
      try {
        config = strip(
          await client.send(
            new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }),
            env.call,
          ),
        );
      } catch (error) {
        // An endpoint keeps running after its config is deleted; the endpoint itself is still worth importing.
        if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      }
    }
    return { endpoint, config };
  });

  const modelSummaries = await collectPages(paginateListModels(pager, {}, env.call), (p) => p.Models);
  const models = await mapLimit(modelSummaries, 4, async (s) =>
    strip(await client.send(new DescribeModelCommand({ ModelName: s.ModelName }), env.call)),
  );

  const notebookSummaries = await collectPages(
    paginateListNotebookInstances(pager, {}, env.call),
    (p) => p.NotebookInstances,
  );
  const notebooks = await mapLimit(notebookSummaries, 4, async (s) => {
    const notebook = strip(
      await client.send(
        new DescribeNotebookInstanceCommand({ NotebookInstanceName: s.NotebookInstanceName }),
        env.call,
      ),
    );
    let lifecycleConfig: RawSageMaker['notebooks'][number]['lifecycleConfig'];
    const lcName = notebook.NotebookInstanceLifecycleConfigName;
    if (lcName) {
      try {
        lifecycleConfig = strip(
          await client.send(
            new DescribeNotebookInstanceLifecycleConfigCommand({
              NotebookInstanceLifecycleConfigName: lcName,
            }),
            env.call,
          ),
        );
      } catch (error) {
        if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      }
    }
    return { notebook, lifecycleConfig };
  });

  const jobSummaries = await collectPages(
    paginateListTrainingJobs(pager, {}, env.call),
    (p) => p.TrainingJobSummaries,
  );
  const trainingJobs = await mapLimit(jobSummaries, 4, async (s) =>
    strip(
      await client.send(new DescribeTrainingJobCommand({ TrainingJobName: s.TrainingJobName }), env.call),
    ),
  );

  const domainSummaries = await collectPages(paginateListDomains(pager, {}, env.call), (p) => p.Domains);
  const domains = await mapLimit(domainSummaries, 4, async (s) =>
    strip(await client.send(new DescribeDomainCommand({ DomainId: s.DomainId }), env.call)),
  );

  const groups = await collectPages(
    paginateListModelPackageGroups(pager, {}, env.call),
    (p) => p.ModelPackageGroupSummaryList,
  );
  const modelPackageGroups = await mapLimit(groups, 4, async (group) => {
    try {
      const out = await client.send(
        new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: group.ModelPackageGroupName }),
        env.call,
      );
      return { group, resourcePolicy: out.ResourcePolicy };
    } catch (error) {
      // SageMaker answers "no policy" with a ValidationException / ResourceNotFound.
      if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      return { group };
    }
  });
  return { endpoints, models, notebooks, trainingJobs, domains, modelPackageGroups };
}
