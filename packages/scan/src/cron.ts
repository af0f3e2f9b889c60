import cronParser from 'cron-parser';

/**
 * Why a cron pattern cannot be scheduled, or null when it can. Uses cron-parser, the parser BullMQ's job scheduler
 * runs, so a pattern accepted here is one the scheduler accepts and fires: impossible dates (`0 0 31 2 *`) and
 * out-of-range fields (`60 24 32 13 8`) are refused before anything is stored.
 */
export function cronError(pattern: string, timezone = 'UTC'): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    return `invalid cron pattern "${pattern}": expected 5 fields (or 6 with seconds)`;
  }
  try {
    const next = cronParser.parseExpression(pattern, { tz: timezone, currentDate: new Date() });
    next.next();
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return `invalid cron pattern "${pattern}": ${reason}`;
  }
}
