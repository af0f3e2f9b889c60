import type { AssetKind, AssetRecord, FactsOf, Provider } from '@aispm/core';
import { deriveFacts, externalPrincipalId, internetAsset } from '@aispm/core';

/**
 * JSON-safe copy for asset properties: Dates become ISO strings, undefined values are dropped, so the content
 * hash only changes when the resource does.
 */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) return value.map(jsonSafe).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata') continue;
      const safe = jsonSafe(v);
      if (safe !== undefined) out[k] = safe;
    }
    return out;
  }
  return value;
}

export function properties(value: Record<string, unknown>): Record<string, unknown> {
  return jsonSafe(value) as Record<string, unknown>;
}

/** SDK tag lists come as `[{Key, Value}]`, `[{key, value}]` or maps; assets keep a plain map. */
export function tagMap(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (!t || typeof t !== 'object') continue;
      const rec = t as Record<string, unknown>;
      const key = rec.Key ?? rec.key;
      const value = rec.Value ?? rec.value;
      if (typeof key === 'string') out[key] = typeof value === 'string' ? value : '';
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export interface AssetInput {
  id: string;
  kind: AssetKind;
  accountId: string;
  region: string;
  name: string;
  nativeType: string;
  properties: Record<string, unknown>;
  tags?: Record<string, string> | null | undefined;
  /**
   * Facts the normaliser read itself (an UnknownFact when a read failed); the rest are derived from `properties`.
   * Typed by kind, so a normaliser cannot set a fact its kind does not have.
   */
  facts?: Partial<FactsOf<AssetKind>>;
}

/**
 * An asset record as every connector emits it: JSON-safe properties with the kind's provider-neutral facts under
 * `properties.facts` (set by the normaliser or derived from the raw properties), a plain tag map, a region always set.
 */
export function cloudAsset(provider: Provider, a: AssetInput): AssetRecord {
  const raw = properties(a.properties);
  const facts = jsonSafe({ ...deriveFacts(a.kind, raw), ...(a.facts ?? {}) });
  return {
    id: a.id,
    kind: a.kind,
    provider,
    accountId: a.accountId,
    region: a.region || 'global',
    name: a.name,
    nativeType: a.nativeType,
    properties: { ...raw, facts },
    tags: { ...(a.tags ?? {}) },
  };
}

/**
 * The asset with more raw properties and its derived facts computed again from them: for a normaliser that learns
 * something about an asset after building it (an identity's role grants), so its facts never go stale.
 */
export function withProperties(asset: AssetRecord, extra: Record<string, unknown>): AssetRecord {
  const { facts: _derived, ...raw } = asset.properties;
  return cloudAsset(asset.provider, { ...asset, properties: { ...raw, ...extra } });
}

/** The attack-path entry point that stands for the public internet (its facts derived like any asset's). */
export function internetAssetOf(provider: Provider): AssetRecord {
  return cloudAsset(provider, internetAsset(provider));
}

/** A principal outside the organisation (a foreign account, `*`, `allUsers`, a foreign tenant's group). */
export function externalPrincipalAssetOf(
  provider: Provider,
  principal: string,
  facts: { public: boolean } & Record<string, unknown>,
): AssetRecord {
  return cloudAsset(provider, {
    id: externalPrincipalId(provider, principal),
    kind: 'external-principal',
    accountId: 'global',
    region: 'global',
    name: principal,
    nativeType: 'aispm::ExternalPrincipal',
    properties: { principal, ...facts },
  });
}
