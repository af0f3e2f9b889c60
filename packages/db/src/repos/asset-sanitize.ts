import type { AssetRecord } from '@aispm/core';

/** Largest serialized `properties` kept per asset; larger ones are cut value by value, and marked. */
export const MAX_PROPERTIES_BYTES = 256 * 1024;
/** A single property value larger than this is replaced by a marker when the whole object is over the cap. */
const MAX_VALUE_BYTES = 16 * 1024;
/** Key added to properties that were cut, so evidence readers know something is missing. */
export const TRUNCATED_KEY = 'aispmTruncated';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Postgres jsonb and text refuse NUL; a cloud that returns one must not make the whole batch fail. */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]),
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
