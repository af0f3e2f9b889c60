import type { InventorySummary } from '../api/types.ts';

export const PROVIDER_ORDER = ['aws', 'azure', 'gcp'];

/** Rows (kinds, most numerous first) × columns (providers in a fixed order) of the AI-BOM table. */
export function providerKindMatrix(summary: Omit<InventorySummary, 'total'>) {
  const providers = Object.keys(summary.byProvider).sort(
    (a, b) => PROVIDER_ORDER.indexOf(a) - PROVIDER_ORDER.indexOf(b) || a.localeCompare(b),
  );
  const kinds = Object.entries(summary.byKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind]) => kind);
  const cell = new Map(summary.byProviderKind.map((r) => [`${r.provider}|${r.kind}`, r.count]));
  return {
    providers,
    kinds,
    count: (provider: string, kind: string) => cell.get(`${provider}|${kind}`) ?? 0,
  };
}
