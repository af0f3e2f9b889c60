/** Reads a dotted path from parsed JSON; undefined when any step is missing. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * A `google.protobuf.Value` / `Struct` as gax fallback mode decodes it (`{structValue: {fields: …}}`, `{stringValue}`,
 * …) → plain JSON. Plain JSON passes through unchanged, so recorded REST payloads read the same.
 */
export function fromProtoValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromProtoValue);
  const o = v as Record<string, unknown>;
  if ('structValue' in o && o.structValue !== null && o.structValue !== undefined)
    return fromProtoValue(o.structValue);
  if ('listValue' in o && o.listValue && typeof o.listValue === 'object')
    return ((o.listValue as { values?: unknown[] }).values ?? []).map(fromProtoValue);
  if ('stringValue' in o && typeof o.stringValue === 'string') return o.stringValue;
  if ('numberValue' in o && typeof o.numberValue === 'number') return o.numberValue;
  if ('boolValue' in o && typeof o.boolValue === 'boolean') return o.boolValue;
  if ('nullValue' in o && (o.kind === 'nullValue' || Object.keys(o).length === 1)) return null;
  if ('fields' in o && o.fields && typeof o.fields === 'object' && Object.keys(o).length <= 1) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o.fields as Record<string, unknown>)) out[k] = fromProtoValue(x);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = fromProtoValue(x);
  return out;
}
