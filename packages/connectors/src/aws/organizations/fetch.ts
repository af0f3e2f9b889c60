import {
  type Account,
  DescribePolicyCommand,
  type OrganizationalUnit,
  OrganizationsClient,
  type PolicyTargetSummary,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type Root,
} from '@aws-sdk/client-organizations';
import { collectPages, FAN_OUT, mapLimit } from '../../shared/paging.ts';
import type { TaskClients } from '../clients.ts';

export interface RawScp {
  id: string;
  arn?: string;
  name?: string;
  awsManaged?: boolean;
  /** The policy document as the API returns it (a JSON string). */
  content?: string;
  targets: PolicyTargetSummary[];
}

export interface RawOrganization {
  accounts: Account[];
  roots: Root[];
  /** Every OU with the id of its parent (root or OU). */
  organizationalUnits: { ou: OrganizationalUnit; parentId: string }[];
  /** Direct parent (root or OU id) of each account. */
  accountParents: Record<string, string>;
  scps: RawScp[];
  /** Set when SCPs could not be read (e.g. SCPs not enabled): access analysis then ignores SCPs. */
  scpError?: string;
}

/** `clients` carry the discovery's abort signal on every request (see TaskHttpHandler). */
export async function fetchOrganization(clients: TaskClients): Promise<RawOrganization> {
  const client = clients.get(OrganizationsClient);
  const pager = { client };
  const accounts = await collectPages(paginateListAccounts(pager, {}), (p) => p.Accounts);
  const roots = await collectPages(paginateListRoots(pager, {}), (p) => p.Roots);

  const organizationalUnits: RawOrganization['organizationalUnits'] = [];
  let frontier = roots.map((r) => r.Id).filter((id): id is string => Boolean(id));
  while (frontier.length > 0) {
    const children = await mapLimit(frontier, FAN_OUT, async (parentId) => {
      const ous = await collectPages(
        paginateListOrganizationalUnitsForParent(pager, { ParentId: parentId }),
        (p) => p.OrganizationalUnits,
      );
      return ous.map((ou) => ({ ou, parentId }));
    });
    const level = children.flat();
    organizationalUnits.push(...level);
    frontier = level.map((c) => c.ou.Id).filter((id): id is string => Boolean(id));
  }

  // Each account's parent from the parents' listings: one paged call per root and OU, not one ListParents call
  // per account (Organizations allows a few calls per second, so 1,000 accounts would take minutes).
  const accountParents: Record<string, string> = {};
  const parents = [...roots.map((r) => r.Id), ...organizationalUnits.map((o) => o.ou.Id)].filter(
    (id): id is string => Boolean(id),
  );
  await mapLimit(parents, FAN_OUT, async (parentId) => {
    const children = await collectPages(
      paginateListAccountsForParent(pager, { ParentId: parentId }),
      (p) => p.Accounts,
    );
    for (const a of children) if (a.Id) accountParents[a.Id] = parentId;
  });

  let scps: RawScp[] = [];
  let scpError: string | undefined;
  try {
    const summaries = await collectPages(
      paginateListPolicies(pager, { Filter: 'SERVICE_CONTROL_POLICY' }),
      (p) => p.Policies,
    );
    scps = await mapLimit(summaries, FAN_OUT, async (s) => {
      const id = s.Id as string;
      const [described, targets] = await Promise.all([
        client.send(new DescribePolicyCommand({ PolicyId: id })),
        collectPages(paginateListTargetsForPolicy(pager, { PolicyId: id }), (p) => p.Targets),
      ]);
      return {
        id,
        arn: s.Arn,
        name: s.Name,
        awsManaged: s.AwsManaged,
        content: described.Policy?.Content,
        targets,
      };
    });
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    if (name !== 'PolicyTypeNotEnabledException' && name !== 'AccessDeniedException') throw error;
    scpError = name;
  }
  return { accounts, roots, organizationalUnits, accountParents, scps, scpError };
}
