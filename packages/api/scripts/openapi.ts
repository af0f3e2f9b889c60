/** Writes the API's OpenAPI document to packages/api/openapi.json (`pnpm --filter @aispm/api generate:openapi`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatOpenApiDocument, OPENAPI_DOCUMENT_PATH, openApiDocument } from '../src/openapi.ts';

writeFileSync(OPENAPI_DOCUMENT_PATH, formatOpenApiDocument(await openApiDocument()));
console.log(`wrote ${fileURLToPath(OPENAPI_DOCUMENT_PATH)}`);
