import { type AssetKind, PROVIDERS, type Provider, RESOURCE_TYPES } from '@aispm/core';
import type { RemediationSteps, Rule } from './types.ts';

/**
 * The clouds a rule applies to: those it declares, else every provider on which one of its kinds (restricted to
 * its native types, when it names them) exists in the resource-type table.
 */
export function ruleProviders(rule: {
  appliesTo: { kinds: readonly AssetKind[]; nativeTypes?: readonly string[] };
  providers?: readonly Provider[];
}): Provider[] {
  if (rule.providers) return PROVIDERS.filter((p) => rule.providers?.includes(p));
  const { kinds, nativeTypes } = rule.appliesTo;
  const found = new Set(
    RESOURCE_TYPES.filter(
      (t) => kinds.includes(t.kind) && (!nativeTypes || nativeTypes.includes(t.nativeType)),
    ).map((t) => t.provider),
  );
  return PROVIDERS.filter((p) => found.has(p));
}

/** The remediation for a finding on `provider`, or undefined when the rule has none for that cloud. */
export function remediationFor(
  rule: Pick<Rule, 'remediation'>,
  provider: string,
): RemediationSteps | undefined {
  return (PROVIDERS as readonly string[]).includes(provider)
    ? rule.remediation[provider as Provider]
    : undefined;
}
