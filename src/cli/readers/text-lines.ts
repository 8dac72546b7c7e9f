/**
 * Shared by the text readers: the file stream, a streaming line splitter, and a compact map from source row to file line (rows and lines differ only at blank lines, a header or
 * multi-line CSV records, so only those change points are stored).
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** The file as a byte stream, read in large chunks. */
export function fileStream(path: string): ReadStream {
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

/** Yields the lines of `input` without their `\n` / `\r\n`; a final line without a newline is yielded too. */
export async function* splitLines(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    const text = pending + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield stripCr(text.slice(start, nl));
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield stripCr(pending);
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Row → line, from change points: row `r` is on line `r + offset` of the last change point at or before `r`. */
export class LineMap {
  private readonly rows: number[] = [0];
  private readonly offsets: number[];

  /** `firstOffset`: line of row 0 minus 0 (1 for JSONL, 2 for CSV with a header). */
  constructor(firstOffset: number) {
    this.offsets = [firstOffset];
  }

  /** Records that source row `row` is on line `line`. Call in row order; cheap when nothing changed. */
  note(row: number, line: number): void {
    const offset = line - row;
    if (offset === this.offsets[this.offsets.length - 1]) return;
    if (this.rows[this.rows.length - 1] === row) this.offsets[this.offsets.length - 1] = offset;
    else {
      this.rows.push(row);
      this.offsets.push(offset);
    }
  }

  /** The 1-based line of `row` (as far as rows have been noted). */
  line(row: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return row + this.offsets[lo]!;
  }
}
