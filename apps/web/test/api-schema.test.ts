import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_SCHEMA, generatedSchemaSource } from '../scripts/api-schema.ts';

describe('generated API client types', () => {
  it('are current with the API OpenAPI document (else: pnpm --filter @aispm/web generate:api)', async () => {
    const committed = readFileSync(GENERATED_SCHEMA, 'utf8');
    expect(
      committed,
      'src/api/generated/openapi.ts is stale: run pnpm --filter @aispm/web generate:api',
    ).toBe(await generatedSchemaSource());
  });
});
