/**
 * Iterators over large results, as the official Node SDK provides them: `queryIterator` pages through the
 * rows matching a filter in primary-key order (`pk > last` per page); `searchIterator` pages through the
 * hits of one search with Milvus' search-iterator v2 tokens. Both are async iterables of row batches.
 */
import { DEFAULT_MAX_SEARCH_SIZE, DEFAULT_MIN_INT64, NO_LIMIT } from '../../constants.js';
import { DataType } from '../../data-type.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import type { FieldSchema } from '../describe.js';
import type { MilvusClient } from '../milvus-client.js';
import type { SearchResultData } from '../rows.js';
import { throwIfFailed } from '../status.js';
import { checkCollectionName, passOn } from './common.js';
import type { QueryReq, QueryRow } from './query.js';
import type { SearchSimpleReq } from './search.js';

/** Parameters of `queryIterator`. */
export interface QueryIteratorReq extends Omit<QueryReq, 'ids' | 'offset' | 'limit'> {
  /** Rows in all; every matching row when omitted or `NO_LIMIT` (-1). */
  limit?: number;
  /** Rows per batch (at most 16384). */
  batchSize: number;
}

/** Parameters of `searchIterator`. */
export interface SearchIteratorReq extends Omit<SearchSimpleReq, 'vectors' | 'offset' | 'limit' | 'topk'> {
  /** Hits in all; every matching row when omitted or `NO_LIMIT` (-1). */
  limit?: number;
  /** Hits per batch (at most 16384). */
  batchSize: number;
  /** Keeps only the hits it returns true for (the limit still counts every hit). */
  external_filter_fn?: (row: SearchResultData) => boolean;
}

/** `pk > value` (quoted for a VarChar key) joined with the caller's filter: the SDK's `getPKFieldExpr`. */
export function pkAfterExpr(pk: FieldSchema, value: string, expr: string): string {
  const literal = pk.dataType === DataType.VarChar ? `'${value}'` : value;
  return `${pk.name} > ${literal}${expr ? ` && ${expr}` : ''}`;
}

function checkBatchSize(batchSize: unknown, operation: string): number {
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0) {
    throw new InvalidInputError(`${operation}: batchSize must be a positive integer, got ${describeValue(batchSize)}`, { field: 'batchSize' });
  }
  return Math.min(batchSize, DEFAULT_MAX_SEARCH_SIZE);
}

/** How many rows the iteration covers: `limit` capped by the number of matching rows. */
async function totalOf(client: MilvusClient, data: { collection_name: string; db_name?: string; cluster_id?: string; expr?: string; filter?: string; limit?: number }): Promise<number> {
  const count = await client.count({
    collection_name: data.collection_name,
    expr: data.expr || data.filter || '',
    ...passOn(data),
    ...(data.cluster_id ? { cluster_id: data.cluster_id } : {}),
  });
  throwIfFailed('Query', count.status);
  return !data.limit || data.limit === NO_LIMIT ? count.data : Math.min(data.limit, count.data);
}

export const iteratorMethods = {
  /**
   * Pages through the rows matching a filter, `batchSize` at a time, in primary-key order. Each page asks
   * for `pk > last` in iterator mode (as pymilvus does), so the server returns the page sorted by key.
   */
  async queryIterator(this: MilvusClient, data: QueryIteratorReq): Promise<AsyncIterable<QueryRow[]>> {
    checkCollectionName(data, 'queryIterator');
    const batchSize = checkBatchSize(data.batchSize, 'queryIterator');
    const pk = await this.getPkField(data);
    const userExpr = data.expr || data.filter || '';
    const total = await totalOf(this, data);
    const client = this;
    const { filter: _filter, batchSize: _size, limit: _limit, ...query } = data;
    return {
      [Symbol.asyncIterator]() {
        let read = 0;
        let lastPk = '';
        return {
          async next(): Promise<IteratorResult<QueryRow[]>> {
            if (read >= total) return { done: true, value: undefined };
            const res = await client.query({
              ...query,
              params: { ...query.params, iterator: true, reduce_stop_for_best: true },
              limit: Math.min(batchSize, total - read),
              expr: pkAfterExpr(pk, lastPk || (pk.dataType === DataType.VarChar ? '' : DEFAULT_MIN_INT64), userExpr),
            });
            throwIfFailed('Query', res.status);
            if (res.data.length === 0) return { done: true, value: undefined };
            lastPk = String(res.data[res.data.length - 1]![pk.name]);
            read += res.data.length;
            return { done: false, value: res.data };
          },
        };
      },
    };
  },

  /** Pages through the hits of one search, `batchSize` at a time, best first. */
  async searchIterator(this: MilvusClient, data: SearchIteratorReq): Promise<AsyncIterable<SearchResultData[]>> {
    checkCollectionName(data, 'searchIterator');
    let batchSize = checkBatchSize(data.batchSize, 'searchIterator');
    const total = await totalOf(this, data);
    const info = await this.describeCollection({ collection_name: data.collection_name, cache: true, ...passOn(data) });
    throwIfFailed('DescribeCollection', info.status);
    batchSize = Math.min(batchSize, total);
    const params: Record<string, unknown> = {
      ...data.params,
      ...(data.cluster_id ? { cluster_id: data.cluster_id } : {}),
      iterator: true,
      search_iter_v2: true,
      search_iter_batch_size: batchSize,
      guarantee_timestamp: 0,
      collection_id: info.collectionID,
    };
    const client = this;
    const { external_filter_fn: keep, batchSize: _size, limit: _limit, ...search } = data;
    return {
      [Symbol.asyncIterator]() {
        let read = 0;
        // A server without search iterator v2 (Milvus Lite 3.2.2 among them) answers without a token, and
        // the same request would then return the first page again and again. Pages are then asked by
        // `offset` instead, which is exact as long as the collection does not change meanwhile.
        let byOffset = false;
        return {
          async next(): Promise<IteratorResult<SearchResultData[]>> {
            if (read >= total || batchSize <= 0) return { done: true, value: undefined };
            const res = await client.search({ ...search, params, limit: batchSize, ...(byOffset ? { offset: read } : {}) });
            throwIfFailed('Search', res.status);
            const hits = res.results as SearchResultData[];
            if (hits.length === 0) return { done: true, value: undefined };
            if (!res.search_iterator_v2_results?.token) byOffset = true;
            read += hits.length;
            batchSize = Math.min(batchSize, total - read);
            params.search_iter_id = res.search_iterator_v2_results?.token;
            params.search_iter_last_bound = res.search_iterator_v2_results?.last_bound;
            params.guarantee_timestamp = res.session_ts;
            params.search_iter_batch_size = batchSize;
            return { done: false, value: keep ? hits.filter(keep) : hits };
          },
        };
      },
    };
  },
};
