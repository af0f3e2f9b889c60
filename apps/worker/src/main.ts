import { pathToFileURL } from 'node:url';
import { loadConfig } from '@aispm/core';
import { runWorker } from '@aispm/scan';

export { runWorker };

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // The one read of the environment: parsed (and refused with the variable named) before anything starts.
  Promise.resolve()
    .then(() => {
      const config = loadConfig(process.env);
      return runWorker({ config, installDefaultSchedule: config.AISPM_DEFAULT_SCHEDULE });
    })
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
