import type { AssetRecord, EdgeRecord } from '@aispm/core';

/** Largest serialized `properties` kept per asset; larger ones are cut value by value, and marked. */
export const MAX_PROPERTIES_BYTES = 256 * 1024;
/** A single property value larger than this is replaced by a marker when the whole object is over the cap. */
const MAX_VALUE_BYTES = 16 * 1024;
/** Key added to properties that were cut, so evidence readers know something is missing. */
export const TRUNCATED_KEY = 'aispmTruncated';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a NUL hides anywhere in the value: a walk that allocates nothing, as almost nothing has one. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (isPlainObject(value)) {
    for (const key in value) if (key.includes('\u0000') || hasNul(value[key])) return true;
  }
  return false;
}

/** Postgres jsonb and text refuse NUL; a cloud that returns one must not make the whole batch fail. */
function withoutNul<T>(value: T): T {
  return hasNul(value) ? (replaceNul(value) as T) : value;
}

function replaceNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  if (Array.isArray(value)) return value.map(replaceNul);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [replaceNul(k) as string, replaceNul(v)]),
    );
  }
  return value;
}

function capProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const size = Buffer.byteLength(JSON.stringify(properties));
  if (size <= MAX_PROPERTIES_BYTES) return properties;
  const cut: Record<string, unknown> = {};
  const dropped: string[] = [];
  let total = 0;
  // The provider-neutral facts are what rules read: they are kept whole, the raw evidence beside them is cut.
  if (properties.facts !== undefined) {
    cut.facts = properties.facts;
    total += Buffer.byteLength(JSON.stringify(properties.facts) ?? '');
  }
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'facts') continue;
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
    if (bytes > MAX_VALUE_BYTES || total + bytes > MAX_PROPERTIES_BYTES - MAX_VALUE_BYTES) {
      dropped.push(key);
      continue;
    }
    cut[key] = value;
    total += bytes;
  }
  cut[TRUNCATED_KEY] = { originalBytes: size, droppedKeys: dropped.slice(0, 100) };
  return cut;
}

/**
 * What the graph writer stores for an asset, whatever a connector (or a direct caller) handed it: properties a
 * JSON object within the size cap (cut and marked when larger), tag values strings, no NUL anywhere. The API
 * serves these rows with strict schemas; a malformed row would otherwise turn the asset page into a 500.
 */
export function storableAsset(a: AssetRecord): AssetRecord {
  const rawProperties = a.properties as unknown;
  const properties = isPlainObject(rawProperties)
    ? rawProperties
    : { [TRUNCATED_KEY]: { reason: 'properties were not a JSON object', type: typeof rawProperties } };
  const rawTags = a.tags as unknown;
  const tags: Record<string, string> = {};
  if (isPlainObject(rawTags)) {
    for (const [k, v] of Object.entries(rawTags)) {
      tags[k] = typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
    }
  }
  const clean = withoutNul({ ...a, properties: capProperties(properties), tags }) as AssetRecord;
  return clean;
}

/** What the graph writer stores for an edge: the same rules as for assets (a JSON object, no NUL anywhere). */
export function storableEdge(e: EdgeRecord): EdgeRecord {
  const raw = e.properties as unknown;
  const properties = isPlainObject(raw)
    ? capProperties(raw)
    : { [TRUNCATED_KEY]: { reason: 'properties were not a JSON object', type: typeof raw } };
  return withoutNul({ ...e, properties }) as EdgeRecord;
}
