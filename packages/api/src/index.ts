export type { Access } from './access.ts';
export { type BuildAppOptions, buildApp, type RouteEntry } from './app.ts';
export { bootstrapAdminToken, type Principal } from './auth.ts';
export { FindingFilterQuery } from './contract/index.ts';
export { encodeCursor } from './cursor.ts';
export {
  DEFAULT_OSCAL_FRAMEWORK,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportRequest,
  exportStream,
  oscalCatalogJson,
} from './export-streams.ts';
export { findingFilter } from './routes/findings.ts';
export { startServer } from './server.ts';
export type * from './services.ts';
export { EMPTY_RULE_CATALOG } from './services.ts';
export {
  policyEvaluator,
  policyFindingActions,
  policyRuleCatalog,
  scanControlFromServices,
  type TenantScanService,
} from './wiring.ts';
