import { pathToFileURL } from 'node:url';
import { runWorker } from '@aispm/scan';

export { runWorker };

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runWorker({ installDefaultSchedule: process.env.AISPM_DEFAULT_SCHEDULE === '1' })
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
