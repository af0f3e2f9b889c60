import type { ServerResponse } from 'node:http';
import type { CloudContext, CloudHandler, SimRequest } from '../handler.ts';
import { bedrock } from './bedrock.ts';
import { bedrockAgent, isBedrockAgentPath } from './bedrock-agent.ts';
import { bedrockAgentCore } from './bedrock-agentcore.ts';
import { iam, queryParams } from './iam.ts';
import { kms } from './kms.ts';
import { lambda } from './lambda.ts';
import { type AwsEstate, emptyRegion } from './model.ts';
import { opensearchServerless } from './opensearch-serverless.ts';
import { organizations } from './organizations.ts';
import {
  AwsError,
  type AwsProtocol,
  accessDenied,
  internalError,
  missingAuth,
  type OpContext,
  parseSigV4,
  sendError,
  sendOk,
  throttlingError,
  unknownKey,
  unknownOperation,
} from './protocol.ts';
import { s3 } from './s3.ts';
import { sagemaker } from './sagemaker.ts';
import type { AwsService } from './service.ts';
import { accountForAccessKey, sts } from './sts.ts';

export { emptyRegion } from './model.ts';
export { sessionAccessKeyId } from './sts.ts';

/** Services by SigV4 signing name. Bedrock Agent signs as `bedrock` and is told apart by its paths. */
const SERVICES: Record<string, AwsService> = {
  bedrock,
  'bedrock-agentcore': bedrockAgentCore,
  sagemaker,
  organizations,
  kms,
  aoss: opensearchServerless,
  iam,
  sts,
  s3,
  lambda,
};

function serviceFor(signingName: string, req: SimRequest): AwsService | undefined {
  if (signingName === 'bedrock' && isBedrockAgentPath(req.url.pathname)) return bedrockAgent;
  return SERVICES[signingName];
}

/** The protocol to answer in when the request could not be attributed to a service. */
function guessProtocol(req: SimRequest): AwsProtocol {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.startsWith('OpenSearchServerless.') ? 'json1.0' : 'json1.1';
  if (String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return 'query';
  return 'restJson';
}

function parseJsonBody(req: SimRequest, protocol: AwsProtocol): Record<string, unknown> {
  if (protocol === 'query' || protocol === 'restXml' || req.body.length === 0) return {};
  try {
    const parsed = JSON.parse(req.body.toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new AwsError('SerializationException', 400, 'Request body is not valid JSON');
  }
}

/** Answers every simulated AWS service on one endpoint, routed by the SigV4 credential scope. */
export function createAwsHandler(estate: AwsEstate, ctx: CloudContext): CloudHandler {
  return async (req: SimRequest, res: ServerResponse): Promise<void> => {
    const scope = parseSigV4(
      typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
    );
    const service = scope ? serviceFor(scope.service, req) : undefined;
    const protocol = service?.protocol ?? guessProtocol(req);
    if (!scope) return sendError(res, protocol, missingAuth(protocol));
    if (!service) {
      return sendError(
        res,
        protocol,
        new AwsError('UnknownServiceException', 400, `Service ${scope.service} is not simulated`),
      );
    }
    const accountId = accountForAccessKey(estate, scope.accessKeyId);
    const account = accountId ? estate.accounts.find((a) => a.Id === accountId) : undefined;
    if (!account) return sendError(res, protocol, unknownKey(protocol));

    const caller = { accessKeyId: scope.accessKeyId, account, region: scope.region, service: scope.service };
    let operation = `${service.actionPrefix}:unknown`;
    try {
      const resolved = service.resolve(req);
      if (!resolved) throw unknownOperation(protocol);
      operation = `${service.actionPrefix}:${resolved.name}`;
      const where = { account: account.Id, region: scope.region };
      if (ctx.faults.isStalled(operation, where)) return; // never answered: the client's deadline ends it
      if (ctx.faults.isDenied(operation, where)) throw accessDenied(protocol, caller, operation);
      if (ctx.faults.isNotEnabled(operation, where)) throw unknownOperation(protocol);
      const allowed = ctx.limiter.take('aws', account.Id, operation);
      if (!allowed.ok) throw throttlingError(protocol, service.actionPrefix, allowed.retryAfterMs);
      const fault = ctx.faults.decide(`aws:${operation}`);
      if (fault === 'throttle') throw throttlingError(protocol, service.actionPrefix);
      if (fault === 'error') throw internalError(protocol);

      const c: OpContext = {
        estate,
        caller,
        regional: account.regions[scope.region] ?? emptyRegion(),
        params: protocol === 'query' ? queryParams(req) : req.url.searchParams,
        input: parseJsonBody(req, protocol),
        path: resolved.path,
        operation,
        endless: ctx.faults.isEndless(operation),
      };
      const body = await service.handle(resolved.name, c);
      sendOk(
        res,
        protocol,
        body,
        ctx.faults.bodyFault(operation, where, fault),
        resolved.name === 'GetBucketPolicy' ? { 'content-type': 'application/json' } : {},
      );
    } catch (err) {
      if (err instanceof AwsError) return sendError(res, protocol, err);
      const message = err instanceof Error ? err.message : String(err);
      return sendError(
        res,
        protocol,
        new AwsError(internalError(protocol).code, 500, `${operation}: ${message}`),
      );
    }
  };
}
