import { setMaxListeners } from 'node:events';
import { PermanentTaskError } from '../types.ts';
import { PaginationError } from './paging.ts';

/**
 * Runs one connector task under a child of the scan's abort signal: every SDK call of the task listens on
 * the child (so the scan's signal does not gather a listener per call), an aborted scan stops the task, and
 * calls still in flight when the task ends (siblings of a failed Promise.all) are stopped.
 * Errors a retry would only repeat become PermanentTaskError: pagination that never ends, and whatever
 * `permanent` describes (access denied, unknown subscription …); everything else is rethrown for a retry.
 */
export async function runConnectorTask<T>(
  parent: AbortSignal,
  what: string,
  permanent: (error: unknown) => string | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const task = new AbortController();
  setMaxListeners(64, task.signal);
  const abort = () => task.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  try {
    return await work(task.signal);
  } catch (error) {
    if (error instanceof PaginationError) throw new PermanentTaskError(`${what}: ${error.message}`);
    const reason = permanent(error);
    if (reason !== undefined) throw new PermanentTaskError(`${what}: ${reason}`);
    throw error;
  } finally {
    parent.removeEventListener('abort', abort);
    task.abort(new Error('task finished'));
  }
}
