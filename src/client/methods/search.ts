/**
 * Vector search: `search` (one or many queries on one vector field, or by primary keys) and
 * `hybridSearch` (several searches merged by a reranker), as the official Node SDK builds them.
 * Hits come back as `{ score, ...output fields }`; a refusal by the server is returned as its status.
 */
import { CLUSTER_ID, DslType, RANKER_TYPE, type ConsistencyLevelEnum } from '../../constants.js';
import { DataType } from '../../data-type.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import { int64Of } from '../../int64-value.js';
import { stateOf } from '../state.js';
import type { DescribeCollectionResponse, FieldSchema } from '../describe.js';
import { formatExprValues } from '../expr-values.js';
import type { OutputTransformers } from '../field-values.js';
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { searchHits, type DecodedSearchResults, type SearchResultData } from '../rows.js';
import type { FunctionObject } from '../schema-builder.js';
import { placeholderGroupBytes, placeholderTypeOf, splitQueries, type SearchData, type SearchVector } from '../search-data.js';
import { throwIfFailed } from '../status.js';
import type { KeyValuePair, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, isSuccess, rpc, toKeyValuePairs, passOn } from './common.js';
import { normalizeOrderByFields, type OrderByFields } from './query.js';

export type { SearchData, SearchVector } from '../search-data.js';
export type { SearchResultData, HighlightData, HighlightResult } from '../rows.js';

/** The SDK's default number of hits per query. */
export const DEFAULT_TOPK = 100;

/** Search settings in the SDK's older form (`search_params`). */
export interface SearchParam {
  anns_field: string;
  topk: string | number;
  metric_type: string;
  params: string;
  offset?: number;
  round_decimal?: number;
  ignore_growing?: boolean;
  group_by_field?: string;
  group_size?: number;
  strict_group_size?: boolean;
  order_by_fields?: OrderByFields;
  hints?: string;
  [key: string]: unknown;
}

/** A reranker of `hybridSearch`: `RRFRanker()` or `WeightedRanker([...])`. */
export type RerankerObj = { strategy: RANKER_TYPE | string; params: Record<string, unknown> };
/** Rerank functions with shared params. */
export interface FunctionScore {
  functions: FunctionObject[];
  params: Record<string, unknown>;
}

/** A member of an Array-of-Struct field as a search names it, `struct[member]`: an embedding-list field. */
export type EmbeddingListFieldName = `${string}[${string}]`;

/** Primary keys to search by; a literal list reads as a tuple, so its length is known (see `DetermineResultsType`). */
export type SearchIds = readonly (number | string | bigint)[] | readonly [number | string | bigint, ...(number | string | bigint)[]];

/** Parameters of `search`. The queries go in `data` (aliases `vector`, `vectors`), or primary keys in `ids`. */
export interface SearchSimpleReq extends collectionNameReq {
  partition_names?: string[];
  /**
   * The vector field to search; the collection's first vector field when omitted. (Written as a union so
   * TypeScript keeps a literal name: an embedding-list field changes how many queries `data` holds.)
   */
  anns_field?: EmbeddingListFieldName | (string & {});
  data?: SearchData;
  vector?: SearchData;
  vectors?: SearchData;
  output_fields?: string[];
  /** Hits per query (alias `topk`). Default {@link DEFAULT_TOPK}. */
  limit?: number;
  topk?: number;
  offset?: number;
  filter?: string;
  expr?: string;
  exprValues?: Record<string, unknown>;
  /** Index search parameters (`{ nprobe: 16 }`, `{ ef: 64 }`, `{ radius, range_filter }`). */
  params?: Record<string, unknown>;
  metric_type?: string;
  consistency_level?: ConsistencyLevelEnum | 'Strong' | 'Session' | 'Bounded' | 'Eventually' | 'Customized';
  ignore_growing?: boolean;
  group_by_field?: string;
  group_size?: number;
  strict_group_size?: boolean;
  order_by_fields?: OrderByFields;
  hints?: string;
  round_decimal?: number;
  rerank?: RerankerObj | FunctionObject | FunctionScore;
  nq?: number;
  ids?: SearchIds;
  highlighter?: Record<string, unknown> & { type: number };
  /** The SDK's older form of the settings. */
  search_params?: SearchParam;
  /** Own decoding of returned float16, bfloat16, int8 and sparse vectors (see `OutputTransformers`). */
  transformers?: OutputTransformers;
}
/** The SDK's older `search` form. */
export type SearchReq = SearchSimpleReq;

/** One sub-search of `hybridSearch`. */
export interface HybridSearchSingleReq {
  data: SearchData;
  anns_field: EmbeddingListFieldName | (string & {});
  expr?: string;
  filter?: string;
  exprValues?: Record<string, unknown>;
  params?: Record<string, unknown>;
  ignore_growing?: boolean;
  group_by_field?: string;
  limit?: number;
  topk?: number;
  metric_type?: string;
}

/** Parameters of `hybridSearch`: sub-searches in `data`, merged by `rerank` (RRF by default). */
export interface HybridSearchReq extends Omit<SearchSimpleReq, 'data' | 'vector' | 'vectors' | 'anns_field' | 'expr' | 'exprValues' | 'order_by_fields'> {
  data: HybridSearchSingleReq[] | readonly [HybridSearchSingleReq, ...HybridSearchSingleReq[]];
  rerank?: RerankerObj | FunctionObject | FunctionScore;
}

/** Hits of a search whose number of queries is not known from the types of its parameters. */
type EitherResults = SearchResultData[] | SearchResultData[][];

/** A list of `n` queries: one hit list for `n = 1`, one per query for more. */
type ResultsOfList<Q> = Q extends readonly [unknown] ? SearchResultData[]
  : Q extends readonly [unknown, unknown, ...unknown[]] ? SearchResultData[][]
  : EitherResults;

/**
 * Hits of the queries `Q` on the field `F`. On an embedding-list field a list of vectors may be one query
 * (a `MAX_SIM` index) or several (another metric), so only a list of lists is counted there.
 */
type ResultsOfQueries<Q, F> = Q extends SearchVector | string ? SearchResultData[]
  : Q extends undefined ? EitherResults
  : F extends EmbeddingListFieldName ? (Q extends readonly [unknown] ? SearchResultData[] : Q extends readonly (readonly SearchVector[])[] ? ResultsOfList<Q> : EitherResults)
  : ResultsOfList<Q>;

type QueriesOf<T> = T extends { vectors: infer V } ? V : T extends { vector: infer V } ? V : T extends { data: infer V } ? V : undefined;
type FieldOf<T> = T extends { anns_field: infer F } ? F : undefined;

/** Whether `D` is a list of sub-searches (a list of `any` is not: it reads as one query, or as a list of them). */
type IsHybrid<D> = D extends readonly (infer Sub)[] ? (0 extends 1 & Sub ? false : Sub extends HybridSearchSingleReq ? true : false) : false;

type HybridResults<D> = D extends readonly [infer First, ...unknown[]] ? ResultsOfQueries<QueriesOf<First>, FieldOf<First>>
  : D extends readonly (infer Sub)[] ? ResultsOfQueries<QueriesOf<Sub>, FieldOf<Sub>>
  : EitherResults;

/**
 * The type of `search(params).results`, from the type of `params`, as the runtime shapes it: one query
 * gives one hit list (`SearchResultData[]`), several give one list per query (`SearchResultData[][]`).
 * One vector or text is one query; a literal list is counted (`[[1, 2], [3, 4]]` is two, `[[1, 2]]` one;
 * `ids: ['a', 'b']` two); a list whose length only the runtime knows (a `number[][]` variable), an explicit
 * `nq`, or a list of vectors on an embedding-list field gives the union. A hybrid search counts the
 * queries of its first sub-search.
 */
export type DetermineResultsType<T> =
  T extends { ids: infer I } ? ResultsOfList<I>
  : T extends { data: infer D } ? (IsHybrid<D> extends true ? HybridResults<D> : T extends { nq: number } ? EitherResults : ResultsOfQueries<QueriesOf<T>, FieldOf<T>>)
  : T extends { nq: number } ? EitherResults
  : ResultsOfQueries<QueriesOf<T>, FieldOf<T>>;

/** Result of `search`: a flat hit list for one query, one list per query otherwise (see {@link DetermineResultsType}). */
export interface SearchResults<T extends SearchSimpleReq | HybridSearchReq = SearchSimpleReq | HybridSearchReq> extends resStatusResponse {
  results: DetermineResultsType<T>;
  recalls: number[];
  session_ts: Int64 | number;
  collection_name: string;
  all_search_count?: Int64;
  search_iterator_v2_results?: { token: string; last_bound: number } | null;
  _search_iterator_v2_results?: string;
}

/** Reciprocal-rank fusion: `k` smooths the ranks (default 60). */
export function RRFRanker(k = 60): RerankerObj {
  return { strategy: RANKER_TYPE.RRF, params: { k } };
}

/** Weighted scores, one weight per sub-search. */
export function WeightedRanker(weights: number[]): RerankerObj {
  return { strategy: RANKER_TYPE.WEIGHTED, params: { weights } };
}

/** The SDK's `search_params` for one (sub-)search. */
export function buildSearchParams(data: Partial<SearchSimpleReq & HybridSearchSingleReq>, annsField: string): Record<string, unknown> {
  const params: Record<string, unknown> = {
    anns_field: data.anns_field || annsField,
    params: JSON.stringify(data.params ?? {}),
    topk: data.limit ?? data.topk ?? DEFAULT_TOPK,
    offset: data.offset ?? 0,
    ignore_growing: data.ignore_growing ?? false,
  };
  // The SDK sends '' for "the index's metric"; servers read an absent key the same way, and Milvus Lite
  // accepts only the absent key.
  if (data.metric_type) params.metric_type = data.metric_type;
  if (data.group_by_field) params.group_by_field = data.group_by_field;
  if (data.strict_group_size) params.strict_group_size = data.strict_group_size;
  if (data.group_size) params.group_size = data.group_size;
  if (data.hints) params.hints = data.hints;
  for (const [k, v] of Object.entries(data.params ?? {})) params[k] = v;
  const orderBy = normalizeOrderByFields(data.order_by_fields);
  if (orderBy !== undefined) params.order_by_fields = orderBy;
  return params;
}

const isFunctionScore = (r: unknown): r is FunctionScore => !!r && typeof r === 'object' && Array.isArray((r as FunctionScore).functions) && typeof (r as FunctionScore).params === 'object';

function functionMessage(fn: FunctionObject): Record<string, unknown> {
  return { ...fn, input_field_names: fn.input_field_names ?? [], output_field_names: fn.output_field_names ?? [], params: toKeyValuePairs(fn.params) };
}

/** `function_score` of a search reranked by functions. */
function functionScore(rerank: SearchSimpleReq['rerank']): Record<string, unknown> {
  if (isFunctionScore(rerank)) return { function_score: { functions: rerank.functions.map(functionMessage), params: toKeyValuePairs(rerank.params) } };
  if (rerank && typeof rerank === 'object' && 'type' in rerank) return { function_score: { functions: [functionMessage(rerank)], params: [] } };
  return {};
}

/** The primary keys of a search by ids, checked against the key's type. */
function searchIds(pk: FieldSchema | undefined, ids: readonly unknown[]): Record<string, unknown> {
  if (!pk) throw new InvalidInputError('Primary field not found. Cannot use ids parameter without primary field.');
  if (pk.dataType === DataType.VarChar) {
    if (!ids.every((id) => typeof id === 'string')) throw new InvalidInputError(`The type of ids should be string because the primary key field ${pk.name} is VarChar.`, { field: pk.name });
    return { str_id: { data: ids } };
  }
  if (pk.dataType !== DataType.Int64) throw new InvalidInputError(`The primary key field ${pk.name} has unsupported type for ID search.`, { field: pk.name });
  const values = ids.map((id) => int64Of(typeof id === 'string' ? id.trim() : id));
  if (values.some((v) => v === undefined)) throw new InvalidInputError(`The type of ids should be integer/string number because the primary key field ${pk.name} is Int64 (got ${describeValue(ids.find((_, i) => values[i] === undefined))}).`, { field: pk.name });
  return { int_id: { data: values.map(String) } };
}

/** One (sub-)search request message, for the collection described by `info`. */
function subRequest(params: SearchSimpleReq, sub: Partial<SearchSimpleReq & HybridSearchSingleReq>, info: DescribeCollectionResponse, hybrid: boolean): { request: Record<string, unknown>; nq: number } {
  const annsName = sub.anns_field || Object.keys(info.anns_fields ?? {})[0];
  const field = annsName === undefined ? undefined : info.anns_fields[annsName];
  if (!field) throw new InvalidInputError(ERROR_REASONS.NO_ANNS_FEILD_FOUND_IN_SEARCH, annsName ? { field: annsName } : {});
  const ids = sub.ids ?? params.ids;
  const request: Record<string, unknown> = {
    db_name: params.db_name ?? '',
    collection_name: params.collection_name,
    partition_names: params.partition_names ?? [],
    output_fields: params.output_fields ?? ['*'],
    dsl: sub.expr || params.expr || sub.filter || params.filter || '',
    dsl_type: DslType.BoolExprV1,
    search_params: toKeyValuePairs(params.search_params ?? buildSearchParams(sub, annsName!)),
    consistency_level: params.consistency_level ?? info.consistency_level,
  };
  let nq: number;
  if (ids && ids.length > 0) {
    request.ids = searchIds(info.schema.fields.find((f) => f.is_primary_key), ids);
    nq = ids.length;
  } else {
    if (sub.data === undefined) throw new InvalidInputError(ERROR_REASONS.VECTORS_OR_VECTOR_IS_MISSING);
    const placeholder = placeholderTypeOf(field, sub.data);
    const queries = splitQueries(sub.data, placeholder);
    request.placeholder_group = placeholderGroupBytes(field, placeholder, queries);
    nq = params.nq || queries.length;
  }
  request.nq = nq;
  if (!hybrid && params.cluster_id) (request.search_params as KeyValuePair[]).push({ key: CLUSTER_ID, value: params.cluster_id });
  const exprValues = sub.exprValues ?? params.exprValues;
  if (exprValues) request.expr_template_values = formatExprValues(exprValues);
  return { request, nq };
}

async function runSearch(client: MilvusClient, params: SearchSimpleReq | HybridSearchReq): Promise<SearchResults> {
  checkCollectionName(params, 'search');
  const hybrid = Array.isArray(params.data) && params.data.length > 0 && typeof params.data[0] === 'object' && params.data[0] !== null && 'anns_field' in params.data[0] && !!(params.data[0] as HybridSearchSingleReq).anns_field;
  if (!hybrid && (params as SearchSimpleReq).data === undefined && (params as SearchSimpleReq).vector === undefined && (params as SearchSimpleReq).vectors === undefined && !params.ids?.length) {
    throw new InvalidInputError(ERROR_REASONS.VECTORS_OR_VECTOR_IS_MISSING);
  }
  const info = await client.describeCollection({ collection_name: params.collection_name, cache: true, ...passOn(params) });
  throwIfFailed('DescribeCollection', info.status);
  const simple = params as SearchSimpleReq;
  const subs = hybrid
    ? (params as HybridSearchReq).data.map((d) => subRequest(simple, { ...withoutOrderBy(params), ...withoutOrderBy(d) } as Partial<SearchSimpleReq>, info, true))
    : [subRequest(simple, { ...simple, data: simple.vectors ?? simple.vector ?? simple.data }, info, false)];
  const roundDecimal = Number(simple.search_params?.round_decimal ?? simple.params?.round_decimal ?? -1);
  const highlighter = params.highlighter ? { highlighter: { type: params.highlighter.type, params: toKeyValuePairs(withoutKey(params.highlighter, 'type')) } } : {};
  const request = hybrid
    ? {
      db_name: params.db_name ?? '',
      collection_name: params.collection_name,
      partition_names: params.partition_names ?? [],
      requests: subs.map((s) => s.request),
      output_fields: subs[0]!.request.output_fields,
      consistency_level: subs[0]!.request.consistency_level,
      ...functionScore(params.rerank),
      rank_params: rankParams(params as HybridSearchReq, roundDecimal),
      ...highlighter,
    }
    : { ...subs[0]!.request, ...functionScore(simple.rerank), ...highlighter };
  const res = await rpc<resStatusResponse & { results: DecodedSearchResults & Record<string, unknown> | null; session_ts: string }>(client, hybrid ? 'HybridSearch' : 'Search', request, params);
  const results = res.results;
  const common = {
    status: res.status,
    collection_name: params.collection_name,
    search_iterator_v2_results: (results?.search_iterator_v2_results as SearchResults['search_iterator_v2_results']) ?? undefined,
    _search_iterator_v2_results: results?._search_iterator_v2_results as string | undefined,
  };
  if (!isSuccess(res.status) || !results || results.scores.length === 0) return { ...common, results: [], recalls: [], session_ts: -1 };
  const hits = searchHits(results, stateOf(client).conn.int64, roundDecimal, info.schema.fields.find((f) => f.is_primary_key)?.name, params.transformers);
  return {
    ...common,
    results: subs[0]!.nq === 1 ? (hits[0] ?? []) : hits,
    recalls: (results.recalls as number[]) ?? [],
    session_ts: res.session_ts,
    all_search_count: results.all_search_count as string,
  };
}

function rankParams(params: HybridSearchReq, roundDecimal: number): KeyValuePair[] {
  const rerank = params.rerank;
  const ranker = rerank && typeof rerank === 'object' && 'strategy' in rerank ? rerank : !isFunctionScore(rerank) && !(rerank && 'type' in rerank) ? RRFRanker() : undefined;
  return [
    ...(ranker ? [{ key: 'strategy', value: String(ranker.strategy) }, { key: 'params', value: JSON.stringify(ranker.params) }] : []),
    { key: 'round_decimal', value: String(roundDecimal) },
    { key: 'limit', value: String(params.limit ?? params.topk ?? DEFAULT_TOPK) },
    { key: 'offset', value: String(params.offset ?? 0) },
    ...(params.cluster_id ? [{ key: CLUSTER_ID, value: params.cluster_id }] : []),
  ];
}

function withoutOrderBy<T extends object>(data: T): T {
  const { order_by_fields: _a, order_by: _b, ...rest } = data as T & { order_by_fields?: unknown; order_by?: unknown };
  const params = (rest as { params?: Record<string, unknown> }).params;
  return (params ? { ...rest, params: withoutKey(withoutKey(params, 'order_by_fields'), 'order_by') } : rest) as T;
}

function withoutKey(o: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(o as Record<string, unknown>) };
  delete copy[key];
  return copy;
}

export const searchMethods = {
  /**
   * Searches one vector field with one query or several (or by primary keys with `ids`), with `filter`,
   * `output_fields`, `limit` (default 100) and index `params`. With a list of sub-searches in `data`, runs a
   * hybrid search. `results` is a flat hit list for one query and one list per query otherwise; its type
   * says which where the parameters' types tell (see {@link DetermineResultsType}).
   */
  async search<T extends SearchSimpleReq | HybridSearchReq>(this: MilvusClient, data: T): Promise<SearchResults<T>> {
    // The shape follows the number of queries, which DetermineResultsType reads from T the same way.
    return runSearch(this, data) as Promise<SearchResults<T>>;
  },

  /** Several searches (one per sub-request in `data`) merged by `rerank` (`RRFRanker()` by default). */
  async hybridSearch<T extends HybridSearchReq>(this: MilvusClient, data: T): Promise<SearchResults<T>> {
    return runSearch(this, data) as Promise<SearchResults<T>>;
  },
};
