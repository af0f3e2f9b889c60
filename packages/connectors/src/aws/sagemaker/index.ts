import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchSageMaker } from './fetch.ts';
import { normalizeSageMaker } from './normalize.ts';

export function sagemakerModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'sagemaker',
    phase: 1,
    global: false,
    itemReads: [
      awsItemRead(
        'sagemaker',
        'DescribeEndpoint',
        ['dataCaptureEnabled', 'variantInstanceCounts', 'encryption', 'customerKeyId'],
        ['serves', 'encrypted-by'],
      ),
      awsItemRead(
        'sagemaker',
        'DescribeEndpointConfig',
        ['dataCaptureEnabled', 'variantInstanceCounts', 'encryption', 'customerKeyId'],
        ['serves', 'encrypted-by'],
      ),
      awsItemRead(
        'sagemaker',
        'DescribeModel',
        ['networkIsolation', 'artifactUris', 'privateNetwork', 'modelSource', 'hubContainers'],
        ['runs-as', 'reads-from', 'produced-by'],
      ),
      awsItemRead(
        'sagemaker',
        'DescribeNotebookInstance',
        [
          'encryption',
          'customerKeyId',
          'privateNetwork',
          'rootAccess',
          'directInternetAccess',
          'secretFindings',
        ],
        ['runs-as', 'encrypted-by', 'exposed-to-internet'],
      ),
      awsItemRead('sagemaker', 'DescribeNotebookInstanceLifecycleConfig', ['secretFindings']),
      awsItemRead(
        'sagemaker',
        'DescribeTrainingJob',
        [
          'encryption',
          'customerKeyId',
          'networkIsolation',
          'interContainerEncryption',
          'instanceCount',
          'privateNetwork',
        ],
        ['reads-from', 'writes-to', 'runs-as', 'encrypted-by', 'produced-by'],
      ),
      awsItemRead(
        'sagemaker',
        'DescribeDomain',
        ['encryption', 'customerKeyId', 'directInternetAccess', 'singleSignOn', 'privateNetwork'],
        ['runs-as', 'encrypted-by', 'exposed-to-internet'],
      ),
      awsItemRead('sagemaker', 'GetModelPackageGroupPolicy', []),
    ],
    fetch: fetchSageMaker,
    normalize: normalizeSageMaker,
  });
}
