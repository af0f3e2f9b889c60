import type { AssetRecord } from '@aispm/core';
import { assetId } from '@aispm/core';
import { type AssetInput, cloudAsset, externalPrincipalAssetOf, internetAssetOf } from '../shared/asset.ts';
import { MAX_PAGES, PaginationError } from '../shared/paging.ts';

/** The stable id of an ARM resource: its ARM id, lower-cased. */
export function armAssetId(id: string): string {
  return assetId('azure', id);
}

export function subscriptionAssetId(subscriptionId: string): string {
  return armAssetId(`/subscriptions/${subscriptionId}`);
}

/** `/subscriptions/{s}/resourceGroups/{rg}/…` → rg (ARM ids keep their casing for SDK calls). */
export function resourceGroupOf(id: string): string {
  const m = /\/resourcegroups\/([^/]+)/i.exec(id);
  if (!m?.[1]) throw new Error(`not a resource-group scoped ARM id: ${id}`);
  return m[1];
}

/** The vault that serves `https://{vault}.vault.azure.net/…`, by name (vault names are globally unique). */
export function vaultNameOfUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri).hostname.split('.')[0]?.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The key name in a Key Vault key URI `https://{vault}.vault.azure.net/keys/{name}[/{version}]`. */
export function keyNameOfUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    const parts = new URL(uri).pathname.split('/').filter(Boolean);
    return parts[0] === 'keys' ? parts[1] : undefined;
  } catch {
    return undefined;
  }
}

/** Vault name (lower-case) → ARM id, for turning key URIs into key asset ids. */
export type VaultIndex = ReadonlyMap<string, string>;

export function keyAssetId(vaults: VaultIndex, vaultUri: string | undefined, keyName: string | undefined) {
  const vault = vaultNameOfUri(vaultUri);
  const vaultId = vault ? vaults.get(vault) : undefined;
  return vaultId && keyName ? armAssetId(`${vaultId}/keys/${keyName}`) : undefined;
}

/** User-assigned identities a resource runs as (`identity.userAssignedIdentities` keys). */
export function userAssignedIdentityIds(identity: unknown): string[] {
  const uai = (identity as { userAssignedIdentities?: Record<string, unknown> } | undefined)
    ?.userAssignedIdentities;
  return uai ? Object.keys(uai).map(armAssetId) : [];
}

/** ARM spells switches 'Enabled' / 'enabled' / true. */
export function enabled(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && value.toLowerCase() === 'enabled';
}

export function azureAsset(a: AssetInput): AssetRecord {
  return cloudAsset('azure', a);
}

export function azureInternetAsset(): AssetRecord {
  return internetAssetOf('azure');
}

export function azureExternalPrincipalAsset(principalId: string, principalType: string): AssetRecord {
  return externalPrincipalAssetOf('azure', principalId, { principalType, public: false });
}

interface ArmPaged<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[]>;
}

/**
 * Every item of an ARM list, page by page. The SDKs keep nextLinks out of reach (a per-package WeakMap), so a
 * listing that never ends is recognised by its pages: one made only of ids already seen is a repeat, and it
 * fails the listing instead of looping or silently truncating.
 */
export async function collectArm<T>(list: ArmPaged<T>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let pages = 0;
  for await (const page of list.byPage()) {
    if (++pages > MAX_PAGES) throw new PaginationError(`listing did not end after ${MAX_PAGES} pages`);
    const ids = page.map((item) => (item as { id?: unknown }).id);
    if (ids.length > 0 && ids.every((id) => typeof id === 'string' && seen.has(id.toLowerCase())))
      throw new PaginationError(`nextLink repeated a page (first id ${String(ids[0]).slice(0, 80)})`);
    for (const id of ids) if (typeof id === 'string') seen.add(id.toLowerCase());
    out.push(...page);
  }
  return out;
}

/** The one call of `ResourceManagementClient` a generic list needs (`resources.getById`). */
interface GenericArmReader {
  resources: {
    getById(id: string, apiVersion: string, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  };
}

/**
 * Every item of `GET {path}?api-version=…` for a collection no installed SDK models, through the ARM client's own
 * pipeline (credential, TLS CA, retries, pacing): ARM's `{ value, nextLink }` pages, the nextLink passed back as a
 * path with its query. A nextLink met twice fails the listing instead of looping.
 */
export async function listArmGeneric<T = Record<string, unknown>>(
  client: GenericArmReader,
  path: string,
  apiVersion: string,
  call: { abortSignal?: AbortSignal },
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let next = path;
  for (let pages = 1; ; pages++) {
    if (pages > MAX_PAGES) throw new PaginationError(`listing did not end after ${MAX_PAGES} pages`);
    const page = (await client.resources.getById(next, apiVersion, call)) as {
      value?: T[];
      nextLink?: string;
    };
    out.push(...(page.value ?? []));
    if (!page.nextLink) return out;
    const link = new URL(page.nextLink);
    link.searchParams.delete('api-version');
    next = `${link.pathname}${link.search}`;
    if (seen.has(next)) throw new PaginationError(`nextLink repeated: ${next.slice(0, 80)}`);
    seen.add(next);
  }
}

/** The HTTP status of an Azure SDK error (RestError.statusCode). */
export function armStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const s = (error as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' ? s : undefined;
}

export function isArmNotFound(error: unknown): boolean {
  return armStatus(error) === 404;
}
