/**
 * insert, upsert and delete. Insert and upsert are split by encoded size into requests that the
 * WebAssembly encoder fills against the cached schema (see `ingest/write.ts`); a stale schema
 * (client-side rejection with a cached schema, or the server's SchemaMismatch) is refreshed once and the
 * call retried.
 */
import type { Columns, Row } from '../codec/types.js';
import { InvalidInputError } from '../errors.js';
import { writeInBatches } from '../ingest/write.js';
import { withCallOptions, type IngestCallOptions, type IngestSettings } from '../ingest/settings.js';
import type { WireMutationResult } from '../proto/messages.js';
import type { CallOptions, Connection } from './connection.js';
import { int64Out, type Int64 } from './int64.js';
import { emptyMutation, mutationResult, type CountedMutation, type MutationResultBase } from './mutation-result.js';
import { pkInFilter, primaryField } from './pk-filter.js';
import { requireCollection } from './request-params.js';
import type { SchemaCache } from './schema-cache.js';

export { formatIds } from './mutation-result.js';
export type { IDs, MutationResultBase } from './mutation-result.js';

/**
 * Parameters of `insert`: rows (`data`, or the SDK's `fields_data`) or `columns`, and optionally how to
 * split them (`batch_bytes`, `batch_rows`, `concurrency`; the client's settings when omitted).
 */
export interface InsertReq extends CallOptions, IngestCallOptions {
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
export async function insertRows(conn: Connection, schemas: SchemaCache, settings: IngestSettings, req: InsertReq): Promise<InsertResult> {
  const { count, cnt, ...rest } = await writeRows(conn, schemas, settings, req, false);
  return { ...rest, insert_count: count, insert_cnt: cnt };
}

/** Upserts rows. See `MilvusClient.upsert`. */
export async function upsertRows(conn: Connection, schemas: SchemaCache, settings: IngestSettings, req: UpsertReq): Promise<UpsertResult> {
  const { count, cnt, ...rest } = await writeRows(conn, schemas, settings, req, true);
  return { ...rest, upsert_count: count, upsert_cnt: cnt };
}

async function writeRows(conn: Connection, schemas: SchemaCache, settings: IngestSettings, req: UpsertReq, upsert: boolean): Promise<CountedMutation> {
  requireCollection(req, upsert ? 'upsert' : 'insert');
  const rows = req.data ?? req.fields_data;
  if (req.columns === undefined && (rows === undefined || (Array.isArray(rows) && rows.length === 0))) {
    if (rows === undefined) throw new InvalidInputError(`${upsert ? 'upsert' : 'insert'}: give rows in \`data\` or columns in \`columns\``);
    return emptyMutation(conn.int64);
  }
  return writeInBatches(conn, schemas, withCallOptions(settings, req), {
    collection_name: req.collection_name,
    ...(req.partition_name ? { partition_name: req.partition_name } : {}),
    rows: req.columns !== undefined ? { columns: req.columns } : { data: rows! },
    upsert,
    ...(upsert && req.partial_update !== undefined ? { partial_update: req.partial_update } : {}),
    ...(req.timeout !== undefined ? { timeout: req.timeout } : {}),
    ...(req.db_name !== undefined ? { db_name: req.db_name } : {}),
    ...(req.signal !== undefined ? { signal: req.signal } : {}),
  });
}

/** Deletes by primary keys or by filter. See `MilvusClient.delete`. */
export async function deleteRows(conn: Connection, schemas: SchemaCache, req: DeleteReq): Promise<DeleteResult> {
  requireCollection(req, 'delete');
  const filter = req.filter ?? req.expr;
  let expr: string;
  if (req.ids !== undefined) {
    if (filter !== undefined) throw new InvalidInputError('delete: give `ids` or `filter`, not both');
    const ids = Array.isArray(req.ids) ? req.ids : [req.ids];
    if (ids.length === 0) {
      const { count, cnt, ...rest } = emptyMutation(conn.int64);
      return { ...rest, delete_count: count, delete_cnt: cnt };
    }
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
