import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  assetFiltersToParams,
  assetsHref,
  type FindingFilters,
  findingFiltersToParams,
  findingFiltersToQuery,
  findingsHref,
  parseAssetFilters,
  parseFindingFilters,
  withFilter,
} from '../src/lib/filters.ts';

describe('finding filters ⇄ URL', () => {
  it('parses every known filter and the sort from the search params', () => {
    const filters = parseFindingFilters(
      new URLSearchParams(
        'severity=critical&status=open&rule=aws-s3-public&control=LLM03:2025&provider=aws&account=111111111111&asset=arn:aws:s3:::b&sort=lastSeen',
      ),
    );
    expect(filters).toEqual({
      severity: 'critical',
      status: 'open',
      rule: 'aws-s3-public',
      control: 'LLM03:2025',
      provider: 'aws',
      account: '111111111111',
      asset: 'arn:aws:s3:::b',
      sort: 'lastSeen',
    });
  });

  it('defaults the sort to risk and ignores unknown sorts, unknown keys and blank values', () => {
    const filters = parseFindingFilters(
      new URLSearchParams('sort=bogus&severity=%20%20&evil=1&status=%20open%20'),
    );
    expect(filters).toEqual({ sort: 'risk', status: 'open' });
  });

  it('round-trips: parse(serialise(x)) === x', () => {
    const original = { severity: 'high', control: 'AML.T0010', sort: 'severity' as const };
    expect(parseFindingFilters(findingFiltersToParams(original))).toEqual(original);
  });

  it('leaves the default sort out of the URL but always sends it to the API', () => {
    const filters = { severity: 'critical', sort: 'risk' as const };
    expect(findingFiltersToParams(filters).toString()).toBe('severity=critical');
    expect(findingFiltersToQuery(filters)).toEqual({ severity: 'critical', sort: 'risk' });
  });

  it('encodes values that need escaping', () => {
    const params = findingFiltersToParams({ asset: 'arn:aws:s3:::a b&c', sort: 'risk' });
    expect(params.toString()).toBe('asset=arn%3Aaws%3As3%3A%3A%3Aa+b%26c');
    expect(parseFindingFilters(params).asset).toBe('arn:aws:s3:::a b&c');
  });

  it('withFilter sets, trims and removes a filter without touching the others', () => {
    const base: FindingFilters = { severity: 'critical', sort: 'risk' };
    expect(withFilter(base, 'status', ' open ')).toEqual({
      severity: 'critical',
      status: 'open',
      sort: 'risk',
    });
    expect(withFilter(base, 'severity', '')).toEqual({ sort: 'risk' });
    expect(base).toEqual({ severity: 'critical', sort: 'risk' });
  });

  it('counts active filters, not the sort', () => {
    expect(activeFilterCount({ sort: 'risk' })).toBe(0);
    expect(activeFilterCount({ severity: 'low', control: 'x', sort: 'lastSeen' })).toBe(2);
  });

  it('builds findings links through the same serialiser', () => {
    expect(findingsHref({})).toBe('/findings');
    expect(findingsHref({ control: 'LLM03:2025', status: 'open' })).toBe(
      '/findings?status=open&control=LLM03%3A2025',
    );
  });
});

describe('asset filters ⇄ URL', () => {
  it('parses and serialises the asset filters in a stable order', () => {
    const filters = parseAssetFilters(new URLSearchParams('q=bucket&provider=gcp&tag=env:prod&kind=model'));
    expect(filters).toEqual({ provider: 'gcp', kind: 'model', tag: 'env:prod', q: 'bucket' });
    expect(assetFiltersToParams(filters).toString()).toBe('provider=gcp&kind=model&tag=env%3Aprod&q=bucket');
  });

  it('links to the asset list with or without filters', () => {
    expect(assetsHref({})).toBe('/inventory/assets');
    expect(assetsHref({ provider: 'aws', kind: 'data-store' })).toBe(
      '/inventory/assets?provider=aws&kind=data-store',
    );
  });
});
