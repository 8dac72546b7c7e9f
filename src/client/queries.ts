/**
 * query and get: a filter (or primary keys) in, row objects out, with exact int64 values.
 */
import { InvalidInputError } from '../errors.js';
import type { WireQueryResults } from '../proto/messages.js';
import type { CallOptions, Connection } from './connection.js';
import { pkInFilter, primaryField } from './pk-filter.js';
import { consistencyFields, requireCollection, toKeyValuePairs, type ConsistencyLevel } from './request-params.js';
import { columnsToRows, type RowData } from './rows.js';
import type { SchemaCache } from './schema-cache.js';
import { SUCCESS, type ResStatus } from './status.js';

/** Primary keys to select: int64 keys as bigint, safe integer or decimal string; VarChar keys as strings. */
export type PrimaryKeys = readonly (string | number | bigint)[] | string | number | bigint;

/** Parameters of `query`. Give `filter` (alias `expr`) or `ids`. */
export interface QueryReq extends CallOptions {
  collection_name: string;
  filter?: string;
  expr?: string;
  ids?: PrimaryKeys;
  /** Fields to return; every field (`['*']`) when omitted. Dynamic keys may be named too. */
  output_fields?: string[];
  partition_names?: string[];
  limit?: number;
  offset?: number;
  consistency_level?: ConsistencyLevel;
  /** Extra query parameters, sent as key/value pairs. */
  params?: Record<string, unknown>;
}

/** Parameters of `get`: rows by primary key. */
export interface GetReq extends CallOptions {
  collection_name: string;
  ids: PrimaryKeys;
  output_fields?: string[];
  partition_names?: string[];
  consistency_level?: ConsistencyLevel;
}

/** Result of `query` and `get`: one object per entity. */
export interface QueryResults {
  status: ResStatus;
  data: RowData[];
}

/** Runs a query. See `MilvusClient.query`. */
export async function runQuery(conn: Connection, schemas: SchemaCache, req: QueryReq): Promise<QueryResults> {
  requireCollection(req, 'query');
  let expr = req.filter ?? req.expr;
  if (req.ids !== undefined) {
    if (expr !== undefined) throw new InvalidInputError('query: give `ids` or `filter`, not both');
    const ids = Array.isArray(req.ids) ? req.ids : [req.ids];
    if (ids.length === 0) return { status: SUCCESS, data: [] };
    const { description } = await schemas.get(req.collection_name, req);
    expr = pkInFilter(primaryField(description.schema.fields, req.collection_name), ids);
  }
  const queryParams = toKeyValuePairs({ ...req.params, limit: req.limit, offset: req.offset });
  const res = await conn.rpc<WireQueryResults>('Query', {
    collection_name: req.collection_name,
    expr: expr ?? '',
    output_fields: req.output_fields ?? ['*'],
    partition_names: req.partition_names ?? [],
    query_params: queryParams,
    ...consistencyFields(req.consistency_level),
  }, req);
  return { status: SUCCESS, data: columnsToRows(res.fields_data, res.output_fields, conn.int64) };
}

/** Fetches rows by primary key. See `MilvusClient.get`. */
export function runGet(conn: Connection, schemas: SchemaCache, req: GetReq): Promise<QueryResults> {
  if (req?.ids === undefined) return Promise.reject(new InvalidInputError('get: `ids` is required'));
  return runQuery(conn, schemas, req);
}
