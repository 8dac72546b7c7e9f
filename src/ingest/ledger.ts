/**
 * The ledger of a multi-request write: what became of every batch (landed, failed, in doubt), the
 * failure that stopped it, and the merged result or the account a caller resumes from.
 */
import { MilvusErrorCode, MilvusError, type FailedSpan, type IngestAccount, type LandedSpan, type RowSpan } from '../errors.js';
import type { Int64, Int64Mode } from '../client/int64.js';
import { int64Out } from '../client/int64.js';
import { emptyMutation, mutationResult, type CountedMutation, type MutationResultBase } from '../client/mutation-result.js';
import { SUCCESS } from '../client/status.js';
import type { WireMutationResult } from '../proto/messages.js';

interface LandedBatch extends LandedSpan {
  /** The rest of the server's answer; kept only when the merged result is wanted. */
  detail?: MutationResultBase;
  count: bigint;
  timestamp: bigint;
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

  /** `keepDetails`: keep each answer's indices and timestamps for {@link merged} (the `insert` result). */
  constructor(private readonly mode: Int64Mode, private readonly keepDetails: boolean) {}

  /** Records a batch the server acknowledged (`upserted`: it went as an Upsert, so its count is `upsert_cnt`). */
  land(batch: RowSpan & { bytes: Uint8Array | number }, response: WireMutationResult, upserted: boolean): void {
    const detail = mutationResult(response, this.mode);
    this.landedBatches.push({
      from: batch.from,
      to: batch.to,
      ids: detail.ids,
      count: BigInt(upserted ? response.upsert_cnt : response.insert_cnt),
      timestamp: BigInt(response.timestamp || '0'),
      ...(this.keepDetails ? { detail } : {}),
    });
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
  account(rowsRead: number): IngestAccount {
    const byFrom = <T extends RowSpan>(spans: T[]) => spans.slice().sort((a, b) => a.from - b.from);
    return {
      landed: byFrom(this.landedBatches).map(({ from, to, ids }) => ({ from, to, ids })),
      failed: byFrom(this.failedSpans),
      in_doubt: byFrom(this.doubtSpans),
      rows_read: rowsRead,
    };
  }

  /** The primary keys of every landed row, in row order. */
  ids(): Int64[] {
    const sorted = this.sortedLanded();
    if (sorted.length === 1) return sorted[0].ids;
    const out: Int64[] = [];
    for (const b of sorted) for (const id of b.ids) out.push(id);
    return out;
  }

  /** Rows the server reports as written, summed over batches. */
  count(): bigint {
    let n = 0n;
    for (const b of this.landedBatches) n += b.count;
    return n;
  }

  /**
   * The landed batches as one mutation result: ids in row order, `succ_index`/`err_index` shifted by each
   * batch's first row, counts summed, the latest timestamp. Needs `keepDetails`.
   */
  merged(): CountedMutation {
    const sorted = this.sortedLanded();
    if (sorted.length === 0) return emptyMutation(this.mode);
    const count = this.count();
    if (sorted.length === 1) return { ...sorted[0].detail!, count: Number(count), cnt: int64Out(count.toString(), this.mode) };
    const ids = this.ids();
    const stringKeys = sorted.some((b) => 'str_id' in b.detail!.IDs);
    const succ: number[] = [];
    const err: number[] = [];
    let latest = 0n;
    for (const b of sorted) {
      for (const i of b.detail!.succ_index) succ.push(i + b.from);
      for (const i of b.detail!.err_index) err.push(i + b.from);
      if (b.timestamp > latest) latest = b.timestamp;
    }
    return {
      status: SUCCESS,
      ids,
      IDs: stringKeys ? { str_id: { data: ids.slice() as string[] } } : { int_id: { data: ids.slice() } },
      succ_index: succ,
      err_index: err,
      acknowledged: sorted.every((b) => b.detail!.acknowledged),
      timestamp: int64Out(latest.toString(), this.mode),
      count: Number(count),
      cnt: int64Out(count.toString(), this.mode),
    };
  }

  private sortedLanded(): LandedBatch[] {
    return this.landedBatches.slice().sort((a, b) => a.from - b.from);
  }
}
