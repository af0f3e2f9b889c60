import { createHash } from 'node:crypto';
import type { AssetRecord, EdgeKind, EdgeRecord } from '@aispm/core';
import { GraphIndex, type GraphInput, type IndexedEdge } from './graph-index.ts';

export interface AttackPathHop {
  assetId: string;
  kind: string;
  name: string;
  /** The edge kind that led to this hop (null for the entry point). */
  via: EdgeKind | null;
}

export interface AttackPath {
  /** sha256 of the hop ids: the same route keeps the same identity across evaluations. */
  fingerprint: string;
  entryId: string;
  targetId: string;
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
  maxHops?: number;
  /** How many distinct entry points are kept per asset (and so at most how many paths per crown jewel). */
  perTarget?: number;
}

/**
 * How an attacker moves along each edge kind. `forward` follows from → to (the principal gains what the
 * edge grants); `reverse` walks it backwards (holding a key is acting as the identity that owns it).
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

const SENSITIVE_VALUES = /^(confidential|pii|sensitive|restricted|secret|phi)$/i;
const SENSITIVE_KEYS = /^(data-?classification|classification|sensitivity|data-sensitivity)$/i;

/** True when the asset's tags mark its data as sensitive (`data-classification: confidential|pii|…`). */
export function hasSensitiveTags(asset: AssetRecord): boolean {
  for (const [k, v] of Object.entries(asset.tags ?? {})) {
    if (SENSITIVE_KEYS.test(k) && SENSITIVE_VALUES.test(v.trim())) return true;
  }
  return false;
}

const CUSTOM_MODEL_TYPE =
  /Custom|Imported|SageMaker::Model|aiplatform\.googleapis\.com\/Model|workspaces\/models/;
const AI_DATA_CONSUMERS = new Set([
  'model',
  'training-job',
  'knowledge-base',
  'agent-tool',
  'dataset',
  'feature-store',
]);

export interface CrownJewel {
  impact: number;
  reason: string;
}

/** Assets whose compromise matters most: AI data, custom weights, vector stores, agents that can write. */
export function crownJewels(g: GraphIndex): Map<string, CrownJewel> {
  const jewels = new Map<string, CrownJewel>();
  for (const store of g.ofKind('data-store')) {
    const sensitive = hasSensitiveTags(store);
    const artifacts = g.in(store.id, 'writes-to').some((e) => g.asset(e.from)?.kind === 'training-job');
    const aiData = g
      .in(store.id, ['trained-on', 'reads-from'])
      .some((e) => AI_DATA_CONSUMERS.has(g.asset(e.from)?.kind ?? ''));
    if (!artifacts && !aiData) continue;
    const what = artifacts ? 'model artifacts' : 'training / knowledge-base data';
    jewels.set(store.id, {
      impact: Math.min(10, (artifacts ? 8 : 7) + (sensitive ? 2 : 0)),
      reason: `${what}${sensitive ? ' classified sensitive' : ''}`,
    });
  }
  // A store the internet reaches directly (anonymous / public policy) is an exposure in itself: RAG corpora often
  // sit in such containers with no lineage edge to say so.
  for (const store of g.ofKind('data-store')) {
    if (jewels.has(store.id) || g.in(store.id, 'exposed-to-internet').length === 0) continue;
    jewels.set(store.id, {
      impact: hasSensitiveTags(store) ? 8 : 5,
      reason: 'data store reachable from the internet',
    });
  }
  for (const model of g.ofKind('model')) {
    const custom =
      CUSTOM_MODEL_TYPE.test(model.nativeType) || g.out(model.id, ['trained-on', 'produced-by']).length > 0;
    if (custom) jewels.set(model.id, { impact: 8, reason: 'custom model weights' });
  }
  for (const vs of g.ofKind('vector-store'))
    jewels.set(vs.id, { impact: 7, reason: 'vector store (RAG data)' });
  // An AI services account (Azure OpenAI …) is the model-serving surface and its keys' blast radius; its deployments are models.
  for (const svc of g.ofKind('ai-service')) {
    jewels.set(svc.id, { impact: 7, reason: 'AI service account (model deployments)' });
    for (const c of g.out(svc.id, 'contains')) {
      if (g.asset(c.to)?.kind === 'model' && !jewels.has(c.to))
        jewels.set(c.to, { impact: 6, reason: 'model deployment' });
    }
  }
  for (const agent of g.ofKind('agent')) {
    if (agentCanWrite(g, agent.id))
      jewels.set(agent.id, { impact: 9, reason: 'agent whose tools can write or delete data' });
  }
  return jewels;
}

/** The identities an agent acts as: its own role and the roles of the functions behind its tools. */
export function agentIdentities(g: GraphIndex, agentId: string): { identityId: string; via: string[] }[] {
  const found: { identityId: string; via: string[] }[] = [];
  for (const r of g.out(agentId, 'runs-as')) found.push({ identityId: r.to, via: [agentId] });
  for (const tool of g.out(agentId, 'uses-tool')) {
    for (const impl of g.out(tool.to, 'implemented-by')) {
      for (const r of g.out(impl.to, 'runs-as')) found.push({ identityId: r.to, via: [tool.to, impl.to] });
    }
    for (const r of g.out(tool.to, 'runs-as')) found.push({ identityId: r.to, via: [tool.to] });
  }
  return found;
}

/**
 * Whether an access edge is the principal's own grant (identity policy, role assignment, a resource policy that
 * names it) rather than a capability the resource grants to everyone, which the connector marks
 * `grantedToEveryone` (the public `*` principal holds the same edge).
 */
export function isOwnGrant(e: EdgeRecord): boolean {
  return e.properties?.grantedToEveryone !== true;
}

/** The write / admin grants of the identities an agent acts as (its own grants only). */
export function agentWriteGrants(
  g: GraphIndex,
  agentId: string,
): { identity: { identityId: string; via: string[] }; edge: IndexedEdge }[] {
  return agentIdentities(g, agentId).flatMap((identity) =>
    g
      .out(identity.identityId, ['can-write', 'can-admin'])
      .filter(isOwnGrant)
      .map((edge) => ({ identity, edge })),
  );
}

export function agentCanWrite(g: GraphIndex, agentId: string): boolean {
  return agentWriteGrants(g, agentId).length > 0;
}

/** How likely an attacker holds the entry point in the first place. */
export function entryLikelihood(asset: AssetRecord): number | undefined {
  if (asset.kind === 'internet') return 1;
  if (asset.kind === 'external-principal') return asset.id.endsWith(':*') ? 0.95 : 0.7;
  if (asset.kind === 'access-key') return 0.6;
  return undefined;
}

const HOP_DECAY = 0.85;

interface Label {
  node: string;
  entry: number;
  parent: Label | null;
  via: EdgeKind | null;
}

/**
 * Attack paths from entry points (internet, principals outside the org, long-lived keys) to crown jewels.
 * A level-synchronous BFS from all entries at once that keeps at most `perTarget` distinct entries per
 * asset: each kept label is that entry's shortest route, so the work is O(perTarget × (V + E)) instead of
 * enumerating simple paths.
 */
export function findAttackPaths(
  graph: GraphInput | GraphIndex,
  options: FindAttackPathsOptions = {},
): AttackPath[] {
  const g = graph instanceof GraphIndex ? graph : new GraphIndex(graph);
  const maxHops = options.maxHops ?? 6;
  const perTarget = options.perTarget ?? 3;
  if (!Number.isInteger(maxHops) || maxHops < 1)
    throw new Error(`maxHops must be a positive integer, got ${maxHops}`);
  if (!Number.isInteger(perTarget) || perTarget < 1)
    throw new Error(`perTarget must be a positive integer, got ${perTarget}`);

  const jewels = crownJewels(g);
  const entries: { asset: AssetRecord; likelihood: number }[] = [];
  for (const kind of ['internet', 'external-principal', 'access-key']) {
    for (const a of g.ofKind(kind)) {
      const likelihood = entryLikelihood(a);
      if (likelihood !== undefined) entries.push({ asset: a, likelihood });
    }
  }
  // Likelier entries claim the per-asset slots first; ids break ties so runs are reproducible.
  entries.sort((a, b) => b.likelihood - a.likelihood || (a.asset.id < b.asset.id ? -1 : 1));

  const labels = new Map<string, Label[]>();
  let frontier: Label[] = [];
  entries.forEach((e, i) => {
    const label: Label = { node: e.asset.id, entry: i, parent: null, via: null };
    labels.set(e.asset.id, [label]);
    frontier.push(label);
  });

  const accept = (node: string, entry: number): boolean => {
    const list = labels.get(node);
    if (!list) return true;
    return list.length < perTarget && !list.some((l) => l.entry === entry);
  };

  for (let depth = 0; depth < maxHops && frontier.length > 0; depth++) {
    const next: Label[] = [];
    for (const label of frontier) {
      const at = g.asset(label.node);
      for (const e of g.out(label.node)) {
        if (TRAVERSAL[e.kind] === 'forward') step(e.to, e.kind, label);
        // Whoever reaches an AI service or workspace reaches what it hosts; org containers are not walked.
        else if (e.kind === 'contains' && (at?.kind === 'ai-service' || at?.kind === 'ml-workspace'))
          step(e.to, e.kind, label);
      }
      for (const e of g.in(label.node, 'has-key')) step(e.from, e.kind, label);
    }
    frontier = next;

    function step(to: string, via: EdgeKind, parent: Label): void {
      const target = g.asset(to);
      if (!target || target.kind === 'internet' || target.kind === 'external-principal') return;
      if (!accept(to, parent.entry)) return;
      const label: Label = { node: to, entry: parent.entry, parent, via };
      const list = labels.get(to);
      if (list) list.push(label);
      else labels.set(to, [label]);
      next.push(label);
    }
  }

  const paths: AttackPath[] = [];
  for (const [targetId, jewel] of jewels) {
    for (const label of labels.get(targetId) ?? []) {
      if (!label.parent) continue;
      const chain: Label[] = [];
      for (let l: Label | null = label; l; l = l.parent) chain.push(l);
      chain.reverse();
      const entry = entries[label.entry];
      if (!entry) continue;
      const hops: AttackPathHop[] = chain.map((l) => {
        const a = g.asset(l.node);
        return { assetId: l.node, kind: a?.kind ?? 'unknown', name: a?.name ?? l.node, via: l.via };
      });
      const length = hops.length - 1;
      const likelihood = round(entry.likelihood * HOP_DECAY ** (length - 1), 4);
      const score = round(likelihood * jewel.impact, 2);
      paths.push({
        fingerprint: pathFingerprint(hops.map((h) => h.assetId)),
        entryId: entry.asset.id,
        targetId,
        hops,
        length,
        likelihood,
        impact: jewel.impact,
        score,
        reasons: [`entry: ${describeEntry(entry.asset)}`, `target: ${jewel.reason}`, `${length} hop(s)`],
      });
    }
  }
  paths.sort((a, b) => b.score - a.score || a.length - b.length || (a.fingerprint < b.fingerprint ? -1 : 1));
  return paths;
}

export function pathFingerprint(hopIds: readonly string[]): string {
  return createHash('sha256').update(hopIds.join('\u0000')).digest('hex');
}

function describeEntry(a: AssetRecord): string {
  if (a.kind === 'internet') return 'the internet';
  if (a.kind === 'access-key') return `long-lived access key ${a.name}`;
  return a.id.endsWith(':*') ? 'any principal (wildcard)' : `external principal ${a.name}`;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export type { IndexedEdge };
