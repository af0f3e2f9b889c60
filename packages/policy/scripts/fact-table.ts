/**
 * Writes FACTS.md, the fact contract between connectors and rules as a table, from the one source of truth: the
 * zod schemas in @aispm/core (`FACT_SCHEMAS`: each fact's type, and its meaning from the doc comment beside it)
 * and the rules' `needs` / `needsFor`. A test fails when the committed file is stale. Run: npx tsx scripts/fact-table.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_KINDS, type AssetKind } from '@aispm/core';
import type ts from 'typescript';
import { RULES } from '../src/rules/index.ts';
import type { Rule } from '../src/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const FACTS_MD = join(here, '../FACTS.md');
const CORE_SRC = join(here, '../../core/src');

interface FactDoc {
  kind: string;
  fact: string;
  type: string;
  meaning: string;
}

/** Every kind's facts with their value types (UnknownFact and absence left out) and doc comments, read by tsc. */
function readFactDocs(): FactDoc[] {
  const typescript = createRequire(import.meta.url)('typescript') as typeof ts;
  const probe = join(CORE_SRC, '__fact_table_probe.ts');
  const text = [
    "import type { AssetKind } from './kinds.ts';",
    "import type { FactsOf } from './facts/schema.ts';",
    "import type { UnknownFact } from './unknown.ts';",
    'export type Probe = {',
    '  [K in AssetKind]: { [F in keyof FactsOf<K>]-?: Exclude<FactsOf<K>[F], UnknownFact | undefined> };',
    '};',
  ].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.Bundler,
    target: typescript.ScriptTarget.ES2022,
  };
  const host = typescript.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === probe
      ? typescript.createSourceFile(file, text, language)
      : getSourceFile(file, language, ...rest);
  host.fileExists = (file) => file === probe || fileExists(file);
  const program = typescript.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const alias = program.getSourceFile(probe)?.statements.find(typescript.isTypeAliasDeclaration);
  if (!alias) throw new Error('fact table: the probe type did not compile');
  const docOf = (symbol: ts.Symbol): string => {
    const own = typescript.displayPartsToString(symbol.getDocumentationComment(checker));
    if (own) return own;
    // `publicNetworkAccess,` (shorthand): the comment sits on the shared constant it names.
    for (const d of symbol.declarations ?? []) {
      if (!typescript.isShorthandPropertyAssignment(d)) continue;
      const value = checker.getShorthandAssignmentValueSymbol(d);
      if (value) return typescript.displayPartsToString(value.getDocumentationComment(checker));
    }
    return '';
  };
  const docs: FactDoc[] = [];
  for (const kind of checker.getTypeAtLocation(alias.name).getProperties()) {
    for (const fact of checker.getTypeOfSymbol(kind).getProperties()) {
      const type = checker
        .typeToString(checker.getTypeOfSymbol(fact), undefined, typescript.TypeFormatFlags.NoTruncation)
        .replace(/ \| undefined/g, '');
      docs.push({ kind: kind.name, fact: fact.name, type, meaning: docOf(fact).replace(/\s+/g, ' ') });
    }
  }
  return docs;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The markdown table: one row per fact and meaning, the kinds that have it and the rules that need it. */
export function factTable(): string {
  const docs = readFactDocs();
  const rows = new Map<string, { fact: string; type: string; meaning: string; kinds: string[] }>();
  for (const d of docs) {
    const key = `${d.fact}\u0000${d.type}\u0000${d.meaning}`;
    const row = rows.get(key) ?? { fact: d.fact, type: d.type, meaning: d.meaning, kinds: [] };
    row.kinds.push(d.kind);
    rows.set(key, row);
  }
  // A rule needs the fact of a kind it applies to through `needs`, or through `needsFor` that kind.
  const needsOf = (r: Rule, kind: AssetKind): readonly string[] => [
    ...(r.appliesTo.kinds.includes(kind) ? (r.readsFacts ?? []) : []),
    ...(r.readsFactsFor?.[kind] ?? []),
  ];
  const readers = (fact: string, kinds: string[]) =>
    RULES.filter((r) => kinds.some((k) => needsOf(r, k as AssetKind).includes(fact)))
      .map((r) => r.id.replace(/^aispm-/, ''))
      .join(', ');
  const sorted = [...rows.values()].sort(
    (a, b) => a.fact.localeCompare(b.fact) || a.type.localeCompare(b.type),
  );
  const withFacts = new Set(docs.map((d) => d.kind));
  const without = Object.keys(ASSET_KINDS).filter((k) => !withFacts.has(k));
  return [
    '# Asset facts: the contract between connectors and rules',
    '',
    '<!-- Generated by packages/policy/scripts/fact-table.ts from FACT_SCHEMAS (packages/core/src/facts/schema.ts)',
    "     and the rules' `needs` / `needsFor`. Do not edit: change the schema (its doc comments are the meanings) and rerun. -->",
    '',
    'Connectors set these under `properties.facts` (or they are derived from the raw properties by',
    '`deriveFacts`); rules read them typed (`defineAssetRule<kind, facts>`). Any fact may instead be an',
    'UnknownFact `{"$unknown": reason}` when the scanner could not read it: a rule that needs it is `not-evaluated`.',
    '',
    '| fact | type | kinds | meaning | rules that need it |',
    '| --- | --- | --- | --- | --- |',
    ...sorted.map(
      (r) =>
        `| \`${r.fact}\` | \`${cell(r.type)}\` | ${r.kinds.join(', ')} | ${cell(r.meaning)} | ${readers(r.fact, r.kinds)} |`,
    ),
    '',
    `Kinds with no facts yet: ${without.join(', ') || 'none'}.`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FACTS_MD, factTable());
  console.log(`wrote ${FACTS_MD}`);
}
