import type { AispmConfig } from '@aispm/core';
import type { ScanChanges } from '@aispm/db';
import type { Command } from 'commander';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function facts(f: Record<string, { from: unknown; to: unknown }>): string {
  return Object.entries(f)
    .map(([k, c]) => `${k}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
    .join('; ');
}

/** The changes as lines a person reads: one per change, grouped. */
export function formatChanges(c: ScanChanges): string {
  const lines = [
    c.previousScanId
      ? `scan ${c.scanId} against ${c.previousScanId} (${c.from} → ${c.to})`
      : `scan ${c.scanId}: the first scan of its scope, nothing to compare with`,
  ];
  const section = (title: string, items: string[]) => {
    lines.push(`${title}: ${items.length}`);
    for (const item of items) lines.push(`  ${item}`);
  };
  section(
    'assets',
    c.assets.map(
      (a) =>
        `${a.change.padEnd(8)} ${a.kind} ${a.assetId}${a.change === 'changed' ? `  ${facts(a.facts)}` : ''}`,
    ),
  );
  section(
    'findings',
    c.findings.map((f) => `${f.change.padEnd(8)} ${f.severity} ${f.ruleId} ${f.assetId}`),
  );
  section(
    'attack paths',
    c.attackPaths.map((p) => `${p.change.padEnd(8)} ${p.entryId} → ${p.targetId} (${p.length} hops)`),
  );
  section(
    'choke points',
    c.chokePoints.map((p) => `${p.change.padEnd(8)} ${p.assetId} (cuts ${p.cutsBefore} → ${p.cutsAfter})`),
  );
  return `${lines.join('\n')}\n`;
}

export function registerChanges(program: Command, config: AispmConfig): void {
  program
    .command('changes')
    .description('what changed in the latest scan: assets, findings, attack paths and choke points')
    .option('--since <scan|date>', 'compare against this scan id, or the last scan finished by this date')
    .option('--json', 'print the changes as JSON (the API answer of GET /scans/{id}/changes)')
    .action(async (flags: { since?: string; json?: boolean }) => {
      const {
        dbOptionsFromConfig,
        ensureTenant,
        lastScanBefore,
        latestFinishedScan,
        migrate,
        openDb,
        scanChanges,
      } = await import('@aispm/db');
      let baselineScanId: string | undefined;
      let sinceDate: Date | undefined;
      if (flags.since !== undefined) {
        if (!UUID.test(flags.since)) {
          sinceDate = new Date(flags.since);
          if (Number.isNaN(sinceDate.getTime()))
            throw new Error(
              `--since takes a scan id or a date (2026-12-01, ISO 8601), got ${JSON.stringify(flags.since)}`,
            );
        } else baselineScanId = flags.since;
      }
      const db = await openDb(dbOptionsFromConfig(config));
      try {
        await migrate(db);
        const tenant = await ensureTenant(db, config.AISPM_TENANT);
        const latest = await latestFinishedScan(db, tenant.id);
        if (!latest) throw new Error('no scan has finished yet: run `aispm scan` first');
        if (sinceDate) {
          baselineScanId = (await lastScanBefore(db, tenant.id, sinceDate)) ?? undefined;
          if (!baselineScanId) throw new Error(`no scan finished by ${sinceDate.toISOString()}`);
        }
        const changes = await scanChanges(db, tenant.id, latest, baselineScanId ? { baselineScanId } : {});
        if (!changes) throw new Error(`scan ${baselineScanId ?? latest} not found`);
        process.stdout.write(flags.json ? `${JSON.stringify(changes)}\n` : formatChanges(changes));
      } finally {
        await db.close();
      }
    });
}
