import type { Evaluation } from '../api/types.ts';
import { SEVERITY_ORDER } from './format.ts';

/** One chart point per evaluation, oldest first, with the open-finding count of every severity. */
export function trendPoints(evaluations: readonly Pick<Evaluation, 'startedAt' | 'summary'>[]) {
  return [...evaluations]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((e) => ({
      at: e.startedAt.slice(5, 16).replace('T', ' '),
      ...Object.fromEntries(SEVERITY_ORDER.map((s) => [s, e.summary.findings?.bySeverity?.[s] ?? 0])),
    }));
}
