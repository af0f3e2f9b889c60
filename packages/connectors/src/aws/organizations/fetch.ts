import {
  type Account,
  DescribePolicyCommand,
  ListParentsCommand,
  type OrganizationalUnit,
  OrganizationsClient,
  type PolicyTargetSummary,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type Root,
} from '@aws-sdk/client-organizations';
import { collectPages, mapLimit } from '../../shared/paging.ts';
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

export async function fetchOrganization(clients: TaskClients, signal: AbortSignal): Promise<RawOrganization> {
  const client = clients.get(OrganizationsClient);
  const call = { abortSignal: signal };
  const pager = { client };
  const accounts = await collectPages(paginateListAccounts(pager, {}, call), (p) => p.Accounts);
  const roots = await collectPages(paginateListRoots(pager, {}, call), (p) => p.Roots);

  const organizationalUnits: RawOrganization['organizationalUnits'] = [];
  let frontier = roots.map((r) => r.Id).filter((id): id is string => Boolean(id));
  while (frontier.length > 0) {
    const children = await mapLimit(frontier, 4, async (parentId) => {
      const ous = await collectPages(
        paginateListOrganizationalUnitsForParent(pager, { ParentId: parentId }, call),
        (p) => p.OrganizationalUnits,
      );
      return ous.map((ou) => ({ ou, parentId }));
    });
    const level = children.flat();
    organizationalUnits.push(...level);
    frontier = level.map((c) => c.ou.Id).filter((id): id is string => Boolean(id));
  }

  const accountParents: Record<string, string> = {};
  await mapLimit(accounts, 4, async (a) => {
    if (!a.Id) return;
    const out = await client.send(new ListParentsCommand({ ChildId: a.Id }), call);
    const parent = out.Parents?.[0]?.Id;
    if (parent) accountParents[a.Id] = parent;
  });

  let scps: RawScp[] = [];
  let scpError: string | undefined;
  try {
    const summaries = await collectPages(
      paginateListPolicies(pager, { Filter: 'SERVICE_CONTROL_POLICY' }, call),
      (p) => p.Policies,
    );
    scps = await mapLimit(summaries, 4, async (s) => {
      const id = s.Id as string;
      const [described, targets] = await Promise.all([
        client.send(new DescribePolicyCommand({ PolicyId: id }), call),
        collectPages(paginateListTargetsForPolicy(pager, { PolicyId: id }, call), (p) => p.Targets),
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
