import type { AttackPath } from './attack-paths.ts';

export interface ChokePoint {
  assetId: string;
  /** Paths this fix cuts that no earlier choke point in the list already cut. */
  cuts: number;
  /** Fingerprints of those paths. */
  paths: string[];
}

/** Pseudo-assets stand for the outside world: nothing to fix there. */
const UNFIXABLE = new Set(['internet', 'external-principal']);

/**
 * Assets whose fix cuts the most attack paths, in greedy set-cover order: the first entry is the fix to do
 * first, each later one cuts the most paths the earlier ones left. The crown jewel itself is not a
 * candidate (removing the target is not a fix); on ties the hop nearer the entry wins, because cutting
 * early also cuts every later step.
 */
export function chokePoints(paths: readonly AttackPath[], limit = 25): ChokePoint[] {
  const candidates = new Map<string, { paths: number[]; open: number; firstPos: number }>();
  const pathCandidates: string[][] = [];
  paths.forEach((p, i) => {
    const ids: string[] = [];
    // The target is a candidate only when nothing else on the path is (entry → target: fix the target's policy).
    const onlyTarget = p.hops.every((h, pos) => pos === p.hops.length - 1 || UNFIXABLE.has(h.kind));
    p.hops.forEach((h, pos) => {
      if ((pos === p.hops.length - 1 && !onlyTarget) || UNFIXABLE.has(h.kind)) return;
      let c = candidates.get(h.assetId);
      if (!c) {
        c = { paths: [], open: 0, firstPos: pos };
        candidates.set(h.assetId, c);
      }
      if (c.paths[c.paths.length - 1] === i) return;
      c.paths.push(i);
      c.open++;
      c.firstPos = Math.min(c.firstPos, pos);
      ids.push(h.assetId);
    });
    pathCandidates.push(ids);
  });

  const covered = new Uint8Array(paths.length);
  const result: ChokePoint[] = [];
  while (result.length < limit) {
    let bestId: string | undefined;
    let best: { open: number; firstPos: number } | undefined;
    for (const [id, c] of candidates) {
      if (c.open === 0) continue;
      if (
        !best ||
        c.open > best.open ||
        (c.open === best.open &&
          (c.firstPos < best.firstPos ||
            (c.firstPos === best.firstPos && bestId !== undefined && id < bestId)))
      ) {
        best = c;
        bestId = id;
      }
    }
    if (!bestId) break;
    const chosen = candidates.get(bestId);
    if (!chosen) break;
    const cut: number[] = [];
    for (const i of chosen.paths) {
      if (covered[i]) continue;
      covered[i] = 1;
      cut.push(i);
      // Each newly cut path no longer counts for the other assets on it.
      for (const other of pathCandidates[i] ?? []) {
        const c = candidates.get(other);
        if (c) c.open--;
      }
    }
    candidates.delete(bestId);
    result.push({ assetId: bestId, cuts: cut.length, paths: cut.map((i) => paths[i]?.fingerprint ?? '') });
  }
  return result;
}
