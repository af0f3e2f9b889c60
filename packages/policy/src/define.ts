import { type AssetKind, type FactKey, unknownFacts } from '@aispm/core';
import { ruleProviders } from './providers.ts';
import type { AssetRuleSpec, Evidence, FactAsset, Rule, Verdict } from './types.ts';

/**
 * A rule that looks at each applicable asset on its own (its facts plus the edges around it). The kinds in
 * `appliesTo` type the asset's facts, and `needs` names the facts the check reads: reading a fact its kinds do not
 * have fails to typecheck, and a needed fact that could not be read gives a `not-evaluated` verdict instead of a
 * guess.
 */
export function defineAssetRule<const K extends AssetKind, const N extends FactKey<K> = never>(
  spec: AssetRuleSpec<K, N>,
): Rule {
  const { check, scope, needs: ownNeeds = [], needsWhereKnown = [], ...meta } = spec;
  const needs: readonly string[] = [...ownNeeds, ...needsWhereKnown];
  const providers = new Set<string>(ruleProviders(meta));
  return {
    ...meta,
    ...(needs.length > 0 ? { readsFacts: [...needs] } : {}),
    appliesTo: {
      kinds: [...meta.appliesTo.kinds],
      ...(meta.appliesTo.nativeTypes ? { nativeTypes: meta.appliesTo.nativeTypes } : {}),
    },
    evaluate(ctx) {
      const { graph } = ctx;
      const verdicts: Verdict[] = [];
      for (const kind of meta.appliesTo.kinds) {
        for (const asset of graph.ofKind(kind)) {
          if (meta.appliesTo.nativeTypes && !meta.appliesTo.nativeTypes.includes(asset.nativeType)) continue;
          // A rule judges only the clouds it has remediation for (a test keeps the two in step).
          if (!providers.has(asset.provider)) continue;
          // The graph's per-asset fact cache: each asset's facts are derived once, not once per rule.
          const facts = graph.factsOf(asset, kind) as Record<string, unknown>;
          if (scope && !scope({ ...asset, kind, facts } as unknown as FactAsset<K>, graph)) continue;
          const unknown = unknownFacts(facts, needs);
          if (Object.keys(unknown).length > 0) {
            verdicts.push({
              assetId: asset.id,
              status: 'not-evaluated',
              message: `Not evaluated: ${Object.entries(unknown)
                .map(([name, reason]) => `${name} could not be read (${reason})`)
                .join('; ')}`,
              evidence: { properties: { unknownFacts: unknown }, edges: [] },
            });
            continue;
          }
          const result = check({ ...asset, kind, facts } as unknown as FactAsset<K, N>, graph, ctx);
          if (!result) continue;
          const evidence: Evidence = {
            properties: result.evidence?.properties ?? {},
            edges: result.evidence?.edges ?? [],
            ...(result.evidence?.related ? { related: result.evidence.related } : {}),
          };
          verdicts.push({
            assetId: asset.id,
            status: result.fail ? 'fail' : 'pass',
            message: result.message,
            evidence,
          });
        }
      }
      return verdicts;
    },
  };
}
