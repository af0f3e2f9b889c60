import { matchesPolicyPattern } from '@aispm/core';

/**
 * Shadow AI is judged only on the organisation's own AI resources: not on the provider's catalog entries (Bedrock
 * foundation models live in the pseudo-account `aws`) nor on org-level pseudo-assets (`global`).
 */
export function isOrganisationResource(asset: { accountId: string }): boolean {
  return asset.accountId !== 'aws' && asset.accountId !== 'global';
}

/** Whether a value is allowed by a policy list: an absent list allows everything. */
export function allowedBy(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.some((pattern) => matchesPolicyPattern(pattern, value));
}
