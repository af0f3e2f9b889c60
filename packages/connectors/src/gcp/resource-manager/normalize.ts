import { assetId, edge, type GraphBatch } from '@aispm/core';
import type { AccountTarget } from '../../types.ts';
import { CRM, gcpAsset, projectAssetId, str } from '../asset.ts';
import type { RawResourceManager } from './fetch.ts';

/**
 * Folders (accountId 'global') and projects → scan accounts and account assets. A project's org path is its
 * chain of parents from the organisation down; projects outside the organisation keep their own parent.
 */
export function normalizeResourceManager(
  raw: RawResourceManager,
  only?: readonly string[],
): { accounts: AccountTarget[]; batch: GraphBatch } {
  const batch: GraphBatch = { assets: [], edges: [] };
  const folderByName = new Map(raw.folders.map((f) => [String(f.name), f]));
  const pathOf = (parent: string | undefined): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur = parent;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      chain.unshift(cur);
      cur = str(folderByName.get(cur)?.parent);
    }
    return chain;
  };
  for (const f of raw.folders) {
    const name = str(f.name);
    if (!name || (str(f.state) && f.state !== 'ACTIVE')) continue;
    const id = assetId('gcp', name, CRM);
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'account',
        accountId: 'global',
        region: 'global',
        name: str(f.displayName) ?? name,
        nativeType: 'cloudresourcemanager.googleapis.com/Folder',
        properties: { folder: name, parent: f.parent, orgPath: pathOf(str(f.parent)) },
      }),
    );
    const parent = str(f.parent);
    if (parent?.startsWith('folders/') && folderByName.has(parent))
      batch.edges.push(edge('contains', assetId('gcp', parent, CRM), id));
  }
  const wanted = only ? new Set(only) : undefined;
  const projects = raw.projects.filter((p) => {
    const projectId = str(p.projectId);
    return (
      projectId &&
      str(p.name) &&
      (!str(p.state) || p.state === 'ACTIVE') &&
      (!wanted || wanted.has(projectId))
    );
  });
  const projectIdsByNumber: Record<string, string> = {};
  for (const p of raw.projects) {
    const number = str(p.name)?.split('/')[1];
    if (number && str(p.projectId)) projectIdsByNumber[number] = String(p.projectId);
  }
  const accounts: AccountTarget[] = [];
  for (const p of projects) {
    const projectId = String(p.projectId);
    const projectNumber = String(p.name).split('/')[1] as string;
    const parent = str(p.parent);
    const orgPath = pathOf(parent);
    if (raw.organization?.name && orgPath[0] !== raw.organization.name && parent?.startsWith('folders/'))
      orgPath.unshift(String(raw.organization.name));
    accounts.push({
      provider: 'gcp',
      accountId: projectId,
      name: str(p.displayName) ?? projectId,
      orgPath,
      connection: { projectNumber, projectIdsByNumber },
    });
    const id = projectAssetId(projectNumber);
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'account',
        accountId: projectId,
        region: 'global',
        name: projectId,
        nativeType: 'cloudresourcemanager.googleapis.com/Project',
        properties: { projectNumber, displayName: p.displayName, parent, state: p.state, orgPath },
        tags: p.labels as Record<string, string> | undefined,
      }),
    );
    if (parent?.startsWith('folders/') && folderByName.has(parent))
      batch.edges.push(edge('contains', assetId('gcp', parent, CRM), id));
  }
  return { accounts, batch };
}
