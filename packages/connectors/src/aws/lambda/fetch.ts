import {
  type FunctionConfiguration,
  GetFunctionCommand,
  type GetFunctionCommandOutput,
  GetPolicyCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { mapLimit } from '../../shared/paging.ts';
import { isNotFoundError } from '../../shared/retry.ts';
import type { AwsFetchEnv } from '../service.ts';

export interface RawFunction {
  configuration: FunctionConfiguration;
  tags?: Record<string, string>;
  policy?: string;
}

export interface RawLambda {
  functions: RawFunction[];
  missing: string[];
}

export async function fetchLambda(env: AwsFetchEnv): Promise<RawLambda> {
  const referenced = await env.graph.referencedIds({
    prefix: `arn:aws:lambda:${env.region}:${env.accountId}:function:`,
  });
  if (referenced.length === 0) return { functions: [], missing: [] };
  const client = env.clients.get(LambdaClient);
  const missing: string[] = [];
  const functions = await mapLimit(
    [...new Set(referenced)].sort(),
    env.fanOut,
    async (arn): Promise<RawFunction | undefined> => {
      let got: Pick<GetFunctionCommandOutput, 'Configuration' | 'Tags'> | undefined;
      try {
        // Denied: the referenced function is kept by its ARN; its configuration is unknown.
        got = (await env.gaps.item('GetFunction', arn, () =>
          client.send(new GetFunctionCommand({ FunctionName: arn })),
        )) ?? { Configuration: { FunctionArn: arn, FunctionName: arn.split(':')[6] } };
      } catch (error) {
        if (!isNotFoundError(error, 'ResourceNotFoundException')) throw error;
      }
      if (!got?.Configuration) {
        missing.push(arn);
        return undefined;
      }
      let policy: string | undefined;
      try {
        policy = (
          await env.gaps.item('GetPolicy', arn, () =>
            client.send(new GetPolicyCommand({ FunctionName: arn })),
          )
        )?.Policy;
      } catch (error) {
        if (!isNotFoundError(error, 'ResourceNotFoundException')) throw error;
      }
      return { configuration: got.Configuration, tags: got.Tags, policy };
    },
  );
  if (missing.length) env.log('referenced Lambda functions not found', { missing });
  return { functions: functions.filter((f): f is RawFunction => Boolean(f)), missing };
}
