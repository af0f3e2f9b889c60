import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, resolveByTarget } from './service.ts';

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.input.nextToken as string | undefined, numberParam(c.input.maxResults), c.endless);
}

function policySummary(p: Record<string, unknown>) {
  return {
    type: p.type,
    name: p.name,
    policyVersion: p.policyVersion,
    description: p.description,
    createdDate: p.createdDate,
    lastModifiedDate: p.lastModifiedDate,
  };
}

export const opensearchServerless: AwsService = {
  protocol: 'json1.0',
  actionPrefix: 'aoss',
  resolve: (req) => resolveByTarget(req, 'OpenSearchServerless'),
  handle(name, c) {
    const oss = c.regional.oss;
    switch (name) {
      case 'ListCollections': {
        const { page: items, next } = page(c, oss.collections);
        return json({
          collectionSummaries: items.map((x) => ({
            id: x.id,
            name: x.name,
            status: x.status,
            arn: x.arn,
            kmsKeyArn: x.kmsKeyArn,
          })),
          nextToken: next,
        });
      }
      case 'BatchGetCollection': {
        const ids = (c.input.ids as string[] | undefined) ?? [];
        const names = (c.input.names as string[] | undefined) ?? [];
        if (ids.length + names.length === 0 || ids.length + names.length > 100)
          throw new AwsError('ValidationException', 400, 'Provide between 1 and 100 collection ids or names');
        const details: unknown[] = [];
        const errors: unknown[] = [];
        for (const id of ids) {
          const found = oss.collections.find((x) => x.id === id);
          if (found) details.push(found);
          else errors.push({ id, errorCode: 'NOT_FOUND', errorMessage: 'Collection not found' });
        }
        for (const n of names) {
          const found = oss.collections.find((x) => x.name === n);
          if (found) details.push(found);
          else errors.push({ name: n, errorCode: 'NOT_FOUND', errorMessage: 'Collection not found' });
        }
        return json({ collectionDetails: details, collectionErrorDetails: errors });
      }
      case 'ListSecurityPolicies': {
        const type = c.input.type as string;
        if (type !== 'network' && type !== 'encryption')
          throw new AwsError('ValidationException', 400, `Invalid security policy type ${type}`);
        const { page: items, next } = page(
          c,
          oss.securityPolicies.filter((p) => p.type === type),
        );
        return json({ securityPolicySummaries: items.map(policySummary), nextToken: next });
      }
      case 'GetSecurityPolicy': {
        const p = oss.securityPolicies.find((x) => x.type === c.input.type && x.name === c.input.name);
        if (!p)
          throw new AwsError('ResourceNotFoundException', 400, `Policy ${String(c.input.name)} not found`);
        return json({ securityPolicyDetail: p });
      }
      case 'ListAccessPolicies': {
        if (c.input.type !== 'data')
          throw new AwsError('ValidationException', 400, 'Access policy type must be data');
        const { page: items, next } = page(c, oss.accessPolicies);
        return json({ accessPolicySummaries: items.map(policySummary), nextToken: next });
      }
      case 'GetAccessPolicy': {
        const p = oss.accessPolicies.find((x) => x.type === c.input.type && x.name === c.input.name);
        if (!p)
          throw new AwsError('ResourceNotFoundException', 400, `Policy ${String(c.input.name)} not found`);
        return json({ accessPolicyDetail: p });
      }
      default:
        throw new AwsError('UnknownOperationException', 400, `Unknown operation ${name}`);
    }
  },
};
