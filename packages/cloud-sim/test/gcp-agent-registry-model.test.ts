import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGcp } from './gcp-server.ts';

/**
 * Agent Registry has no protobuf model in an installed package: its official Node model is the typed discovery
 * client in `googleapis` (`build/src/apis/agentregistry/v1.d.ts`). That file is parsed with the TypeScript compiler
 * and every simulated field is held to the `Schema$…` interface it belongs to, recursively: a field the model does
 * not have fails, and so does a value of the wrong JSON type.
 */

type FieldType =
  | { kind: 'scalar'; type: 'string' | 'number' | 'boolean' }
  | { kind: 'message'; name: string }
  | { kind: 'array'; of: FieldType }
  | { kind: 'map'; of: FieldType }
  | { kind: 'any' };

type Model = Map<string, Map<string, FieldType>>;

function loadModel(): Model {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('googleapis/package.json'));
  const file = join(root, 'build/src/apis/agentregistry/v1.d.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const model: Model = new Map();
  const typeOf = (node: ts.TypeNode): FieldType => {
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.filter(
        (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      return parts.length === 1 ? typeOf(parts[0] as ts.TypeNode) : { kind: 'any' };
    }
    if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'scalar', type: 'string' };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'scalar', type: 'number' };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'scalar', type: 'boolean' };
    if (ts.isArrayTypeNode(node)) return { kind: 'array', of: typeOf(node.elementType) };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (name === 'Array' && node.typeArguments?.[0])
        return { kind: 'array', of: typeOf(node.typeArguments[0]) };
      return name.startsWith('Schema$') ? { kind: 'message', name } : { kind: 'any' };
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      return index ? { kind: 'map', of: typeOf(index.type) } : { kind: 'any' };
    }
    return { kind: 'any' };
  };
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text.startsWith('Schema$')) {
      const fields = new Map<string, FieldType>();
      for (const m of node.members)
        if (ts.isPropertySignature(m) && m.type)
          fields.set(m.name.getText(source).replace(/^'|'$/g, ''), typeOf(m.type));
      model.set(node.name.text, fields);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return model;
}

function checkValue(model: Model, value: unknown, type: FieldType, at: string, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'any':
      return;
    case 'scalar':
      if (typeof value !== type.type) out.push(`${at}: expected ${type.type}, got ${typeof value}`);
      return;
    case 'array':
      if (!Array.isArray(value)) out.push(`${at}: expected an array`);
      else
        value.forEach((v, i) => {
          checkValue(model, v, type.of, `${at}[${i}]`, out);
        });
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) out.push(`${at}: expected an object`);
      else for (const [k, v] of Object.entries(value)) checkValue(model, v, type.of, `${at}{${k}}`, out);
      return;
    case 'message': {
      const fields = model.get(type.name);
      if (!fields) {
        out.push(`${at}: ${type.name} is not in the model`);
        return;
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push(`${at || '(body)'}: expected an object (${type.name})`);
        return;
      }
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const field = fields.get(key);
        const path = at ? `${at}.${key}` : key;
        if (!field) out.push(`${path}: not a field of ${type.name}`);
        else checkValue(model, child, field, path, out);
      }
    }
  }
}

function check(model: Model, value: unknown, schema: string): string[] {
  const out: string[] = [];
  checkValue(model, value, { kind: 'message', name: `Schema$${schema}` }, '', out);
  return out;
}

const LISTS: Record<string, string> = {
  agents: 'ListAgentsResponse',
  mcpServers: 'ListMcpServersResponse',
  bindings: 'ListBindingsResponse',
};

describe('Agent Registry simulator responses against the googleapis agentregistry v1 model', () => {
  const model = loadModel();
  let sim: Awaited<ReturnType<typeof startGcp>>;
  let token = '';
  const call = async (path: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${sim.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    sim = await startGcp({ seed: 11, scale: 'small' });
    token = (await sim.authClient.getAccessToken()).token ?? '';
  });
  afterAll(async () => {
    await sim.close();
  });

  it('reads the model from the installed googleapis package and catches invented or mistyped fields', () => {
    expect(model.get('Schema$Annotations')?.has('openWorldHint')).toBe(true);
    expect(
      check(model, { name: 'n', tools: [{ name: 't', annotations: { readOnlyHint: true } }] }, 'McpServer'),
    ).toEqual([]);
    expect(
      check(
        model,
        { name: 'n', tools: [{ name: 't', annotations: { readOnly: true, openWorldHint: 'yes' } }] },
        'McpServer',
      ),
    ).toEqual([
      'tools[0].annotations.readOnly: not a field of Schema$Annotations',
      'tools[0].annotations.openWorldHint: expected boolean, got string',
    ]);
    expect(check(model, { source: { identifier: 'a' }, target: { urn: 'b' } }, 'Binding')).toEqual([
      'target.urn: not a field of Schema$Target',
    ]);
  });

  it('serves every agent, MCP server and binding list page with only the fields of its message', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const key of Object.keys(sim.state.collections)) {
      const collection = key.split('/').pop() as string;
      const schema = LISTS[collection];
      if (!schema) continue;
      seen.add(collection);
      let pageToken: string | undefined;
      do {
        const body = await call(`/v1/${key}${pageToken ? `?pageToken=${pageToken}` : ''}`);
        problems.push(...check(model, body, schema).map((p) => `${key} ${p}`));
        pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined;
      } while (pageToken);
    }
    expect([...seen].sort()).toEqual(Object.keys(LISTS).sort());
    expect(problems).toEqual([]);
  });

  it('answers the tools the exfiltration pair is made of with the MCP annotations of the model', async () => {
    const key = Object.keys(sim.state.collections).find((k) => k.endsWith('/mcpServers')) as string;
    const servers = sim.state.collections[key] ?? [];
    const hints = servers.flatMap((s) =>
      (s.tools as { annotations: Record<string, unknown> }[]).map((t) => t.annotations),
    );
    expect(
      hints.every((h) => typeof h.readOnlyHint === 'boolean' && typeof h.openWorldHint === 'boolean'),
    ).toBe(true);
  });
});
