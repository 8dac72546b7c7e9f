/**
 * Results of writes, made from what the server answered: the mutation result shared by insert, upsert and
 * delete (int64 values kept exact), a multi-request write's answers merged in row order, and the
 * `IngestError` of a write that stopped early.
 */
import { IngestError, type IngestAccount } from '../errors.js';
import type { LandedBatch, WriteReport } from '../ingest/ledger.js';
import type { WireIDs, WireMutationResult } from '../proto/messages.js';
import { int64ListOut, int64Out, type Int64, type Int64Mode } from './int64.js';
import { type ResStatus, SUCCESS } from './status.js';

/** Primary keys as returned in the SDK's `IDs`. */
export type IDs = { int_id: { data: Int64[] } } | { str_id: { data: string[] } };

/** Common part of mutation results (the SDK's `MutationResult`, with exact int64 values). */
export interface MutationResultBase {
  status: ResStatus;
  /** Primary keys of the affected rows: int64 keys as strings or bigints (the `int64` option), never numbers. */
  ids: Int64[];
  IDs: IDs;
  succ_index: number[];
  err_index: number[];
  acknowledged: boolean;
  timestamp: Int64;
}

/** A mutation result with the count of affected rows, before it is named insert/upsert/delete count. */
export interface CountedMutation extends MutationResultBase {
  count: number;
  cnt: Int64;
}

/** The caller's view of one `MutationResult`. */
export function mutationResult(res: WireMutationResult, mode: Int64Mode): MutationResultBase {
  const { ids, IDs } = formatIds(res.IDs, mode);
  return {
    status: SUCCESS,
    ids,
    IDs,
    succ_index: res.succ_index,
    err_index: res.err_index,
    acknowledged: res.acknowledged,
    timestamp: int64Out(res.timestamp, mode),
  };
}

/** Flattens wire `IDs` into a list, keeping int64 exact. */
export function formatIds(wire: WireIDs | null | undefined, mode: Int64Mode): { ids: Int64[]; IDs: IDs } {
  if (wire?.str_id) return { ids: wire.str_id.data.slice(), IDs: { str_id: { data: wire.str_id.data.slice() } } };
  const ints = int64ListOut(wire?.int_id?.data ?? [], mode);
  return { ids: ints, IDs: { int_id: { data: ints.slice() } } };
}

/** The result of a write that sent nothing (no rows). */
export function emptyMutation(mode: Int64Mode): CountedMutation {
  const zero = int64Out('0', mode);
  return { status: SUCCESS, ids: [], IDs: { int_id: { data: [] } }, succ_index: [], err_index: [], acknowledged: false, timestamp: zero, count: 0, cnt: zero };
}

/** Rows the server reports as written by the landed batches. */
export function landedCount(landed: readonly LandedBatch[]): bigint {
  let n = 0n;
  for (const b of landed) n += BigInt((b.upserted ? b.response.upsert_cnt : b.response.insert_cnt) || '0');
  return n;
}

/** The primary keys of every landed row, in row order (`landed` is in row order). */
export function landedIds(landed: readonly LandedBatch[], mode: Int64Mode): Int64[] {
  if (landed.length === 1) return formatIds(landed[0]!.response.IDs, mode).ids;
  const out: Int64[] = [];
  for (const b of landed) for (const id of formatIds(b.response.IDs, mode).ids) out.push(id);
  return out;
}

/**
 * The landed batches (in row order) as one mutation result: ids in row order, `succ_index`/`err_index`
 * shifted by each batch's first row, counts summed, the latest timestamp.
 */
export function mergeLanded(landed: readonly LandedBatch[], mode: Int64Mode): CountedMutation {
  if (landed.length === 0) return emptyMutation(mode);
  const count = landedCount(landed);
  const cnt = int64Out(count.toString(), mode);
  if (landed.length === 1) return { ...mutationResult(landed[0]!.response, mode), count: Number(count), cnt };
  const ids = landedIds(landed, mode);
  const stringKeys = landed.some((b) => b.response.IDs?.str_id);
  const succ: number[] = [];
  const err: number[] = [];
  let latest = 0n;
  for (const b of landed) {
    for (const i of b.response.succ_index) succ.push(i + b.from);
    for (const i of b.response.err_index) err.push(i + b.from);
    const ts = BigInt(b.response.timestamp || '0');
    if (ts > latest) latest = ts;
  }
  return {
    status: SUCCESS,
    ids,
    IDs: stringKeys ? { str_id: { data: ids.slice() as string[] } } : { int_id: { data: ids.slice() } },
    succ_index: succ,
    err_index: err,
    acknowledged: landed.every((b) => b.response.acknowledged),
    timestamp: int64Out(latest.toString(), mode),
    count: Number(count),
    cnt,
  };
}

/** What became of every row read, with the landed rows' ids. */
export function accountOf(report: WriteReport, mode: Int64Mode): IngestAccount {
  return {
    landed: report.landed.map(({ from, to, response }) => ({ from, to, ids: formatIds(response.IDs, mode).ids })),
    failed: report.failed.slice(),
    in_doubt: report.in_doubt.slice(),
    rows_read: report.rows_read,
  };
}

/** The `IngestError` of a write that stopped: counts in the message, spans in `account`, the stopping failure as `cause`. */
export function incompleteError(operation: string, collection: string, report: WriteReport, mode: Int64Mode): IngestError {
  const account = accountOf(report, mode);
  const rows = (spans: readonly { from: number; to: number }[]) => spans.reduce((n, s) => n + s.to - s.from, 0);
  const { cause } = report;
  const message =
    `${operation} into "${collection}" stopped after reading ${report.rows_read} rows: ${rows(account.landed)} landed, ` +
    `${rows(account.failed)} failed, ${rows(account.in_doubt)} in doubt` +
    (cause ? `; first failure: ${cause.message}` : '');
  return new IngestError(message, account, cause ? { cause } : {});
}
