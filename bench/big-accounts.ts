/**
 * A few very large accounts (3 AWS accounts, one Azure subscription and one GCP project, thousands of AI
 * resources each) scanned end to end under the simulator's real rate limits: here the per-account limits bind,
 * so the figure that matters is wall time over the floor those limits set for the calls made.
 *
 *   pnpm bench big-accounts
 *   node --import tsx bench/big-accounts.ts --workers 1,4    # budgets shared across worker processes
 */
import { emit, peakRssMb, scanOrg, startSimProcess, workerCounts } from './lib/org-scan.ts';

const counts = workerCounts(process.argv.slice(2), [1]);
const sim = await startSimProcess('big-accounts');
emit({ bench: 'big-accounts', phase: 'estate', ...sim.ready, env: undefined });
try {
  for (const [i, workers] of counts.entries()) {
    await scanOrg(sim, workers, { evaluate: i === 0, label: 'big-accounts' });
  }
} finally {
  emit({
    bench: 'big-accounts',
    phase: 'memory',
    simPeakRssMb: peakRssMb(sim.pid),
    benchPeakRssMb: peakRssMb(),
  });
  await sim.close();
}
