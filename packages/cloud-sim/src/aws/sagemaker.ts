import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, resolveByTarget } from './service.ts';

type Obj = Record<string, unknown>;

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.input.NextToken as string | undefined, numberParam(c.input.MaxResults), c.endless);
}

function byName(items: readonly Obj[], key: string, value: unknown, what: string): Obj {
  const found = items.find((x) => x[key] === value);
  // SageMaker answers a missing resource with ValidationException ("Could not find …"), except a few
  // newer APIs (domains) that use ResourceNotFound.
  if (!found) throw new AwsError('ValidationException', 400, `Could not find ${what} "${String(value)}".`);
  return found;
}

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export const sagemaker: AwsService = {
  protocol: 'json1.1',
  actionPrefix: 'sagemaker',
  resolve: (req) => resolveByTarget(req, 'SageMaker'),
  handle(name, c) {
    const s = c.regional.sagemaker;
    const i = c.input;
    switch (name) {
      case 'ListEndpoints': {
        const { page: items, next } = page(c, s.endpoints);
        return json({
          Endpoints: items.map((e) =>
            pick(e, ['EndpointName', 'EndpointArn', 'CreationTime', 'LastModifiedTime', 'EndpointStatus']),
          ),
          NextToken: next,
        });
      }
      case 'DescribeEndpoint':
        return json(byName(s.endpoints, 'EndpointName', i.EndpointName, 'endpoint'));
      case 'DescribeEndpointConfig':
        return json(
          byName(s.endpointConfigs, 'EndpointConfigName', i.EndpointConfigName, 'endpoint configuration'),
        );
      case 'ListModels': {
        const { page: items, next } = page(c, s.models);
        return json({
          Models: items.map((m) => pick(m, ['ModelName', 'ModelArn', 'CreationTime'])),
          NextToken: next,
        });
      }
      case 'DescribeModel':
        return json(byName(s.models, 'ModelName', i.ModelName, 'model'));
      case 'ListNotebookInstances': {
        const { page: items, next } = page(c, s.notebooks);
        return json({
          NotebookInstances: items.map((n) =>
            pick(n, [
              'NotebookInstanceName',
              'NotebookInstanceArn',
              'NotebookInstanceStatus',
              'Url',
              'InstanceType',
              'CreationTime',
              'LastModifiedTime',
              'NotebookInstanceLifecycleConfigName',
            ]),
          ),
          NextToken: next,
        });
      }
      case 'DescribeNotebookInstance':
        return json(byName(s.notebooks, 'NotebookInstanceName', i.NotebookInstanceName, 'notebook instance'));
      case 'DescribeNotebookInstanceLifecycleConfig':
        return json(
          byName(
            s.lifecycleConfigs,
            'NotebookInstanceLifecycleConfigName',
            i.NotebookInstanceLifecycleConfigName,
            'notebook instance lifecycle configuration',
          ),
        );
      case 'ListTrainingJobs': {
        const { page: items, next } = page(c, s.trainingJobs);
        return json({
          TrainingJobSummaries: items.map((t) =>
            pick(t, [
              'TrainingJobName',
              'TrainingJobArn',
              'CreationTime',
              'TrainingEndTime',
              'LastModifiedTime',
              'TrainingJobStatus',
            ]),
          ),
          NextToken: next,
        });
      }
      case 'DescribeTrainingJob':
        return json(byName(s.trainingJobs, 'TrainingJobName', i.TrainingJobName, 'training job'));
      case 'ListDomains': {
        const { page: items, next } = page(c, s.domains);
        return json({
          Domains: items.map((d) =>
            pick(d, [
              'DomainArn',
              'DomainId',
              'DomainName',
              'Status',
              'CreationTime',
              'LastModifiedTime',
              'Url',
            ]),
          ),
          NextToken: next,
        });
      }
      case 'DescribeDomain': {
        const d = s.domains.find((x) => x.DomainId === i.DomainId);
        if (!d) throw new AwsError('ResourceNotFound', 400, `Domain ${String(i.DomainId)} not found`);
        return json(d);
      }
      case 'ListModelPackageGroups': {
        const { page: items, next } = page(c, s.modelPackageGroups);
        return json({
          ModelPackageGroupSummaryList: items.map((g) =>
            pick(g, [
              'ModelPackageGroupName',
              'ModelPackageGroupArn',
              'ModelPackageGroupDescription',
              'CreationTime',
              'ModelPackageGroupStatus',
            ]),
          ),
          NextToken: next,
        });
      }
      case 'GetModelPackageGroupPolicy': {
        const g = byName(
          s.modelPackageGroups,
          'ModelPackageGroupName',
          i.ModelPackageGroupName,
          'model package group',
        );
        if (!g.policy)
          throw new AwsError(
            'ValidationException',
            400,
            'Cannot find resource policy for the model package group.',
          );
        return json({ ResourcePolicy: JSON.stringify(g.policy) });
      }
      default:
        throw new AwsError('UnknownOperationException', 400, `Unknown operation ${name}`);
    }
  },
};
