/**
 * Half-open ranges of source row indices (`[from, to)`), kept sorted, disjoint and merged. The
 * checkpoint and the resume plan are made of these; pure, no I/O.
 */

/** Rows `from` (inclusive) to `to` (exclusive), 0-based in source order. `to` may be `Infinity`. */
export interface RowRange {
  from: number;
  to: number;
}

/** Sorts and merges overlapping or touching ranges; drops empty ones. */
export function normalize(ranges: readonly RowRange[]): RowRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).map((r) => ({ from: r.from, to: r.to })).sort((a, b) => a.from - b.from);
  const out: RowRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push(r);
  }
  return out;
}

/** `base` with every row of `remove` taken out. */
export function subtract(base: readonly RowRange[], remove: readonly RowRange[]): RowRange[] {
  const cuts = normalize(remove);
  const out: RowRange[] = [];
  for (const r of normalize(base)) {
    let from = r.from;
    for (const c of cuts) {
      if (c.to <= from || c.from >= r.to) continue;
      if (c.from > from) out.push({ from, to: c.from });
      from = Math.max(from, c.to);
      if (from >= r.to) break;
    }
    if (from < r.to) out.push({ from, to: r.to });
  }
  return out;
}

/** The rows in both lists. */
export function intersect(a: readonly RowRange[], b: readonly RowRange[]): RowRange[] {
  const out: RowRange[] = [];
  for (const x of normalize(a)) {
    for (const y of normalize(b)) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from < to) out.push({ from, to });
    }
  }
  return normalize(out);
}

/** Number of rows in the ranges (`Infinity` for an open end). */
export function countRows(ranges: readonly RowRange[]): number {
  return ranges.reduce((n, r) => n + (r.to - r.from), 0);
}

/** `12-40, 97` style text for messages (`to` shown inclusive, rows 0-based). */
export function formatRanges(ranges: readonly RowRange[]): string {
  if (ranges.length === 0) return 'none';
  return ranges.map((r) => (r.to === r.from + 1 ? `${r.from}` : `${r.from}-${r.to === Infinity ? 'end' : r.to - 1}`)).join(', ');
}

/**
 * Maps positions in the stream handed to ingest (0, 1, 2, ...) back to source rows, given the source
 * ranges that stream was read from, in order. Only the last range may be open-ended.
 */
export class StreamToSource {
  private readonly starts: number[] = [];

  constructor(private readonly segments: readonly RowRange[]) {
    let at = 0;
    for (const s of segments) {
      this.starts.push(at);
      at += s.to - s.from;
    }
  }

  /** The source row of stream position `i`. */
  row(i: number): number {
    let k = this.starts.length - 1;
    while (k > 0 && this.starts[k]! > i) k--;
    const seg = this.segments[k];
    return seg === undefined ? i : seg.from + (i - this.starts[k]!);
  }

  /** The source ranges covering stream positions `[from, to)` (several when they span a gap). */
  ranges(from: number, to: number): RowRange[] {
    const out: RowRange[] = [];
    for (let k = 0; k < this.segments.length; k++) {
      const seg = this.segments[k]!;
      const start = this.starts[k]!;
      const lo = Math.max(from, start);
      const hi = Math.min(to, start + (seg.to - seg.from));
      if (lo < hi) out.push({ from: seg.from + (lo - start), to: seg.from + (hi - start) });
    }
    if (this.segments.length === 0 && from < to) out.push({ from, to });
    return normalize(out);
  }
}

/** Walks source rows in increasing order and says whether each is in `segments`, or past the last. */
export class SegmentCursor {
  private k = 0;
  constructor(private readonly segments: readonly RowRange[]) {}

  /** `'take'` (in a segment), `'skip'` (between segments) or `'done'` (past the last). */
  at(row: number): 'take' | 'skip' | 'done' {
    while (this.k < this.segments.length && row >= this.segments[this.k]!.to) this.k++;
    const seg = this.segments[this.k];
    if (seg === undefined) return 'done';
    return row >= seg.from ? 'take' : 'skip';
  }
}
