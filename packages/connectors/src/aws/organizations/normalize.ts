import type { AssetRecord } from '@aispm/core';
import { awsAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { RawOrganization } from './fetch.ts';

export interface ScpLevel {
  /** Root, OU or account id the policies are attached to. */
  targetId: string;
  policies: { policyId: string; name?: string; document: unknown }[];
}

export interface DiscoveredAccount {
  accountId: string;
  name: string;
  arn: string;
  orgId: string;
  managementAccountId: string;
  /** Root → OUs → (not the account itself) */
  orgPath: string[];
  status?: string;
}

/** `arn:aws:organizations::<mgmt>:account/<orgId>/<accountId>` → its parts. */
export function parseAccountArn(
  arn: string,
): { managementAccountId: string; orgId: string; accountId: string } | undefined {
  const m = /^arn:aws:organizations::(\d{12}):account\/(o-[a-z0-9]+)\/(\d{12})$/.exec(arn);
  return m
    ? { managementAccountId: m[1] as string, orgId: m[2] as string, accountId: m[3] as string }
    : undefined;
}

/**
 * Account assets with their place in the org and, per level from the root down to the account, the SCPs
 * attached there: an action is allowed only if every level has an SCP allowing it (documented SCP evaluation),
 * so the access analysis needs the levels, not a flat list.
 */
export function normalizeOrganization(raw: RawOrganization): {
  accounts: DiscoveredAccount[];
  assets: AssetRecord[];
} {
  const parentOf = new Map<string, string>();
  for (const { ou, parentId } of raw.organizationalUnits) if (ou.Id) parentOf.set(ou.Id, parentId);
  for (const [accountId, parentId] of Object.entries(raw.accountParents)) parentOf.set(accountId, parentId);

  const policiesByTarget = new Map<string, ScpLevel['policies']>();
  for (const scp of raw.scps) {
    const document = parsePolicyDocument(scp.content);
    for (const t of scp.targets) {
      if (!t.TargetId) continue;
      const list = policiesByTarget.get(t.TargetId) ?? [];
      list.push({ policyId: scp.id, name: scp.name, document });
      policiesByTarget.set(t.TargetId, list);
    }
  }

  const accounts: DiscoveredAccount[] = [];
  const assets: AssetRecord[] = [];
  for (const a of raw.accounts) {
    if (!a.Id || !a.Arn) continue;
    const parsed = parseAccountArn(a.Arn);
    const chain: string[] = [];
    for (
      let node: string | undefined = parentOf.get(a.Id);
      node && chain.length < 10;
      node = parentOf.get(node)
    )
      chain.unshift(node);
    const orgId = parsed?.orgId ?? 'unknown';
    const managementAccountId = parsed?.managementAccountId ?? '';
    const isManagement = a.Id === managementAccountId;
    const scpLevels: ScpLevel[] | undefined =
      raw.scpError || isManagement
        ? undefined
        : [...chain, a.Id].map((targetId) => ({ targetId, policies: policiesByTarget.get(targetId) ?? [] }));
    const orgPath = [orgId, ...chain];
    accounts.push({
      accountId: a.Id,
      name: a.Name ?? a.Id,
      arn: a.Arn,
      orgId,
      managementAccountId,
      orgPath,
      status: a.Status,
    });
    assets.push(
      awsAsset({
        id: a.Arn,
        kind: 'account',
        accountId: a.Id,
        region: 'global',
        name: a.Name ?? a.Id,
        nativeType: 'AWS::Organizations::Account',
        properties: {
          email: a.Email,
          status: a.Status,
          state: a.State,
          joinedMethod: a.JoinedMethod,
          joinedTimestamp: a.JoinedTimestamp,
          orgId,
          orgPath,
          managementAccount: isManagement,
          managementAccountId,
          // SCPs never restrict the management account; absent levels mean "not evaluated" (see scpError).
          scpLevels,
          scpError: raw.scpError,
        },
      }),
    );
  }
  return { accounts, assets };
}
