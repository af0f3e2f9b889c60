import { type AssetKind, type AssetRecord, type EdgeKind, sha256 } from '@aispm/core';
import { type CrownJewel, crownJewels, entryLikelihood, isOwnGrant, poisonedJewel } from './crown-jewels.ts';
import { GraphIndex, type GraphInput, type IndexedEdge } from './graph-index.ts';

export interface AttackPathHop {
  assetId: string;
  kind: string;
  name: string;
  /** The edge kind that led to this hop (null for the entry point). */
  via: EdgeKind | null;
}

/**
 * What the route does to its crown jewel: `poisoning` writes data that flows into it (or the jewel's data itself),
 * `theft` reads it or the model behind it, `exposure` is any other reach (an internet-facing store, an agent
 * an outsider can drive).
 */
export const ATTACK_PATH_KINDS = ['exposure', 'poisoning', 'theft'] as const;
export type AttackPathKind = (typeof ATTACK_PATH_KINDS)[number];

export interface AttackPath {
  /** sha256 of the hop ids: the same route keeps the same identity across evaluations. */
  fingerprint: string;
  entryId: string;
  targetId: string;
  kind: AttackPathKind;
  hops: AttackPathHop[];
  /** Number of edges walked. */
  length: number;
  /** 0..1: how likely an attacker at the entry gets along the route. */
  likelihood: number;
  /** 0..10: what the crown jewel at the end is worth. */
  impact: number;
  /** likelihood × impact, 0..10. */
  score: number;
  reasons: string[];
}

export interface FindAttackPathsOptions {
  /** Most edges a path may walk (the search stops there). */
  maxHops?: number;
}

/**
 * How an attacker moves along each edge kind while acting as a principal or driving an asset. `forward` follows
 * from → to (the principal gains what the edge grants); `reverse` walks it backwards (holding a key is acting as
 * the identity that owns it).
 */
export const TRAVERSAL: Readonly<Partial<Record<EdgeKind, 'forward' | 'reverse'>>> = {
  'exposed-to-internet': 'forward',
  'can-assume': 'forward',
  'can-pass-role': 'forward',
  'runs-as': 'forward',
  'member-of': 'forward',
  'has-key': 'reverse',
  'can-invoke': 'forward',
  'can-read': 'forward',
  'can-write': 'forward',
  'can-admin': 'forward',
  // Driving an agent drives its tools and its retrieval; invoking an endpoint reaches the model it serves.
  'uses-tool': 'forward',
  'implemented-by': 'forward',
  'uses-knowledge-base': 'forward',
  'stores-vectors-in': 'forward',
  serves: 'forward',
};

/**
 * Data lineage, in the direction data flows: whoever controls the data of an edge's one end controls what the
 * other end learns or answers. `reverse` means data flows to → from (a model `trained-on` a store learns from it,
 * an endpoint that `serves` a model answers with it); `forward` from → to (a job `writes-to` its artifacts).
 */
export const LINEAGE: Readonly<Partial<Record<EdgeKind, 'forward' | 'reverse'>>> = {
  'trained-on': 'reverse',
  'reads-from': 'reverse',
  'stores-vectors-in': 'reverse',
  'produced-by': 'reverse',
  'writes-to': 'forward',
  'registered-in': 'reverse',
  serves: 'reverse',
  'uses-model': 'reverse',
  'uses-knowledge-base': 'reverse',
  'uses-tool': 'reverse',
  'implemented-by': 'reverse',
};

/** Assets whose content a write replaces: writing them starts data flowing down the lineage. */
const DATA_KINDS = new Set<AssetKind>([
  'data-store',
  'vector-store',
  'dataset',
  'feature-store',
  'model',
  'model-registry',
  'knowledge-base',
]);

const HOP_DECAY = 0.85;

/** `access`: the attacker acts as / drives the asset. `data`: the attacker controls the asset's data. */
type Mode = 'access' | 'data';

interface Step {
  to: string;
  via: EdgeKind;
  mode: Mode;
}

interface Label {
  node: string;
  mode: Mode;
  parent: Label | null;
  via: EdgeKind | null;
  length: number;
}

/**
 * Attack paths from entry points (internet, principals outside the org, long-lived keys) to crown jewels.
 * One breadth-first search per entry over (asset, mode) states, so each entry keeps its shortest route to every
 * crown jewel however many other entries reach it: O(entries × (V + E)), bounded by `maxHops`. Access edges
 * move an attacker between principals and resources; a write to a data asset switches to following the data
 * lineage (training data → job → model → endpoint / agent; documents → knowledge base → agent). Neighbours are
 * visited in id order, so among equally short routes the same one wins whatever order the graph was read in.
 */
export function findAttackPaths(
  graph: GraphInput | GraphIndex,
  options: FindAttackPathsOptions = {},
): AttackPath[] {
  const g = graph instanceof GraphIndex ? graph : new GraphIndex(graph);
  const maxHops = options.maxHops ?? 6;
  if (!Number.isInteger(maxHops) || maxHops < 1)
    throw new Error(`maxHops must be a positive integer, got ${maxHops}`);

  const jewels = crownJewels(g);
  const jewelAt = (node: string, mode: Mode): CrownJewel | undefined => {
    if (mode === 'access') return jewels.get(node);
    const asset = g.asset(node);
    return asset ? poisonedJewel(asset, jewels.get(node)) : undefined;
  };
  const neighbours = stepper(g);

  const paths: AttackPath[] = [];
  for (const kind of ['internet', 'external-principal', 'access-key']) {
    for (const entry of g.ofKind(kind)) {
      const likelihood = entryLikelihood(entry);
      if (likelihood === undefined) continue;
      const best = new Map<string, { label: Label; jewel: CrownJewel; score: number }>();
      const seen = new Set<string>([`access\u0000${entry.id}`]);
      let frontier: Label[] = [{ node: entry.id, mode: 'access', parent: null, via: null, length: 0 }];
      for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
        const next: Label[] = [];
        const stepLikelihood = likelihood * HOP_DECAY ** (depth - 1);
        for (const parent of frontier) {
          for (const s of neighbours(parent.node, parent.mode)) {
            const key = `${s.mode}\u0000${s.to}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const label: Label = { node: s.to, mode: s.mode, parent, via: s.via, length: depth };
            next.push(label);
            const jewel = jewelAt(s.to, s.mode);
            if (!jewel) continue;
            const score = round(round(stepLikelihood, 4) * jewel.impact, 2);
            // Shorter routes come first; a later one replaces it only when worth more (poisoning vs. reach).
            const held = best.get(s.to);
            if (!held || score > held.score) best.set(s.to, { label, jewel, score });
          }
        }
        frontier = next;
      }
      for (const [targetId, { label, jewel }] of best)
        paths.push(toPath(g, entry, likelihood, targetId, label, jewel));
    }
  }
  paths.sort((a, b) => b.score - a.score || a.length - b.length || (a.fingerprint < b.fingerprint ? -1 : 1));
  return paths;
}

/** The moves out of an (asset, mode) state, sorted for reproducible tie-breaks and cached per state. */
function stepper(g: GraphIndex): (node: string, mode: Mode) => readonly Step[] {
  const cache = new Map<string, Step[]>();
  const enterable = (id: string): boolean => {
    const k = g.asset(id)?.kind;
    return k !== undefined && k !== 'internet' && k !== 'external-principal';
  };
  return (node, mode) => {
    const key = `${mode}\u0000${node}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const steps: Step[] = [];
    const add = (to: string, via: EdgeKind, m: Mode) => {
      if (enterable(to)) steps.push({ to, via, mode: m });
    };
    if (mode === 'access') {
      const at = g.asset(node)?.kind;
      const host = at === 'ai-service' || at === 'ml-workspace';
      for (const e of g.out(node)) {
        // A grant to everyone is reached from the `*` principal itself, not charged to whoever also holds it.
        if (!isOwnGrant(e)) continue;
        // An identity the workspace's hosted workloads run as is reached through them (the agent that acts).
        if (host && e.kind === 'runs-as' && hostedRunsAs(g, node, e.to)) continue;
        if (TRAVERSAL[e.kind] === 'forward') add(e.to, e.kind, writesData(g, e) ? 'data' : 'access');
        // Whoever reaches an AI service or workspace reaches what it hosts; org containers are not walked.
        else if (e.kind === 'contains' && (at === 'ai-service' || at === 'ml-workspace'))
          add(e.to, e.kind, 'access');
      }
      for (const e of g.in(node, 'has-key')) add(e.from, e.kind, 'access');
    } else {
      for (const e of g.in(node)) if (LINEAGE[e.kind] === 'reverse') add(e.from, e.kind, 'data');
      for (const e of g.out(node)) if (LINEAGE[e.kind] === 'forward') add(e.to, e.kind, 'data');
    }
    steps.sort((a, b) => cmp(a.to, b.to) || cmp(a.via, b.via) || cmp(a.mode, b.mode));
    cache.set(key, steps);
    return steps;
  };
}

/**
 * Whether something an AI service or workspace contains runs as `identity` (a Foundry project's agents run as the
 * project's identity): the route then names that workload as the one acting, rather than the container itself.
 */
function hostedRunsAs(g: GraphIndex, host: string, identity: string): boolean {
  return g.out(host, 'contains').some((c) => g.out(c.to, 'runs-as').some((r) => r.to === identity));
}

function writesData(g: GraphIndex, e: IndexedEdge): boolean {
  if (e.kind !== 'can-write' && e.kind !== 'can-admin') return false;
  const kind = g.asset(e.to)?.kind;
  return kind !== undefined && DATA_KINDS.has(kind);
}

function toPath(
  g: GraphIndex,
  entry: AssetRecord,
  entryLikelihood: number,
  targetId: string,
  label: Label,
  jewel: CrownJewel,
): AttackPath {
  const chain: Label[] = [];
  for (let l: Label | null = label; l; l = l.parent) chain.push(l);
  chain.reverse();
  const hops: AttackPathHop[] = chain.map((l) => {
    const a = g.asset(l.node);
    return { assetId: l.node, kind: a?.kind ?? 'unknown', name: a?.name ?? l.node, via: l.via };
  });
  const length = hops.length - 1;
  const likelihood = round(entryLikelihood * HOP_DECAY ** (length - 1), 4);
  const kind = pathKind(label, hops[hops.length - 1]?.kind ?? '');
  return {
    fingerprint: pathFingerprint(hops.map((h) => h.assetId)),
    entryId: entry.id,
    targetId,
    kind,
    hops,
    length,
    likelihood,
    impact: jewel.impact,
    score: round(likelihood * jewel.impact, 2),
    reasons: [
      `entry: ${describeEntry(entry)}`,
      `target: ${jewel.reason}`,
      `${kind}${kind === 'poisoning' ? lineageNote(chain) : ''}`,
      `${length} hop(s)`,
    ],
  };
}

function pathKind(end: Label, targetKind: string): AttackPathKind {
  if (end.mode === 'data') return 'poisoning';
  if (end.via === 'can-read') return 'theft';
  if ((end.via === 'can-invoke' || end.via === 'serves' || end.via === 'contains') && targetKind === 'model')
    return 'theft';
  return 'exposure';
}

function lineageNote(chain: readonly Label[]): string {
  const flow = chain.filter((l) => l.mode === 'data').length - 1;
  return flow > 0 ? `: written data flows ${flow} lineage hop(s) downstream` : ': writes the data itself';
}

export function pathFingerprint(hopIds: readonly string[]): string {
  return sha256(hopIds.join('\u0000'));
}

function describeEntry(a: AssetRecord): string {
  if (a.kind === 'internet') return 'the internet';
  if (a.kind === 'access-key') return `long-lived access key ${a.name}`;
  return a.id.endsWith(':*') ? 'any principal (wildcard)' : `external principal ${a.name}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export type { IndexedEdge };
