/**
 * The API in a process of its own, as deployed: started with `fork(api-process.ts)` and `AISPM_BENCH_DB_URL` in its
 * environment, it sends `{ type: 'ready', address }` once listening, answers `{ type: 'usage' }` with its CPU time
 * and peak RSS, and exits on `{ type: 'close' }`. A load generator in the API's own process would share its event
 * loop, and every response time would include the time the loop spent parsing the generator's other responses.
 */
import { buildApp } from '@aispm/api';
import { openDb } from '@aispm/db';
import { readOnlyServices } from './read-services.ts';

export interface ApiReady {
  type: 'ready';
  address: string;
}

export interface ApiUsage {
  type: 'usage';
  cpuSec: number;
  peakRssMb: number;
}

const url = process.env.AISPM_BENCH_DB_URL;
if (!url) throw new Error('AISPM_BENCH_DB_URL is not set');
const db = await openDb({ url });
const app = await buildApp({ db, services: readOnlyServices(), rateLimit: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ type: 'ready', address } satisfies ApiReady);
process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'usage') {
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'usage',
      cpuSec: Math.round((cpu.user + cpu.system) / 1e6),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    } satisfies ApiUsage);
  } else if (msg.type === 'close') {
    await app.close();
    await db.close();
    process.exit(0);
  }
});
