import type { SimRequest } from '../handler.ts';
import type { AttachedPolicy, IamRole, IamUser, InlinePolicy, PolicyDocument } from './model.ts';
import { AwsError, isoTime, numberParam, paginate, toXml, type XmlValue } from './protocol.ts';
import type { AwsService, ResolvedOperation } from './service.ts';

/** Query-protocol services name the operation in the form-encoded `Action` field. */
export function resolveQueryAction(req: SimRequest): ResolvedOperation | undefined {
  const form = queryParams(req);
  const action = form.get('Action');
  return action ? { name: action, path: {} } : undefined;
}

export function queryParams(req: SimRequest): URLSearchParams {
  if (req.method === 'POST' && req.body.length > 0) return new URLSearchParams(req.body.toString('utf8'));
  return req.url.searchParams;
}

export function queryResponse(action: string, namespace: string, result: XmlValue): string {
  return (
    `<${action}Response xmlns="${namespace}"><${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></${action}Response>`
  );
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** IAM returns policy documents URL-encoded inside the XML, as the real service does. */
function encodeDoc(doc: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(doc));
}

function inline(list: InlinePolicy[]): XmlValue {
  return list.map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: encodeDoc(p.PolicyDocument) }));
}
function attached(list: AttachedPolicy[]): XmlValue {
  return list.map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn }));
}

function userDetail(u: IamUser): XmlValue {
  return {
    Path: u.Path,
    UserName: u.UserName,
    UserId: u.UserId,
    Arn: u.Arn,
    CreateDate: isoTime(u.CreateDate),
    UserPolicyList: inline(u.UserPolicyList),
    GroupList: u.GroupList,
    AttachedManagedPolicies: attached(u.AttachedManagedPolicies),
    Tags: u.Tags,
  };
}

function roleDetail(r: IamRole): XmlValue {
  return {
    Path: r.Path,
    RoleName: r.RoleName,
    RoleId: r.RoleId,
    Arn: r.Arn,
    CreateDate: isoTime(r.CreateDate),
    AssumeRolePolicyDocument: encodeDoc(r.AssumeRolePolicyDocument),
    InstanceProfileList: [],
    RolePolicyList: inline(r.RolePolicyList),
    AttachedManagedPolicies: attached(r.AttachedManagedPolicies),
    Tags: r.Tags,
  };
}

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

export const iam: AwsService = {
  protocol: 'query',
  actionPrefix: 'iam',
  resolve: resolveQueryAction,
  handle(name, c) {
    const account = c.caller.account;
    switch (name) {
      case 'GetAccountAuthorizationDetails': {
        const filters = new Set<string>();
        for (const [k, v] of c.params) if (k.startsWith('Filter.member.')) filters.add(v);
        const want = (f: (typeof FILTERS)[number]) => filters.size === 0 || filters.has(f);
        // One sequence over all entity types, paged together as IAM does.
        const entries: { type: 'user' | 'group' | 'role' | 'policy'; value: XmlValue }[] = [];
        if (want('User'))
          for (const u of account.iam.users) entries.push({ type: 'user', value: userDetail(u) });
        if (want('Group'))
          for (const g of account.iam.groups)
            entries.push({
              type: 'group',
              value: {
                Path: g.Path,
                GroupName: g.GroupName,
                GroupId: g.GroupId,
                Arn: g.Arn,
                CreateDate: isoTime(g.CreateDate),
                GroupPolicyList: inline(g.GroupPolicyList),
                AttachedManagedPolicies: attached(g.AttachedManagedPolicies),
              },
            });
        if (want('Role'))
          for (const r of account.iam.roles) entries.push({ type: 'role', value: roleDetail(r) });
        if (want('LocalManagedPolicy'))
          for (const p of account.iam.policies)
            entries.push({
              type: 'policy',
              value: {
                PolicyName: p.PolicyName,
                PolicyId: p.PolicyId,
                Arn: p.Arn,
                Path: p.Path,
                DefaultVersionId: p.DefaultVersionId,
                AttachmentCount: p.AttachmentCount,
                PermissionsBoundaryUsageCount: 0,
                IsAttachable: p.IsAttachable,
                CreateDate: isoTime(p.CreateDate),
                UpdateDate: isoTime(p.CreateDate),
                PolicyVersionList: [
                  {
                    Document: encodeDoc(p.Document),
                    VersionId: p.DefaultVersionId,
                    IsDefaultVersion: true,
                    CreateDate: isoTime(p.CreateDate),
                  },
                ],
              },
            });
        const { page, next } = paginate(
          entries,
          c.params.get('Marker'),
          numberParam(c.params.get('MaxItems')),
          c.endless,
          10,
        );
        const of = (t: string) => page.filter((e) => e.type === t).map((e) => e.value);
        return queryResponse(name, IAM_NS, {
          UserDetailList: of('user'),
          GroupDetailList: of('group'),
          RoleDetailList: of('role'),
          Policies: of('policy'),
          IsTruncated: next !== undefined,
          Marker: next,
        });
      }
      case 'ListAccessKeys': {
        const userName = c.params.get('UserName');
        const user = account.iam.users.find((u) => u.UserName === userName);
        if (!user) throw new AwsError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
        const { page, next } = paginate(
          user.accessKeys,
          c.params.get('Marker'),
          numberParam(c.params.get('MaxItems')),
          c.endless,
        );
        return queryResponse(name, IAM_NS, {
          AccessKeyMetadata: page.map((k) => ({
            UserName: user.UserName,
            AccessKeyId: k.AccessKeyId,
            Status: k.Status,
            CreateDate: isoTime(k.CreateDate),
          })),
          IsTruncated: next !== undefined,
          Marker: next,
        });
      }
      case 'ListServiceSpecificCredentials':
        return listServiceSpecificCredentials(name, c);
      case 'GetRole': {
        const roleName = c.params.get('RoleName');
        const role = account.iam.roles.find((r) => r.RoleName === roleName);
        if (!role) throw new AwsError('NoSuchEntity', 404, `The role with name ${roleName} cannot be found.`);
        const {
          InstanceProfileList: _i,
          RolePolicyList: _r,
          AttachedManagedPolicies: _a,
          ...rest
        } = roleDetail(role) as Record<string, XmlValue>;
        return queryResponse(name, IAM_NS, { Role: rest });
      }
      case 'ListRoles': {
        const { page, next } = paginate(
          account.iam.roles,
          c.params.get('Marker'),
          numberParam(c.params.get('MaxItems')),
          c.endless,
        );
        return queryResponse(name, IAM_NS, {
          Roles: page.map((r) => ({
            Path: r.Path,
            RoleName: r.RoleName,
            RoleId: r.RoleId,
            Arn: r.Arn,
            CreateDate: isoTime(r.CreateDate),
            AssumeRolePolicyDocument: encodeDoc(r.AssumeRolePolicyDocument),
          })),
          IsTruncated: next !== undefined,
          Marker: next,
        });
      }
      default:
        throw new AwsError('InvalidAction', 400, `Could not find operation ${name} for version 2010-05-08`);
    }
  },
};

/** Service-specific credentials (Bedrock API keys among them) of one user, or of every user with `AllUsers`. */
function listServiceSpecificCredentials(name: string, c: Parameters<AwsService['handle']>[1]): string {
  const account = c.caller.account;
  const userName = c.params.get('UserName');
  const allUsers = c.params.get('AllUsers') === 'true';
  // Without a user or AllUsers the caller's own user is meant, and the scanner calls as a role.
  if (!userName && !allUsers)
    throw new AwsError(
      'ValidationError',
      400,
      'Must specify userName when calling with non-User credentials',
    );
  const users = userName ? account.iam.users.filter((u) => u.UserName === userName) : account.iam.users;
  if (userName && users.length === 0)
    throw new AwsError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
  const service = c.params.get('ServiceName');
  const credentials = users.flatMap((u) =>
    (u.serviceCredentials ?? [])
      .filter((k) => !service || k.ServiceName === service)
      .map((k) => ({ user: u, k })),
  );
  const { page, next } = paginate(
    credentials,
    c.params.get('Marker'),
    numberParam(c.params.get('MaxItems')),
    c.endless,
  );
  return queryResponse(name, IAM_NS, {
    ServiceSpecificCredentials: page.map(({ user, k }) => ({
      UserName: user.UserName,
      Status: k.Status,
      ServiceUserName: k.ServiceUserName,
      CreateDate: isoTime(k.CreateDate),
      ...(k.ExpirationDate !== undefined ? { ExpirationDate: isoTime(k.ExpirationDate) } : {}),
      ServiceSpecificCredentialId: k.ServiceSpecificCredentialId,
      ServiceName: k.ServiceName,
    })),
    IsTruncated: next !== undefined,
    Marker: next,
  });
}
