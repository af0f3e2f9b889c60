/** Read models for the REST API, one module per entity. */
export * from './accounts.ts';
export * from './assets.ts';
export * from './attack-paths.ts';
export * from './evaluations.ts';
export * from './findings.ts';
export * from './scans.ts';
export * from './schedules.ts';
export type { KeysetPage } from './shared.ts';
export * from './tenants.ts';
