/**
 * Cutting a planned write into batches: each batch is a row range encoded on its own, sized from the
 * bytes per row measured so far, and shrunk when it comes out over the target.
 */
import type { WritePlan } from '../codec/insert.js';
import { InvalidInputError } from '../errors.js';
import type { IngestSettings } from './settings.js';

/** One encoded request: rows `[from, to)` of the input (or source), and its bytes. */
export interface EncodedBatch {
  readonly from: number;
  readonly to: number;
  readonly bytes: Uint8Array;
}

/** Rows encoded once, before the first batch, to learn the bytes per row. */
export const PROBE_ROWS = 16;

/** Learns bytes per row from every batch encoded and proposes the rows of the next. */
export class BatchSizer {
  private bytesPerRow = 0;

  constructor(private readonly settings: IngestSettings) {}

  /** Whether some rows have been measured. */
  get calibrated(): boolean {
    return this.bytesPerRow > 0;
  }

  /**
   * The one first-batch rule: before anything is measured, when more than {@link PROBE_ROWS} rows are
   * available from `from`, encode that many once to learn the bytes per row, so that even the first batch
   * is sized (a 200 MB input is never encoded whole just to learn that it is too large).
   */
  calibrate(plan: WritePlan, from: number, available: number): void {
    if (this.calibrated || available <= PROBE_ROWS) return;
    this.observe(PROBE_ROWS, plan.encode(from, from + PROBE_ROWS).length);
  }

  /** Rows to try next, out of `available`: all that fit by the estimate, with 5% headroom when cut. */
  rowsFor(available: number): number {
    const cap = Math.min(available, this.settings.batchRows);
    if (this.bytesPerRow <= 0) return cap;
    const fit = Math.floor(this.settings.batchBytes / this.bytesPerRow);
    return fit >= cap ? cap : Math.max(1, Math.floor(fit * 0.95));
  }

  observe(rows: number, bytes: number): void {
    if (rows > 0 && bytes > 0) this.bytesPerRow = bytes / rows;
  }
}

/**
 * Encodes the longest prefix of rows `[from, to)` of `plan` that the sizer proposes and that fits in
 * `batch_bytes`. A range that comes out larger is shrunk (first to the measured fit, then at least by
 * half) and encoded again. A single row may exceed `batch_bytes` up to the server's limit; beyond it,
 * `InvalidInputError` names the row. `firstRow` is the number of the plan's row 0 in the caller's input.
 */
export function encodeFitting(plan: WritePlan, from: number, to: number, sizer: BatchSizer, settings: IngestSettings, firstRow: number): EncodedBatch {
  let n = sizer.rowsFor(to - from);
  for (let shrinks = 0; ; shrinks++) {
    const bytes = plan.encode(from, from + n);
    sizer.observe(n, bytes.length);
    if (bytes.length <= settings.batchBytes || (n === 1 && bytes.length <= settings.maxMessageBytes)) return { from, to: from + n, bytes };
    if (n === 1) {
      const row = firstRow + from;
      throw new InvalidInputError(
        `row ${row}: it encodes to ${bytes.length} bytes, more than the server accepts in one request (max_message_bytes ${settings.maxMessageBytes})`,
        { row },
      );
    }
    const measuredFit = Math.floor(n * (settings.batchBytes / bytes.length) * 0.95);
    n = Math.max(1, Math.min(n - 1, measuredFit, shrinks > 0 ? n >> 1 : n));
  }
}
