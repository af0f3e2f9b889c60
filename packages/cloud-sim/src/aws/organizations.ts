import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, resolveByTarget } from './service.ts';

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.input.NextToken as string | undefined, numberParam(c.input.MaxResults), c.endless);
}

/**
 * The management account may call everything simulated here (all read-only); a delegated administrator may call
 * the read-only APIs too (AWS Organizations' delegated-administrator access); other members may not.
 */
function assertOrganizationReader(c: OpContext): void {
  const org = c.estate;
  const caller = c.caller.account.Id;
  if (org.standalone) {
    throw new AwsError(
      'AWSOrganizationsNotInUseException',
      400,
      'Your account is not a member of an organization.',
    );
  }
  if (caller !== org.managementAccountId && !org.delegatedAdministrators?.includes(caller)) {
    throw new AwsError(
      'AccessDeniedException',
      400,
      'You don\u2019t have permissions to access this resource: the call must come from the management account or a delegated administrator.',
    );
  }
}

export const organizations: AwsService = {
  protocol: 'json1.1',
  actionPrefix: 'organizations',
  resolve: (req) => resolveByTarget(req, 'AWSOrganizationsV20161128'),
  handle(name, c) {
    const org = c.estate;
    assertOrganizationReader(c);
    const mgmt = org.accounts.find((a) => a.Id === org.managementAccountId);
    const rootArn = `arn:aws:organizations::${org.managementAccountId}:root/${org.organizationId}/${org.rootId}`;
    const nameOf = (id: string) =>
      id === org.rootId
        ? 'Root'
        : (org.ous.find((o) => o.Id === id)?.Name ?? org.accounts.find((a) => a.Id === id)?.Name);
    switch (name) {
      case 'DescribeOrganization':
        return json({
          Organization: {
            Id: org.organizationId,
            Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.organizationId}`,
            FeatureSet: 'ALL',
            MasterAccountArn: mgmt?.Arn,
            MasterAccountId: org.managementAccountId,
            MasterAccountEmail: mgmt?.Email,
            AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
          },
        });
      case 'ListAccounts': {
        const { page: items, next } = page(c, org.accounts);
        return json({
          Accounts: items.map((a) => ({
            Id: a.Id,
            Arn: a.Arn,
            Email: a.Email,
            Name: a.Name,
            Status: a.Status,
            State: a.Status,
            JoinedMethod: a.JoinedMethod,
            JoinedTimestamp: a.JoinedTimestamp,
          })),
          NextToken: next,
        });
      }
      case 'ListRoots':
        return json({
          Roots: [
            {
              Id: org.rootId,
              Arn: rootArn,
              Name: 'Root',
              PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
            },
          ],
        });
      case 'ListOrganizationalUnitsForParent': {
        const parent = c.input.ParentId as string;
        if (parent !== org.rootId && !org.ous.some((o) => o.Id === parent))
          throw new AwsError('ParentNotFoundException', 400, `Parent ${parent} not found`);
        const { page: items, next } = page(
          c,
          org.ous.filter((o) => o.parentId === parent),
        );
        return json({
          OrganizationalUnits: items.map((o) => ({ Id: o.Id, Arn: o.Arn, Name: o.Name })),
          NextToken: next,
        });
      }
      case 'ListAccountsForParent': {
        const parent = c.input.ParentId as string;
        const { page: items, next } = page(
          c,
          org.accounts.filter((a) => a.parentId === parent),
        );
        return json({
          Accounts: items.map((a) => ({
            Id: a.Id,
            Arn: a.Arn,
            Email: a.Email,
            Name: a.Name,
            Status: a.Status,
          })),
          NextToken: next,
        });
      }
      case 'ListParents': {
        const child = c.input.ChildId as string;
        const parentId =
          org.accounts.find((a) => a.Id === child)?.parentId ?? org.ous.find((o) => o.Id === child)?.parentId;
        if (!parentId) throw new AwsError('ChildNotFoundException', 400, `Child ${child} not found`);
        return json({
          Parents: [{ Id: parentId, Type: parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }],
        });
      }
      case 'ListPolicies': {
        const filter = c.input.Filter as string;
        const { page: items, next } = page(
          c,
          org.scps.filter((p) => p.Type === filter),
        );
        return json({
          Policies: items.map((p) => ({
            Id: p.Id,
            Arn: p.Arn,
            Name: p.Name,
            Description: p.Description,
            Type: p.Type,
            AwsManaged: p.AwsManaged,
          })),
          NextToken: next,
        });
      }
      case 'DescribePolicy': {
        const p = org.scps.find((x) => x.Id === c.input.PolicyId);
        if (!p)
          throw new AwsError('PolicyNotFoundException', 400, `Policy ${String(c.input.PolicyId)} not found`);
        return json({
          Policy: {
            PolicySummary: {
              Id: p.Id,
              Arn: p.Arn,
              Name: p.Name,
              Description: p.Description,
              Type: p.Type,
              AwsManaged: p.AwsManaged,
            },
            Content: JSON.stringify(p.Content),
          },
        });
      }
      case 'ListTargetsForPolicy': {
        const p = org.scps.find((x) => x.Id === c.input.PolicyId);
        if (!p)
          throw new AwsError('PolicyNotFoundException', 400, `Policy ${String(c.input.PolicyId)} not found`);
        const targets = p.targetIds.map((id) => {
          const type = id === org.rootId ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
          const arn =
            type === 'ROOT'
              ? rootArn
              : type === 'ACCOUNT'
                ? org.accounts.find((a) => a.Id === id)?.Arn
                : org.ous.find((o) => o.Id === id)?.Arn;
          return { TargetId: id, Arn: arn, Name: nameOf(id), Type: type };
        });
        const { page: items, next } = page(c, targets);
        return json({ Targets: items, NextToken: next });
      }
      default:
        throw new AwsError('UnknownOperationException', 400, `Unknown operation ${name}`);
    }
  },
};
