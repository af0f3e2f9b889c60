import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Compiles an OCSF event class from the OCSF metaschema source (dictionary, categories, events, objects,
 * profiles) into JSON Schema, the way the OCSF server resolves it: `extends` chains, `$include`d profiles,
 * dictionary types and enums, object constraints. Unknown attributes are refused (`additionalProperties: false`),
 * so a field OCSF does not define (e.g. `finding_info.name`) fails validation.
 */

interface OcsfAttr {
  type?: string;
  is_array?: boolean;
  requirement?: string;
  enum?: Record<string, unknown>;
  [k: string]: unknown;
}
interface OcsfEntity {
  name: string;
  extends?: string;
  category?: string;
  uid?: number;
  attributes: Record<string, OcsfAttr | string[]>;
  constraints?: { at_least_one?: string[]; just_one?: string[] };
}
type JsonSchema = Record<string, unknown>;

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : [],
  );
}

export function compileOcsfClass(
  root: string,
  className: string,
  appliedProfiles: readonly string[],
): JsonSchema {
  const dictionary = read(join(root, 'dictionary.json'));
  const dictAttrs: Record<string, OcsfAttr> = dictionary.attributes;
  const types: Record<string, { type?: string; regex?: string; max_len?: number; range?: [number, number] }> =
    dictionary.types.attributes;
  const categories: Record<string, { uid: number }> = read(join(root, 'categories.json')).attributes;
  const events = new Map<string, OcsfEntity>(
    filesUnder(join(root, 'events')).map((f) => {
      const e = read(f) as OcsfEntity;
      return [e.name, e];
    }),
  );
  const objectFiles = new Map<string, OcsfEntity>(
    filesUnder(join(root, 'objects')).map((f) => {
      const o = read(f) as OcsfEntity;
      return [o.name, o];
    }),
  );

  /** Own attributes plus `$include`d profiles (required only when the profile is applied). */
  function ownAttributes(entity: OcsfEntity): Record<string, OcsfAttr> {
    const out: Record<string, OcsfAttr> = {};
    const includes = (entity.attributes.$include as string[] | undefined) ?? [];
    for (const inc of includes) {
      const profile = read(resolve(root, inc)) as OcsfEntity & { name: string };
      const applied = appliedProfiles.includes(profile.name);
      for (const [k, v] of Object.entries(profile.attributes)) {
        if (k.startsWith('$')) continue;
        const attr = v as OcsfAttr;
        out[k] = { ...attr, requirement: applied ? attr.requirement : 'optional' };
      }
    }
    for (const [k, v] of Object.entries(entity.attributes))
      if (!k.startsWith('$')) out[k] = { ...out[k], ...(v as OcsfAttr) };
    return out;
  }

  function resolved(
    entity: OcsfEntity,
    lookup: Map<string, OcsfEntity>,
  ): { attrs: Record<string, OcsfAttr>; constraints: OcsfEntity['constraints'] } {
    const parent = entity.extends ? lookup.get(entity.extends) : undefined;
    if (entity.extends && !parent && entity.extends !== 'object')
      throw new Error(`OCSF: ${entity.name} extends unknown ${entity.extends}`);
    const base = parent ? resolved(parent, lookup) : { attrs: {}, constraints: undefined };
    const own = ownAttributes(entity);
    const attrs: Record<string, OcsfAttr> = { ...base.attrs };
    for (const [k, v] of Object.entries(own)) attrs[k] = { ...attrs[k], ...v };
    return { attrs, constraints: entity.constraints ?? base.constraints };
  }

  const defs: Record<string, JsonSchema> = {};

  function primitive(type: string): JsonSchema {
    let t = type;
    const extra: JsonSchema = {};
    for (let i = 0; i < 5; i++) {
      const def = types[t];
      if (!def) break;
      if (def.regex && extra.pattern === undefined) extra.pattern = def.regex;
      if (def.max_len && extra.maxLength === undefined) extra.maxLength = def.max_len;
      if (def.range) Object.assign(extra, { minimum: def.range[0], maximum: def.range[1] });
      if (!def.type) break;
      t = def.type;
    }
    switch (t) {
      case 'string_t':
        return { type: 'string', ...extra };
      case 'integer_t':
      case 'long_t':
        return { type: 'integer', ...extra };
      case 'float_t':
        return { type: 'number', ...extra };
      case 'boolean_t':
        return { type: 'boolean' };
      case 'json_t':
        return {};
      default:
        throw new Error(`OCSF: unknown type ${type}`);
    }
  }

  function attributeSchema(name: string, attr: OcsfAttr): JsonSchema {
    const dict = dictAttrs[name] ?? {};
    const type = attr.type ?? dict.type;
    if (!type) throw new Error(`OCSF: attribute ${name} has no type`);
    let schema: JsonSchema;
    if (type === 'object') schema = { type: 'object' };
    else if (type.endsWith('_t')) schema = primitive(type);
    else schema = objectRef(type);
    const values = { ...(dict.enum ?? {}), ...(attr.enum ?? {}) };
    if (Object.keys(values).length && schema.type === 'integer')
      schema = { ...schema, enum: Object.keys(values).map(Number) };
    const isArray = attr.is_array ?? dict.is_array;
    return isArray ? { type: 'array', items: schema } : schema;
  }

  function entitySchema(attrs: Record<string, OcsfAttr>, constraints: OcsfEntity['constraints']): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(attrs)) properties[k] = attributeSchema(k, v);
    const required = Object.entries(attrs)
      .filter(([, v]) => v.requirement === 'required')
      .map(([k]) => k);
    const schema: JsonSchema = { type: 'object', properties, additionalProperties: false, required };
    if (constraints?.at_least_one) schema.anyOf = constraints.at_least_one.map((k) => ({ required: [k] }));
    if (constraints?.just_one) schema.oneOf = constraints.just_one.map((k) => ({ required: [k] }));
    return schema;
  }

  function objectRef(name: string): JsonSchema {
    if (!defs[name]) {
      const entity = objectFiles.get(name);
      if (!entity) throw new Error(`OCSF: unknown object ${name}`);
      defs[name] = {}; // placeholder: objects refer to themselves (e.g. process.parent_process)
      const { attrs, constraints } = resolved(entity, objectFiles);
      defs[name] = entitySchema(attrs, constraints);
    }
    return { $ref: `#/$defs/${name}` };
  }

  const cls = events.get(className);
  if (!cls?.uid) throw new Error(`OCSF: no event class ${className}`);
  let category = cls.category;
  for (let e: OcsfEntity | undefined = cls; !category && e?.extends; ) {
    e = events.get(e.extends);
    category = e?.category;
  }
  const categoryUid = category ? categories[category]?.uid : undefined;
  if (categoryUid === undefined) throw new Error(`OCSF: no category for ${className}`);
  const classUid = categoryUid * 1000 + cls.uid;
  const { attrs, constraints } = resolved(cls, events);
  const schema = entitySchema(attrs, constraints);
  const properties = schema.properties as Record<string, JsonSchema>;
  const activities = (properties.activity_id?.enum as number[] | undefined) ?? [];
  properties.category_uid = { const: categoryUid };
  properties.class_uid = { const: classUid };
  properties.type_uid = { enum: activities.map((a) => classUid * 100 + a) };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `ocsf:${className}`,
    ...schema,
    $defs: defs,
  };
}
