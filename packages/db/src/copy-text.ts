/**
 * PostgreSQL's COPY text format: one line per row, columns separated by tabs, `\N` for NULL, and backslash,
 * newline, carriage return and tab escaped inside a value. Objects and arrays go as their JSON text (for jsonb
 * columns), strings as they are.
 */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\\n\r\t]/g, (ch) => ESCAPES[ch] as string);
}

/** One row as a COPY text line: its values in column order. */
export function copyLine(values: readonly unknown[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

/** A Postgres array literal of text (`{"a","b"}`), for a `text[]` column in COPY data (escaped again by copyField). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
