/**
 * Writes: insert, upsert (whole rows, partial, or array append/remove per field), delete, and `ingest` for
 * streams. Rows and columns are encoded by the WebAssembly encoder against the cached schema, split into
 * requests by size, and sent with retries where they are safe (see `ingest/`). Unlike the SDK's writes,
 * these reject with a `MilvusError` on any failure: a write that did not land never passes as a status.
 */
import { FieldPartialUpdateOpType } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import type { Columns, Row } from '../../codec/types.js';
import type { IngestReq as IngestRequest } from '../../ingest/ingest.js';
import { withCallOptions, type IngestCallOptions } from '../../ingest/settings.js';
import { callOf, type WriteTarget } from '../../ingest/target.js';
import { writeInBatches } from '../../ingest/write.js';
import type { WireMutationResult } from '../../proto/messages.js';
import type { CallOptions } from '../connection.js';
import { stateOf } from '../state.js';
import { formatExprValues } from '../expr-values.js';
import type { InsertTransformers } from '../field-values.js';
import { applyInsertTransformers } from '../insert-transformers.js';
import { int64Out, type Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { pkInFilter, primaryField } from '../pk-filter.js';
import { throwIfFailed } from '../status.js';
import { incompleteError, landedCount, landedIds, mergeLanded, type CountedMutation } from '../write-results.js';
import { planSchema } from '../../schema.js';
import type { collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, rpc, passOn } from './common.js';

/** Parameters of `insert`: rows in `data` (or the SDK's `fields_data`), or `columns`. */
export interface InsertReq extends collectionNameReq, IngestCallOptions {
  /** One row or a list of rows. */
  data?: Row | Row[];
  /** The SDK's name for `data`. */
  fields_data?: Row | Row[];
  /** Columnar input (typed arrays); see `InsertRequestInput.columns`. */
  columns?: Columns;
  partition_name?: string;
  /**
   * Own conversion of float16/bfloat16 values given as number arrays in rows (see `InsertTransformers`).
   * Rows only: with `columns` it throws `InvalidInputError` (give those columns as bytes).
   */
  transformers?: InsertTransformers;
}

/** A partial-update operation on one field of an upsert. */
export interface FieldPartialUpdateOp {
  field_name: string;
  op: FieldPartialUpdateOpType | keyof typeof FieldPartialUpdateOpType;
}

/** Parameters of `upsert`: as insert, plus `partial_update` (replace only the given fields) and `field_ops`. */
export interface UpsertReq extends InsertReq {
  partial_update?: boolean;
  /** Array fields to append to or remove from rather than replace (implies a partial update). */
  field_ops?: FieldPartialUpdateOp[];
}

/** Primary keys as the server returns them (the SDK's `IDs`): int64 keys exact, as strings or bigints. */
export type IDs = { int_id: { data: Int64[] }; id_field: 'int_id' } | { str_id: { data: string[] }; id_field: 'str_id' };

/** Result of a write (the SDK's `MutationResult`), plus `ids` in input order. */
export interface MutationResult extends resStatusResponse {
  succ_index: number[];
  err_index: number[];
  acknowledged: boolean;
  insert_cnt: Int64;
  delete_cnt: Int64;
  upsert_cnt: Int64;
  timestamp: Int64;
  IDs: IDs;
  /** Primary keys of the rows written, in input order (int64 keys as strings or bigints, never numbers). */
  ids: Int64[];
}
/** Result of `insert`. */
export interface InsertResult extends MutationResult {
  insert_count: number;
}
/** Result of `upsert`. */
export interface UpsertResult extends MutationResult {
  upsert_count: number;
}
/** Result of `delete`. */
export interface DeleteResult extends MutationResult {
  delete_count: number;
}

interface BaseDeleteReq extends collectionNameReq {
  partition_name?: string;
  consistency_level?: 'Strong' | 'Session' | 'Bounded' | 'Eventually' | 'Customized' | number;
  /** Values of `{name}` placeholders in the filter. */
  exprValues?: Record<string, unknown>;
}
/** `deleteEntities`: by filter (`expr` or `filter`). */
export interface DeleteEntitiesReq extends BaseDeleteReq {
  expr?: string;
  filter?: string;
}
/** `delete` by primary keys. */
export interface DeleteByIdsReq extends BaseDeleteReq {
  ids: readonly (string | number | bigint | object)[];
}
/** `delete` by filter. */
export interface DeleteByFilterReq extends BaseDeleteReq {
  filter: string;
}
export type DeleteReq = DeleteByIdsReq | DeleteByFilterReq | DeleteEntitiesReq;

/** Parameters of `ingest`: the stream, where it goes, and per-call options. */
export interface IngestReq extends IngestRequest, CallOptions {}

/** Result of a complete ingest. */
export interface IngestResult {
  /** Rows the server reports as written. */
  insert_count: number;
  /** Primary keys of all rows, in source order. */
  ids: Int64[];
  batches: number;
  /** Request bytes sent. */
  bytes: number;
  elapsed_ms: number;
}

/**
 * The server side of a write, over this client's connection: descriptions through `describeCollection`
 * (so an override of it is honoured, as in the SDK) and the schema cache, and requests sent as they are.
 */
function writeTarget(client: MilvusClient, req: collectionNameReq & CallOptions): WriteTarget {
  const { conn, engine, schemas } = stateOf(client);
  const requestId = req.client_request_id ?? req['client-request-id'];
  return {
    engine,
    async describe(refresh) {
      const cached = schemas.has(req.collection_name, req);
      const description = await client.describeCollection({
        collection_name: req.collection_name, cache: !refresh, ...passOn(req),
      });
      throwIfFailed('DescribeCollection', description?.status);
      return { schema: description.schema, update_timestamp: description.update_timestamp, fresh: refresh || !cached };
    },
    // Once per attempt: the write's retry policy, not the transport's resend of never-sent calls, decides.
    send: (method, bytes, call) => conn.rpc<WireMutationResult>(method, bytes, { ...call, retryNeverSent: false, ...(requestId === undefined ? {} : { client_request_id: requestId }) }),
    oneWriteAtATime: (call) => conn.isMilvusLite(call),
  };
}

function normalizeFieldOps(ops: readonly FieldPartialUpdateOp[] | undefined): { field_name: string; op: number }[] {
  return (ops ?? []).map(({ field_name, op }, i) => {
    if (typeof field_name !== 'string' || field_name === '') throw new InvalidInputError(`upsert: field_ops[${i}].field_name is required, got ${describeValue(field_name)}`);
    const value = typeof op === 'number' ? op : FieldPartialUpdateOpType[op as keyof typeof FieldPartialUpdateOpType];
    if (value === undefined || FieldPartialUpdateOpType[value] === undefined) throw new InvalidInputError(`upsert: unsupported field partial update op: ${describeValue(op)} (expected REPLACE, ARRAY_APPEND or ARRAY_REMOVE)`, { field: field_name });
    return { field_name, op: value };
  });
}

/**
 * Writes rows held in memory and merges the answers. A write that stopped throws: the failure itself when
 * it was one request or nothing was written, else an `IngestError` with the account of every row.
 */
async function write(client: MilvusClient, req: UpsertReq, upsert: boolean): Promise<CountedMutation> {
  checkCollectionName(req, upsert ? 'upsert' : 'insert');
  const rows = req.data ?? req.fields_data;
  if (req.columns === undefined && (rows === undefined || rows === null || (Array.isArray(rows) && rows.length === 0))) {
    throw new InvalidInputError(ERROR_REASONS.INSERT_CHECK_FIELD_DATA_IS_REQUIRED);
  }
  if (req.transformers && req.columns !== undefined) {
    throw new InvalidInputError('transformers apply to rows (data), not to columns: give float16/bfloat16 columns as bytes', { field: 'transformers' });
  }
  const fieldOps = upsert ? normalizeFieldOps(req.field_ops) : [];
  const partial = upsert && (req.partial_update === true || fieldOps.length > 0);
  const { conn, ingest: settings } = stateOf(client);
  const target = writeTarget(client, req);
  const report = await writeInBatches(target, withCallOptions(settings, req), {
    collection_name: req.collection_name,
    ...(req.partition_name ? { partition_name: req.partition_name } : {}),
    rows: req.columns !== undefined ? { columns: req.columns } : { data: await transformed(rows!, req, target) },
    upsert,
    ...(upsert && (partial || req.partial_update !== undefined) ? { partial_update: partial } : {}),
    ...(fieldOps.length > 0 ? { field_ops: fieldOps } : {}),
    call: callOf(req),
  });
  if (report.cause) {
    if (report.requests === 1 || (report.landed.length === 0 && report.in_doubt.length === 0)) throw report.cause;
    throw incompleteError(upsert ? 'upsert' : 'insert', req.collection_name, report, conn.int64);
  }
  return mergeLanded(report.landed, conn.int64);
}

/** The rows with the caller's `transformers` applied (the schema says which fields they concern). */
async function transformed(rows: Row | Row[], req: InsertReq, target: WriteTarget): Promise<Row | Row[]> {
  if (!req.transformers) return rows;
  const { schema } = await target.describe(false);
  const list = Array.isArray(rows) ? rows : [rows];
  const out = applyInsertTransformers(list, planSchema(schema).fields, req.transformers);
  return Array.isArray(rows) ? (out as Row[]) : out[0]!;
}

function mutation(m: CountedMutation, mode: 'string' | 'bigint'): MutationResult {
  const zero = int64Out('0', mode);
  const IDs = ('str_id' in m.IDs ? { str_id: m.IDs.str_id, id_field: 'str_id' } : { int_id: m.IDs.int_id, id_field: 'int_id' }) as IDs;
  return {
    status: m.status, succ_index: m.succ_index, err_index: m.err_index, acknowledged: m.acknowledged,
    insert_cnt: zero, delete_cnt: zero, upsert_cnt: zero, timestamp: m.timestamp, IDs, ids: m.ids,
  };
}

export const dataMethods = {
  /**
   * Inserts one row or a list of rows (`data`, or the SDK's `fields_data`), or `columns`. Every value is
   * checked against the schema before anything is sent (bad input throws `InvalidInputError` naming the
   * field and row, and nothing is sent); large inputs go as several requests of about `batch_bytes`.
   * Rejects with `ServerError` when the server refuses, and `IngestError` (with an exact account of the
   * rows that landed) when some requests landed and another failed.
   */
  async insert(this: MilvusClient, data: InsertReq): Promise<InsertResult> {
    const m = await write(this, data, false);
    return { ...mutation(m, stateOf(this).conn.int64), insert_cnt: m.cnt, insert_count: m.count };
  },

  /**
   * Inserts rows or replaces those with the same primary keys. `partial_update: true` replaces only the
   * fields given; `field_ops` appends to or removes from array fields. Same contract as `insert`.
   */
  async upsert(this: MilvusClient, data: UpsertReq): Promise<UpsertResult> {
    const m = await write(this, data, true);
    return { ...mutation(m, stateOf(this).conn.int64), upsert_cnt: m.cnt, upsert_count: m.count };
  },

  /** Deletes the rows matching a filter (`expr` or `filter`, with optional `exprValues`). Rejects with `ServerError` on a refusal. */
  async deleteEntities(this: MilvusClient, data: DeleteEntitiesReq): Promise<DeleteResult> {
    checkCollectionName(data, 'deleteEntities');
    const expr = data.filter || data.expr;
    if (!expr) throw new InvalidInputError(ERROR_REASONS.FILTER_EXPR_REQUIRED);
    const res = await rpc<MutationResult>(this, 'Delete', {
      db_name: data.db_name ?? '',
      collection_name: data.collection_name,
      partition_name: data.partition_name ?? '',
      expr,
      ...(data.consistency_level !== undefined ? { consistency_level: data.consistency_level } : {}),
      ...(data.exprValues ? { expr_template_values: formatExprValues(data.exprValues) } : {}),
    }, data);
    throwIfFailed('Delete', res.status);
    return { ...res, ids: 'str_id' in res.IDs ? res.IDs.str_id.data : res.IDs.int_id?.data ?? [], delete_count: Number(res.delete_cnt) };
  },

  /**
   * Deletes rows by primary keys (`ids`: int64 keys as numbers, strings, bigints or `Long`s, checked
   * before sending) or by `filter`. An empty `ids` list deletes nothing and sends nothing.
   */
  async delete(this: MilvusClient, data: DeleteReq): Promise<DeleteResult> {
    checkCollectionName(data, 'delete');
    const ids = (data as DeleteByIdsReq).ids;
    if (ids !== undefined && !(data as DeleteByFilterReq).filter) {
      const list = Array.isArray(ids) ? ids : [ids];
      const info = await this.describeCollection({ collection_name: data.collection_name, cache: true, ...passOn(data) });
      throwIfFailed('DescribeCollection', info.status);
      if (list.length === 0) {
        const zero = int64Out('0', stateOf(this).conn.int64);
        return { status: info.status, succ_index: [], err_index: [], acknowledged: false, insert_cnt: zero, delete_cnt: zero, upsert_cnt: zero, timestamp: zero, IDs: { int_id: { data: [] }, id_field: 'int_id' }, ids: [], delete_count: 0 };
      }
      return this.deleteEntities({ ...data, expr: pkInFilter(primaryField(info.schema.fields, data.collection_name), list) } as DeleteEntitiesReq);
    }
    return this.deleteEntities(data as DeleteEntitiesReq);
  },

  /**
   * Writes a stream of rows, or of `{ columns }` chunks, of any length: an array, an iterable, an async
   * iterable or an object-mode `Readable`. The source is read only as fast as batches land, so at most
   * `concurrency + 1` encoded batches exist at once. `onProgress` runs after every landed batch. Throws
   * `IngestError`, whose `account` lists the rows that landed, failed or are in doubt, when it stops early.
   */
  async ingest(this: MilvusClient, data: IngestReq): Promise<IngestResult> {
    const { conn, ingest: settings } = stateOf(this);
    checkCollectionName(data, 'ingest');
    const started = performance.now();
    // Loaded on first use: the stream reader is not needed by apps that never call ingest (browsers fetch it then).
    const { ingest } = await import('../../ingest/ingest.js');
    const report = await ingest(writeTarget(this, data), settings, data);
    if (report.cause) throw incompleteError(data.upsert === true ? 'ingest (upsert)' : 'ingest', data.collection_name, report, conn.int64);
    const { bytes, batches } = report.totals;
    return { insert_count: Number(landedCount(report.landed)), ids: landedIds(report.landed, conn.int64), batches, bytes, elapsed_ms: performance.now() - started };
  },
};
