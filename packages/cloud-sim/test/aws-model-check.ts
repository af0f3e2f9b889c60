import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';

/**
 * Checks simulated AWS response bodies against the output shapes of the service models that ship inside the
 * official SDK packages (`@aws-sdk/client-*` carry each operation's Smithy schema: `GetGuardrail$` and so on).
 * A field the model does not define, or one spelled differently, is reported with its path.
 *
 * The schemas are read with the SDK's own schema runtime (`@smithy/core/schema`, resolved from the client
 * package so it is the very copy the client deserializes with).
 */

/** The subset of `NormalizedSchema` (from `@smithy/core/schema`) this check uses. */
interface Schema {
  isStructSchema(): boolean;
  isUnionSchema(): boolean;
  isListSchema(): boolean;
  isMapSchema(): boolean;
  isDocumentSchema(): boolean;
  structIterator(): Iterable<[string, Schema]>;
  getValueSchema(): Schema;
  getKeySchema(): Schema;
  getMergedTraits(): Record<string, unknown>;
  getName(): string | undefined;
  isTimestampSchema(): boolean;
  /** The schema's own value: for a timestamp, its format code (see TIMESTAMP_FORMATS). */
  getSchema(): unknown;
}

/** Smithy schema codes of timestamps (`@smithy/core/schema` SCHEMA): how each must appear in a JSON body. */
const TIMESTAMP_FORMATS: Record<number, { name: string; type: 'string' | 'number' }> = {
  4: { name: "epoch-seconds (the JSON protocols' default)", type: 'number' },
  5: { name: 'date-time', type: 'string' },
  6: { name: 'http-date', type: 'string' },
  7: { name: 'epoch-seconds', type: 'number' },
};
type SchemaRef = unknown;

export type AwsWireProtocol = 'restJson' | 'json1.0' | 'json1.1' | 'query' | 'restXml';

const normalizers = new Map<string, (ref: SchemaRef) => Schema>();
function normalizerFor(clientPackage: string): (ref: SchemaRef) => Schema {
  let of = normalizers.get(clientPackage);
  if (!of) {
    const require = createRequire(import.meta.url);
    const fromClient = createRequire(require.resolve(clientPackage));
    const { NormalizedSchema } = fromClient('@smithy/core/schema') as {
      NormalizedSchema: { of(ref: SchemaRef): Schema };
    };
    of = (ref) => NormalizedSchema.of(ref);
    normalizers.set(clientPackage, of);
  }
  return of;
}

/** The output schema of `operation` in the client package's model; throws when the model has no such operation. */
export function outputSchema(
  clientPackage: string,
  clientModule: Record<string, unknown>,
  operation: string,
): Schema {
  const op = clientModule[`${operation}$`];
  if (!Array.isArray(op) || op[0] !== 9)
    throw new Error(`${clientPackage} has no operation schema ${operation}$ (is the name right?)`);
  return normalizerFor(clientPackage)(op[5]);
}

/** Members carried in HTTP headers or the status line, never in the body. */
function boundOutsideBody(traits: Record<string, unknown>): boolean {
  return (
    traits.httpHeader !== undefined ||
    traits.httpPrefixHeaders !== undefined ||
    traits.httpResponseCode !== undefined ||
    traits.httpQuery !== undefined
  );
}

function members(schema: Schema): [string, Schema][] {
  return [...schema.structIterator()];
}

/** Problems (`path: message`) in a JSON body for an output schema, in the protocol's naming. */
export function checkJsonBody(body: unknown, output: Schema, protocol: AwsWireProtocol): string[] {
  const problems: string[] = [];
  const useJsonName = protocol === 'restJson';
  if (protocol === 'restJson') {
    const payload = members(output).find(([, m]) => m.getMergedTraits().httpPayload !== undefined);
    if (payload) {
      const [, schema] = payload;
      if (schema.isStructSchema() || schema.isUnionSchema())
        walkJson(body, schema, '', useJsonName, problems);
      return problems;
    }
  }
  walkJson(body, output, '', useJsonName, problems);
  return problems;
}

function walkJson(value: unknown, schema: Schema, path: string, useJsonName: boolean, out: string[]): void {
  if (value === null || value === undefined || schema.isDocumentSchema()) return;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push(`${path || '(body)'}: expected an object (${schema.getName() ?? 'structure'})`);
      return;
    }
    const byWireName = new Map<string, Schema>();
    for (const [name, member] of members(schema)) {
      const traits = member.getMergedTraits();
      if (boundOutsideBody(traits)) continue;
      const wire = useJsonName && typeof traits.jsonName === 'string' ? traits.jsonName : name;
      byWireName.set(wire, member);
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const member = byWireName.get(key);
      const at = path ? `${path}.${key}` : key;
      if (!member) out.push(`${at}: not a member of ${schema.getName() ?? 'the output'}`);
      else walkJson(child, member, at, useJsonName, out);
    }
    return;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) {
      out.push(`${path}: expected a list`);
      return;
    }
    value.forEach((item, i) => {
      walkJson(item, schema.getValueSchema(), `${path}[${i}]`, useJsonName, out);
    });
    return;
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push(`${path}: expected a map`);
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      walkJson(v, schema.getValueSchema(), `${path}{${k}}`, useJsonName, out);
    return;
  }
  if (typeof value === 'object') {
    out.push(`${path}: expected a scalar, got ${JSON.stringify(value).slice(0, 60)}`);
    return;
  }
  if (schema.isTimestampSchema()) {
    const format = TIMESTAMP_FORMATS[schema.getSchema() as number];
    if (format && typeof value !== format.type)
      out.push(`${path}: a ${format.name} timestamp must be a ${format.type}, got ${JSON.stringify(value)}`);
  }
}

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: () => true,
});

type XmlNode = Record<string, unknown[]>;

/**
 * Problems in an XML body: for the Query protocol the members sit in `<{Operation}Result>` under
 * `<{Operation}Response>`; for REST-XML the root element is the output (or its payload member).
 */
export function checkXmlBody(
  text: string,
  output: Schema,
  protocol: AwsWireProtocol,
  operation: string,
): string[] {
  const problems: string[] = [];
  const payload = members(output).find(([, m]) => m.getMergedTraits().httpPayload !== undefined);
  const target = payload ? payload[1] : output;
  if (payload && !(target.isStructSchema() || target.isUnionSchema())) return problems; // a raw payload (a policy document)
  const doc = xml.parse(text) as XmlNode;
  const rootName = Object.keys(doc)[0];
  if (rootName === undefined) return [`the body is not XML: ${text.slice(0, 60)}`];
  const root = doc[rootName]?.[0];
  if (protocol === 'query') {
    if (rootName !== `${operation}Response`)
      problems.push(`root element <${rootName}> is not <${operation}Response>`);
    const node = typeof root === 'object' ? (root as XmlNode) : {};
    for (const key of Object.keys(node)) {
      if (key === 'ResponseMetadata') continue;
      if (key !== `${operation}Result`)
        problems.push(`<${key}> is neither <${operation}Result> nor <ResponseMetadata>`);
      else walkXml(node[key]?.[0], output, `${operation}Result`, problems);
    }
    return problems;
  }
  const expected = String(target.getMergedTraits().xmlName ?? target.getName() ?? '');
  const asMember = members(output).find(([name, m]) => (m.getMergedTraits().xmlName ?? name) === rootName);
  // S3's GetBucketLocation: the output's root element is its only member, holding text.
  if (rootName === expected && typeof root !== 'object' && asMember)
    walkXml(root, asMember[1], rootName, problems);
  else if (rootName === expected) walkXml(root, target, rootName, problems);
  else if (asMember) walkXml(root, asMember[1], rootName, problems);
  else problems.push(`root element <${rootName}> is neither <${expected}> nor a member of the output`);
  return problems;
}

function xmlWireName(name: string, member: Schema): string {
  const traits = member.getMergedTraits();
  if (typeof traits.xmlName === 'string') return traits.xmlName;
  // A flattened list repeats its item element under the member's name unless the item names itself.
  return name;
}

function walkXml(value: unknown, schema: Schema, path: string, out: string[]): void {
  if (value === undefined || value === '' || schema.isDocumentSchema()) return;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== 'object') {
      out.push(`${path}: expected elements (${schema.getName() ?? 'structure'})`);
      return;
    }
    const byWireName = new Map<string, Schema>();
    for (const [name, member] of members(schema)) {
      if (boundOutsideBody(member.getMergedTraits())) continue;
      byWireName.set(xmlWireName(name, member), member);
    }
    for (const [key, occurrences] of Object.entries(value as XmlNode)) {
      const member = byWireName.get(key);
      const at = `${path}.${key}`;
      if (!member) {
        out.push(`${at}: not a member of ${schema.getName() ?? 'the output'}`);
        continue;
      }
      if (member.getMergedTraits().xmlFlattened !== undefined && member.isListSchema())
        occurrences.forEach((item, i) => {
          walkXml(item, member.getValueSchema(), `${at}[${i}]`, out);
        });
      else if (occurrences.length > 1) out.push(`${at}: repeated, but the member is not a flattened list`);
      else walkXml(occurrences[0], member, at, out);
    }
    return;
  }
  if (schema.isListSchema()) {
    if (typeof value !== 'object') {
      out.push(`${path}: expected list items`);
      return;
    }
    const item = schema.getValueSchema();
    const itemName = String(item.getMergedTraits().xmlName ?? 'member');
    for (const [key, items] of Object.entries(value as XmlNode)) {
      if (key !== itemName) out.push(`${path}.${key}: list items must be <${itemName}>`);
      else
        items.forEach((v, i) => {
          walkXml(v, item, `${path}[${i}]`, out);
        });
    }
    return;
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object') return;
    const keyName = String(schema.getKeySchema().getMergedTraits().xmlName ?? 'key');
    const valueName = String(schema.getValueSchema().getMergedTraits().xmlName ?? 'value');
    for (const [key, entries] of Object.entries(value as XmlNode)) {
      if (key !== 'entry') {
        out.push(`${path}.${key}: map entries must be <entry>`);
        continue;
      }
      for (const entry of entries) {
        for (const [k, v] of Object.entries(entry as XmlNode)) {
          if (k === keyName) continue;
          if (k !== valueName) out.push(`${path}.entry.${k}: neither <${keyName}> nor <${valueName}>`);
          else walkXml(v[0], schema.getValueSchema(), `${path}.entry`, out);
        }
      }
    }
    return;
  }
  if (typeof value === 'object') out.push(`${path}: expected text, got elements`);
}

export type { Schema };
