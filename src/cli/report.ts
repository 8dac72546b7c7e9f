/**
 * What the CLI prints at the end: the one-line summary of a complete run, and the account of an
 * incomplete one (which source rows landed, failed, are in doubt, or were never sent).
 */
import type { MilvusError } from '../errors.js';
import { planResume, type CheckpointState } from './checkpoint.js';
import { duration, fmt } from './progress.js';
import { countRows, formatRanges, normalize, subtract, type RowRange } from './ranges.js';

/** Failed source rows and why. */
export interface FailedRows extends RowRange {
  error: MilvusError | Error;
}

/** Totals of a run. */
export interface RunTotals {
  rows: number;
  bytes: number;
  elapsedMs: number;
  /** Rows skipped because an earlier run landed them. */
  skipped: number;
  /** In-doubt rows re-sent with upsert. */
  resent: number;
}

/** `ingested 10,000 rows into "docs" in 2.3 s: 4,329 rows/s, 12.4 MB/s`. */
export function summaryLine(collection: string, t: RunTotals): string {
  const seconds = t.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(t.rows / seconds) : t.rows;
  const mbps = seconds > 0 ? t.bytes / 1e6 / seconds : 0;
  const extra = [
    t.skipped > 0 ? `skipped ${fmt(t.skipped)} rows landed by an earlier run` : '',
    t.resent > 0 ? `re-sent ${fmt(t.resent)} in-doubt rows with upsert` : '',
  ].filter((s) => s !== '');
  return `ingested ${fmt(t.rows)} rows into "${collection}" in ${seconds < 60 ? `${seconds.toFixed(2)} s` : duration(seconds)}: ` +
    `${fmt(rate)} rows/s, ${mbps.toFixed(1)} MB/s${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

/**
 * The account of an incomplete run, one item per line: landed, failed (with each distinct error), in
 * doubt, and from where nothing was read (`readAll`: the whole file was read). `locate` turns a source
 * row into `line N` / `row N`.
 */
export function accountLines(state: CheckpointState, failed: readonly FailedRows[], locate: (row: number) => string, readAll = false): string[] {
  // The plan a resume would make: rows taken but neither landed nor failed count as in doubt.
  const { landed, inDoubt } = planResume(state);
  const failedRanges = subtract(normalize([...state.failed, ...failed]), inDoubt);
  const lines = [
    `  landed:   ${describe(landed, locate)}`,
    `  failed:   ${describe(failedRanges, locate)}`,
  ];
  const seen = new Set<string>();
  for (const f of failed) {
    if (seen.has(f.error.message) || seen.size >= 5) continue;
    seen.add(f.error.message);
    lines.push(`            ${f.to - f.from === 1 ? 'row' : 'rows'} ${formatRanges([f])}: ${f.error.message}`);
  }
  lines.push(`  in doubt: ${describe(inDoubt, locate)}`);
  const end = Math.max(state.read_through, ...landed.map((r) => r.to), ...failedRanges.map((r) => r.to), ...inDoubt.map((r) => r.to));
  lines.push(`  not read: ${readAll ? 'none' : `rows ${end} to the end`}`);
  return lines;
}

function describe(ranges: readonly RowRange[], locate: (row: number) => string): string {
  if (ranges.length === 0) return 'none';
  const first = ranges[0]!;
  const where = locate(first.from).startsWith('line') ? ` (first at ${locate(first.from)})` : '';
  const n = countRows(ranges);
  return `${fmt(n)} ${n === 1 ? 'row' : 'rows'}: ${formatRanges(ranges)}${where}`;
}
