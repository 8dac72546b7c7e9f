/**
 * What a run of `npm run bench` saves next to its report (`RESULTS.json` beside `RESULTS.md`), so that the
 * report can be rendered again (`--render`) or made from several runs' records (`--merge`).
 */
import type { Machine } from '../shared/machine.js';
import type { CaseOutcome } from './outcomes.js';
import { combineRuns } from './spread.js';

/** What a run produced, as saved next to its report (so the report can be rendered again: `--render`). */
export interface RunRecord {
  machine: Machine;
  mode: 'full' | 'smoke';
  filter: string;
  /** How many runs the outcomes combine (see `spread.ts`); records written before `--runs` have none. */
  runs?: number;
  outcomes: CaseOutcome[];
  checks: string[];
}

/** One record from separate runs' records: the first one's machine, every run's checks, the outcomes combined. */
export function mergeRecords(records: RunRecord[]): RunRecord {
  const first = records[0]!;
  const bad = records.find((r) => r.mode !== first.mode || r.filter !== first.filter || (r.runs ?? 1) !== 1);
  if (bad) throw new Error('--merge takes records of single runs (no --runs) of the same mode and filter');
  return { ...first, runs: records.length, outcomes: combineRuns(records.map((r) => r.outcomes)), checks: [...new Set(records.flatMap((r) => r.checks))] };
}

/** The record's path for a report's path: `RESULTS.md` → `RESULTS.json`. */
export const recordPath = (markdownPath: string) => markdownPath.replace(/\.md$/, '') + '.json';
