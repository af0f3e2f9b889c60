import { allow, chars, exposeToInternet, LOWER_ALNUM } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

// (d) SageMaker domain + research notebooks
export function notebooksDomain(w: WorkloadBuilder): void {
  const { rng, r, acct, truth, level } = w;
  const name = `${w.team}-lab-${chars(rng, LOWER_ALNUM, 4)}`;
  const domainId = `d-${chars(rng, LOWER_ALNUM, 12)}`;
  const domainArn = `arn:aws:sagemaker:${r}:${acct}:domain/${domainId}`;
  const role = w.executionRole(
    `SageMakerStudio-${name}`,
    'sagemaker.amazonaws.com',
    [
      allow(
        ['sagemaker:CreatePresignedDomainUrl', 'sagemaker:DescribeDomain'],
        [domainArn, `arn:aws:sagemaker:${r}:${acct}:user-profile/${domainId}/*`],
      ),
    ],
    'sagemaker',
  );
  const publicInternet = level !== 'hardened' && rng.chance(0.6);
  const kms = level === 'hardened' || rng.chance(0.4);
  const keyArn = kms ? w.b.key(r).Arn : undefined;
  const created = w.time(50, 500);
  w.state.sagemaker.domains.push({
    DomainArn: domainArn,
    DomainId: domainId,
    DomainName: `studio-${name}`,
    HomeEfsFileSystemId: `fs-${rng.hex(17)}`,
    Status: 'InService',
    CreationTime: created,
    LastModifiedTime: created + 3600,
    AuthMode: 'IAM',
    DefaultUserSettings: { ExecutionRole: role.Arn },
    AppNetworkAccessType: publicInternet ? 'PublicInternetOnly' : 'VpcOnly',
    KmsKeyId: keyArn,
    SubnetIds: [`subnet-${rng.hex(17)}`],
    Url: `https://${domainId}.studio.${r}.sagemaker.aws`,
    VpcId: `vpc-${rng.hex(17)}`,
  });
  truth.asset(domainArn, 'ml-workspace', 'AWS::SageMaker::Domain', acct, r, `studio-${name}`);
  truth.edge('runs-as', domainArn, role.Arn);
  if (keyArn) w.b.encryptedBy(domainArn, r);
  else truth.risk(domainArn, 'no-cmk-encryption', 'Domain EFS volume not encrypted with a CMK');
  if (publicInternet) {
    exposeToInternet(truth, domainArn);
    truth.risk(
      domainArn,
      'notebook-direct-internet',
      'Studio domain AppNetworkAccessType is PublicInternetOnly',
    );
  }
  w.clean(domainArn);
  const count = rng.int(1, 2);
  for (let n = 0; n < count; n++) {
    const nbName = `${name}-nb${n + 1}`;
    w.notebook(nbName, [
      allow(
        ['sagemaker:DescribeNotebookInstance'],
        `arn:aws:sagemaker:${r}:${acct}:notebook-instance/${nbName}`,
      ),
    ]);
  }
}
