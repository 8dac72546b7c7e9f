/** Indexes: create (one or several), describe, list, state, build progress, statistics, drop, alter. */
import type { IndexState } from '../../constants.js';
import { InvalidInputError, describeValue } from '../../errors.js';
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { KeyValuePair, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, isSuccess, rpc, toKeyValuePairs } from './common.js';

/** Index settings in the SDK's `extra_params` form (sent as key/value pairs as given). */
export interface CreateIndexParam {
  index_type?: string;
  metric_type?: string;
  /** Build parameters: an object (sent as JSON) or JSON text. */
  params?: string | Record<string, unknown>;
  [key: string]: unknown;
}
/** `createIndex` with settings in `extra_params`. */
export interface CreateIndexReq extends collectionNameReq {
  field_name: string;
  index_name?: string;
  extra_params?: CreateIndexParam;
}
/** `createIndex` with settings at the top level. */
export interface CreateIndexSimpleReq extends collectionNameReq {
  field_name: string;
  index_type?: string;
  metric_type?: string;
  index_name?: string;
  /** Build parameters, e.g. `{ M: 16, efConstruction: 200 }`; sent as JSON under `params`. */
  params?: Record<string, unknown>;
  extra_params?: CreateIndexParam;
}
export type CreateIndexRequest = CreateIndexReq | CreateIndexSimpleReq;
export type CreateIndexesReq = CreateIndexRequest[] | CreateIndexRequest;
export interface DescribeIndexReq extends collectionNameReq {
  field_name?: string;
  index_name?: string;
}
export interface GetIndexStateReq extends DescribeIndexReq {}
export type GetIndexBuildProgressReq = DescribeIndexReq;
export interface DropIndexReq extends DescribeIndexReq {}
export interface AlterIndexReq extends collectionNameReq {
  index_name: string;
  params: Record<string, number | string | boolean>;
}
export interface DropIndexPropertiesReq extends collectionNameReq {
  index_name: string;
  properties: string[];
}
/** One index of `describeIndex`. */
export interface IndexDescription {
  index_name: string;
  indexID: Int64;
  params: KeyValuePair[];
  field_name: string;
  indexed_rows: Int64;
  total_rows: Int64;
  /** e.g. `'Finished'`. */
  state: string;
  index_state_fail_reason: string;
  pending_index_rows: Int64;
}
export interface DescribeIndexResponse extends resStatusResponse {
  index_descriptions: IndexDescription[];
}
export interface ListIndexResponse extends resStatusResponse {
  indexes: string[];
}
export interface GetIndexStateResponse extends resStatusResponse {
  state: IndexState | string;
}
export interface GetIndexBuildProgressResponse extends resStatusResponse {
  indexed_rows: Int64;
  total_rows: Int64;
}

/**
 * The `extra_params` pairs of one index: `extra_params` as given, with `index_type`, `metric_type` and
 * `params` given at the top level laid over it (a key absent at the top level never erases one in
 * `extra_params`). `params` objects travel as JSON text.
 */
export function indexExtraParams(req: CreateIndexSimpleReq): KeyValuePair[] {
  const extra: Record<string, unknown> = { ...req.extra_params };
  if (req.index_type !== undefined) extra.index_type = req.index_type;
  if (req.metric_type !== undefined) extra.metric_type = req.metric_type;
  if (req.params !== undefined) extra.params = req.params;
  if (typeof extra.params === 'object' && extra.params !== null) extra.params = JSON.stringify(extra.params);
  return toKeyValuePairs(extra);
}

function createOne(client: MilvusClient, data: CreateIndexSimpleReq): Promise<ResStatus> {
  checkCollectionName(data, 'createIndex');
  if (typeof data.field_name !== 'string' || data.field_name === '') {
    throw new InvalidInputError(`createIndex: field_name must be a non-empty string, got ${describeValue(data.field_name)}`, { field: 'field_name' });
  }
  return rpc(client, 'CreateIndex', {
    db_name: data.db_name ?? '',
    collection_name: data.collection_name,
    field_name: data.field_name,
    index_name: data.index_name ?? '',
    extra_params: indexExtraParams(data),
  }, data);
}

export const indexMethods = {
  /**
   * Creates an index, or several (an array: created in turn; resolves to the first refusal, else the
   * first status). Settings at the top level (`index_type`, `metric_type`, `params`) or in `extra_params`.
   */
  async createIndex(this: MilvusClient, data: CreateIndexesReq): Promise<ResStatus> {
    if (!Array.isArray(data)) return createOne(this, data as CreateIndexSimpleReq);
    const results: ResStatus[] = [];
    for (const item of data) results.push(await createOne(this, item as CreateIndexSimpleReq));
    return results.find((r) => !isSuccess(r)) ?? results[0]!;
  },

  /** Describes a collection's indexes (or those of one field / index name). */
  async describeIndex(this: MilvusClient, data: DescribeIndexReq): Promise<DescribeIndexResponse> {
    checkCollectionName(data, 'describeIndex');
    return rpc(this, 'DescribeIndex', { db_name: data.db_name ?? '', collection_name: data.collection_name, field_name: data.field_name ?? '', index_name: data.index_name ?? '' }, data);
  },

  /** The names of a collection's indexes. */
  async listIndexes(this: MilvusClient, data: DescribeIndexReq): Promise<ListIndexResponse> {
    const res = await this.describeIndex(data);
    return { status: res.status, indexes: res.index_descriptions.map((d) => d.index_name) };
  },

  /** The build state of an index, e.g. `'Finished'`. */
  async getIndexState(this: MilvusClient, data: GetIndexStateReq): Promise<GetIndexStateResponse> {
    checkCollectionName(data, 'getIndexState');
    return rpc(this, 'GetIndexState', { db_name: data.db_name ?? '', collection_name: data.collection_name, field_name: data.field_name ?? '', index_name: data.index_name ?? '' }, data);
  },

  /** How many rows an index covers so far. */
  async getIndexBuildProgress(this: MilvusClient, data: GetIndexBuildProgressReq): Promise<GetIndexBuildProgressResponse> {
    checkCollectionName(data, 'getIndexBuildProgress');
    return rpc(this, 'GetIndexBuildProgress', { db_name: data.db_name ?? '', collection_name: data.collection_name, field_name: data.field_name ?? '', index_name: data.index_name ?? '' }, data);
  },

  /** Index descriptions with statistics. */
  async getIndexStatistics(this: MilvusClient, data: DescribeIndexReq): Promise<DescribeIndexResponse> {
    checkCollectionName(data, 'getIndexStatistics');
    return rpc(this, 'GetIndexStatistics', { db_name: data.db_name ?? '', collection_name: data.collection_name, field_name: data.field_name ?? '', index_name: data.index_name ?? '' }, data);
  },

  /** Drops an index (by field or index name). */
  async dropIndex(this: MilvusClient, data: DropIndexReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropIndex');
    return rpc(this, 'DropIndex', { db_name: data.db_name ?? '', collection_name: data.collection_name, field_name: data.field_name ?? '', index_name: data.index_name ?? '' }, data);
  },

  /** Sets properties of an index (e.g. `mmap.enabled`). */
  async alterIndexProperties(this: MilvusClient, data: AlterIndexReq): Promise<ResStatus> {
    checkCollectionName(data, 'alterIndexProperties');
    return rpc(this, 'AlterIndex', { db_name: data.db_name ?? '', collection_name: data.collection_name, index_name: data.index_name, extra_params: toKeyValuePairs(data.params) }, data);
  },

  /** Same as `alterIndexProperties`. */
  async alterIndex(this: MilvusClient, data: AlterIndexReq): Promise<ResStatus> {
    return this.alterIndexProperties(data);
  },

  /** Removes properties of an index by key. */
  async dropIndexProperties(this: MilvusClient, data: DropIndexPropertiesReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropIndexProperties');
    return rpc(this, 'AlterIndex', { db_name: data.db_name ?? '', collection_name: data.collection_name, index_name: data.index_name, delete_keys: data.properties }, data);
  },
};
