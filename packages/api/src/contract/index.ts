/**
 * The API's contract: every zod schema the routes register (request and response shapes), declared once here. The
 * OpenAPI document is produced from them, and the dashboard's client is generated from that document.
 */
export * from './accounts.ts';
export * from './assets.ts';
export * from './attack-paths.ts';
export * from './audit.ts';
export * from './changes.ts';
export * from './common.ts';
export * from './evaluations.ts';
export * from './exports.ts';
export * from './findings.ts';
export * from './frameworks.ts';
export * from './governance.ts';
export * from './health.ts';
export * from './inventory.ts';
export * from './scans.ts';
export * from './schedules.ts';
export * from './tokens.ts';
