import { pathToFileURL } from 'node:url';
import { type AispmConfig, loadConfig } from '@aispm/core';
import { type RunWorkerOptions, runWorker } from '@aispm/scan';

export { runWorker };

/**
 * Runs the worker process until it is told to stop: announces readiness on stdout, exits 0 when stopped and 1 when
 * it fails. `connectors` replaces the ones the configuration names (tests hand in their own).
 */
export function serveWorker(config: AispmConfig, options: Pick<RunWorkerOptions, 'connectors'> = {}): void {
  Promise.resolve()
    .then(() =>
      runWorker({
        config,
        installDefaultSchedule: config.AISPM_DEFAULT_SCHEDULE,
        ...(options.connectors ? { connectors: options.connectors } : {}),
      }),
    )
    .then((worker) => {
      process.stdout.write(`aispm worker ready (${worker.service.mode})\n`);
      return worker.stopped;
    })
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`aispm worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // The one read of the environment: parsed (and refused with the variable named) before anything starts.
  let config: AispmConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`aispm worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  serveWorker(config);
}
