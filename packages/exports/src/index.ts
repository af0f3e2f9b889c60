export { csvRows, FINDING_CSV_COLUMNS, findingsCsv } from './csv.ts';
export {
  BOM_KINDS,
  BOM_SERVICE_KINDS,
  bomComponent,
  bomService,
  bomVulnerability,
  cycloneDxBom,
  LINEAGE_EDGES,
} from './cyclonedx.ts';
export { collect, jsonArray, jsonDocument, RawJson } from './json.ts';
export {
  COMPLIANCE_FINDING,
  complianceFinding,
  DETECTION_FINDING,
  detectionFinding,
  ocsfJsonLines,
} from './ocsf.ts';
export {
  type ControlVerdict,
  type OscalControlResult,
  oscalAssessmentResults,
  oscalCatalog,
  oscalControlId,
  stableUuid,
} from './oscal.ts';
export { sarifLog, sarifResult, sarifRule } from './sarif.ts';
export * from './severity.ts';
export * from './types.ts';
