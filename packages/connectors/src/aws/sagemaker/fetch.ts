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

/** Endpoints with their configurations; either read denied keeps the endpoint from what was listed. */
async function fetchEndpoints(env: AwsFetchEnv, client: SageMakerClient): Promise<RawSageMaker['endpoints']> {
  const pager = { client };
  const endpointSummaries = await env.gaps.list('ListEndpoints', 'sagemaker:ListEndpoints', () =>
    collectPages(paginateListEndpoints(pager, {}), (p) => p.Endpoints),
  );
  return mapLimit(endpointSummaries, env.fanOut, async (s) => {
    const arn = s.EndpointArn ?? '';
    const described = await env.gaps.item('DescribeEndpoint', arn, () =>
      client.send(new DescribeEndpointCommand({ EndpointName: s.EndpointName })),
    );
    // Denied: the endpoint is kept from its list entry; what only DescribeEndpoint says is unknown.
    const endpoint: Details<DescribeEndpointCommandOutput> = described
      ? strip(described)
      : {
          EndpointName: s.EndpointName,
          EndpointArn: s.EndpointArn,
          EndpointStatus: s.EndpointStatus,
          CreationTime: s.CreationTime,
          LastModifiedTime: s.LastModifiedTime,
        };
    let config: RawSageMaker['endpoints'][number]['config'];
    if (endpoint.EndpointConfigName) {
      try {
        const got = await env.gaps.item('DescribeEndpointConfig', arn, () =>
          client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })),
        );
        config = got && strip(got);
      } catch (error) {
        // An endpoint keeps running after its config is deleted; the endpoint itself is still worth importing.
        if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      }
    }
    return { endpoint, config };
  });
}

export async function fetchSageMaker(env: AwsFetchEnv): Promise<RawSageMaker> {
  const client = env.clients.get(SageMakerClient);
  const pager = { client };

  const endpoints = await fetchEndpoints(env, client);

  const modelSummaries = await env.gaps.list('ListModels', 'sagemaker:ListModels', () =>
    collectPages(paginateListModels(pager, {}), (p) => p.Models),
  );
  const models = await mapLimit(modelSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('DescribeModel', s.ModelArn ?? '', () =>
      client.send(new DescribeModelCommand({ ModelName: s.ModelName })),
    );
    return got ? strip(got) : { ModelName: s.ModelName, ModelArn: s.ModelArn, CreationTime: s.CreationTime };
  });

  const notebookSummaries = await env.gaps.list(
    'ListNotebookInstances',
    'sagemaker:ListNotebookInstances',
    () => collectPages(paginateListNotebookInstances(pager, {}), (p) => p.NotebookInstances),
  );
  const notebooks = await mapLimit(notebookSummaries, env.fanOut, async (s) => {
    const arn = s.NotebookInstanceArn ?? '';
    const described = await env.gaps.item('DescribeNotebookInstance', arn, () =>
      client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: s.NotebookInstanceName })),
    );
    const notebook: Details<DescribeNotebookInstanceCommandOutput> = described
      ? strip(described)
      : {
          NotebookInstanceName: s.NotebookInstanceName,
          NotebookInstanceArn: s.NotebookInstanceArn,
          NotebookInstanceStatus: s.NotebookInstanceStatus,
          InstanceType: s.InstanceType,
          NotebookInstanceLifecycleConfigName: s.NotebookInstanceLifecycleConfigName,
          DefaultCodeRepository: s.DefaultCodeRepository,
          CreationTime: s.CreationTime,
        };
    let lifecycleConfig: RawSageMaker['notebooks'][number]['lifecycleConfig'];
    const lcName = notebook.NotebookInstanceLifecycleConfigName;
    if (lcName) {
      try {
        const got = await env.gaps.item('DescribeNotebookInstanceLifecycleConfig', arn, () =>
          client.send(
            new DescribeNotebookInstanceLifecycleConfigCommand({
              NotebookInstanceLifecycleConfigName: lcName,
            }),
          ),
        );
        lifecycleConfig = got && strip(got);
      } catch (error) {
        if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      }
    }
    return { notebook, lifecycleConfig };
  });

  const jobSummaries = await env.gaps.list('ListTrainingJobs', 'sagemaker:ListTrainingJobs', () =>
    collectPages(paginateListTrainingJobs(pager, {}), (p) => p.TrainingJobSummaries),
  );
  const trainingJobs = await mapLimit(jobSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('DescribeTrainingJob', s.TrainingJobArn ?? '', () =>
      client.send(new DescribeTrainingJobCommand({ TrainingJobName: s.TrainingJobName })),
    );
    return got
      ? strip(got)
      : ({
          TrainingJobName: s.TrainingJobName,
          TrainingJobArn: s.TrainingJobArn,
          TrainingJobStatus: s.TrainingJobStatus,
          CreationTime: s.CreationTime,
          // The output type marks fields required that the list entry does not carry; normalize reads them optionally.
        } as Details<DescribeTrainingJobCommandOutput>);
  });

  const domainSummaries = await env.gaps.list('ListDomains', 'sagemaker:ListDomains', () =>
    collectPages(paginateListDomains(pager, {}), (p) => p.Domains),
  );
  const domains = await mapLimit(domainSummaries, env.fanOut, async (s) => {
    const got = await env.gaps.item('DescribeDomain', s.DomainArn ?? '', () =>
      client.send(new DescribeDomainCommand({ DomainId: s.DomainId })),
    );
    return got
      ? strip(got)
      : {
          DomainId: s.DomainId,
          DomainArn: s.DomainArn,
          DomainName: s.DomainName,
          Status: s.Status,
          Url: s.Url,
          CreationTime: s.CreationTime,
        };
  });

  const groups = await env.gaps.list('ListModelPackageGroups', 'sagemaker:ListModelPackageGroups', () =>
    collectPages(paginateListModelPackageGroups(pager, {}), (p) => p.ModelPackageGroupSummaryList),
  );
  const modelPackageGroups = await mapLimit(groups, env.fanOut, async (group) => {
    try {
      const out = await env.gaps.item('GetModelPackageGroupPolicy', group.ModelPackageGroupArn ?? '', () =>
        client.send(
          new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: group.ModelPackageGroupName }),
        ),
      );
      return { group, resourcePolicy: out?.ResourcePolicy };
    } catch (error) {
      // SageMaker answers "no policy" with a ValidationException / ResourceNotFound.
      if (!isNotFoundError(error, 'ValidationException', 'ResourceNotFound')) throw error;
      return { group };
    }
  });
  return { endpoints, models, notebooks, trainingJobs, domains, modelPackageGroups };
}
