import type { AssetRecord } from '../graph.ts';
import type { AssetKind } from '../kinds.ts';
import { isUnknownFact, unknownFact } from '../unknown.ts';
import { deriveFacts } from './derive.ts';
import { FACT_SCHEMAS, type FactsOf } from './schema.ts';

/** A fact a connector produced that does not match its kind's schema. */
export interface FactProblem {
  fact: string;
  problem: string;
}

/**
 * Checks a record's facts against its kind's schema, fact by fact. A fact with a wrong value is replaced by an
 * UnknownFact naming the problem (so the rules that need it report "not evaluated", never a guess); a fact the
 * kind does not declare is kept as it is. Both are returned as problems for the scan to report.
 */
export function checkFacts(
  kind: AssetKind,
  facts: unknown,
): { facts: Record<string, unknown>; problems: FactProblem[] } {
  const problems: FactProblem[] = [];
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
    return {
      facts: {},
      problems: [{ fact: '*', problem: `facts must be a JSON object, got ${JSON.stringify(facts)}` }],
    };
  }
  const shape = FACT_SCHEMAS[kind].shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }
  >;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts)) {
    const schema = shape[name];
    if (!schema) {
      problems.push({
        fact: name,
        problem: `a ${kind} has no fact "${name}" (not in the ${kind} fact schema)`,
      });
      out[name] = value;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      out[name] = value;
      continue;
    }
    const why = parsed.error?.issues.map((i) => i.message).join('; ') ?? 'invalid';
    const problem = `invalid ${kind} fact "${name}" from the connector (${why}): got ${JSON.stringify(value)?.slice(0, 200)}`;
    problems.push({ fact: name, problem });
    out[name] = unknownFact(problem);
  }
  return { facts: out, problems };
}

/**
 * The facts of a record: those its connector set (`properties.facts`), or, for records written before facts
 * existed (stored rows, hand-written fixtures), those derived from its raw properties. What the policy engine reads.
 */
export function assetFacts<K extends AssetKind>(
  asset: Pick<AssetRecord, 'kind' | 'properties'> & { kind: K },
): FactsOf<K> {
  const stored = asset.properties?.facts;
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) return stored as FactsOf<K>;
  return deriveFacts(asset.kind, asset.properties ?? {});
}

/** The needed facts that are UnknownFacts: name → reason. Empty when every needed fact was read. */
export function unknownFacts(
  facts: Record<string, unknown>,
  needs: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of needs) {
    const v = facts[name];
    if (isUnknownFact(v)) out[name] = v.$unknown;
  }
  return out;
}
