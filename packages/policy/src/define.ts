import { type AssetKind, type AssetRecord, type FactKey, unknownFacts } from '@aispm/core';
import { ruleProviders } from './providers.ts';
import type { AssetRuleSpec, Evidence, FactAsset, KindNeeds, Rule, Verdict } from './types.ts';

interface KindNeed {
  facts: readonly string[];
  /** Per fact, the native types that always carry it: on them an absent fact is unread too. */
  carriedBy?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A rule's `needsFor`, by kind, in the one shape the engine reads. */
function kindNeeds(needsFor: object | undefined): Map<string, KindNeed> {
  const out = new Map<string, KindNeed>();
  for (const [kind, need] of Object.entries((needsFor ?? {}) as Record<string, KindNeeds<AssetKind>>)) {
    if (!('facts' in need)) {
      out.set(kind, { facts: need });
      continue;
    }
    const perFact = need.carriedBy as readonly string[] | Record<string, readonly string[] | undefined>;
    const carriers = (fact: string) =>
      new Set(Array.isArray(perFact) ? perFact : ((perFact as Record<string, string[]>)[fact] ?? []));
    out.set(kind, { facts: need.facts, carriedBy: new Map(need.facts.map((f) => [f, carriers(f)])) });
  }
  return out;
}

/** The facts of `need` that were not read on this asset: an UnknownFact, or absent on a type that carries them. */
function unreadFacts(
  need: KindNeed | undefined,
  asset: AssetRecord,
  facts: Record<string, unknown>,
): Record<string, string> {
  if (!need) return {};
  const out = unknownFacts(facts, need.facts);
  for (const name of need.facts) {
    if (facts[name] === undefined && need.carriedBy?.get(name)?.has(asset.nativeType))
      out[name] = `absent from the record, though the connector reports it for every ${asset.nativeType}`;
  }
  return out;
}

/**
 * A rule that looks at each applicable asset on its own (its facts plus the edges around it). The kinds in
 * `appliesTo` type the asset's facts, and `needs` names the facts the check reads: reading a fact its kinds do not
 * have fails to typecheck, and a needed fact that could not be read gives a `not-evaluated` verdict instead of a
 * guess. `needsFor` does the same for the facts only one of the kinds has (see KindNeeds).
 */
export function defineAssetRule<const K extends AssetKind, const N extends FactKey<K> = never>(
  spec: AssetRuleSpec<K, N>,
): Rule {
  const { check, scope, needs = [], needsFor, ...meta } = spec;
  const byKind = kindNeeds(needsFor);
  const providers = new Set<string>(ruleProviders(meta));
  return {
    ...meta,
    ...(needs.length > 0 ? { readsFacts: [...needs] } : {}),
    ...(byKind.size > 0
      ? { readsFactsFor: Object.fromEntries([...byKind].map(([kind, need]) => [kind, [...need.facts]])) }
      : {}),
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
          const unknown = { ...unknownFacts(facts, needs), ...unreadFacts(byKind.get(kind), asset, facts) };
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
