import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.ts';

export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/schema.prisma');

/** A database shape reduced to what both sides can state: tables, columns and indexes. */
export interface Shape {
  columns: Map<string, string>; // "table.column" → "type null|notnull default|nodefault"
  indexes: Map<string, string>; // "table.index" → "unique|index method (col [DESC], …)"
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  dbName?: string | null;
  algorithm?: string | null;
  fields: { name: string; sortOrder?: 'asc' | 'desc' | null; operatorClass?: string | null }[];
}

function columnType(f: DmmfField): string {
  const native = f.nativeType?.[0];
  let base: string;
  switch (f.type) {
    case 'String':
      base = native === 'Uuid' ? 'uuid' : 'text';
      break;
    case 'Int':
      base = 'integer';
      break;
    case 'BigInt':
      base = 'bigint';
      break;
    case 'Float':
      base = 'double precision';
      break;
    case 'Boolean':
      base = 'boolean';
      break;
    case 'Json':
      base = 'jsonb';
      break;
    case 'Bytes':
      base = 'bytea';
      break;
    case 'DateTime':
      base = native === 'Timestamptz' ? `timestamptz(${f.nativeType?.[1][0] ?? 6})` : 'timestamp(3)';
      break;
    default:
      throw new Error(`drift check does not know Prisma type ${f.type}`);
  }
  return f.isList ? `${base}[]` : base;
}

/** The shape schema.prisma describes, following Prisma's Postgres naming conventions. */
export async function shapeFromSchema(schemaText = readFileSync(SCHEMA_PATH, 'utf8')): Promise<Shape> {
  const { getDMMF } = await import('@prisma/internals');
  const dmmf = (await getDMMF({ datamodel: schemaText })) as unknown as {
    datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
  };
  const shape: Shape = { columns: new Map(), indexes: new Map() };
  const tables = new Map<string, { table: string; columns: Map<string, string> }>();
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const columns = new Map<string, string>();
    for (const f of model.fields) {
      if (f.kind === 'object') continue;
      const column = f.dbName ?? f.name;
      columns.set(f.name, column);
      // Prisma never marks scalar lists NOT NULL.
      const nullable = f.isList || !f.isRequired ? 'null' : 'notnull';
      const hasDefault =
        f.hasDefaultValue &&
        !(
          typeof f.default === 'object' &&
          f.default &&
          'name' in f.default &&
          (f.default as { name: string }).name === 'uuid'
        );
      shape.columns.set(
        `${table}.${column}`,
        `${columnType(f)} ${nullable} ${hasDefault ? 'default' : 'nodefault'}`,
      );
    }
    tables.set(model.name, { table, columns });
  }
  for (const idx of dmmf.datamodel.indexes) {
    const t = tables.get(idx.model);
    if (!t) continue;
    const cols = idx.fields.map((f) => t.columns.get(f.name) ?? f.name);
    const suffix = idx.type === 'id' ? 'pkey' : idx.type === 'unique' ? 'key' : 'idx';
    const name =
      idx.dbName ?? (idx.type === 'id' ? `${t.table}_pkey` : `${t.table}_${cols.join('_')}_${suffix}`);
    const method = (idx.algorithm ?? 'BTree').toLowerCase();
    const parts = idx.fields.map(
      (f, i) =>
        `${cols[i]}${f.operatorClass ? ` ${f.operatorClass.toLowerCase()}` : ''}${f.sortOrder === 'desc' ? ' DESC' : ''}`,
    );
    const unique = idx.type === 'normal' ? 'index' : 'unique';
    shape.indexes.set(`${t.table}.${name}`, `${unique} ${method} (${parts.join(', ')})`);
  }
  return shape;
}

/** The shape of the live database (public schema), ignoring Prisma's bookkeeping table. */
export async function shapeFromDatabase(sql: Sql): Promise<Shape> {
  const shape: Shape = { columns: new Map(), indexes: new Map() };
  const columns = await sql.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    datetime_precision: number | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.datetime_precision
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`,
  );
  for (const c of columns) {
    const scalar = (udt: string, dataType: string): string => {
      switch (udt) {
        case 'text':
        case 'uuid':
        case 'jsonb':
        case 'bytea':
          return udt;
        case 'int4':
          return 'integer';
        case 'int8':
          return 'bigint';
        case 'float8':
          return 'double precision';
        case 'bool':
          return 'boolean';
        case 'timestamptz':
          return `timestamptz(${c.datetime_precision})`;
        case 'timestamp':
          return `timestamp(${c.datetime_precision})`;
        default:
          return dataType;
      }
    };
    const type =
      c.data_type === 'ARRAY'
        ? `${scalar(c.udt_name.replace(/^_/, ''), '')}[]`
        : scalar(c.udt_name, c.data_type);
    const nullable = c.is_nullable === 'YES' ? 'null' : 'notnull';
    shape.columns.set(
      `${c.table_name}.${c.column_name}`,
      `${type} ${nullable} ${c.column_default === null ? 'nodefault' : 'default'}`,
    );
  }
  const indexes = await sql.query<{
    table: string;
    name: string;
    unique: boolean;
    method: string;
    def: string;
  }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, am.amname AS method, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
  );
  for (const idx of indexes) {
    const inner = idx.def.slice(idx.def.lastIndexOf('(') + 1, idx.def.lastIndexOf(')'));
    const parts = inner.split(',').map((p) => p.trim().replace(/"/g, ''));
    shape.indexes.set(
      `${idx.table}.${idx.name}`,
      `${idx.unique ? 'unique' : 'index'} ${idx.method} (${parts.join(', ')})`,
    );
  }
  return shape;
}

/** Human-readable differences; empty when the two shapes agree. */
export function diffShapes(expected: Shape, actual: Shape): string[] {
  const out: string[] = [];
  for (const [what, map, other] of [
    ['column', expected.columns, actual.columns],
    ['index', expected.indexes, actual.indexes],
  ] as const) {
    for (const [key, value] of map) {
      const found = other.get(key);
      if (found === undefined)
        out.push(`${what} ${key} is in schema.prisma but not in the migrations (${value})`);
      else if (found !== value)
        out.push(`${what} ${key}: schema.prisma says "${value}", migrations give "${found}"`);
    }
    for (const [key, value] of other) {
      if (!map.has(key)) out.push(`${what} ${key} is in the migrations but not in schema.prisma (${value})`);
    }
  }
  return out.sort();
}
