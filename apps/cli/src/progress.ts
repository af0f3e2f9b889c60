import type { ScanProgress } from '@aispm/scan';
import cliProgress from 'cli-progress';

/** A live progress bar on stderr (plain lines when stderr is not a terminal). */
export function scanProgressBar(label = 'scan'): { update(p: ScanProgress): void; stop(): void } {
  const tty = Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | tasks {value}/{total} failed {failed} | assets {assets} edges {edges} | {status}`,
      hideCursor: tty,
      noTTYOutput: !tty,
      notTTYSchedule: 2000,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        failed: p.counters.tasksFailed,
        assets: p.counters.assetsSeen,
        edges: p.counters.edgesSeen,
        status: p.status,
      };
      const total = Math.max(p.counters.tasksTotal, 1);
      if (!started) {
        bar.start(total, p.counters.tasksDone, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.counters.tasksDone, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
