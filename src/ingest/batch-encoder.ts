/**
 * Encoding a write batch by batch: each batch is a row range encoded on its own by the WebAssembly
 * encoder, sized from the bytes per row measured so far, and shrunk when it comes out over the target.
 */
import { encodeInsertRequest, encodeUpsertRequest } from '../codec/insert.js';
import type { Engine, InsertRequestInput } from '../codec/types.js';
import { InvalidInputError } from '../errors.js';
import type { IngestSettings } from './settings.js';
import type { RowsOrColumns, Slicer } from './slicer.js';

/** One encoded request: rows `[from, to)` of the input (or source), and its bytes. */
export interface EncodedBatch {
  readonly from: number;
  readonly to: number;
  readonly bytes: Uint8Array;
}

/** Encodes the rows `[from, to)` of an input into complete request bytes. */
export type RangeEncoder = (from: number, to: number) => Uint8Array;

/** What every request of one write shares. */
export interface RequestTemplate {
  readonly base: Omit<InsertRequestInput, 'data' | 'columns'>;
  readonly upsert: boolean;
  readonly partialUpdate?: boolean;
  readonly fieldOps?: readonly { field_name: string; op: number }[];
  readonly engine: Engine;
}

/**
 * An encoder of row ranges of `slicer`. Row numbers in its `InvalidInputError`s are shifted by `rowBase`
 * plus the range start, so they name the row in the caller's input (or source), not in the batch.
 */
export function rangeEncoder(template: RequestTemplate, slicer: Slicer, rowBase = 0): RangeEncoder {
  return (from, to) => encodeOne(template, slicer.slice(from, to), rowBase + from);
}

/** Encodes one request from rows or columns; `InvalidInputError` row numbers are shifted by `rowShift`. */
export function encodeOne(template: RequestTemplate, part: RowsOrColumns, rowShift: number): Uint8Array {
  const input = { ...template.base, ...part };
  try {
    if (!template.upsert) return encodeInsertRequest(input, { engine: template.engine });
    return encodeUpsertRequest({
      ...input,
      ...(template.partialUpdate !== undefined ? { partial_update: template.partialUpdate } : {}),
      ...(template.fieldOps ? { field_ops: template.fieldOps } : {}),
    }, { engine: template.engine });
  } catch (err) {
    throw shiftRow(err, rowShift);
  }
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
   * Measures the first {@link PROBE_ROWS} rows, so that even the first batch is sized: without it, a
   * 200 MB input would first be encoded whole just to learn it is too large.
   */
  probe(encode: RangeEncoder): void {
    this.observe(PROBE_ROWS, encode(0, PROBE_ROWS).length);
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
 * Encodes the longest prefix of rows `[from, to)` that the sizer proposes and that fits in
 * `batch_bytes`. A range that comes out larger is shrunk (first to the measured fit, then at least by
 * half) and encoded again. A single row may exceed `batch_bytes` up to the server's limit; beyond it,
 * `InvalidInputError` names the row (`from + rowBase`).
 */
export function encodeFitting(encode: RangeEncoder, from: number, to: number, sizer: BatchSizer, settings: IngestSettings, rowBase = 0): EncodedBatch {
  let n = sizer.rowsFor(to - from);
  for (let shrinks = 0; ; shrinks++) {
    const bytes = encode(from, from + n);
    sizer.observe(n, bytes.length);
    if (bytes.length <= settings.batchBytes || (n === 1 && bytes.length <= settings.maxMessageBytes)) return { from, to: from + n, bytes };
    if (n === 1) {
      throw new InvalidInputError(
        `row ${rowBase + from}: it encodes to ${bytes.length} bytes, more than the server accepts in one request (max_message_bytes ${settings.maxMessageBytes})`,
        { row: rowBase + from },
      );
    }
    const measuredFit = Math.floor(n * (settings.batchBytes / bytes.length) * 0.95);
    n = Math.max(1, Math.min(n - 1, measuredFit, shrinks > 0 ? n >> 1 : n));
  }
}

/**
 * The same `InvalidInputError` with its row number moved by `offset` (in `row` and in the message), so
 * an error found in a batch names the row of the caller's input. Other errors pass unchanged.
 */
export function shiftRow(err: unknown, offset: number): unknown {
  if (!(err instanceof InvalidInputError) || err.row === undefined || offset === 0) return err;
  const row = err.row + offset;
  const message = err.message.replace(new RegExp(`\\brow ${err.row}\\b`), `row ${row}`);
  return new InvalidInputError(message, {
    row,
    ...(err.field !== undefined ? { field: err.field } : {}),
    ...(err.rpc !== undefined ? { rpc: err.rpc } : {}),
    ...(err.cause !== undefined ? { cause: err.cause } : {}),
  });
}
