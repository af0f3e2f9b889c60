/**
 * Names for the API's wire types. Every shape comes from the generated OpenAPI types (generated/openapi.ts),
 * never declared by hand: a contract change is made in the API's zod schemas and regenerated.
 */
import type { components, paths } from './generated/openapi.ts';

type Schemas = components['schemas'];

/** The JSON body of a path's successful GET answer. */
export type GetResponse<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;

export type Me = Schemas['Me'];
export type InventorySummary = Schemas['InventorySummary'];
export type ChokePoint = Schemas['ChokePoint'];
export type Evaluation = Schemas['Evaluation'];
export type EvaluationSummary = Schemas['EvaluationSummary'];
export type Finding = Schemas['Finding'];
export type FindingDetail = Schemas['FindingDetail'];
export type Remediation = Schemas['Remediation'];
export type Rule = Schemas['Rule'];
export type EvidenceEdge = Schemas['EvidenceEdge'];
export type Edge = Schemas['Edge'];
export type Asset = Schemas['Asset'];
export type AssetDetail = Schemas['AssetDetail'];
export type AttackPath = Schemas['AttackPath'];
export type Hop = AttackPath['hops'][number];
export type FrameworkSummary = Schemas['FrameworkSummary'];
export type FrameworkDetail = Schemas['FrameworkDetail'];
export type Control = Schemas['Control'];
export type ControlStatus = Control['status'];
export type Scan = Schemas['Scan'];
export type ScanDetail = Schemas['ScanDetail'];
export type ScanTask = Schemas['ScanTask'];
export type Schedule = Schemas['Schedule'];
export type CloudAccount = Schemas['CloudAccount'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedApiToken = Schemas['CreatedApiToken'];
export type ApiRole = ApiToken['role'];
export type ScanScope = Schemas['ScanScopeInput'];
export type Provider = NonNullable<ScanScope['provider']>;
export type ConnectAccountInput = NonNullable<
  paths['/api/v1/accounts']['post']['requestBody']
>['content']['application/json'];
export type FindingQuery = NonNullable<paths['/api/v1/findings']['get']['parameters']['query']>;
export type AssetQuery = NonNullable<paths['/api/v1/assets']['get']['parameters']['query']>;

/** The roles a token can have, in the order the settings page offers them. */
export const API_ROLES = ['admin', 'analyst', 'auditor', 'scanner'] as const satisfies readonly ApiRole[];
export type SelfAssessment = Schemas['SelfAssessment'];
export type AssessmentAnswer = Schemas['AssessmentAnswer'];
export type Maturity = Schemas['Maturity'];
export type MaturityCriterion = Schemas['MaturityCriterion'];
export type GovernanceTrendPoint = Schemas['GovernanceTrendPoint'];
export type GovernanceAnswerInput = NonNullable<
  paths['/api/v1/governance/answers/{id}']['put']['requestBody']
>['content']['application/json'];
export type ScanChanges = Schemas['ScanChanges'];
export type AssetHistory = Schemas['AssetHistory'];
export type AiUsagePolicy = Schemas['AiUsagePolicy'];
export type UsagePolicyState = Schemas['UsagePolicyState'];
