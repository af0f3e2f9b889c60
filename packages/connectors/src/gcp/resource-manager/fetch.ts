import { collectTokenPages } from '../../shared/paging.ts';
import type { GcpClientFactory } from '../clients.ts';
import { plain, withGcpRetry } from '../service.ts';

export type GcpJson = Record<string, unknown>;

export interface RawResourceManager {
  organization?: GcpJson;
  folders: GcpJson[];
  projects: GcpJson[];
}

/** Organisation, its folders (recursively) and every project the caller can see. */
export async function fetchResourceManager(
  factory: GcpClientFactory,
  signal: AbortSignal,
): Promise<RawResourceManager> {
  const opts = factory.gaxOptions('cloudresourcemanager.googleapis.com');
  const call = <T>(fn: () => Promise<T>) =>
    withGcpRetry(fn, {
      maxAttempts: factory.options.maxAttempts,
      timeoutMs: factory.options.callTimeoutMs,
      onThrottle: () => {},
      signal,
    });
  const { FoldersClient, OrganizationsClient, ProjectsClient } = await import(
    '@google-cloud/resource-manager'
  );
  const orgs = new OrganizationsClient(opts);
  const foldersClient = new FoldersClient(opts);
  const projectsClient = new ProjectsClient(opts);
  try {
    let organization: GcpJson | undefined;
    if (factory.options.organizationId) {
      const [org] = await call(() => orgs.getOrganization({ name: factory.options.organizationId }));
      organization = plain(org);
    } else {
      const found = await collectTokenPages(async (pageToken) => {
        const [items, next] = await call(() =>
          orgs.searchOrganizations({ pageToken }, { autoPaginate: false }),
        );
        return { items: items.map((o) => plain(o)), next: next?.pageToken ?? undefined };
      });
      organization = found[0];
    }
    const folders: GcpJson[] = [];
    const queue = organization?.name ? [String(organization.name)] : [];
    while (queue.length > 0) {
      const parent = queue.shift() as string;
      const children = await collectTokenPages(async (pageToken) => {
        const [items, next] = await call(() =>
          foldersClient.listFolders({ parent, pageToken }, { autoPaginate: false }),
        );
        return { items: items.map((f) => plain(f)), next: next?.pageToken ?? undefined };
      });
      for (const f of children) {
        folders.push(f);
        if (typeof f.name === 'string') queue.push(f.name);
      }
    }
    const projects = await collectTokenPages(async (pageToken) => {
      const [items, next] = await call(() =>
        projectsClient.searchProjects({ query: 'state:ACTIVE', pageToken }, { autoPaginate: false }),
      );
      return { items: items.map((p) => plain(p)), next: next?.pageToken ?? undefined };
    });
    return { organization, folders, projects };
  } finally {
    await Promise.all([orgs.close(), foldersClient.close(), projectsClient.close()]);
  }
}
