/**
 * The ledger of a multi-request write: what became of every batch (landed, failed, in doubt) and the
 * failure that stopped it. It keeps the server's answers as they came; the client makes results of them.
 */
import { MilvusErrorCode, MilvusError, type FailedSpan, type RowSpan } from '../errors.js';
import type { WireMutationResult } from '../proto/messages.js';

/** A batch the server acknowledged: its source rows and the server's answer. */
export interface LandedBatch extends RowSpan {
  readonly response: WireMutationResult;
  /** It went as an Upsert (its count is `upsert_cnt`), also when the write was an insert resent idempotently. */
  readonly upserted: boolean;
}

/** What became of every row of a write, each list in row order. */
export interface WriteReport {
  readonly landed: readonly LandedBatch[];
  readonly failed: readonly FailedSpan[];
  readonly in_doubt: readonly FailedSpan[];
  /** Rows taken from the input or source. */
  readonly rows_read: number;
  /** The failure that stopped the write; absent when every row landed. */
  readonly cause?: MilvusError;
  readonly totals: LedgerTotals;
}

/** Totals so far, for progress reports and the final result. */
export interface LedgerTotals {
  rows: number;
  bytes: number;
  batches: number;
}

/** Records outcomes as batches settle, in any order; reports them in row order. */
export class Ledger {
  readonly totals: LedgerTotals = { rows: 0, bytes: 0, batches: 0 };
  private readonly landedBatches: LandedBatch[] = [];
  private readonly failedSpans: FailedSpan[] = [];
  private readonly doubtSpans: FailedSpan[] = [];
  private cause: MilvusError | undefined;

  /** Records a batch the server acknowledged (`upserted`: it went as an Upsert). */
  land(batch: RowSpan & { bytes: Uint8Array | number }, response: WireMutationResult, upserted: boolean): void {
    this.landedBatches.push({ from: batch.from, to: batch.to, response, upserted });
    this.totals.rows += batch.to - batch.from;
    this.totals.bytes += typeof batch.bytes === 'number' ? batch.bytes : batch.bytes.length;
    this.totals.batches++;
  }

  /** Records rows that certainly did not land. Empty spans are not recorded. */
  fail(span: RowSpan, error: MilvusError): void {
    if (span.to > span.from) this.failedSpans.push({ from: span.from, to: span.to, error });
  }

  /** Records rows the server may or may not hold. */
  doubt(span: RowSpan, error: MilvusError): void {
    if (span.to > span.from) this.doubtSpans.push({ from: span.from, to: span.to, error });
  }

  /** Records a batch that was encoded but not sent because the write stopped. */
  unsent(span: RowSpan): void {
    this.fail(span, new MilvusError(MilvusErrorCode.NotSent, `rows ${span.from}..${span.to - 1} were not sent: the write stopped after an earlier failure`, { cause: this.cause }));
  }

  /**
   * Records every row below `rowsRead` that no span covers as not sent: rows read but still gathering
   * into a batch, or in a batch being prepared when the write stopped.
   */
  unsentUpTo(rowsRead: number): void {
    const covered = [...this.landedBatches, ...this.failedSpans, ...this.doubtSpans].sort((a, b) => a.from - b.from);
    let next = 0;
    for (const span of covered) {
      if (span.from > next) this.unsent({ from: next, to: span.from });
      next = Math.max(next, span.to);
    }
    if (rowsRead > next) this.unsent({ from: next, to: rowsRead });
  }

  /** Stops the write; the first cause wins. */
  stop(error: MilvusError): void {
    this.cause ??= error;
  }

  get stopped(): boolean {
    return this.cause !== undefined;
  }

  /** The failure that stopped the write, if one did. */
  get stopCause(): MilvusError | undefined {
    return this.cause;
  }

  /** True when no row landed and none may have: the write had no effect. */
  get nothingWritten(): boolean {
    return this.landedBatches.length === 0 && this.doubtSpans.length === 0;
  }

  /** What became of every row read, each list in row order. */
  report(rowsRead: number): WriteReport {
    const byFrom = <T extends RowSpan>(spans: T[]) => spans.slice().sort((a, b) => a.from - b.from);
    return {
      landed: byFrom(this.landedBatches),
      failed: byFrom(this.failedSpans),
      in_doubt: byFrom(this.doubtSpans),
      rows_read: rowsRead,
      ...(this.cause ? { cause: this.cause } : {}),
      totals: { ...this.totals },
    };
  }
}
