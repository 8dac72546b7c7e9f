/**
 * The result shape shared by insert, upsert and delete, built from the server's `MutationResult`
 * with int64 values kept exact.
 */
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
