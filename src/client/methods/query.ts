/**
 * Reads by filter or primary key: `query`, `get`, `count`. Rows come back as the SDK returns them, with
 * int64 values exact. A refusal by the server is returned as its status, as in the SDK.
 */
import { CLUSTER_ID, DEFAULT_COUNT_QUERY_STRING, type ConsistencyLevelEnum } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import { formatExprValues } from '../expr-values.js';
import type { DecodedFieldData } from '../field-data.js';
import type { OutputTransformers } from '../field-values.js';
import { stateOf } from '../state.js';
import type { Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { pkInFilter, primaryField } from '../pk-filter.js';
import { queryRows } from '../rows.js';
import { throwIfFailed } from '../status.js';
import type { collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, rpc, toKeyValuePairs, passOn } from './common.js';

/** Sort order of `order_by_fields`: a field, `'field:desc'`, or `{ field, order }`. */
export type OrderByField = string | { field: string; order?: 'asc' | 'desc' | 'ascending' | 'descending' };
export type OrderByFields = string | OrderByField[];

/** Primary keys to select: int64 keys as numbers, strings, bigints or `Long`s; VarChar keys as strings. */
export type PrimaryKeys = readonly (string | number | bigint | object)[];

/** Parameters of `query`. Give `filter` (alias `expr`) or `ids`. */
export interface QueryReq extends collectionNameReq {
  filter?: string;
  expr?: string;
  ids?: PrimaryKeys;
  /** Fields to return; every field (`['*']`) when omitted. */
  output_fields?: string[];
  partition_names?: string[];
  limit?: number;
  offset?: number;
  order_by_fields?: OrderByFields;
  order_by?: OrderByFields;
  consistency_level?: ConsistencyLevelEnum | 'Strong' | 'Session' | 'Bounded' | 'Eventually' | 'Customized';
  /** Values of `{name}` placeholders in the filter. */
  exprValues?: Record<string, unknown>;
  guarantee_timestamp?: Int64Input;
  /** Extra query parameters sent as key/value pairs (a milvus-wasm addition), e.g. `{ iterator: true }`. */
  params?: Record<string, unknown>;
  /** Own decoding of returned float16, bfloat16, int8 and sparse vectors (see `OutputTransformers`). */
  transformers?: OutputTransformers;
}

/** Parameters of `get`: rows by primary key. */
export interface GetReq extends Omit<QueryReq, 'ids'> {
  ids: PrimaryKeys;
}

/** Parameters of `count`. */
export interface CountReq extends collectionNameReq {
  expr?: string;
  filter?: string;
  partition_names?: string[];
}

/**
 * One row of a query answer: a key per returned field (dynamic fields under `$meta`, or by name when asked
 * for by name). Values are typed `any`, as the SDK types them, since their types depend on the schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field's value; its type depends on the schema
export type QueryRow = Record<string, any>;

/** Result of `query` and `get`. */
export interface QueryResults extends resStatusResponse {
  data: QueryRow[];
}

/** Result of `count`. */
export interface CountResult extends resStatusResponse {
  data: number;
}

/** The SDK's `order_by_fields` text: `'a,b:desc'`. */
export function normalizeOrderByFields(fields: OrderByFields | undefined | null): string | undefined {
  if (fields === undefined || fields === null) return undefined;
  if (typeof fields === 'string') return fields;
  if (!Array.isArray(fields)) throw new InvalidInputError(`Invalid order_by_fields format: expected a string or an array, got ${describeValue(fields)}`);
  return fields.map((item) => {
    if (typeof item === 'string') return item;
    if (!item || typeof item !== 'object' || !item.field) throw new InvalidInputError(`Invalid order_by_fields item: expected a field name or { field, order }, got ${describeValue(item)}`);
    return `${item.field}:${item.order ?? 'asc'}`;
  }).join(',');
}

/** The filter of a query: `filter` or `expr`, else `pk in [ids]` from the (cached) schema. */
async function filterOf(client: MilvusClient, data: QueryReq): Promise<string> {
  const given = data.filter || data.expr;
  if (given || !data.ids || data.ids.length === 0) return given ?? '';
  if (!Array.isArray(data.ids)) throw new InvalidInputError(`query: ids must be an array of primary keys, got ${describeValue(data.ids)}`, { field: 'ids' });
  const info = await client.describeCollection({ collection_name: data.collection_name, cache: true, ...passOn(data) });
  // Like the other reads that need the schema first (search, delete by ids): the refusal rejects as the
  // server's error (e.g. COLLECTION_NOT_FOUND, code 100), not as bad input.
  throwIfFailed('DescribeCollection', info.status);
  return pkInFilter(primaryField(info.schema.fields, data.collection_name), data.ids);
}

export const queryMethods = {
  /** Rows matching a filter (or primary keys), with `output_fields` (default: all), `limit`, `offset`, `order_by_fields`. */
  async query(this: MilvusClient, data: QueryReq): Promise<QueryResults> {
    checkCollectionName(data, 'query');
    const params: Record<string, unknown> = { ...data.params };
    if (typeof data.limit === 'number') params.limit = data.limit;
    if (typeof data.offset === 'number') params.offset = data.offset;
    const orderBy = normalizeOrderByFields(data.order_by_fields ?? data.order_by);
    if (orderBy !== undefined) params.order_by_fields = orderBy;
    if (data.cluster_id) params[CLUSTER_ID] = data.cluster_id;
    const res = await rpc<resStatusResponse & { fields_data: DecodedFieldData[]; element_indices?: { indices: { data: unknown[] } }[] }>(this, 'Query', {
      db_name: data.db_name ?? '',
      collection_name: data.collection_name,
      expr: await filterOf(this, data),
      output_fields: data.output_fields ?? ['*'],
      partition_names: data.partition_names ?? [],
      query_params: toKeyValuePairs(params),
      ...(data.consistency_level !== undefined ? { consistency_level: data.consistency_level } : {}),
      ...(data.guarantee_timestamp !== undefined ? { guarantee_timestamp: data.guarantee_timestamp } : {}),
      ...(data.exprValues ? { expr_template_values: formatExprValues(data.exprValues) } : {}),
    }, data);
    let rows = queryRows(res.fields_data ?? [], stateOf(this).conn.int64, data.transformers);
    const elements = res.element_indices;
    if (elements && elements.length > 0) {
      if (elements.length !== rows.length) throw new InvalidInputError(`query: element_indices length (${elements.length}) != query result length (${rows.length})`);
      rows = elements.flatMap((e, i) => e.indices.data.map((offset) => ({ ...rows[i], offset })));
    }
    return { status: res.status, data: rows };
  },

  /** Rows by primary key. */
  async get(this: MilvusClient, data: GetReq): Promise<QueryResults> {
    if (data?.ids === undefined) throw new InvalidInputError(ERROR_REASONS.IDS_REQUIRED, { field: 'ids' });
    return this.query(data);
  },

  /** The number of rows matching a filter (all rows without one). */
  async count(this: MilvusClient, data: CountReq): Promise<CountResult> {
    checkCollectionName(data, 'count');
    const res = await this.query({
      collection_name: data.collection_name,
      expr: data.filter || data.expr || '',
      output_fields: [DEFAULT_COUNT_QUERY_STRING],
      ...(data.partition_names ? { partition_names: data.partition_names } : {}),
      ...passOn(data),
      ...(data.cluster_id ? { cluster_id: data.cluster_id } : {}),
      ...passOn(data),
    });
    return { status: res.status, data: Number(res.data[0]?.[DEFAULT_COUNT_QUERY_STRING] ?? 0) };
  },
};
