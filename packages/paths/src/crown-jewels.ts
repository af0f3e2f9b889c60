import type { AssetRecord, EdgeRecord } from '@aispm/core';
import type { GraphIndex, IndexedEdge } from './graph-index.ts';

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

/**
 * What an attacker who controls an asset's data (by writing what it is trained on or retrieves) has poisoned:
 * the model, the endpoints serving it, the agents answering from it. Undefined for assets where poisoned data
 * ends its course without a consumer worth naming (jobs, knowledge bases pass it on).
 */
export function poisonedJewel(asset: AssetRecord, jewel: CrownJewel | undefined): CrownJewel | undefined {
  switch (asset.kind) {
    case 'model':
      return { impact: Math.max(8, jewel?.impact ?? 0), reason: 'model trained on or serving poisoned data' };
    case 'inference-endpoint':
      return { impact: 8, reason: 'endpoint serving a model built from poisoned data' };
    case 'agent':
      return {
        impact: Math.max(8, jewel?.impact ?? 0),
        reason: `agent answering from poisoned data${jewel ? ` (${jewel.reason})` : ''}`,
      };
    default:
      return jewel;
  }
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
