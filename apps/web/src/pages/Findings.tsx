import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { type FormEvent, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useFindings } from '../api/hooks.ts';
import type { Finding } from '../api/types.ts';
import { DownloadMenu, findingDownloads } from '../components/DownloadMenu.tsx';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import {
  AssetLink,
  Card,
  LoadMore,
  PageHeader,
  ProviderTag,
  RiskScore,
  SeverityBadge,
  StatusBadge,
} from '../components/ui.tsx';
import { VirtualRows } from '../components/VirtualRows.tsx';
import {
  activeFilterCount,
  FINDING_SORTS,
  type FindingFilters,
  type FindingSort,
  findingFiltersToParams,
  findingFiltersToQuery,
  parseFindingFilters,
  withFilter,
} from '../lib/filters.ts';
import { formatRelative, SEVERITY_ORDER } from '../lib/format.ts';

const STATUSES = ['open', 'suppressed', 'resolved'];
const SORT_LABEL: Record<FindingSort, string> = {
  risk: 'Risk score',
  severity: 'Severity',
  lastSeen: 'Last seen',
};

const column = createColumnHelper<Finding>();

const columns = [
  column.accessor('severity', {
    header: 'Severity',
    cell: (c) => <SeverityBadge severity={c.getValue()} />,
    meta: { sort: 'severity' },
  }),
  column.accessor('riskScore', {
    header: 'Risk',
    cell: (c) => <RiskScore score={c.getValue()} reasons={c.row.original.riskReasons ?? []} />,
    meta: { sort: 'risk' },
  }),
  column.accessor('title', {
    header: 'Finding',
    cell: (c) => (
      <div className="finding-title">
        <Link to={`/findings/${encodeURIComponent(c.row.original.id)}`}>{c.getValue()}</Link>
        <span className="muted small mono">{c.row.original.ruleId}</span>
      </div>
    ),
  }),
  column.accessor('assetId', {
    header: 'Asset',
    cell: (c) => (
      <span className="stack">
        <AssetLink id={c.getValue()} name={c.row.original.assetName} />
        {c.row.original.assetKind ? (
          <span className="muted small mono">{c.row.original.assetKind}</span>
        ) : null}
      </span>
    ),
  }),
  column.accessor('provider', {
    header: 'Cloud',
    cell: (c) => (
      <span className="stack">
        <ProviderTag provider={c.getValue()} />
        <span className="mono muted small">{c.row.original.accountId}</span>
      </span>
    ),
  }),
  column.accessor('region', {
    header: 'Region',
    cell: (c) => <span className="mono nowrap">{c.getValue()}</span>,
  }),
  column.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  column.accessor('lastSeenAt', {
    header: 'Last seen',
    cell: (c) => <span className="muted">{formatRelative(c.getValue())}</span>,
    meta: { sort: 'lastSeen' },
  }),
];

function FindingFilterBar({
  filters,
  onChange,
}: {
  filters: FindingFilters;
  onChange: (next: FindingFilters) => void;
}) {
  function submitText(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let next = filters;
    for (const key of ['q', 'rule', 'control', 'account', 'asset'] as const) {
      next = withFilter(next, key, String(form.get(key) ?? ''));
    }
    onChange(next);
  }
  const select = (key: 'severity' | 'status' | 'provider', label: string, options: string[]) => (
    <select
      name={key}
      aria-label={label}
      value={filters[key] ?? ''}
      onChange={(e) => onChange(withFilter(filters, key, e.target.value))}
    >
      <option value="">{`Any ${label.toLowerCase()}`}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
  return (
    <form
      className="filters"
      onSubmit={submitText}
      key={findingFiltersToParams(filters).toString()}
      aria-label="Finding filters"
    >
      <input
        name="q"
        type="search"
        placeholder="Search findings"
        defaultValue={filters.q ?? ''}
        aria-label="Search"
      />
      {select('severity', 'Severity', [...SEVERITY_ORDER])}
      {select('status', 'Status', STATUSES)}
      {select('provider', 'Provider', ['aws', 'azure', 'gcp'])}
      <input name="rule" placeholder="Rule id" defaultValue={filters.rule ?? ''} aria-label="Rule" />
      <input name="control" placeholder="Control" defaultValue={filters.control ?? ''} aria-label="Control" />
      <input name="account" placeholder="Account" defaultValue={filters.account ?? ''} aria-label="Account" />
      <input name="asset" placeholder="Asset id" defaultValue={filters.asset ?? ''} aria-label="Asset" />
      <button type="submit" className="btn btn--primary">
        Apply
      </button>
      <label className="filters__sort">
        <span className="muted small">Sort</span>
        <select
          name="sort"
          aria-label="Sort"
          value={filters.sort}
          onChange={(e) => onChange({ ...filters, sort: e.target.value as FindingSort })}
        >
          {FINDING_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      {activeFilterCount(filters) > 0 ? (
        <button type="button" className="btn btn--ghost" onClick={() => onChange({ sort: filters.sort })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

export function FindingsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFindingFilters(params), [params]);
  const findings = useFindings(filters);
  const items = useMemo(() => findings.data?.pages.flatMap((p) => p.items) ?? [], [findings.data]);
  const table = useReactTable({ data: items, columns, getCoreRowModel: getCoreRowModel() });
  const setFilters = (next: FindingFilters) => setParams(findingFiltersToParams(next));

  return (
    <>
      <PageHeader
        title="Findings"
        subtitle="Misconfigurations of AI assets, ranked by contextual risk"
        actions={<DownloadMenu items={findingDownloads(findingFiltersToQuery(filters))} />}
      />
      <FindingFilterBar filters={filters} onChange={setFilters} />
      <Card>
        <QueryState
          query={findings}
          isEmpty={(d) => d.pages[0]?.items.length === 0}
          empty={<EmptyState title="No findings match these filters" />}
        >
          {() => (
            <>
              <table
                className={`table table--findings ${findings.isPlaceholderData ? 'is-stale' : ''}`}
                data-testid="findings-table"
              >
                <thead>
                  {table.getHeaderGroups().map((group) => (
                    <tr key={group.id}>
                      {group.headers.map((header) => {
                        const sort = (header.column.columnDef.meta as { sort?: FindingSort } | undefined)
                          ?.sort;
                        const label = flexRender(header.column.columnDef.header, header.getContext());
                        return (
                          <th
                            key={header.id}
                            aria-sort={sort && sort === filters.sort ? 'descending' : undefined}
                          >
                            {sort ? (
                              <button
                                type="button"
                                className={`th-sort ${sort === filters.sort ? 'is-active' : ''}`}
                                onClick={() => setFilters({ ...filters, sort })}
                              >
                                {label}
                                {sort === filters.sort ? ' ↓' : ''}
                              </button>
                            ) : (
                              label
                            )}
                          </th>
                        );
                      })}
                    </tr>
                  ))}
                </thead>
                <VirtualRows
                  items={table.getRowModel().rows}
                  rowKey={(row) => row.original.id}
                  columns={columns.length}
                  renderRow={(row) => ({
                    props: { 'data-severity': row.original.severity },
                    cells: row
                      .getVisibleCells()
                      .map((cell) => (
                        <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                      )),
                  })}
                  onNearEnd={() => {
                    if (findings.hasNextPage && !findings.isFetchingNextPage) findings.fetchNextPage();
                  }}
                />
              </table>
              <LoadMore
                shown={items.length}
                hasNextPage={findings.hasNextPage}
                isFetchingNextPage={findings.isFetchingNextPage}
                onLoadMore={() => findings.fetchNextPage()}
              />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
