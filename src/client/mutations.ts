/**
 * insert, upsert and delete. Insert and upsert encode with the WebAssembly encoder against the cached
 * schema and send its bytes untouched; a stale schema (client-side rejection with a cached schema, or
 * the server's SchemaMismatch) is refreshed once and the call retried.
 */
import { encodeInsertRequest, encodeUpsertRequest } from '../codec/insert.js';
import type { Columns, Row } from '../codec/types.js';
import { InvalidInputError } from '../errors.js';
import type { WireIDs, WireMutationResult } from '../proto/messages.js';
import type { CallOptions, Connection } from './connection.js';
import type { DescribeCollectionResponse } from './describe.js';
import { int64ListOut, int64Out, type Int64, type Int64Mode } from './int64.js';
import { pkInFilter, primaryField } from './pk-filter.js';
import { requireCollection } from './request-params.js';
import type { SchemaCache } from './schema-cache.js';
import { SCHEMA_MISMATCH, type ResStatus, SUCCESS } from './status.js';

/** Parameters of `insert`: rows (`data`, or the SDK's `fields_data`) or `columns`. */
export interface InsertReq extends CallOptions {
  collection_name: string;
  /** One row or a list of rows. */
  data?: Row | Row[];
  /** The official Node SDK's name for `data`. */
  fields_data?: Row | Row[];
  /** Columnar input (typed arrays), see `InsertRequestInput.columns`. */
  columns?: Columns;
  partition_name?: string;
}

/** Parameters of `upsert`: as insert, plus `partial_update` (replace only the given fields). */
export interface UpsertReq extends InsertReq {
  partial_update?: boolean;
}

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

/** Result of `insert`. */
export interface InsertResult extends MutationResultBase {
  insert_count: number;
  insert_cnt: Int64;
}

/** Result of `upsert`. */
export interface UpsertResult extends MutationResultBase {
  upsert_count: number;
  upsert_cnt: Int64;
}

/** Parameters of `delete`: `ids` or a `filter` (alias `expr`), not both. */
export interface DeleteReq extends CallOptions {
  collection_name: string;
  ids?: readonly (string | number | bigint)[] | string | number | bigint;
  filter?: string;
  expr?: string;
  partition_name?: string;
}

/** Result of `delete`. */
export interface DeleteResult extends MutationResultBase {
  delete_count: number;
  delete_cnt: Int64;
}

/** Inserts rows. See `MilvusClient.insert`. */
export async function insertRows(conn: Connection, schemas: SchemaCache, req: InsertReq): Promise<InsertResult> {
  const { count, cnt, ...rest } = await writeRows(conn, schemas, req, false);
  return { ...rest, insert_count: count, insert_cnt: cnt };
}

/** Upserts rows. See `MilvusClient.upsert`. */
export async function upsertRows(conn: Connection, schemas: SchemaCache, req: UpsertReq): Promise<UpsertResult> {
  const { count, cnt, ...rest } = await writeRows(conn, schemas, req, true);
  return { ...rest, upsert_count: count, upsert_cnt: cnt };
}

async function writeRows(conn: Connection, schemas: SchemaCache, req: UpsertReq, upsert: boolean): Promise<MutationResultBase & { count: number; cnt: Int64 }> {
  requireCollection(req, upsert ? 'upsert' : 'insert');
  const rows = req.data ?? req.fields_data;
  if (req.columns === undefined && (rows === undefined || (Array.isArray(rows) && rows.length === 0))) {
    if (rows === undefined) throw new InvalidInputError(`${upsert ? 'upsert' : 'insert'}: give rows in \`data\` or columns in \`columns\``);
    return emptyMutation(conn.int64);
  }
  const rpc = upsert ? 'Upsert' : 'Insert';
  for (let attempt = 0; ; attempt++) {
    const { description, fresh } = await schemas.get(req.collection_name, req, attempt > 0);
    let bytes: Uint8Array;
    try {
      bytes = encodeRows(conn, req, description, upsert);
    } catch (err) {
      // The cached schema may be stale (collection recreated): check against a fresh one once.
      if (err instanceof InvalidInputError && !fresh && attempt === 0) continue;
      throw err;
    }
    if (bytes.length === 0) return emptyMutation(conn.int64);
    try {
      const res = await conn.rpc<WireMutationResult>(rpc, bytes, req);
      const count = upsert ? res.upsert_cnt : res.insert_cnt;
      return { ...mutationResult(res, conn.int64), count: Number(count), cnt: int64Out(count, conn.int64) };
    } catch (err) {
      if (attempt === 0 && (err as { code?: unknown }).code === SCHEMA_MISMATCH) continue;
      throw err;
    }
  }
}

/** The request bytes from the WebAssembly encoder (empty for zero rows). Throws `InvalidInputError` for bad input. */
function encodeRows(conn: Connection, req: UpsertReq, description: DescribeCollectionResponse, upsert: boolean): Uint8Array {
  const rows = req.data ?? req.fields_data;
  const input = {
    collection_name: req.collection_name,
    schema: description.schema,
    schema_timestamp: description.update_timestamp,
    ...(req.partition_name ? { partition_name: req.partition_name } : {}),
    ...(rows !== undefined ? { data: rows } : {}),
    ...(req.columns !== undefined ? { columns: req.columns } : {}),
  };
  if (!upsert) return encodeInsertRequest(input, { engine: conn.engine });
  return encodeUpsertRequest({ ...input, ...(req.partial_update !== undefined ? { partial_update: req.partial_update } : {}) }, { engine: conn.engine });
}

/** Deletes by primary keys or by filter. See `MilvusClient.delete`. */
export async function deleteRows(conn: Connection, schemas: SchemaCache, req: DeleteReq): Promise<DeleteResult> {
  requireCollection(req, 'delete');
  const filter = req.filter ?? req.expr;
  let expr: string;
  if (req.ids !== undefined) {
    if (filter !== undefined) throw new InvalidInputError('delete: give `ids` or `filter`, not both');
    const ids = Array.isArray(req.ids) ? req.ids : [req.ids];
    if (ids.length === 0) return { ...emptyMutation(conn.int64), delete_count: 0, delete_cnt: int64Out('0', conn.int64) };
    const { description } = await schemas.get(req.collection_name, req);
    expr = pkInFilter(primaryField(description.schema.fields, req.collection_name), ids);
  } else if (typeof filter === 'string' && filter.trim() !== '') {
    expr = filter;
  } else {
    throw new InvalidInputError('delete: give `ids` or a non-empty `filter`');
  }
  const res = await conn.rpc<WireMutationResult>('Delete', {
    collection_name: req.collection_name,
    expr,
    ...(req.partition_name ? { partition_name: req.partition_name } : {}),
  }, req);
  return { ...mutationResult(res, conn.int64), delete_count: Number(res.delete_cnt), delete_cnt: int64Out(res.delete_cnt, conn.int64) };
}

function mutationResult(res: WireMutationResult, mode: Int64Mode): MutationResultBase {
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

function emptyMutation(mode: Int64Mode): MutationResultBase & { count: number; cnt: Int64 } {
  const zero = int64Out('0', mode);
  return { status: SUCCESS, ids: [], IDs: { int_id: { data: [] } }, succ_index: [], err_index: [], acknowledged: false, timestamp: zero, count: 0, cnt: zero };
}
