export type { AwsAccount, AwsEstate, AwsRegionState } from './aws/model.ts';
export { sessionAccessKeyId } from './aws/sts.ts';
export type { ArmObject, AzureEstate } from './azure/model.ts';
export {
  AWS_BASE_ACCESS_KEY_ID,
  AWS_BASE_SECRET,
  AWS_EXHAUSTIVE_EDGE_KINDS,
  AWS_REGIONS,
  AWS_SCAN_ROLE,
  generateAwsEstate,
} from './estate/aws/index.ts';
export {
  type Estate,
  type GenerateOptions,
  generateEstate,
  type ProviderTruth,
  TruthBuilder,
} from './estate/index.ts';
export { type FaultDecision, FaultInjector } from './faults.ts';
export type { GcpEstate, GcpObject } from './gcp/model.ts';
export type { CloudContext, CloudHandler, SimRequest } from './handler.ts';
export * from './options.ts';
export {
  type BucketFloor,
  type CallCount,
  DEFAULT_LIMITS,
  type LimitRule,
  type OperationStats,
  RateLimiter,
} from './rate-limit.ts';
export {
  type AzureConnection,
  type CloudSim,
  type CloudSimStats,
  type GcpConnection,
  startCloudSim,
} from './server.ts';
