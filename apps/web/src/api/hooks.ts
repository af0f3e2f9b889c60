import {
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
import { ApiError, api } from './client.ts';
import type {
  ApiRole,
  ApiTokenDto,
  Asset,
  AssetDetail,
  AttackPath,
  ChokePoint,
  CloudAccountDto,
  ConnectAccountInput,
  CreatedToken,
  Evaluation,
  Finding,
  FindingDetail,
  FrameworkDetail,
  FrameworkSummary,
  InventorySummary,
  Items,
  Me,
  Page,
  Scan,
  ScanScope,
  ScheduleDto,
} from './types.ts';

const PAGE_SIZE = 50;

function cursorQuery(path: string, query: Record<string, string | undefined>, limit = PAGE_SIZE) {
  return ({ pageParam, signal }: { pageParam: string | null; signal: AbortSignal }) =>
    api<Page<never>>(path, { query: { ...query, cursor: pageParam ?? undefined, limit }, signal });
}

function nextCursor(last: Page<unknown>): string | null | undefined {
  return last.nextCursor ?? undefined;
}

export const useMe = () =>
  useQuery({ queryKey: ['me'], queryFn: ({ signal }) => api<Me>('/me', { signal }) });

export const useInventorySummary = () =>
  useQuery({
    queryKey: ['inventory', 'summary'],
    queryFn: ({ signal }) => api<InventorySummary>('/inventory/summary', { signal }),
  });

export const useLatestEvaluation = () =>
  useQuery({
    queryKey: ['evaluations', 'latest'],
    // No evaluation yet is a state of the estate, not an error.
    queryFn: ({ signal }) =>
      api<Evaluation>('/evaluations/latest', { signal }).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });

export const useEvaluations = (limit = 30) =>
  useQuery({
    queryKey: ['evaluations', { limit }],
    queryFn: ({ signal }) => api<Items<Evaluation>>('/evaluations', { query: { limit }, signal }),
  });

export function useFindings(filters: FindingFilters, limit = PAGE_SIZE) {
  const query = findingFiltersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['findings', query, limit],
    queryFn: cursorQuery('/findings', query, limit) as (ctx: {
      pageParam: string | null;
      signal: AbortSignal;
    }) => Promise<Page<Finding>>,
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
    placeholderData: keepPreviousData,
  });
}

export const useFinding = (id: string) =>
  useQuery({
    queryKey: ['findings', 'detail', id],
    queryFn: ({ signal }) => api<FindingDetail>(`/findings/${encodeURIComponent(id)}`, { signal }),
  });

export function useSuppressFinding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { reason: string; until?: string }) =>
      api<FindingDetail>(`/findings/${encodeURIComponent(id)}/suppress`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['findings'] }),
  });
}

export function useUnsuppressFinding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<FindingDetail>(`/findings/${encodeURIComponent(id)}/unsuppress`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['findings'] }),
  });
}

export function useAssets(filters: AssetFilters, limit = PAGE_SIZE) {
  const query = assetFiltersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['assets', query, limit],
    queryFn: cursorQuery('/assets', query, limit) as (ctx: {
      pageParam: string | null;
      signal: AbortSignal;
    }) => Promise<Page<Asset>>,
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
    placeholderData: keepPreviousData,
  });
}

export const useAsset = (id: string) =>
  useQuery({
    queryKey: ['assets', 'detail', id],
    queryFn: ({ signal }) => api<AssetDetail>(`/assets/${encodeURIComponent(id)}`, { signal }),
  });

export function useAttackPaths(limit = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: ['attack-paths', limit],
    queryFn: cursorQuery('/attack-paths', {}, limit) as (ctx: {
      pageParam: string | null;
      signal: AbortSignal;
    }) => Promise<Page<AttackPath>>,
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
  });
}

export const useAttackPath = (id: string | undefined) =>
  useQuery({
    queryKey: ['attack-paths', 'detail', id],
    queryFn: ({ signal }) => api<AttackPath>(`/attack-paths/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });

export const useChokePoints = () =>
  useQuery({
    queryKey: ['attack-paths', 'choke-points'],
    queryFn: ({ signal }) =>
      api<{ evaluationId: string | null; items: ChokePoint[] }>('/attack-paths/choke-points', {
        signal,
      }).then((r) => r.items),
  });

export const useFrameworks = () =>
  useQuery({
    queryKey: ['frameworks'],
    queryFn: ({ signal }) => api<Items<FrameworkSummary>>('/frameworks', { signal }),
  });

export const useFramework = (id: string) =>
  useQuery({
    queryKey: ['frameworks', id],
    queryFn: ({ signal }) => api<FrameworkDetail>(`/frameworks/${encodeURIComponent(id)}`, { signal }),
  });

export function isScanActive(status: string | undefined): boolean {
  return status === 'queued' || status === 'running' || status === 'pending' || status === 'cancelling';
}

export const SCAN_POLL_MS = 2_000;

export const useScans = () =>
  useQuery({
    queryKey: ['scans'],
    queryFn: ({ signal }) => api<Page<Scan>>('/scans', { query: { limit: 50 }, signal }),
    refetchInterval: (q) => (q.state.data?.items.some((s) => isScanActive(s.status)) ? SCAN_POLL_MS : false),
  });

export const useScan = (id: string) =>
  useQuery({
    queryKey: ['scans', id],
    queryFn: ({ signal }) => api<Scan>(`/scans/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (isScanActive(q.state.data?.status) ? SCAN_POLL_MS : false),
  });

export function useStartScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (scope: ScanScope) => api<{ scanId: string }>('/scans', { method: 'POST', body: { scope } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scans'] }),
  });
}

export function useCancelScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Scan>(`/scans/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scans'] }),
  });
}

export const useSchedules = () =>
  useQuery({
    queryKey: ['schedules'],
    queryFn: ({ signal }) => api<Items<ScheduleDto>>('/schedules', { signal }),
  });

export function useCreateSchedule() {
  const client = useQueryClient();
  return useMutation({
    // Schedules are keyed by name: PUT creates or replaces.
    mutationFn: ({ name, ...body }: { name: string; cron: string; timezone?: string; scope?: ScanScope }) =>
      api<ScheduleDto>(`/schedules/${encodeURIComponent(name)}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['schedules'] }),
  });
}

export function useDeleteSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>(`/schedules/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['schedules'] }),
  });
}

export const useAccounts = () =>
  useQuery({
    queryKey: ['accounts'],
    queryFn: ({ signal }) => api<Items<CloudAccountDto>>('/accounts', { signal }),
  });

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectAccountInput) =>
      api<CloudAccountDto>('/accounts', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export const useTokens = () =>
  useQuery({
    queryKey: ['tokens'],
    queryFn: ({ signal }) => api<Items<ApiTokenDto>>('/tokens', { signal }),
  });

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: ApiRole }) =>
      api<CreatedToken>('/tokens', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
