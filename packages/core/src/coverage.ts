import type { Provider } from './kinds.ts';

/**
 * A read the scanner could not make: denied (SCP, missing permission), not enabled in the region, or unknown
 * to the endpoint. The scan keeps what it could read and records the gap, so an operator knows what to grant.
 * `scope` says what was lost: `item` — facts of items that are still imported (marked unknown on the asset);
 * `list` — a whole resource type in that account and region.
 */
export interface CoverageGap {
  provider: Provider;
  accountId: string;
  region: string;
  service: string;
  /** The API operation as the cloud names it (DescribeEndpoint, deployments.list, projects.serviceAccounts.keys.list). */
  operation: string;
  /** What to grant: the IAM action, Azure role-based access action or GCP permission. */
  permission: string;
  /** The cloud's error code (AccessDeniedException, AuthorizationFailed, SERVICE_DISABLED, …). */
  errorCode: string;
  scope: 'item' | 'list';
  /** Calls that failed this way in the task. */
  count: number;
  /** The first error message, for the operator (control characters removed, shortened). */
  message: string;
}
