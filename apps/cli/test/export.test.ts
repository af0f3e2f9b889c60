import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  policyEvaluator,
  policyFindingActions,
  policyRuleCatalog,
  scanControlFromServices,
} from '@aispm/api';
import { createToken, ensureTenant } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('pnpm aispm export', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  const rule = RULES[0];
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    env = { DATABASE_URL: t.url as string };
    if (!rule) throw new Error('no rules');
    const tenant = await ensureTenant(t.db, undefined);
    for (const [i, severity] of (['high', 'low', 'critical'] as const).entries()) {
      await t.db.execute(
        `INSERT INTO findings (tenant_id, fingerprint, rule_id, asset_id, provider, account_id, region, severity,
                               risk_score, title, status, controls, evidence)
         VALUES ($1, $2, $3, $4, 'aws', '111111111111', 'us-east-1', $5, $6, $7, 'open', $8, '{}')`,
        [
          tenant.id,
          `fp-${i}`,
          rule.id,
          `arn:aws:s3:::b${i}`,
          severity,
          9 - i,
          `=cmd|' /C calc'!A0 ${i}`,
          Object.values(rule.frameworks).flat(),
        ],
      );
    }
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('writes SARIF to stdout byte for byte as the API serves it, with the same filters', async () => {
    const cli = await runCli(['export', '--format', 'sarif', '--severity', 'high,critical'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const tenant = await ensureTenant(t.db, undefined);
    const { token } = await createToken(t.db, { tenantId: tenant.id, name: 'cli-test', role: 'auditor' });
    const app = await buildApp({
      db: t.db,
      services: {
        scans: scanControlFromServices(() => undefined),
        findings: policyFindingActions(t.db),
        evaluator: policyEvaluator(t.db),
        rules: policyRuleCatalog(),
      },
      rateLimit: false,
    });
    try {
      const api = await app.inject({
        url: '/api/v1/exports/findings.sarif?severity=high,critical',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(api.statusCode).toBe(200);
      expect(cli.stdout).toBe(api.body);
    } finally {
      await app.close();
    }
    expect(JSON.parse(cli.stdout).runs[0].results).toHaveLength(2);
  });

  it('writes CSV to a file with formulas defused, and OCSF JSON Lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aispm-export-'));
    const file = join(dir, 'findings.csv');
    const res = await runCli(['export', '--format', 'csv', '-o', file], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    const csv = readFileSync(file, 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    expect(csv).toContain(`'=cmd|`);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const ocsf = await runCli(['export', '--format', 'ocsf', '--severity', 'low'], env);
    const lines = ocsf.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.class_uid === 2004)).toHaveLength(1);
  });

  it('refuses a bad format or filter with one clear line', async () => {
    const format = await runCli(['export', '--format', 'pdf'], env);
    expect(format.code).toBe(1);
    expect(format.stderr.trim()).toBe(
      'aispm: --format: expected one of sarif, ocsf, cyclonedx, oscal, csv, json (got "pdf")',
    );
    const severity = await runCli(['export', '--format', 'json', '--severity', 'urgent'], env);
    expect(severity.code).toBe(1);
    expect(severity.stderr.trim().split('\n')).toHaveLength(1);
    expect(severity.stderr).toContain('--severity');
    const framework = await runCli(['export', '--format', 'oscal', '--framework', 'iso-27001'], env);
    expect(framework.code).toBe(1);
    expect(framework.stderr).toContain('unknown framework "iso-27001"');
  });
});
