import { stringify } from 'csv-stringify';

/**
 * Rows as RFC 4180 CSV through csv-stringify, streamed. `escape_formulas` prefixes a `'` to cells a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return): CSV injection.
 */
export async function* csvRows(
  header: readonly string[],
  rows: AsyncIterable<readonly unknown[]>,
): AsyncGenerator<string> {
  const stringifier = stringify({
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (b) => String(b), date: (d) => d.toISOString(), object: (o) => JSON.stringify(o) },
  });
  stringifier.write([...header]);
  const feeding = (async () => {
    try {
      for await (const row of rows) {
        const cells = row.map((v) => (Array.isArray(v) ? v.join(';') : (v ?? '')));
        if (!stringifier.write(cells)) await new Promise((r) => stringifier.once('drain', r));
      }
      stringifier.end();
    } catch (error) {
      stringifier.destroy(error as Error);
    }
  })();
  for await (const chunk of stringifier) yield String(chunk);
  await feeding;
}

export const FINDING_CSV_COLUMNS = [
  'id',
  'ruleId',
  'title',
  'severity',
  'riskScore',
  'status',
  'provider',
  'accountId',
  'region',
  'assetId',
  'assetName',
  'assetKind',
  'controls',
  'suppressReason',
  'suppressedBy',
  'suppressedUntil',
  'firstSeenAt',
  'lastSeenAt',
  'resolvedAt',
] as const;

/** The findings as CSV, one row per finding, the columns of the findings list. */
export function findingsCsv<T extends Record<(typeof FINDING_CSV_COLUMNS)[number], unknown>>(
  findings: AsyncIterable<T>,
): AsyncGenerator<string> {
  return csvRows(
    FINDING_CSV_COLUMNS,
    (async function* () {
      for await (const f of findings) yield FINDING_CSV_COLUMNS.map((c) => f[c]);
    })(),
  );
}
