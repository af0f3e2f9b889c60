/**
 * Filter state ⇄ URL search params. The URL is the single source of truth for list filters, so a
 * filtered view can be bookmarked, shared and restored with the back button.
 */

export const FINDING_SORTS = ['risk', 'severity', 'lastSeen'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];
export const DEFAULT_FINDING_SORT: FindingSort = 'risk';

export interface FindingFilters {
  severity?: string;
  status?: string;
  rule?: string;
  control?: string;
  provider?: string;
  account?: string;
  asset?: string;
  q?: string;
  sort: FindingSort;
}

export const FINDING_FILTER_KEYS = [
  'severity',
  'status',
  'rule',
  'control',
  'provider',
  'account',
  'asset',
  'q',
] as const satisfies readonly (keyof FindingFilters)[];

export interface AssetFilters {
  provider?: string;
  kind?: string;
  account?: string;
  region?: string;
  tag?: string;
  q?: string;
  /** AI resources against the AI usage policy: approved, unapproved (shadow AI) or unknown. */
  usage?: string;
}

export const ASSET_FILTER_KEYS = [
  'provider',
  'kind',
  'account',
  'region',
  'tag',
  'q',
  'usage',
] as const satisfies readonly (keyof AssetFilters)[];

function clean(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function parseFindingFilters(params: URLSearchParams): FindingFilters {
  const filters: FindingFilters = { sort: DEFAULT_FINDING_SORT };
  for (const key of FINDING_FILTER_KEYS) {
    const value = clean(params.get(key));
    if (value !== undefined) filters[key] = value;
  }
  const sort = params.get('sort');
  if (sort && (FINDING_SORTS as readonly string[]).includes(sort)) filters.sort = sort as FindingSort;
  return filters;
}

/** Params in a stable order, empty values and the default sort left out so URLs stay short and canonical. */
export function findingFiltersToParams(filters: FindingFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FINDING_FILTER_KEYS) {
    const value = clean(filters[key] ?? null);
    if (value !== undefined) params.set(key, value);
  }
  if (filters.sort !== DEFAULT_FINDING_SORT) params.set('sort', filters.sort);
  return params;
}

/** The query the API gets: every filter plus the sort (always explicit server-side). */
export function findingFiltersToQuery(filters: FindingFilters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = Object.fromEntries(findingFiltersToParams(filters));
  query.sort = filters.sort;
  return query;
}

/** A new filter state with one key changed; an empty value removes the filter. */
export function withFilter<T extends object>(filters: T, key: keyof T, value: string | undefined): T {
  const next = { ...filters };
  const cleaned = clean(value ?? null);
  if (cleaned === undefined) delete next[key];
  else (next as Record<keyof T, unknown>)[key] = cleaned;
  return next;
}

export function activeFilterCount(filters: FindingFilters | AssetFilters): number {
  return Object.entries(filters).filter(
    ([key, value]) => key !== 'sort' && value !== undefined && value !== '',
  ).length;
}

export function parseAssetFilters(params: URLSearchParams): AssetFilters {
  const filters: AssetFilters = {};
  for (const key of ASSET_FILTER_KEYS) {
    const value = clean(params.get(key));
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

export function assetFiltersToParams(filters: AssetFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ASSET_FILTER_KEYS) {
    const value = clean(filters[key] ?? null);
    if (value !== undefined) params.set(key, value);
  }
  return params;
}

export function assetFiltersToQuery(filters: AssetFilters): Record<string, string | undefined> {
  return Object.fromEntries(assetFiltersToParams(filters));
}

/** `/findings?control=X` style links, built through the same serializer the page parses with. */
export function findingsHref(filters: Partial<FindingFilters>): string {
  const params = findingFiltersToParams({ sort: DEFAULT_FINDING_SORT, ...filters });
  const s = params.toString();
  return s ? `/findings?${s}` : '/findings';
}

export function assetsHref(filters: AssetFilters): string {
  const s = assetFiltersToParams(filters).toString();
  return s ? `/inventory/assets?${s}` : '/inventory/assets';
}
