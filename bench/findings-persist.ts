/**
 * Persisting an evaluation's findings (`syncFindings`) at 80k and 800k findings: the first evaluation (all new),
 * an unchanged re-evaluation (goal: ≤ 10% of the first's time, ≈ 0 finding rows written), and a re-evaluation
 * where 5% changed and 5% are fixed. Rows written are the findings table's own insert/update counters
 * (pg_stat_user_tables), so they count what the database did, not what the code meant to do.
 *
 *   pnpm bench findings-persist
 *   node --import tsx bench/findings-persist.ts --sizes 80000
 */
import type { FindingDraft } from '@aispm/core';
import { type Db, ensureTenant, finishEvaluation, startEvaluation, syncFindings } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const sizes = (sizesArg ?? '80000,800000').split(',').map(Number);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function drafts(n: number, changedEvery = 0): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (let i = 0; i < n; i++) {
    const account = String(300000000000 + (i % 1000));
    const changed = changedEvery > 0 && i % changedEvery === 0;
    out.push({
      fingerprint: `fp-${i.toString(36).padStart(6, '0')}`,
      ruleId: `aispm-rule-${i % 73}`,
      assetId: `arn:aws:sagemaker:us-east-1:${account}:endpoint/e-${Math.floor(i / 73)}`,
      provider: 'aws',
      accountId: account,
      region: 'us-east-1',
      severity: SEVERITIES[i % 5] as string,
      riskScore: changed ? 99 : (i % 100) / 10,
      riskReasons: ['internet-exposed', `reason-${i % 11}`],
      // A finding's title is its rule's, as the evaluator writes it.
      title: `Rule ${i % 73}: endpoint reachable without authentication`,
      controls: ['owasp-llm-2025:LLM02', `nist-ai-600-1:${i % 12}`],
      evidence: {
        facts: { publicAccess: true, encryptedAtRest: i % 3 === 0 },
        path: ['a', 'b', `c-${i % 5}`],
      },
    });
  }
  return out;
}

async function written(db: Db): Promise<number> {
  await db.execute('SELECT pg_stat_force_next_flush()');
  const [row] = await db.query<{ n: number }>(
    "SELECT (n_tup_ins + n_tup_upd + n_tup_del)::int AS n FROM pg_stat_user_tables WHERE relname = 'findings'",
  );
  return row?.n ?? 0;
}

for (const n of sizes) {
  const t = await createTestDatabase('postgres');
  try {
    const tenantId = (await ensureTenant(t.db, 'bench')).id;
    const rounds: [string, FindingDraft[]][] = [
      ['first', drafts(n)],
      ['unchanged', drafts(n)],
      // 5% with new content, and the last 5% no longer failing.
      ['5% changed, 5% fixed', drafts(n, 20).slice(0, Math.round(n * 0.95))],
    ];
    const figures: Record<string, unknown> = { phase: 'findings-persist', findings: n };
    let firstMs = 0;
    for (const [round, input] of rounds) {
      const before = await written(t.db);
      const evalId = await startEvaluation(t.db, tenantId);
      const started = performance.now();
      const result = await syncFindings(t.db, tenantId, evalId, input);
      const ms = performance.now() - started;
      await finishEvaluation(t.db, evalId, { bench: true });
      if (round === 'first') firstMs = ms;
      figures[round] = {
        ms: Math.round(ms),
        vsFirst: Number((ms / firstMs).toFixed(2)),
        findingRowsWritten: (await written(t.db)) - before,
        ...result,
      };
    }
    figures.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    emit(figures);
  } finally {
    await t.drop();
  }
}
