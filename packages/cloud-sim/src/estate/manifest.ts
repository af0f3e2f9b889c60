import {
  type AssetKind,
  type EdgeKind,
  type Manifest,
  type Provider,
  RISK_CONCEPTS,
  type RiskConcept,
  type Severity,
} from '@aispm/core';

export type ManifestAsset = Manifest['assets'][number];
export type ManifestEdge = Manifest['edges'][number];
export type ManifestRisk = Manifest['risks'][number];
export type ManifestPath = Manifest['attackPaths'][number];
export type ManifestForbiddenEdge = NonNullable<Manifest['forbiddenEdges']>[number];
export type ManifestUnreachable = NonNullable<Manifest['unreachableAccounts']>[number];

/** What one provider's generator contributes to the manifest. */
export type ProviderTruth = Pick<
  Manifest,
  'assets' | 'edges' | 'risks' | 'clean' | 'attackPaths' | 'forbiddenEdges' | 'unreachableAccounts'
> & {
  /** Edge kinds this provider lists exhaustively (unioned across providers into the manifest). */
  exhaustiveEdgeKinds?: Manifest['exhaustiveEdgeKinds'];
};

/**
 * Collects one provider's ground truth while its estate is generated. Assets are de-duplicated by id (a
 * foundation model is seen from every account), edges by kind+from+to.
 */
export class TruthBuilder {
  private readonly assets = new Map<string, ManifestAsset>();
  private readonly edges = new Map<string, ManifestEdge>();
  private readonly risks: ManifestRisk[] = [];
  private readonly clean = new Set<string>();
  private readonly paths: ManifestPath[] = [];
  private readonly forbidden = new Map<string, ManifestForbiddenEdge>();
  private readonly unreachable: ManifestUnreachable[] = [];

  constructor(readonly provider: Provider) {}

  asset(
    id: string,
    kind: AssetKind,
    nativeType: string,
    accountId: string,
    region: string,
    name: string,
  ): string {
    if (!this.assets.has(id)) {
      this.assets.set(id, { id, provider: this.provider, kind, accountId, region, name, nativeType });
    }
    return id;
  }

  hasAsset(id: string): boolean {
    return this.assets.has(id);
  }

  edge(kind: EdgeKind, from: string, to: string): void {
    const key = `${kind}\u0000${from}\u0000${to}`;
    if (!this.edges.has(key)) this.edges.set(key, { kind, from, to });
  }

  risk(assetId: string, concept: RiskConcept, note: string, severity?: Severity): void {
    this.risks.push({
      assetId,
      provider: this.provider,
      concept,
      severity: severity ?? RISK_CONCEPTS[concept].severity,
      note,
    });
  }

  markClean(assetId: string): void {
    this.clean.add(assetId);
  }

  path(id: string, hops: string[], chokePoint: string, note: string): void {
    this.paths.push({ id, provider: this.provider, hops, chokePoint, note });
  }

  /** An edge identity policies would grant but an organisation policy denies: a scan must not produce it. */
  forbiddenEdge(kind: EdgeKind, from: string, to: string, note: string): void {
    const key = `${kind}\u0000${from}\u0000${to}`;
    if (!this.forbidden.has(key)) this.forbidden.set(key, { kind, from, to, note });
  }

  /** An account the scanner cannot enter (reported as a gap by a correct scan). */
  unreachableAccount(accountId: string, reason: string): void {
    this.unreachable.push({ provider: this.provider, accountId, reason });
  }

  build(exhaustiveEdgeKinds: EdgeKind[] = []): ProviderTruth {
    // An asset with a planted risk, or on a planted attack path, is never clean whatever the template said.
    const risky = new Set(this.risks.map((r) => r.assetId));
    for (const p of this.paths) for (const hop of p.hops) risky.add(hop);
    return {
      assets: [...this.assets.values()],
      edges: [...this.edges.values()],
      risks: this.risks,
      clean: [...this.clean].filter((id) => !risky.has(id)),
      attackPaths: this.paths,
      forbiddenEdges: [...this.forbidden.values()],
      unreachableAccounts: this.unreachable,
      exhaustiveEdgeKinds,
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Joins provider truths into one manifest with a stable order, so the same seed gives identical JSON. */
export function composeManifest(seed: number, scale: string, truths: ProviderTruth[]): Manifest {
  const assets = new Map<string, ManifestAsset>();
  const edges = new Map<string, ManifestEdge>();
  const exhaustive = new Set<EdgeKind>();
  const risks: ManifestRisk[] = [];
  const clean = new Set<string>();
  const attackPaths: ManifestPath[] = [];
  const forbidden: ManifestForbiddenEdge[] = [];
  const unreachable: ManifestUnreachable[] = [];
  for (const t of truths) {
    forbidden.push(...(t.forbiddenEdges ?? []));
    unreachable.push(...(t.unreachableAccounts ?? []));
    for (const a of t.assets) if (!assets.has(a.id)) assets.set(a.id, a);
    for (const e of t.edges) edges.set(`${e.kind}\u0000${e.from}\u0000${e.to}`, e);
    for (const k of t.exhaustiveEdgeKinds ?? []) exhaustive.add(k);
    risks.push(...t.risks);
    for (const c of t.clean) clean.add(c);
    attackPaths.push(...t.attackPaths);
  }
  const sortedAssets = [...assets.values()].sort((a, b) => cmp(a.id, b.id));
  const counts: Manifest['counts'] = { aws: {}, azure: {}, gcp: {} };
  for (const a of sortedAssets) {
    const perProvider = counts[a.provider];
    perProvider[a.kind] = (perProvider[a.kind] ?? 0) + 1;
    perProvider.total = (perProvider.total ?? 0) + 1;
  }
  for (const p of Object.keys(counts) as Provider[]) {
    const entries = Object.entries(counts[p]).sort(([a], [b]) => cmp(a, b));
    counts[p] = Object.fromEntries(entries);
  }
  // Present only when an estate plants them, so estates without these scenarios keep their manifests.
  const scenarios: Pick<Manifest, 'forbiddenEdges' | 'unreachableAccounts'> = {};
  if (forbidden.length > 0)
    scenarios.forbiddenEdges = forbidden.sort(
      (a, b) => cmp(a.kind, b.kind) || cmp(a.from, b.from) || cmp(a.to, b.to),
    );
  if (unreachable.length > 0)
    scenarios.unreachableAccounts = unreachable.sort(
      (a, b) => cmp(a.provider, b.provider) || cmp(a.accountId, b.accountId),
    );
  return {
    generator: 'aispm-cloud-sim',
    version: 1,
    seed,
    scale,
    counts,
    assets: sortedAssets,
    edges: [...edges.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.from, b.from) || cmp(a.to, b.to)),
    exhaustiveEdgeKinds: [...exhaustive].sort(cmp),
    risks: risks.sort(
      (a, b) => cmp(a.assetId, b.assetId) || cmp(a.concept, b.concept) || cmp(a.note, b.note),
    ),
    clean: [...clean].sort(cmp),
    attackPaths: attackPaths.sort((a, b) => cmp(a.id, b.id)),
    ...scenarios,
  };
}
