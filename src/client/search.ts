/**
 * search: one or many query vectors against a vector field, with filter, output fields and search
 * parameters; hits come back as `{ id, score, ...fields }` with exact int64 ids.
 */
import { InvalidInputError } from '../errors.js';
import type { WireSearchResults } from '../proto/messages.js';
import type { CallOptions, Connection } from './connection.js';
import type { DescribeCollectionResponse, DescribedField } from './describe.js';
import type { Int64 } from './int64.js';
import { int64Out } from './int64.js';
import { formatIds } from './mutations.js';
import { consistencyFields, requireCollection, toKeyValuePairs, type ConsistencyLevel } from './request-params.js';
import { columnsToRows } from './rows.js';
import type { SchemaCache } from './schema-cache.js';
import { packQueries, type SearchData } from './search-vectors.js';
import { SUCCESS, type ResStatus } from './status.js';

/** Default number of hits per query. */
export const DEFAULT_TOPK = 10;

/** Parameters of `search`. The queries go in `data` (aliases `vector`, `vectors`). */
export interface SearchReq extends CallOptions {
  collection_name: string;
  /** One query or a list of queries. */
  data?: SearchData | readonly SearchData[];
  vector?: SearchData | readonly SearchData[];
  vectors?: readonly SearchData[];
  /** The vector field to search; the collection's first vector field when omitted. */
  anns_field?: string;
  filter?: string;
  expr?: string;
  /** Fields to return with each hit; every field (`['*']`) when omitted. */
  output_fields?: string[];
  /** Hits per query (alias `topk`). Default {@link DEFAULT_TOPK}. */
  limit?: number;
  topk?: number;
  offset?: number;
  /** Metric to check against the index, e.g. `'COSINE'`. */
  metric_type?: string;
  /** Index search parameters, e.g. `{ nprobe: 16 }` or `{ ef: 64 }`. */
  params?: Record<string, unknown>;
  partition_names?: string[];
  consistency_level?: ConsistencyLevel;
  group_by_field?: string;
  ignore_growing?: boolean;
}

/** One hit: the primary key, the score, and the requested fields. */
export interface SearchHit {
  id: Int64;
  score: number;
  [field: string]: unknown;
}

/** Result of `search`: `results` is a flat list of hits for one query and one list per query otherwise. */
export interface SearchResults {
  status: ResStatus;
  results: SearchHit[] | SearchHit[][];
  recalls: number[];
  session_ts: Int64;
  collection_name: string;
}

/** Runs a search. See `MilvusClient.search`. */
export async function runSearch(conn: Connection, schemas: SchemaCache, req: SearchReq): Promise<SearchResults> {
  requireCollection(req, 'search');
  const { description } = await schemas.get(req.collection_name, req);
  const field = annsField(description, req.anns_field);
  const data = req.data ?? req.vector ?? req.vectors;
  if (data === undefined) throw new InvalidInputError('search: give the query vector(s) in `data`');
  const queries = packQueries(field, data);
  const limit = req.limit ?? req.topk ?? DEFAULT_TOPK;
  if (!Number.isInteger(limit) || limit <= 0) throw new InvalidInputError(`search: limit must be a positive integer, got ${JSON.stringify(limit)}`);
  const searchParams = toKeyValuePairs({
    ...req.params,
    anns_field: field.name,
    topk: limit,
    params: req.params ?? {},
    offset: req.offset,
    metric_type: req.metric_type,
    round_decimal: -1,
    ignore_growing: req.ignore_growing,
    group_by_field: req.group_by_field,
  });
  const res = await conn.rpc<WireSearchResults>('Search', {
    collection_name: req.collection_name,
    partition_names: req.partition_names ?? [],
    dsl: req.filter ?? req.expr ?? '',
    dsl_type: 1, // BoolExprV1
    placeholder_group: queries.bytes,
    nq: queries.nq,
    output_fields: req.output_fields ?? ['*'],
    search_params: searchParams,
    ...consistencyFields(req.consistency_level),
  }, req);
  const perQuery = splitHits(res, conn.int64);
  return {
    status: SUCCESS,
    results: queries.single ? (perQuery[0] ?? []) : perQuery,
    recalls: res.results?.recalls ?? [],
    session_ts: int64Out(res.session_ts, conn.int64),
    collection_name: req.collection_name,
  };
}

function annsField(description: DescribeCollectionResponse, name: string | undefined): DescribedField {
  const fields = description.anns_fields;
  const field = name === undefined ? Object.values(fields)[0] : fields[name];
  if (!field) {
    const known = Object.keys(fields).join(', ') || 'none';
    throw new InvalidInputError(`search: ${name === undefined ? 'the collection has no vector field' : `"${name}" is not a vector field`} of "${description.collection_name}" (vector fields: ${known})`, name === undefined ? {} : { field: name });
  }
  return field;
}

function splitHits(res: WireSearchResults, mode: Connection['int64']): SearchHit[][] {
  const r = res.results;
  if (!r) return [];
  const { ids } = formatIds(r.ids, mode);
  const rows = columnsToRows(r.fields_data, r.output_fields, mode);
  const out: SearchHit[][] = [];
  let at = 0;
  for (const topk of r.topks) {
    const hits: SearchHit[] = [];
    for (let k = 0; k < Number(topk); k++, at++) hits.push({ id: ids[at]!, score: r.scores[at]!, ...rows[at] });
    out.push(hits);
  }
  return out;
}
