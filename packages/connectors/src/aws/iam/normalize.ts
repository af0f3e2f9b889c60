import { type AssetRecord, type EdgeRecord, edge, type GraphBatch } from '@aispm/core';
import type {
  AttachedPermissionsBoundary,
  AttachedPolicy,
  ManagedPolicyDetail,
  PolicyDetail,
} from '@aws-sdk/client-iam';
import { awsAsset, tagMap } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import { AWS_MANAGED_POLICIES } from './aws-managed-policies.ts';
import type { RawIam } from './fetch.ts';

export interface StoredPolicy {
  name?: string;
  arn?: string;
  document?: unknown;
  /** An attached managed policy whose document the API did not return (access analysis treats it as unknown). */
  unresolved?: boolean;
  /** The document came from aispm's table of AWS managed policies (see aws-managed-policies.ts). */
  builtin?: boolean;
  coversOnly?: string;
}

/** A service-specific credential (a Bedrock API key) of a user. */
export function serviceCredentialId(userArn: string, credentialId: string): string {
  return `${userArn}/service-credential/${credentialId}`;
}

export function accessKeyId(accountId: string, userName: string, keyId: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}/access-key/${keyId}`;
}

/** Principals named in a trust policy, split by type (service principals become properties, not edges). */
export function trustSummary(document: unknown): { aws: string[]; services: string[]; federated: string[] } {
  const out = { aws: new Set<string>(), services: new Set<string>(), federated: new Set<string>() };
  const statements = (document as { Statement?: unknown })?.Statement;
  for (const s of Array.isArray(statements) ? statements : statements ? [statements] : []) {
    const st = s as { Effect?: string; Principal?: unknown };
    if (st.Effect !== 'Allow') continue;
    const p = st.Principal;
    if (p === '*') out.aws.add('*');
    else if (p && typeof p === 'object') {
      const rec = p as Record<string, unknown>;
      for (const v of [rec.AWS].flat()) if (typeof v === 'string') out.aws.add(v);
      for (const v of [rec.Service].flat()) if (typeof v === 'string') out.services.add(v);
      for (const v of [rec.Federated].flat()) if (typeof v === 'string') out.federated.add(v);
    }
  }
  return {
    aws: [...out.aws].sort(),
    services: [...out.services].sort(),
    federated: [...out.federated].sort(),
  };
}

function inline(list: PolicyDetail[] | undefined): StoredPolicy[] {
  return (list ?? []).map((p) => ({ name: p.PolicyName, document: parsePolicyDocument(p.PolicyDocument) }));
}

export function normalizeIam(raw: RawIam, scope: NormalizeScope): GraphBatch {
  const { accountId } = scope;
  const managed = new Map<string, ManagedPolicyDetail>();
  for (const p of raw.details.Policies ?? []) if (p.Arn) managed.set(p.Arn, p);

  const managedDocument = (arn: string | undefined): unknown => {
    const p = arn ? managed.get(arn) : undefined;
    const version =
      p?.PolicyVersionList?.find((v) => v.IsDefaultVersion) ??
      p?.PolicyVersionList?.find((v) => v.VersionId === p?.DefaultVersionId);
    return parsePolicyDocument(version?.Document);
  };
  const attached = (list: AttachedPolicy[] | undefined): StoredPolicy[] =>
    (list ?? []).map((a) => {
      const document = managedDocument(a.PolicyArn);
      if (document !== undefined) return { name: a.PolicyName, arn: a.PolicyArn, document };
      const builtin = a.PolicyArn ? AWS_MANAGED_POLICIES[a.PolicyArn] : undefined;
      if (builtin)
        return {
          name: a.PolicyName,
          arn: a.PolicyArn,
          document: builtin.document,
          builtin: true,
          coversOnly: builtin.coversOnly,
        };
      return { name: a.PolicyName, arn: a.PolicyArn, unresolved: true };
    });
  const boundary = (b: AttachedPermissionsBoundary | undefined): StoredPolicy | undefined => {
    if (!b?.PermissionsBoundaryArn) return undefined;
    const document = managedDocument(b.PermissionsBoundaryArn);
    return document === undefined
      ? { arn: b.PermissionsBoundaryArn, unresolved: true }
      : { arn: b.PermissionsBoundaryArn, document };
  };

  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  const groupArnByName = new Map<string, string>();

  for (const g of raw.details.GroupDetailList ?? []) {
    if (!g.Arn || !g.GroupName) continue;
    groupArnByName.set(g.GroupName, g.Arn);
    assets.push(
      awsAsset({
        id: g.Arn,
        kind: 'identity',
        accountId,
        region: 'global',
        name: g.GroupName,
        nativeType: 'AWS::IAM::Group',
        properties: {
          identityType: 'group',
          path: g.Path,
          groupId: g.GroupId,
          createDate: g.CreateDate,
          inlinePolicies: inline(g.GroupPolicyList),
          attachedPolicies: attached(g.AttachedManagedPolicies),
        },
      }),
    );
  }

  for (const r of raw.details.RoleDetailList ?? []) {
    if (!r.Arn || !r.RoleName) continue;
    const trustPolicy = parsePolicyDocument(r.AssumeRolePolicyDocument);
    const trust = trustSummary(trustPolicy);
    assets.push(
      awsAsset({
        id: r.Arn,
        kind: 'identity',
        accountId,
        region: 'global',
        name: r.RoleName,
        nativeType: 'AWS::IAM::Role',
        properties: {
          identityType: 'role',
          path: r.Path,
          roleId: r.RoleId,
          createDate: r.CreateDate,
          serviceLinked: r.Path?.startsWith('/aws-service-role/') ?? false,
          trustPolicy,
          trustedAwsPrincipals: trust.aws,
          trustedServices: trust.services,
          trustedFederated: trust.federated,
          inlinePolicies: inline(r.RolePolicyList),
          attachedPolicies: attached(r.AttachedManagedPolicies),
          permissionsBoundary: boundary(r.PermissionsBoundary),
          instanceProfiles: (r.InstanceProfileList ?? []).map((p) => p.InstanceProfileName),
          roleLastUsed: r.RoleLastUsed?.LastUsedDate,
        },
        tags: tagMap(r.Tags),
      }),
    );
  }

  for (const u of raw.details.UserDetailList ?? []) {
    if (!u.Arn || !u.UserName) continue;
    const groups = (u.GroupList ?? []).map(
      (name) => groupArnByName.get(name) ?? `arn:aws:iam::${accountId}:group/${name}`,
    );
    const keys = raw.accessKeys[u.UserName] ?? [];
    assets.push(
      awsAsset({
        id: u.Arn,
        kind: 'identity',
        accountId,
        region: 'global',
        name: u.UserName,
        nativeType: 'AWS::IAM::User',
        properties: {
          identityType: 'user',
          path: u.Path,
          userId: u.UserId,
          createDate: u.CreateDate,
          groups,
          inlinePolicies: inline(u.UserPolicyList),
          attachedPolicies: attached(u.AttachedManagedPolicies),
          permissionsBoundary: boundary(u.PermissionsBoundary),
          activeAccessKeys: keys.filter((k) => k.Status === 'Active').length,
        },
        tags: tagMap(u.Tags),
      }),
    );
    for (const g of groups) edges.push(edge('member-of', u.Arn, g));
    for (const k of keys) {
      if (!k.AccessKeyId) continue;
      const id = accessKeyId(accountId, u.UserName, k.AccessKeyId);
      assets.push(
        awsAsset({
          id,
          kind: 'access-key',
          accountId,
          region: 'global',
          name: k.AccessKeyId,
          nativeType: 'AWS::IAM::AccessKey',
          properties: { userName: u.UserName, status: k.Status, createDate: k.CreateDate },
        }),
      );
      edges.push(edge('has-key', u.Arn, id));
    }
  }
  bedrockApiKeys(raw, accountId, assets, edges);
  return { assets, edges };
}

/** Bedrock API keys (IAM service-specific credentials) as access keys of the users the account lists. */
function bedrockApiKeys(raw: RawIam, accountId: string, assets: AssetRecord[], edges: EdgeRecord[]): void {
  const userArns = new Map(
    (raw.details.UserDetailList ?? []).flatMap((u) => (u.UserName && u.Arn ? [[u.UserName, u.Arn]] : [])),
  );
  for (const k of raw.bedrockApiKeys ?? []) {
    const owner = k.UserName ? userArns.get(k.UserName) : undefined;
    if (!owner || !k.ServiceSpecificCredentialId) continue;
    const id = serviceCredentialId(owner, k.ServiceSpecificCredentialId);
    assets.push(
      awsAsset({
        id,
        kind: 'access-key',
        accountId,
        region: 'global',
        name: k.ServiceSpecificCredentialId,
        nativeType: 'AWS::IAM::ServiceSpecificCredential',
        properties: {
          userName: k.UserName,
          status: k.Status,
          serviceName: k.ServiceName,
          serviceUserName: k.ServiceUserName,
          createDate: k.CreateDate,
          expirationDate: k.ExpirationDate,
        },
      }),
    );
    edges.push(edge('has-key', owner, id));
  }
}
