import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('pnpm aispm token', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('creates a token shown once, stores only its hash, lists and revokes it', async () => {
    const env = { DATABASE_URL: t.url as string };
    const created = await runCli(['token', 'create', '--name', 'grc-export', '--role', 'auditor'], env);
    expect(created.code, created.stderr).toBe(0);
    const value = created.stdout.trim();
    expect(value).toMatch(/^aispm_[A-Za-z0-9_-]{30,}$/);
    const stored = await t.db.query<{ token_hash: string; role: string }>(
      'SELECT token_hash, role FROM api_tokens',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.role).toBe('auditor');
    expect(JSON.stringify(stored)).not.toContain(value);

    const listed = await runCli(['token', 'list'], env);
    const tokens = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(tokens).toHaveLength(1);
    expect(listed.stdout).not.toContain(value);

    const revoked = await runCli(['token', 'revoke', tokens[0].id], env);
    expect(revoked.code).toBe(0);
    expect((await runCli(['token', 'list'], env)).stdout.trim()).toBe('');
    const again = await runCli(['token', 'revoke', tokens[0].id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no active token');
  });

  it('refuses an unknown role', async () => {
    const run = await runCli(['token', 'create', '--name', 'x', '--role', 'root'], {
      DATABASE_URL: t.url as string,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--role: expected one of admin, analyst, auditor, scanner (got "root")');
  });
});
