import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

/** The API's committed OpenAPI document (written by `pnpm --filter @aispm/api generate:openapi`). */
export const OPENAPI_DOCUMENT = new URL('../../../packages/api/openapi.json', import.meta.url);
/** The dashboard's generated wire types; committed, never edited by hand. */
export const GENERATED_SCHEMA = new URL('../src/api/generated/openapi.ts', import.meta.url);

const BANNER = `/**
 * Generated from packages/api/openapi.json by \`pnpm --filter @aispm/web generate:api\` (openapi-typescript).
 * Do not edit: change the API's zod schemas (packages/api/src/contract) and regenerate.
 */

`;

/** The TypeScript source openapi-typescript makes of the committed OpenAPI document. */
export async function generatedSchemaSource(): Promise<string> {
  const doc = JSON.parse(readFileSync(OPENAPI_DOCUMENT, 'utf8'));
  const ast = await openapiTS(doc, { alphabetize: true, silent: true });
  return BANNER + astToString(ast);
}
