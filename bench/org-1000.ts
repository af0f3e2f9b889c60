/**
 * A 1,000-account organisation (plus 100 Azure subscriptions and 100 GCP projects, ~150k assets) scanned end to
 * end: simulator with real rate limits → `aispm worker` processes on Redis → Postgres graph → evaluation and
 * attack paths. Where no per-account limit binds, this measures the scanner's own throughput.
 *
 *   pnpm bench org-1000                                                  # one worker, then evaluation
 *   node --import tsx bench/org-1000.ts --workers 1,2,4                  # the scale-out table
 *   node --import tsx bench/org-1000.ts --workers 1,2,4 --estate 20000   # the same on a smaller estate
 *   node --import tsx bench/org-1000.ts --estate org-250                 # org-1000's shape with 250 accounts
 */
import { ScaleSchema } from '@aispm/cloud-sim';
import { emit, peakRssMb, scanOrg, startSimProcess, workerCounts } from './lib/org-scan.ts';

const args = process.argv.slice(2);
const counts = workerCounts(args, [1]);
const estateArg = args.indexOf('--estate');
const estate = estateArg >= 0 ? String(ScaleSchema.parse(args[estateArg + 1])) : 'org-1000';
const sim = await startSimProcess(estate);
emit({ bench: 'org-1000', phase: 'estate', estate, ...sim.ready, env: undefined });
try {
  for (const [i, workers] of counts.entries()) {
    await scanOrg(sim, workers, { evaluate: i === 0, label: `org-1000:${estate}` });
  }
} finally {
  emit({ bench: 'org-1000', phase: 'memory', simPeakRssMb: peakRssMb(sim.pid), benchPeakRssMb: peakRssMb() });
  await sim.close();
}
