import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Checks simulated ARM objects against the models of the official `@azure/arm-*` SDK packages: each package
 * ships its AutoRest mappers (`models/mappers.js`), which name every property's wire name (`serializedName`,
 * dotted when the SDK flattens `properties.x`), its type and the model it nests. A field no mapper names is
 * reported with its path.
 */

interface MapperType {
  name: string;
  className?: string;
  modelProperties?: Record<string, Mapper>;
  additionalProperties?: unknown;
  polymorphicDiscriminator?: { serializedName: string };
  uberParent?: string;
  element?: Mapper;
  value?: Mapper;
}
interface Mapper {
  serializedName?: string;
  type: MapperType;
}
export interface Mappers {
  models: Record<string, Mapper>;
  discriminators: Record<string, Mapper>;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Mappers>();

/**
 * The mappers of an `@azure/arm-*` package. They are not in the package's export map, so they are read from
 * its files: the CommonJS build of current packages, or the ES-module build of older ones (copied to an
 * `.mjs` file so Node loads it as what it is).
 */
export async function loadMappers(pkg: string): Promise<Mappers> {
  const cached = cache.get(pkg);
  if (cached) return cached;
  const root = dirname(require.resolve(`${pkg}/package.json`));
  let mod: Record<string, unknown>;
  const cjs = join(root, 'dist/commonjs/models/mappers.js');
  const esm = join(root, 'dist-esm/src/models/mappers.js');
  if (existsSync(cjs)) mod = require(cjs) as Record<string, unknown>;
  else if (existsSync(esm)) {
    // Data only (`export const X = {…}`, no imports): evaluated as such rather than through the test
    // runner's module transform.
    const source = readFileSync(esm, 'utf8');
    if (/^\s*import\s/m.test(source)) throw new Error(`${esm} imports modules; load it another way`);
    mod = {};
    new Function('exports', source.replace(/^export (const|let|var) (\w+)\s*=/gm, '$1 $2 = exports.$2 ='))(
      mod,
    );
  } else throw new Error(`${pkg} ships no models/mappers.js where expected`);
  const models: Record<string, Mapper> = {};
  for (const [k, v] of Object.entries(mod))
    if (v && typeof v === 'object' && 'type' in v) models[k] = v as Mapper;
  const mappers = { models, discriminators: (mod.discriminators ?? {}) as Record<string, Mapper> };
  cache.set(pkg, mappers);
  return mappers;
}

/** The model's wire names as a tree: `properties.provisioningState` nests under `properties`. */
type WireTree = Map<string, Mapper | WireTree>;

function wireTree(properties: Record<string, Mapper>): WireTree {
  const tree: WireTree = new Map();
  for (const prop of Object.values(properties)) {
    if (!prop.serializedName) continue;
    const parts = prop.serializedName.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part);
      if (!(next instanceof Map)) {
        next = new Map();
        node.set(part, next);
      }
      node = next;
    }
    node.set(parts[parts.length - 1] as string, prop);
  }
  return tree;
}

function composite(mappers: Mappers, mapper: Mapper): Mapper {
  const named = mapper.type.className ? mappers.models[mapper.type.className] : undefined;
  return named ?? mapper;
}

/** Problems (`path: message`) in a JSON value for a mapper (by model name or mapper). */
export function checkArm(value: unknown, model: string | Mapper, mappers: Mappers, path = ''): string[] {
  const out: string[] = [];
  const mapper = typeof model === 'string' ? mappers.models[model] : model;
  if (!mapper) return [`${path || '(body)'}: no model ${String(model)} in the mappers`];
  walk(value, mapper, path, mappers, out);
  return out;
}

function walk(value: unknown, mapper: Mapper, path: string, mappers: Mappers, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (mapper.type.name) {
    case 'Composite': {
      let model = composite(mappers, mapper);
      const discriminator = model.type.polymorphicDiscriminator;
      if (discriminator && typeof value === 'object') {
        const kind = (value as Record<string, unknown>)[discriminator.serializedName];
        // As core-client resolves it: under the root of the hierarchy, else under the model itself (AutoRest gives
        // some bases, e.g. Azure ML's DatastoreProperties, an uberParent their subtypes are not filed under).
        const concrete =
          mappers.discriminators[`${model.type.uberParent ?? model.type.className}.${kind}`] ??
          mappers.discriminators[`${model.type.className}.${kind}`];
        if (concrete) model = concrete;
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push(`${path || '(body)'}: expected an object (${model.type.className})`);
        return;
      }
      walkTree(
        value as Record<string, unknown>,
        wireTree(model.type.modelProperties ?? {}),
        model,
        path,
        mappers,
        out,
      );
      return;
    }
    case 'Sequence':
      if (!Array.isArray(value)) out.push(`${path}: expected a list`);
      else if (mapper.type.element)
        value.forEach((item, i) => {
          walk(item, mapper.type.element as Mapper, `${path}[${i}]`, mappers, out);
        });
      return;
    case 'Dictionary':
      if (typeof value !== 'object' || Array.isArray(value)) out.push(`${path}: expected a map`);
      else if (mapper.type.value)
        for (const [k, v] of Object.entries(value as Record<string, unknown>))
          walk(v, mapper.type.value, `${path}{${k}}`, mappers, out);
      return;
    case 'Object':
      return;
    default:
      if (typeof value === 'object') out.push(`${path}: expected a ${mapper.type.name}, got an object`);
  }
}

function walkTree(
  value: Record<string, unknown>,
  tree: WireTree,
  model: Mapper,
  path: string,
  mappers: Mappers,
  out: string[],
): void {
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const node = tree.get(key);
    if (node instanceof Map) {
      if (child && typeof child === 'object' && !Array.isArray(child))
        walkTree(child as Record<string, unknown>, node, model, at, mappers, out);
      else if (child !== null && child !== undefined) out.push(`${at}: expected an object`);
    } else if (node) walk(child, node, at, mappers, out);
    else if (!model.type.additionalProperties) out.push(`${at}: not in model ${model.type.className}`);
  }
}
