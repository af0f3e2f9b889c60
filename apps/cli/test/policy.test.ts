import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('pnpm aispm policy', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'aispm-policy-'));
  });
  afterAll(async () => {
    await t.drop();
  });

  it('says how to set a policy when none is, sets one as an audited version, shows it', async () => {
    const env = { DATABASE_URL: t.url as string };
    const none = await runCli(['policy', 'show'], env);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/no AI usage policy is configured.*aispm policy set/);

    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ approvedRegions: ['eu-*'], requiredOwnerTags: ['owner'] }));
    const set = await runCli(['policy', 'set', file], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('AI usage policy v1 in force');

    const shown = await runCli(['policy', 'show', '--json'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      version: 1,
      createdBy: 'cli',
      policy: { approvedRegions: ['eu-*'], requiredOwnerTags: ['owner'] },
    });
    const audit = await t.db.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log');
    expect(audit).toEqual([{ action: 'usage-policy.set', actor: 'cli' }]);
  });

  it('refuses a file that is missing, not JSON or not a policy, with one line and exit 1', async () => {
    const env = { DATABASE_URL: t.url as string };
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"approvedRegions": "eu-*"}');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'approvedRegions: eu-*');
    for (const [file, why] of [
      [join(dir, 'missing.json'), /cannot read .*ENOENT/],
      [notJson, /is not JSON/],
      [bad, /approvedRegions: /],
    ] as const) {
      const run = await runCli(['policy', 'set', file], env);
      expect(run.code, file).toBe(1);
      expect(run.stderr.trim().split('\n'), file).toHaveLength(1);
      expect(run.stderr).toMatch(why);
    }
    const versions = await t.db.query('SELECT version FROM ai_usage_policies');
    expect(versions).toHaveLength(1);
  });
});
