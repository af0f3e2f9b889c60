import { type FormEvent, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAssets, useInventorySummary } from '../api/hooks.ts';
import type { InventorySummary } from '../api/types.ts';
import { DownloadMenu } from '../components/DownloadMenu.tsx';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { AssetLink, Card, KindTag, LoadMore, PageHeader, ProviderTag } from '../components/ui.tsx';
import { VirtualRows } from '../components/VirtualRows.tsx';
import {
  ASSET_FILTER_KEYS,
  type AssetFilters,
  activeFilterCount,
  assetFiltersToParams,
  assetsHref,
  parseAssetFilters,
} from '../lib/filters.ts';
import { formatCount, formatRelative, providerLabel } from '../lib/format.ts';
import { PROVIDER_ORDER, providerKindMatrix } from '../lib/inventory.ts';

function Matrix({ summary }: { summary: InventorySummary }) {
  const { providers, kinds, count } = providerKindMatrix(summary);
  const total = Object.values(summary.byProvider).reduce((a, b) => a + b, 0);
  return (
    <table className="table table--matrix" data-testid="inventory-matrix">
      <thead>
        <tr>
          <th>Kind</th>
          {providers.map((p) => (
            <th key={p} className="num">
              <Link to={assetsHref({ provider: p })}>{providerLabel(p)}</Link>
            </th>
          ))}
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((kind) => (
          <tr key={kind}>
            <td>
              <Link to={assetsHref({ kind })}>
                <KindTag kind={kind} />
              </Link>
            </td>
            {providers.map((p) => {
              const n = count(p, kind);
              return (
                <td key={p} className="num">
                  {n ? (
                    <Link to={assetsHref({ provider: p, kind })}>{formatCount(n)}</Link>
                  ) : (
                    <span className="muted">·</span>
                  )}
                </td>
              );
            })}
            <td className="num strong">{formatCount(summary.byKind[kind] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>Total</th>
          {providers.map((p) => (
            <th key={p} className="num">
              {formatCount(summary.byProvider[p] ?? 0)}
            </th>
          ))}
          <th className="num">{formatCount(total)}</th>
        </tr>
      </tfoot>
    </table>
  );
}

export function InventoryPage() {
  const summary = useInventorySummary();
  return (
    <>
      <PageHeader
        title="Inventory"
        subtitle="AI bill of materials: every AI asset across clouds, by kind"
        actions={
          <>
            <DownloadMenu items={[{ label: 'CycloneDX 1.6 AI-BOM', path: '/exports/aibom.cdx.json' }]} />
            <Link className="btn" to="/inventory/assets">
              Browse all assets
            </Link>
          </>
        }
      />
      <QueryState
        query={summary}
        isEmpty={(d) => Object.keys(d.byKind).length === 0}
        empty={
          <EmptyState title="No assets yet">
            Run a scan from the <Link to="/scans">Scans</Link> page.
          </EmptyState>
        }
      >
        {(data) => (
          <div className="grid grid--wide-narrow">
            <Card title="Provider × kind">
              <Matrix summary={data} />
            </Card>
            <Card title="By account">
              <table className="table">
                <thead>
                  <tr>
                    <th>Provider</th>
                    <th>Account</th>
                    <th className="num">Assets</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.byAccount]
                    .sort((a, b) => b.count - a.count)
                    .map((a) => (
                      <tr key={`${a.provider}|${a.accountId}`}>
                        <td>
                          <ProviderTag provider={a.provider} />
                        </td>
                        <td className="mono">
                          <Link to={assetsHref({ provider: a.provider, account: a.accountId })}>
                            {a.accountId}
                          </Link>
                        </td>
                        <td className="num">{formatCount(a.count)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}

function AssetFilterBar({ filters, kinds }: { filters: AssetFilters; kinds: string[] }) {
  const [, setParams] = useSearchParams();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: AssetFilters = {};
    for (const key of ASSET_FILTER_KEYS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next[key] = value;
    }
    setParams(assetFiltersToParams(next));
  }
  // Keyed by the URL so the uncontrolled inputs reset when filters change via navigation.
  return (
    <form className="filters" onSubmit={submit} key={assetFiltersToParams(filters).toString()}>
      <select name="provider" defaultValue={filters.provider ?? ''} aria-label="Provider">
        <option value="">All providers</option>
        {PROVIDER_ORDER.map((p) => (
          <option key={p} value={p}>
            {providerLabel(p)}
          </option>
        ))}
      </select>
      <select name="kind" defaultValue={filters.kind ?? ''} aria-label="Kind">
        <option value="">All kinds</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <select name="usage" defaultValue={filters.usage ?? ''} aria-label="AI usage policy">
        <option value="">Any policy state</option>
        <option value="unapproved">Unapproved (shadow AI)</option>
        <option value="approved">Approved</option>
        <option value="unknown">Unknown (not judged)</option>
      </select>
      <input name="account" placeholder="Account" defaultValue={filters.account ?? ''} aria-label="Account" />
      <input name="region" placeholder="Region" defaultValue={filters.region ?? ''} aria-label="Region" />
      <input name="tag" placeholder="tag key:value" defaultValue={filters.tag ?? ''} aria-label="Tag" />
      <input name="q" placeholder="Search name or id" defaultValue={filters.q ?? ''} aria-label="Search" />
      <button type="submit" className="btn btn--primary">
        Apply
      </button>
      {activeFilterCount(filters) > 0 ? (
        <button type="button" className="btn btn--ghost" onClick={() => setParams(new URLSearchParams())}>
          Clear
        </button>
      ) : null}
    </form>
  );
}

export function AssetListPage() {
  const [params] = useSearchParams();
  const filters = useMemo(() => parseAssetFilters(params), [params]);
  const summary = useInventorySummary();
  const assets = useAssets(filters);
  const kinds = Object.keys(summary.data?.byKind ?? {}).sort();
  const items = useMemo(() => assets.data?.pages.flatMap((p) => p.items) ?? [], [assets.data]);
  return (
    <>
      <PageHeader
        title="Assets"
        subtitle={
          <>
            <Link to="/inventory">Inventory</Link> / asset list
          </>
        }
      />
      <AssetFilterBar filters={filters} kinds={kinds} />
      <Card>
        <QueryState
          query={assets}
          isEmpty={(d) => d.pages[0]?.items.length === 0}
          empty={<EmptyState title="No assets match these filters" />}
        >
          {() => (
            <>
              <table className="table" data-testid="asset-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Kind</th>
                    <th>Provider</th>
                    <th>Account</th>
                    <th>Region</th>
                    <th>Native type</th>
                    <th>Last seen</th>
                  </tr>
                </thead>
                <VirtualRows
                  items={items}
                  rowKey={(a) => a.id}
                  columns={7}
                  renderRow={(a) => ({
                    cells: (
                      <>
                        <td>
                          <AssetLink id={a.id} name={a.name} />
                        </td>
                        <td>
                          <KindTag kind={a.kind} />
                        </td>
                        <td>
                          <ProviderTag provider={a.provider} />
                        </td>
                        <td className="mono">{a.accountId}</td>
                        <td className="mono">{a.region}</td>
                        <td className="mono muted small wrap-anywhere">{a.nativeType}</td>
                        <td className="muted">{formatRelative(a.lastSeenAt)}</td>
                      </>
                    ),
                  })}
                  onNearEnd={() => {
                    if (assets.hasNextPage && !assets.isFetchingNextPage) assets.fetchNextPage();
                  }}
                />
              </table>
              <LoadMore
                shown={items.length}
                hasNextPage={assets.hasNextPage}
                isFetchingNextPage={assets.isFetchingNextPage}
                onLoadMore={() => assets.fetchNextPage()}
              />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
