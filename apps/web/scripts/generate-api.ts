/**
 * `pnpm --filter @aispm/web generate:api`: regenerates the API's OpenAPI document (built in-process, no listener)
 * and, from it, the dashboard's typed client schema.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_SCHEMA, generatedSchemaSource } from './api-schema.ts';

writeFileSync(GENERATED_SCHEMA, await generatedSchemaSource());
console.log(`wrote ${fileURLToPath(GENERATED_SCHEMA)}`);
