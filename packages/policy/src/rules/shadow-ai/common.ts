import { matchesPolicyPattern } from '@aispm/core';

/** Whether a value is allowed by a policy list: an absent list allows everything. */
export function allowedBy(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.some((pattern) => matchesPolicyPattern(pattern, value));
}
