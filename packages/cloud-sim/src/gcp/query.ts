import type { GcpObject } from './model.ts';

/** Cloud Resource Manager search queries: space-separated `field:value` / `field=value` terms, all must match. */
export function matchesQuery(o: GcpObject, query: string | null): boolean {
  if (!query) return true;
  return query
    .split(/\s+(?:AND\s+)?/i)
    .filter(Boolean)
    .every((term) => {
      const m = /^([A-Za-z.]+)\s*[:=]\s*"?([^"]*)"?$/.exec(term);
      if (!m) return true;
      const [, field, value] = m as unknown as [string, string, string];
      const actual =
        field === 'parent.id'
          ? String(o.parent ?? '').split('/')[1]
          : field === 'id'
            ? o.projectId
            : o[field];
      if (field === 'parent' && !value.includes('/')) return String(o.parent ?? '').endsWith(`/${value}`);
      return String(actual ?? '').toLowerCase() === value.toLowerCase();
    });
}

/** Vertex list filters: only `labels.KEY=VALUE` and `display_name=VALUE` terms are understood. */
export function filterList(items: GcpObject[], filter: string | null): GcpObject[] {
  if (!filter) return items;
  const terms = filter.split(/\s+AND\s+/i);
  return items.filter((o) =>
    terms.every((term) => {
      const m = /^\s*(labels\.[\w-]+|display_name|displayName)\s*=\s*"?([^"]*)"?\s*$/.exec(term);
      if (!m) return true;
      const [, field, value] = m as unknown as [string, string, string];
      if (field.startsWith('labels.'))
        return (o.labels as Record<string, string> | undefined)?.[field.slice(7)] === value;
      return o.displayName === value;
    }),
  );
}
