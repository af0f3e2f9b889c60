import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TABLES, generatedTablesSource } from '../scripts/kysely-types.ts';

describe('generated Kysely table types', () => {
  it('are current with prisma/schema.prisma (else: pnpm --filter @aispm/db generate)', () => {
    const committed = readFileSync(GENERATED_TABLES, 'utf8');
    expect(committed, 'src/schema/generated/tables.ts is stale: run pnpm --filter @aispm/db generate').toBe(
      generatedTablesSource(),
    );
  }, 60_000);

  it('declare every model of the schema under its table name', () => {
    const committed = readFileSync(GENERATED_TABLES, 'utf8');
    const schema = readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8');
    const tables = [...schema.matchAll(/@@map\("([a-z_]+)"\)/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(committed).toMatch(new RegExp(`^    ${table}: [A-Za-z]+;$`, 'm'));
  });
});
