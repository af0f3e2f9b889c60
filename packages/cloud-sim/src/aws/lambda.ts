import type { LambdaFunction } from './model.ts';
import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, RestRouter } from './service.ts';

const router = new RestRouter()
  .add('GET', '/2015-03-31/functions', 'ListFunctions')
  .add('GET', '/2015-03-31/functions/{FunctionName}', 'GetFunction')
  .add('GET', '/2015-03-31/functions/{FunctionName}/policy', 'GetPolicy');

/** Lambda takes a name, an unqualified or a qualified ARN. */
function functionOf(c: OpContext): LambdaFunction {
  const id = c.path.FunctionName as string;
  const unqualified = id.startsWith('arn:') ? id.split(':').slice(0, 7).join(':') : id;
  const fn = c.regional.lambdas.find((f) => f.FunctionName === id || f.FunctionArn === unqualified);
  if (!fn) {
    throw new AwsError(
      'ResourceNotFoundException',
      404,
      `Function not found: arn:aws:lambda:${c.caller.region}:${c.caller.account.Id}:function:${id}`,
    );
  }
  return fn;
}

function configuration(f: LambdaFunction) {
  return {
    FunctionName: f.FunctionName,
    FunctionArn: f.FunctionArn,
    Runtime: f.Runtime,
    Role: f.Role,
    Handler: f.Handler,
    CodeSize: f.CodeSize,
    Description: f.Description,
    Timeout: f.Timeout,
    MemorySize: f.MemorySize,
    LastModified: f.LastModified,
    Version: '$LATEST',
    State: 'Active',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    KMSKeyArn: f.KMSKeyArn,
    Environment: f.Environment ? { Variables: f.Environment } : undefined,
  };
}

export const lambda: AwsService = {
  protocol: 'restJson',
  actionPrefix: 'lambda',
  resolve: (req) => router.match(req.method, req.url.pathname),
  handle(name, c) {
    switch (name) {
      case 'ListFunctions': {
        const { page, next } = paginate(
          c.regional.lambdas,
          c.params.get('Marker'),
          numberParam(c.params.get('MaxItems')),
          c.endless,
        );
        return json({ Functions: page.map(configuration), NextMarker: next });
      }
      case 'GetFunction': {
        const f = functionOf(c);
        return json({
          Configuration: configuration(f),
          Code: {
            RepositoryType: 'S3',
            Location: `https://awslambda-${c.caller.region}-tasks.s3.amazonaws.com/snapshots/${c.caller.account.Id}/${f.FunctionName}`,
          },
        });
      }
      case 'GetPolicy': {
        const f = functionOf(c);
        if (!f.policy)
          throw new AwsError('ResourceNotFoundException', 404, 'The resource you requested does not exist.');
        return json({ Policy: JSON.stringify(f.policy), RevisionId: '00000000-0000-4000-8000-000000000001' });
      }
      default:
        throw new AwsError('UnknownOperationException', 404, `Unknown operation ${name}`);
    }
  },
};
