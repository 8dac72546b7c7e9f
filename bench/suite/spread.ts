/**
 * Several runs of the same plan made into one set of outcomes: per case, the median of the runs' medians,
 * with the other columns from the run whose median is nearest it, and the min–max of the medians across
 * runs kept beside it (`spread`), so a report shows how far runs disagree rather than the best of them.
 */
import type { CaseOutcome } from './outcomes.js';

/** The medians a case had in each run, fastest to slowest. */
export interface Spread {
  mediansMs: number[];
}

/** One outcome per case of the first run's plan; a case that failed in any run keeps its first failure. */
export function combineRuns(runs: CaseOutcome[][]): CaseOutcome[] {
  if (runs.length === 1) return runs[0]!;
  return runs[0]!.map((first) => {
    const all = runs.map((run) => run.find((o) => o.spec.name === first.spec.name));
    const bad = all.findIndex((o) => !o?.m);
    if (bad >= 0) return all[bad] ?? { spec: first.spec, error: `missing from run ${bad + 1}` };
    const measured = all as (CaseOutcome & { m: NonNullable<CaseOutcome['m']> })[];
    const mediansMs = measured.map((o) => o.m.medianMs).sort((a, b) => a - b);
    const mid = mediansMs.length / 2;
    const center = mediansMs.length % 2 === 1 ? mediansMs[Math.floor(mid)]! : (mediansMs[mid - 1]! + mediansMs[mid]!) / 2;
    const nearest = measured.reduce((a, b) => (Math.abs(b.m.medianMs - center) < Math.abs(a.m.medianMs - center) ? b : a));
    return { ...nearest, m: { ...nearest.m, medianMs: center }, spread: { mediansMs } };
  });
}
