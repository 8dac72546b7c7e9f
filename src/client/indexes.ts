/**
 * Index operations: create, describe, drop.
 */
import type { CallOptions, Connection } from './connection.js';
import { int64Out, type Int64 } from './int64.js';
import { requireCollection, toKeyValuePairs } from './request-params.js';
import { SUCCESS, type ResStatus } from './status.js';
import { enumName } from '../proto/index.js';
import type { KeyValuePair } from '../schema.js';

/** Parameters of `createIndex` (the SDK's simple form; `extra_params` are sent as given). */
export interface CreateIndexReq extends CallOptions {
  collection_name: string;
  field_name: string;
  index_name?: string;
  /** e.g. `'AUTOINDEX'`, `'HNSW'`, `'IVF_FLAT'`, `'SPARSE_INVERTED_INDEX'`. */
  index_type?: string;
  /** e.g. `'COSINE'`, `'L2'`, `'IP'`. */
  metric_type?: string;
  /** Build parameters, e.g. `{ M: 16, efConstruction: 200 }`; sent as JSON under `params`. */
  params?: Record<string, unknown>;
  extra_params?: Record<string, unknown>;
}

/** Creates an index on a field. */
export async function createIndex(conn: Connection, req: CreateIndexReq): Promise<ResStatus> {
  requireCollection(req, 'createIndex');
  const extra = toKeyValuePairs({
    ...req.extra_params,
    index_type: req.index_type,
    metric_type: req.metric_type,
    params: req.params === undefined ? undefined : JSON.stringify(req.params),
  });
  await conn.rpc('CreateIndex', {
    collection_name: req.collection_name,
    field_name: req.field_name,
    index_name: req.index_name ?? '',
    extra_params: extra,
  }, req);
  return SUCCESS;
}

/** Parameters of `describeIndex` / `dropIndex`. */
export interface IndexReq extends CallOptions {
  collection_name: string;
  field_name?: string;
  index_name?: string;
}

/** One index in `describeIndex`. */
export interface IndexDescription {
  index_name: string;
  indexID: Int64;
  field_name: string;
  params: KeyValuePair[];
  indexed_rows: Int64;
  total_rows: Int64;
  pending_index_rows: Int64;
  /** e.g. `'Finished'`. */
  state: string;
  index_state_fail_reason: string;
}

/** Result of `describeIndex`. */
export interface DescribeIndexResponse {
  status: ResStatus;
  index_descriptions: IndexDescription[];
}

interface WireIndexDescription {
  index_name: string;
  indexID: string;
  field_name: string;
  params: KeyValuePair[];
  indexed_rows: string;
  total_rows: string;
  pending_index_rows: string;
  state: number;
  index_state_fail_reason: string;
}

/** Describes the indexes of a collection (or of one field / index name). */
export async function describeIndex(conn: Connection, req: IndexReq): Promise<DescribeIndexResponse> {
  requireCollection(req, 'describeIndex');
  const res = await conn.rpc<{ index_descriptions: WireIndexDescription[] }>('DescribeIndex', {
    collection_name: req.collection_name,
    field_name: req.field_name ?? '',
    index_name: req.index_name ?? '',
  }, req);
  const mode = conn.int64;
  return {
    status: SUCCESS,
    index_descriptions: res.index_descriptions.map((d) => ({
      index_name: d.index_name,
      indexID: int64Out(d.indexID, mode),
      field_name: d.field_name,
      params: d.params.map(({ key, value }) => ({ key, value })),
      indexed_rows: int64Out(d.indexed_rows, mode),
      total_rows: int64Out(d.total_rows, mode),
      pending_index_rows: int64Out(d.pending_index_rows, mode),
      state: enumName('milvus.proto.common.IndexState', d.state),
      index_state_fail_reason: d.index_state_fail_reason,
    })),
  };
}

/** Drops an index (by field or index name). */
export async function dropIndex(conn: Connection, req: IndexReq): Promise<ResStatus> {
  requireCollection(req, 'dropIndex');
  await conn.rpc('DropIndex', { collection_name: req.collection_name, field_name: req.field_name ?? '', index_name: req.index_name ?? '' }, req);
  return SUCCESS;
}
