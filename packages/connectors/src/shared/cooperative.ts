import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a step-wise computation runs before it gives the event loop back. */
export const SLICE_MS = 10;

/** Runs a step-wise computation (a generator that yields between steps) to its result without pausing. */
export function runToCompletion<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a step-wise computation, giving the event loop back whenever a slice of SLICE_MS has passed, so the
 * process's I/O (database round trips, commits, heartbeats) is served while it computes.
 */
export async function runYielding<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
