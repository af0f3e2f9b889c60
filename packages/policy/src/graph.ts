import {
  type AssetKind,
  type AssetRecord,
  assetFacts,
  type EdgeKind,
  type FactKey,
  type FactsOf,
} from '@aispm/core';
import {
  agentIdentities,
  agentWriteGrants,
  GraphIndex,
  type GraphInput,
  hasSensitiveTags,
  type IndexedEdge,
} from '@aispm/paths';
import type { EvidenceEdge } from './types.ts';

export interface PrincipalReach {
  /** The principal that ends up holding the access. */
  principalId: string;
  /** The edges from that principal to the resource, the access edge last. */
  chain: IndexedEdge[];
}

/** Access held on a scope that contains the resource (and so on the resource: the grant is inherited). */
export interface InheritedReach extends PrincipalReach {
  /** The containing asset the grant is on. */
  host: string;
  /** The grant's scope as the connector recorded it (an Azure role assignment's `scope`), else the host's id. */
  scope: string;
  /** The edges after the grant: `contains` from the host down to the resource. */
  path: IndexedEdge[];
}

/**
 * Containers whose grants reach what they host: an AI service (an Azure AI Foundry / AI services account) and an ML
 * workspace (a Foundry project, an Azure ML workspace or hub). Azure RBAC role assignments are inherited by child
 * resources; the attack-path finder walks `contains` out of the same two kinds. Org containers (subscriptions,
 * accounts, projects of a cloud) are not: their grants are drawn onto their resources by the connectors.
 */
const HOST_KINDS = new Set(['ai-service', 'ml-workspace']);

/** Any fact name of any kind (for the graph questions that look at assets of every kind). */
type AnyFactKey = { [K in AssetKind]: FactKey<K> }[AssetKind];

const AI_KINDS = new Set([
  'model',
  'inference-endpoint',
  'training-job',
  'knowledge-base',
  'agent',
  'agent-tool',
  'notebook',
  'dataset',
  'feature-store',
  'vector-store',
  'ml-workspace',
  'provisioned-throughput',
  'ai-service',
]);

/**
 * The graph as rules see it: the path finder's adjacency index plus the questions rules keep asking
 * (who can reach this, is it public, is it customer-key encrypted, is this store AI data).
 */
export class RuleGraph extends GraphIndex {
  private readonly aiDataCache = new Map<string, boolean>();
  private readonly factCache = new Map<string, Record<string, unknown>>();

  static from(input: GraphInput): RuleGraph {
    return new RuleGraph(input);
  }

  /** The facts of another asset, typed by the kind asked for (undefined when it is not of that kind). */
  factsOf<K extends AssetKind>(asset: AssetRecord | undefined, kind: K): FactsOf<K> | undefined {
    if (!asset || asset.kind !== kind) return undefined;
    return this.allFacts(asset) as FactsOf<K>;
  }

  /** One fact of an asset of any kind that has it (a kind without the fact gives undefined). */
  fact(asset: AssetRecord | undefined, name: AnyFactKey): unknown {
    return asset ? this.allFacts(asset)[name] : undefined;
  }

  private allFacts(asset: AssetRecord): Record<string, unknown> {
    let facts = this.factCache.get(asset.id);
    if (!facts) {
      facts = assetFacts(asset) as Record<string, unknown>;
      this.factCache.set(asset.id, facts);
    }
    return facts;
  }

  /** Assets at the other end of `id`'s edges of the given kinds. */
  neighbours(
    id: string,
    options: { kinds?: EdgeKind[]; direction?: 'out' | 'in' | 'both' } = {},
  ): { asset: AssetRecord; edge: IndexedEdge }[] {
    const dir = options.direction ?? 'out';
    const result: { asset: AssetRecord; edge: IndexedEdge }[] = [];
    if (dir !== 'in') {
      for (const e of this.out(id, options.kinds)) {
        const a = this.asset(e.to);
        if (a) result.push({ asset: a, edge: e });
      }
    }
    if (dir !== 'out') {
      for (const e of this.in(id, options.kinds)) {
        const a = this.asset(e.from);
        if (a) result.push({ asset: a, edge: e });
      }
    }
    return result;
  }

  isExternal(id: string): boolean {
    return this.asset(id)?.kind === 'external-principal' || id.startsWith('aispm:external:');
  }

  isWildcardPrincipal(id: string): boolean {
    return this.isExternal(id) && id.endsWith(':*');
  }

  /**
   * Every principal that holds `kind` access on the resource, directly or by assuming / being a member of
   * an identity that does (walked backwards up to `maxDepth` can-assume / member-of / has-key steps).
   */
  principalsWith(resourceId: string, kind: EdgeKind, maxDepth = 3): PrincipalReach[] {
    const result: PrincipalReach[] = [];
    const seen = new Set<string>();
    let frontier: PrincipalReach[] = this.in(resourceId, kind).map((e) => ({
      principalId: e.from,
      chain: [e],
    }));
    for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: PrincipalReach[] = [];
      for (const reach of frontier) {
        if (seen.has(reach.principalId)) continue;
        seen.add(reach.principalId);
        result.push(reach);
        for (const e of this.in(reach.principalId, ['can-assume', 'member-of'])) {
          next.push({ principalId: e.from, chain: [e, ...reach.chain] });
        }
      }
      frontier = next;
    }
    return result;
  }

  /**
   * Principals outside the organisation that hold `kind` access on the resource, directly or through the
   * identities they can assume / are members of (up to 3 steps). Uses a one-off forward walk from every
   * external principal, so asking it for every asset costs only the asset's in-degree.
   */
  externalWith(resourceId: string, kind: EdgeKind): PrincipalReach[] {
    const control = this.externalControl();
    const result: PrincipalReach[] = [];
    for (const e of this.in(resourceId, kind)) {
      if (this.isExternal(e.from)) result.push({ principalId: e.from, chain: [e] });
      else {
        const via = control.get(e.from);
        if (via) result.push({ principalId: via.principalId, chain: [...via.chain, e] });
      }
    }
    return result;
  }

  /**
   * Principals outside the organisation that hold `kind` access on a host that contains the resource — up to two
   * `contains` steps up (Foundry account → project → agent) — directly or through identities they control.
   */
  externalThroughHosts(resourceId: string, kind: EdgeKind): InheritedReach[] {
    const result: InheritedReach[] = [];
    let frontier: { node: string; path: IndexedEdge[] }[] = [{ node: resourceId, path: [] }];
    const seen = new Set([resourceId]);
    for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const { node, path } of frontier) {
        for (const c of this.in(node, 'contains')) {
          if (seen.has(c.from) || !HOST_KINDS.has(this.asset(c.from)?.kind ?? '')) continue;
          seen.add(c.from);
          const down = [c, ...path];
          for (const r of this.externalWith(c.from, kind)) {
            const grant = r.chain[r.chain.length - 1];
            const scope = grant?.properties?.scope;
            result.push({
              ...r,
              host: c.from,
              scope: typeof scope === 'string' && scope.length > 0 ? scope : c.from,
              path: down,
            });
          }
          next.push({ node: c.from, path: down });
        }
      }
      frontier = next;
    }
    return result;
  }

  private controlCache: Map<string, PrincipalReach> | undefined;

  /** Inside identities an external principal can act as, with the chain that gets it there (shortest first). */
  private externalControl(): Map<string, PrincipalReach> {
    if (this.controlCache) return this.controlCache;
    const control = new Map<string, PrincipalReach>();
    let frontier: PrincipalReach[] = this.ofKind('external-principal').map((a) => ({
      principalId: a.id,
      chain: [],
    }));
    const at = (r: PrincipalReach) =>
      r.chain.length === 0 ? r.principalId : (r.chain[r.chain.length - 1]?.to ?? r.principalId);
    for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
      const next: PrincipalReach[] = [];
      for (const r of frontier) {
        for (const e of this.out(at(r), ['can-assume', 'member-of'])) {
          if (control.has(e.to) || this.isExternal(e.to)) continue;
          const reach = { principalId: r.principalId, chain: [...r.chain, e] };
          control.set(e.to, reach);
          next.push(reach);
        }
      }
      frontier = next;
    }
    this.controlCache = control;
    return control;
  }

  /** The internet reaches the asset: an exposed-to-internet edge or the `publicNetworkAccess` fact. */
  internetExposure(id: string): { exposed: boolean; edges: IndexedEdge[] } {
    const edges = this.in(id, 'exposed-to-internet');
    const fact = this.fact(this.asset(id), 'publicNetworkAccess');
    return { exposed: edges.length > 0 || fact === true, edges: [...edges] };
  }

  reachableFromInternet(id: string): boolean {
    return this.internetExposure(id).exposed;
  }

  /** Reachable from outside: the internet, or an external principal that can invoke it. */
  outsideReach(id: string): { reachable: boolean; edges: IndexedEdge[]; related: string[] } {
    const internet = this.internetExposure(id);
    const external = this.externalWith(id, 'can-invoke');
    return {
      reachable: internet.exposed || external.length > 0,
      edges: [...internet.edges, ...external.flatMap((r) => r.chain)],
      related: external.map((r) => r.principalId),
    };
  }

  /**
   * Customer-managed-key encryption: the normalised `encryption.cmk` fact when a connector sets it,
   * otherwise an encrypted-by edge to a key whose manager is the customer.
   */
  cmk(asset: AssetRecord): { cmk: boolean; keyId?: string; edges: IndexedEdge[] } {
    const fact = this.fact(asset, 'encryption') as { cmk?: unknown; keyId?: unknown } | undefined;
    if (fact && typeof fact.cmk === 'boolean') {
      return { cmk: fact.cmk, ...(typeof fact.keyId === 'string' ? { keyId: fact.keyId } : {}), edges: [] };
    }
    const edges = this.out(asset.id, 'encrypted-by');
    for (const e of edges) {
      const key = this.asset(e.to);
      const manager = this.factsOf(key, 'key')?.keyManager;
      // An edge to a key we did not import still names a customer key: AWS-owned keys have no ARN to point to.
      if (!key || manager === undefined || manager === 'CUSTOMER')
        return { cmk: true, keyId: e.to, edges: [e] };
    }
    return { cmk: false, edges: [...edges] };
  }

  /** A data store that holds training data, model artifacts or knowledge-base documents. */
  isAiDataStore(id: string): boolean {
    const cached = this.aiDataCache.get(id);
    if (cached !== undefined) return cached;
    const result = this.aiDataEdges(id).length > 0;
    this.aiDataCache.set(id, result);
    return result;
  }

  /** The lineage edges that make a store AI data (who trains on, reads or writes it). */
  aiDataEdges(id: string): IndexedEdge[] {
    return this.in(id, ['trained-on', 'reads-from', 'writes-to']).filter((e) =>
      AI_KINDS.has(this.asset(e.from)?.kind ?? ''),
    ) as IndexedEdge[];
  }

  /** The identities the store's own pipeline runs as: jobs, knowledge bases and models that use it. */
  pipelineIdentities(storeId: string): Set<string> {
    const ids = new Set<string>();
    for (const e of this.in(storeId, ['trained-on', 'reads-from', 'writes-to'])) {
      const users = [e.from];
      // A model's training data is written by the job that produced it.
      for (const p of this.out(e.from, 'produced-by')) users.push(p.to);
      for (const u of users) for (const r of this.out(u, 'runs-as')) ids.add(r.to);
    }
    return ids;
  }

  isSensitive(asset: AssetRecord): boolean {
    return hasSensitiveTags(asset) || this.fact(asset, 'dataClassification') === 'sensitive';
  }

  agentIdentities(agentId: string) {
    return agentIdentities(this, agentId);
  }

  agentWriteGrants(agentId: string) {
    return agentWriteGrants(this, agentId);
  }

  isAiAsset(asset: AssetRecord): boolean {
    return AI_KINDS.has(asset.kind) || (asset.kind === 'data-store' && this.isAiDataStore(asset.id));
  }
}

export function edgeEvidence(edges: readonly IndexedEdge[]): EvidenceEdge[] {
  const seen = new Set<string>();
  const out: EvidenceEdge[] = [];
  for (const e of edges) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push({
      id: e.id,
      kind: e.kind,
      from: e.from,
      to: e.to,
      ...(Object.keys(e.properties ?? {}).length > 0 ? { properties: e.properties } : {}),
    });
  }
  return out;
}
