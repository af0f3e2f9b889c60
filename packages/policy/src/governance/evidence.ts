import type { Answer, AssetKind, GovernanceEvidence, RiskConcept, Severity } from '@aispm/core';
import { RISK_CONCEPTS } from '@aispm/core';
import { RULES } from '../rules/index.ts';

export type { Answer, GovernanceEvidence, UserAnswer } from '@aispm/core';

/** What stands behind one answer: a line of evidence, with the findings / assets it counts. */
export interface EvidenceItem {
  label: string;
  count: number;
  ruleIds?: string[];
  /** Up to ten example assets. */
  assetIds?: string[];
}

const SAMPLE = 10;
const SERIOUS: readonly Severity[] = ['critical', 'high'];

const conceptsByRule = new Map<string, readonly RiskConcept[]>(RULES.map((r) => [r.id, r.concepts]));

/** Open findings whose rules evidence any of `concepts`, grouped by concept. */
export function findingsByConcept(
  evidence: GovernanceEvidence,
  concepts: readonly RiskConcept[],
): Map<RiskConcept, { ruleIds: Set<string>; assetIds: Set<string> }> {
  const wanted = new Set(concepts);
  const out = new Map<RiskConcept, { ruleIds: Set<string>; assetIds: Set<string> }>();
  for (const f of evidence.openFindings) {
    for (const concept of conceptsByRule.get(f.ruleId) ?? []) {
      if (!wanted.has(concept)) continue;
      const entry = out.get(concept) ?? { ruleIds: new Set(), assetIds: new Set() };
      entry.ruleIds.add(f.ruleId);
      entry.assetIds.add(f.assetId);
      out.set(concept, entry);
    }
  }
  return out;
}

/**
 * The answer the open findings give for a set of risk concepts: `no` when a critical or high concept is present,
 * `partly` when only medium or low ones are, `yes` when none is. Severity is the concept's own (core's vocabulary),
 * so the answer reads the same whichever rule found it.
 */
export function answerFromConcepts(
  evidence: GovernanceEvidence,
  concepts: readonly RiskConcept[],
): { answer: Answer; items: EvidenceItem[] } {
  const hits = findingsByConcept(evidence, concepts);
  const items: EvidenceItem[] = [...hits.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([concept, { ruleIds, assetIds }]) => ({
      label: `${RISK_CONCEPTS[concept].title} (${RISK_CONCEPTS[concept].severity})`,
      count: assetIds.size,
      ruleIds: [...ruleIds].sort(),
      assetIds: [...assetIds].sort().slice(0, SAMPLE),
    }));
  if (hits.size === 0) return { answer: 'yes', items };
  const serious = [...hits.keys()].some((c) => SERIOUS.includes(RISK_CONCEPTS[c].severity));
  return { answer: serious ? 'no' : 'partly', items };
}

/** The checks of `concepts` the latest evaluation could not make (a needed fact was unreadable), or null. */
export function unevaluated(
  evidence: GovernanceEvidence,
  concepts: readonly RiskConcept[],
): EvidenceItem | null {
  const wanted = new Set(concepts);
  const hits = evidence.notEvaluated.filter((n) =>
    (conceptsByRule.get(n.ruleId) ?? []).some((c) => wanted.has(c)),
  );
  if (hits.length === 0) return null;
  return {
    label: 'Checks not evaluated: a fact they need could not be read',
    count: hits.length,
    ruleIds: [...new Set(hits.map((h) => h.ruleId))].sort(),
    assetIds: [...new Set(hits.map((h) => h.assetId))].sort().slice(0, SAMPLE),
  };
}

/** The line every evidence-based answer carries when the inventory behind it is incomplete, or null. */
export function coverageGap(evidence: GovernanceEvidence): EvidenceItem | null {
  const scan = evidence.scan;
  if (!scan) return { label: 'No scan has finished: nothing has been inventoried yet', count: 0 };
  if (scan.tasksFailed === 0) return null;
  return {
    label: `The latest scan could not read ${scan.tasksFailed} of ${scan.tasksTotal} tasks: ${scan.failedServices.slice(0, SAMPLE).join(', ')}`,
    count: scan.tasksFailed,
  };
}

export function count(evidence: GovernanceEvidence, ...kinds: AssetKind[]): number {
  return kinds.reduce((sum, k) => sum + (evidence.assetCounts[k] ?? 0), 0);
}
