import { type AssetRecord, type EdgeRecord, edge, type GraphBatch } from '@aispm/core';
import { environmentVariableNames } from '../../shared/secrets.ts';
import { unqualifiedFunctionArn } from '../arn.ts';
import { awsAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawLambda } from './fetch.ts';

export function normalizeLambda(raw: RawLambda, scope: NormalizeScope): GraphBatch {
  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  for (const f of raw.functions) {
    const c = f.configuration;
    if (!c.FunctionArn) continue;
    const id = unqualifiedFunctionArn(c.FunctionArn);
    assets.push(
      awsAsset({
        id,
        kind: 'function',
        accountId: scope.accountId,
        region: scope.region,
        name: c.FunctionName ?? id,
        nativeType: 'AWS::Lambda::Function',
        properties: {
          runtime: c.Runtime,
          handler: c.Handler,
          packageType: c.PackageType,
          role: c.Role,
          // Names only: environment variable values are where function secrets live.
          environmentVariableNames: environmentVariableNames(c.Environment?.Variables),
          kmsKeyArn: c.KMSKeyArn,
          vpcConfigured: Boolean(c.VpcConfig?.SubnetIds?.length),
          vpcId: c.VpcConfig?.VpcId,
          architectures: c.Architectures,
          resourcePolicy: parsePolicyDocument(f.policy),
          lastModified: c.LastModified,
        },
        tags: f.tags ?? {},
      }),
    );
    if (c.Role) edges.push(edge('runs-as', id, c.Role));
  }
  return { assets, edges };
}
