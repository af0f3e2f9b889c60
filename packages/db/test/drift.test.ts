import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffShapes, SCHEMA_PATH, shapeFromDatabase, shapeFromSchema } from '../src/drift.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

describe('schema.prisma and the SQL migrations agree (drift guard)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('has no drift between schema.prisma and the migrated database', async () => {
    const expected = await shapeFromSchema();
    const actual = await shapeFromDatabase(t.db);
    expect(expected.columns.size).toBeGreaterThan(50);
    expect(diffShapes(expected, actual)).toEqual([]);
  });

  it('reports a field added to schema.prisma without a migration', async () => {
    const schema = readFileSync(SCHEMA_PATH, 'utf8').replace(
      'model Tenant {\n',
      'model Tenant {\n  plan String @default("free")\n',
    );
    const diff = diffShapes(await shapeFromSchema(schema), await shapeFromDatabase(t.db));
    expect(diff).toEqual([
      'column tenants.plan is in schema.prisma but not in the migrations (text notnull default)',
    ]);
  });

  it('reports an index created by a migration but missing from schema.prisma', async () => {
    await t.db.script('CREATE INDEX "assets_name_idx" ON "assets"("name")');
    try {
      const diff = diffShapes(await shapeFromSchema(), await shapeFromDatabase(t.db));
      expect(diff).toEqual([
        'index assets.assets_name_idx is in the migrations but not in schema.prisma (index btree (name))',
      ]);
    } finally {
      await t.db.script('DROP INDEX "assets_name_idx"');
    }
  });

  it('reports a column whose nullability differs', async () => {
    await t.db.script('ALTER TABLE "scans" ALTER COLUMN "error" SET NOT NULL');
    try {
      const diff = diffShapes(await shapeFromSchema(), await shapeFromDatabase(t.db));
      expect(diff).toEqual([
        'column scans.error: schema.prisma says "text null nodefault", migrations give "text notnull nodefault"',
      ]);
    } finally {
      await t.db.script('ALTER TABLE "scans" ALTER COLUMN "error" DROP NOT NULL');
    }
  });
});
