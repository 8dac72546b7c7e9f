/**
 * Turns a source of rows and columnar chunks into encoded batches, reading only as far as the next batch
 * needs: rows are gathered until the learned bytes-per-row says a batch is full, chunks are cut into
 * batches without copying. Batches come out in source order, each with its source row range.
 */
import type { WritePlan } from '../codec/insert.js';
import type { Columns, Row } from '../codec/types.js';
import { MilvusErrorCode, toMilvusError } from '../errors.js';
import type { SchemaPlan } from '../schema.js';
import { BatchSizer, encodeFitting, PROBE_ROWS } from './batch-encoder.js';
import type { BatchItem } from './pipeline.js';
import type { IngestSettings } from './settings.js';
import { isColumnChunk, type SourceReader } from './source.js';
import { planPart, type WriteTemplate } from './template.js';

/** How far the reading got: `read` rows taken from the source, of which the first `emitted` are in batches (or failed spans). */
export interface StreamProgress {
  read: number;
  emitted: number;
  /**
   * Set by the consumer once it has reported `read`: a read that was pending then (after an abort) is
   * dropped, and nothing more is read.
   */
  closed?: boolean;
}

/**
 * Yields the batches of `reader`. A row that cannot be encoded ends the stream with one `UnsendableRows`
 * item covering every row read but not yet in a batch. A failing source ends it after the batches of the
 * rows read before the failure, with an `UnsendableRows` item of no rows carrying the source's error.
 * Closes the reader when done or when the consumer stops early; rows read but not yet in a batch are then
 * the consumer's to report.
 */
export async function* streamBatches(
  reader: SourceReader, template: WriteTemplate, schema: SchemaPlan, settings: IngestSettings, progress: StreamProgress,
): AsyncGenerator<BatchItem, void, undefined> {
  const batcher = new RowBatcher(template, settings, progress);
  try {
    for (;;) {
      let result: IteratorResult<unknown>;
      try {
        const next = reader.next();
        result = isThenable(next) ? await next : next;
      } catch (error) {
        // The rows read before the source failed are good ones: they go out, then the write stops.
        if (yield* batcher.flush(true)) yield* batcher.failRest(toMilvusError(error, { code: MilvusErrorCode.SourceFailed, what: `the source failed after ${progress.read} rows` }));
        return;
      }
      if (result.done || progress.closed) break;
      const item = result.value;
      if (isColumnChunk(item, schema)) {
        if (!(yield* batcher.flush(true))) return;
        if (!(yield* batcher.chunk(item.columns))) return;
      } else {
        batcher.push(item as Row);
        if (batcher.full && !(yield* batcher.flush(false))) return;
      }
    }
    if (!progress.closed) yield* batcher.flush(true);
  } finally {
    await reader.close();
  }
}

/** Gathers rows and cuts them, and chunks, into batches; shares one size estimate across both. */
class RowBatcher {
  private pending: Row[] = [];
  private readonly sizer: BatchSizer;
  /** Rows to gather before cutting a batch: a few until the size of a row is known. */
  private target = PROBE_ROWS * 4;

  constructor(
    private readonly template: WriteTemplate,
    private readonly settings: IngestSettings,
    private readonly progress: StreamProgress,
  ) {
    this.sizer = new BatchSizer(settings);
  }

  push(row: Row): void {
    this.pending.push(row);
    this.progress.read++;
  }

  get full(): boolean {
    return this.pending.length >= this.target;
  }

  /** Emits batches of the gathered rows: while a batch is full, or (`all`) until none is left. False after a failure. */
  *flush(all: boolean): Generator<BatchItem, boolean, undefined> {
    while (this.pending.length > 0) {
      const start = this.progress.emitted;
      let batch;
      try {
        const plan = planPart(this.template, { data: this.pending }, start);
        this.calibrate(plan, plan.rows);
        if (!all && this.pending.length < this.target) return true;
        batch = encodeFitting(plan, 0, plan.rows, this.sizer, this.settings, start);
      } catch (error) {
        return yield* this.failRest(error);
      }
      this.pending = this.pending.slice(batch.to);
      this.progress.emitted = start + batch.to;
      this.target = this.sizer.rowsFor(Number.MAX_SAFE_INTEGER);
      yield { from: start, to: start + batch.to, bytes: batch.bytes };
    }
    return true;
  }

  /** Emits the batches of one columnar chunk (no rows may be pending). False after a failure. */
  *chunk(columns: Columns): Generator<BatchItem, boolean, undefined> {
    const start = this.progress.read;
    let plan: WritePlan;
    try {
      plan = planPart(this.template, { columns }, start);
    } catch (error) {
      // Not a well-formed table: its rows cannot be told, so none of it counts as read.
      return yield* this.failRest(error);
    }
    this.progress.read += plan.rows;
    for (let from = 0; from < plan.rows;) {
      let batch;
      try {
        this.calibrate(plan, plan.rows - from, from);
        batch = encodeFitting(plan, from, plan.rows, this.sizer, this.settings, start);
      } catch (error) {
        return yield* this.failRest(error);
      }
      this.progress.emitted = start + batch.to;
      from = batch.to;
      yield { from: start + batch.from, to: start + batch.to, bytes: batch.bytes };
    }
    return true;
  }

  /** Learns bytes per row before the first batch, so that batch is sized too; then sets how many rows to gather. */
  private calibrate(plan: WritePlan, available: number, from = 0): void {
    if (this.sizer.calibrated) return;
    this.sizer.calibrate(plan, from, available);
    if (this.sizer.calibrated) this.target = this.sizer.rowsFor(Number.MAX_SAFE_INTEGER);
  }

  /** Ends the stream: every row read and not yet in a batch fails with `error`. Returns false. */
  *failRest(error: unknown): Generator<BatchItem, boolean, undefined> {
    const { emitted: from, read: to } = this.progress;
    this.pending = [];
    this.progress.emitted = to;
    yield { from, to, error: toMilvusError(error, { what: 'encoding failed unexpectedly' }) };
    return false;
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}
