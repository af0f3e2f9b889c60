import { openDb } from '@aispm/db';
import { buildApp } from './app.ts';
import {
  policyEvaluator,
  policyFindingActions,
  policyRuleCatalog,
  scanControlFromServices,
} from './wiring.ts';

/** Where the committed OpenAPI document lives (the dashboard's client is generated from it). */
export const OPENAPI_DOCUMENT_PATH = new URL('../openapi.json', import.meta.url);

/**
 * The OpenAPI document the API serves at `/api/docs/json`, produced in-process: the app is built on an empty
 * embedded database (PGlite) with the real service wiring and never listens on a port or answers a request.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = await openDb({ backend: 'pglite' });
  try {
    const app = await buildApp({
      db,
      services: {
        scans: scanControlFromServices(() => undefined),
        findings: policyFindingActions(db),
        evaluator: policyEvaluator(db),
        rules: policyRuleCatalog(),
      },
      rateLimit: false,
    });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}

/** The document as committed: two-space JSON with a final newline. */
export function formatOpenApiDocument(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
