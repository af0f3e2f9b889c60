import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  type AssetFilters,
  assetFiltersToQuery,
  type FindingFilters,
  findingFiltersToQuery,
} from '../lib/filters.ts';
import { ApiError, apiClient, unwrap } from './client.ts';
import type {
  AiUsagePolicy,
  ApiRole,
  AssetQuery,
  ConnectAccountInput,
  FindingQuery,
  GovernanceAnswerInput,
  Provider,
  ScanScope,
} from './types.ts';

const PAGE_SIZE = 50;

/** Keyset pages: the next page's cursor is the last page's `nextCursor` (absent at the end). */
function nextCursor(last: { nextCursor: string | null }): string | undefined {
  return last.nextCursor ?? undefined;
}

export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/me', { signal })),
  });

export const useInventorySummary = () =>
  useQuery({
    queryKey: ['inventory', 'summary'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/inventory/summary', { signal })),
  });

export const useLatestEvaluation = () =>
  useQuery({
    queryKey: ['evaluations', 'latest'],
    // No evaluation yet is a state of the estate, not an error.
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/evaluations/latest', { signal })).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });

export const useEvaluations = (limit = 30) =>
  useQuery({
    queryKey: ['evaluations', { limit }],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/evaluations', { params: { query: { limit } }, signal })),
  });

/**
 * The findings list's query, shared by the page and the start-up prefetch (one key, one request). `abortable: false`
 * for the prefetch: a fetch that reads its AbortSignal is cancelled when its last observer unmounts, and the page
 * mounting and suspending once (a lazy part loading) while the prefetch is in flight would cancel it and ask again.
 */
export function findingsQuery(filters: FindingFilters, limit = PAGE_SIZE, { abortable = true } = {}) {
  // The URL's filters go to the server as they are: it validates them and answers a 400 naming a bad one.
  const query = findingFiltersToQuery(filters) as FindingQuery;
  return infiniteQueryOptions({
    queryKey: ['findings', query, limit],
    queryFn: (context) =>
      unwrap(
        apiClient.GET('/api/v1/findings', {
          params: {
            query: { ...query, limit, ...(context.pageParam ? { cursor: context.pageParam } : {}) },
          },
          ...(abortable ? { signal: context.signal } : {}),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
  });
}

export function useFindings(filters: FindingFilters, limit = PAGE_SIZE) {
  return useInfiniteQuery({ ...findingsQuery(filters, limit), placeholderData: keepPreviousData });
}

const findingPath = (id: string) => ({ params: { path: { id } } });

export const useFinding = (id: string) =>
  useQuery({
    queryKey: ['findings', 'detail', id],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/findings/{id}', { ...findingPath(id), signal })),
  });

export function useSuppressFinding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { reason: string; until?: string }) =>
      unwrap(apiClient.POST('/api/v1/findings/{id}/suppress', { ...findingPath(id), body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['findings'] }),
  });
}

export function useUnsuppressFinding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(apiClient.POST('/api/v1/findings/{id}/unsuppress', { ...findingPath(id), body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['findings'] }),
  });
}

export function useAssets(filters: AssetFilters, limit = PAGE_SIZE) {
  const query = assetFiltersToQuery(filters) as AssetQuery;
  return useInfiniteQuery({
    queryKey: ['assets', query, limit],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        apiClient.GET('/api/v1/assets', {
          params: { query: { ...query, limit, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
    placeholderData: keepPreviousData,
  });
}

export const useAsset = (id: string) =>
  useQuery({
    queryKey: ['assets', 'detail', id],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/assets/{id}', { params: { path: { id } }, signal })),
  });

export function useAttackPaths(limit = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: ['attack-paths', limit],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        apiClient.GET('/api/v1/attack-paths', {
          params: { query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
  });
}

export const useAttackPath = (id: string | undefined) =>
  useQuery({
    queryKey: ['attack-paths', 'detail', id],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/attack-paths/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });

export const useChokePoints = () =>
  useQuery({
    queryKey: ['attack-paths', 'choke-points'],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/attack-paths/choke-points', { signal })).then((r) => r.items),
  });

export const useFrameworks = () =>
  useQuery({
    queryKey: ['frameworks'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/frameworks', { signal })),
  });

/** The rule catalog, optionally only the rules of one cloud. */
export const useRules = (provider?: Provider) =>
  useQuery({
    queryKey: ['rules', { provider }],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/rules', { params: { query: provider ? { provider } : {} }, signal })),
  });

export const useFramework = (id: string) =>
  useQuery({
    queryKey: ['frameworks', id],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/frameworks/{id}', { params: { path: { id } }, signal })),
  });

export function isScanActive(status: string | undefined): boolean {
  return status === 'queued' || status === 'running' || status === 'pending' || status === 'cancelling';
}

export const SCAN_POLL_MS = 2_000;

export const useScans = () =>
  useQuery({
    queryKey: ['scans'],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/scans', { params: { query: { limit: 50 } }, signal })),
    refetchInterval: (q) => (q.state.data?.items.some((s) => isScanActive(s.status)) ? SCAN_POLL_MS : false),
  });

export const useScan = (id: string) =>
  useQuery({
    queryKey: ['scans', id],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/scans/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (isScanActive(q.state.data?.status) ? SCAN_POLL_MS : false),
  });

export function useStartScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (scope: ScanScope) => unwrap(apiClient.POST('/api/v1/scans', { body: { scope } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scans'] }),
  });
}

export function useCancelScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(apiClient.POST('/api/v1/scans/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scans'] }),
  });
}

export const useSchedules = () =>
  useQuery({
    queryKey: ['schedules'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/schedules', { signal })),
  });

export function useCreateSchedule() {
  const client = useQueryClient();
  return useMutation({
    // Schedules are keyed by name: PUT creates or replaces.
    mutationFn: ({ name, ...body }: { name: string; cron: string; timezone?: string; scope?: ScanScope }) =>
      unwrap(apiClient.PUT('/api/v1/schedules/{name}', { params: { path: { name } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['schedules'] }),
  });
}

export function useDeleteSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(apiClient.DELETE('/api/v1/schedules/{name}', { params: { path: { name } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['schedules'] }),
  });
}

export const useAccounts = () =>
  useQuery({
    queryKey: ['accounts'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/accounts', { signal })),
  });

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectAccountInput) => unwrap(apiClient.POST('/api/v1/accounts', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export const useTokens = () =>
  useQuery({
    queryKey: ['tokens'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/tokens', { signal })),
  });

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: ApiRole }) =>
      unwrap(apiClient.POST('/api/v1/tokens', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(apiClient.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export const useSelfAssessment = () =>
  useQuery({
    queryKey: ['governance', 'self-assessment'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/self-assessment', { signal })),
  });

export const useMaturity = () =>
  useQuery({
    queryKey: ['governance', 'maturity'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/maturity', { signal })),
  });

/** Answers a question the platform cannot see; both governance views re-read their answers. */
export function useAnswerGovernance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: GovernanceAnswerInput & { id: string }) =>
      unwrap(apiClient.PUT('/api/v1/governance/answers/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['governance'] }),
  });
}

export const useUsagePolicy = () =>
  useQuery({
    queryKey: ['governance', 'usage-policy'],
    queryFn: ({ signal }) => unwrap(apiClient.GET('/api/v1/ai-usage-policy', { signal })),
  });

/** Puts a new version of the AI usage policy in force; the governance views re-read (maturity counts it). */
export function useSetUsagePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AiUsagePolicy) => unwrap(apiClient.PUT('/api/v1/ai-usage-policy', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['governance'] }),
  });
}

export const useScanChanges = (id: string) =>
  useQuery({
    queryKey: ['scans', id, 'changes'],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/scans/{id}/changes', { params: { path: { id } }, signal })),
    enabled: id !== '',
  });

export const useAssetHistory = (id: string) =>
  useQuery({
    queryKey: ['assets', 'history', id],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/assets/{id}/history', { params: { path: { id } }, signal })),
  });
