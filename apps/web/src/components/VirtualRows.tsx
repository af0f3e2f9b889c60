import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows rendered beyond the visible ones on each side, so a fast scroll does not show blank space. */
const OVERSCAN = 12;
/** The next page is asked for when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 10;

/**
 * A table body that renders only the rows in (and near) the viewport, whatever has been loaded: scrolling a list of a
 * million findings keeps a few dozen rows in the DOM. The page itself scrolls (the table keeps its header, column
 * widths and semantics); spacer rows stand in for what is not rendered. Rows are measured as they render, since a
 * long title wraps. Scrolling near the end loads the next page (`onNearEnd`), as the Load more button does.
 */
export function VirtualRows<T>({
  items,
  rowKey,
  renderRow,
  columns,
  estimateRowPx = 41,
  onNearEnd,
}: {
  items: readonly T[];
  rowKey: (item: T) => string;
  /** The row's cells, in a `<tr>` whose ref and data-index this component sets. */
  renderRow: (item: T) => { props?: Record<string, string | undefined>; cells: ReactNode };
  columns: number;
  estimateRowPx?: number;
  onNearEnd?: () => void;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the body starts on the page (the window virtualizer counts from the top of the document); what is above
  // it (filters, banners) can change height, so it is re-read after every render and on resize.
  useLayoutEffect(() => {
    const measure = () => setScrollMargin((body.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimateRowPx,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => rowKey(items[index] as T),
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;
  // The latest `onNearEnd`, held in a ref: callers pass an inline function (a new one each render), and the effect
  // below is to run when the rendered window or the loaded rows change, not on every render. Updated in a layout
  // effect, which runs before the effects of the same commit, so the call below always reaches the current one.
  const nearEnd = useRef(onNearEnd);
  useLayoutEffect(() => {
    nearEnd.current = onNearEnd;
  });
  useEffect(() => {
    if (items.length > 0 && last >= items.length - PREFETCH_ROWS) nearEnd.current?.();
  }, [last, items.length]);

  const before = rows.length ? (rows[0]?.start ?? 0) - scrollMargin : 0;
  const after = rows.length ? virtualizer.getTotalSize() - ((rows.at(-1)?.end ?? 0) - scrollMargin) : 0;
  return (
    <tbody ref={body} data-rows-loaded={items.length} data-rows-rendered={rows.length}>
      {before > 0 ? <Spacer height={before} columns={columns} /> : null}
      {rows.map((row) => {
        const item = items[row.index] as T;
        const { props, cells } = renderRow(item);
        return (
          <tr key={row.key} data-index={row.index} ref={virtualizer.measureElement} {...props}>
            {cells}
          </tr>
        );
      })}
      {after > 0 ? <Spacer height={after} columns={columns} /> : null}
    </tbody>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="table-spacer">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
