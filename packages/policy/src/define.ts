import type { AssetRuleSpec, Evidence, Rule, Verdict } from './types.ts';

/** A rule that looks at each applicable asset on its own (properties plus the edges around it). */
export function defineAssetRule(spec: AssetRuleSpec): Rule {
  const { check, ...meta } = spec;
  return {
    ...meta,
    evaluate({ graph }) {
      const verdicts: Verdict[] = [];
      for (const kind of meta.appliesTo.kinds) {
        for (const asset of graph.ofKind(kind)) {
          if (meta.appliesTo.nativeTypes && !meta.appliesTo.nativeTypes.includes(asset.nativeType)) continue;
          const result = check(asset, graph);
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
