/**
 * Nearest-rank percentile of the values (the one at index ⌊p% · n⌋ of the sorted values, the largest for p = 100);
 * NaN when there are none. The input is not reordered.
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The median as the benches report it: the upper middle value for an even count (percentile 50). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
