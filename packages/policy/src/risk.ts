import { type AssetRecord, SEVERITY_WEIGHT, type Severity } from '@aispm/core';
import type { AttackPath, CrownJewel } from '@aispm/paths';
import type { RuleGraph } from './graph.ts';

export interface RiskContext {
  graph: RuleGraph;
  crownJewels: ReadonlyMap<string, CrownJewel>;
  /** How many attack paths pass through (or end at) each asset. */
  pathCounts: ReadonlyMap<string, number>;
  /** Asset-dependent part of the score, computed once per asset however many rules fail on it. */
  cache: Map<string, { bump: number; reasons: string[] }>;
}

export function buildRiskContext(
  graph: RuleGraph,
  crownJewels: ReadonlyMap<string, CrownJewel>,
  paths: readonly AttackPath[],
): RiskContext {
  const pathCounts = new Map<string, number>();
  for (const p of paths)
    for (const h of p.hops) pathCounts.set(h.assetId, (pathCounts.get(h.assetId) ?? 0) + 1);
  return { graph, crownJewels, pathCounts, cache: new Map() };
}

const DATA_EDGES = [
  'trained-on',
  'reads-from',
  'writes-to',
  'can-read',
  'can-write',
  'stores-vectors-in',
  'uses-knowledge-base',
] as const;

/**
 * Contextual risk score 0–10: the severity weight, raised by exposure (internet / outside principals reach
 * the asset, attack paths cross it), by the sensitivity of the data it touches and by the blast radius of
 * the identities it runs as (how many crown jewels they can reach); lowered when none of these apply.
 * Every adjustment leaves a reason.
 */
export function riskScore(
  severity: Severity,
  asset: AssetRecord,
  ctx: RiskContext,
): { score: number; reasons: string[] } {
  const base = SEVERITY_WEIGHT[severity];
  let context = ctx.cache.get(asset.id);
  if (!context) {
    context = assetContext(asset, ctx);
    ctx.cache.set(asset.id, context);
  }
  const score = base + context.bump;
  return {
    score: Math.max(0, Math.min(10, Math.round(score * 10) / 10)),
    reasons: [`severity ${severity} (base ${base})`, ...context.reasons],
  };
}

function assetContext(asset: AssetRecord, ctx: RiskContext): { bump: number; reasons: string[] } {
  const g = ctx.graph;
  let score = 0;
  const reasons: string[] = [];

  const internet = g.internetExposure(asset.id).exposed;
  const external = internet
    ? []
    : g.externalWith(asset.id, 'can-invoke').concat(g.externalWith(asset.id, 'can-read'));
  if (internet) {
    score += 1.5;
    reasons.push('reachable from the internet (+1.5)');
  } else if (external.length > 0) {
    score += 1;
    reasons.push(`reachable by ${external.length} principal(s) outside the organisation (+1)`);
  }
  const onPaths = ctx.pathCounts.get(asset.id) ?? 0;
  if (onPaths > 0) {
    score += 0.5;
    reasons.push(`on ${onPaths} attack path(s) (+0.5)`);
  }

  const touched = [asset, ...g.neighbours(asset.id, { kinds: [...DATA_EDGES] }).map((n) => n.asset)];
  const sensitive = touched.filter((a) => g.isSensitive(a));
  if (sensitive.length > 0) {
    score += 1;
    reasons.push(
      `touches sensitive data: ${sensitive
        .slice(0, 3)
        .map((a) => a.name)
        .join(', ')} (+1)`,
    );
  }

  const identities = asset.kind === 'identity' ? [asset.id] : g.out(asset.id, 'runs-as').map((e) => e.to);
  const reachable = new Set<string>();
  for (const id of identities) {
    for (const e of g.out(id, ['can-read', 'can-write', 'can-admin', 'can-invoke'])) {
      if (ctx.crownJewels.has(e.to)) reachable.add(e.to);
    }
  }
  if (reachable.size > 0) {
    const bump = Math.min(1.5, 0.5 * Math.log2(1 + reachable.size));
    score += bump;
    reasons.push(`its identity reaches ${reachable.size} crown jewel(s) (+${bump.toFixed(1)})`);
  }

  if (!internet && external.length === 0 && onPaths === 0 && sensitive.length === 0 && reachable.size === 0) {
    score -= 1;
    reasons.push('not exposed, no sensitive data, no privileged reach (-1)');
  }
  return { bump: score, reasons };
}
