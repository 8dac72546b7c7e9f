/**
 * Collection lifecycle: create (quick setup or full schema, then index and load), has, list, drop,
 * load (waiting until loaded), release and load state.
 */
import { ErrorCode, InvalidInputError, TransportError } from '../errors.js';
import { enumName } from '../proto/index.js';
import type { CallOptions, Connection } from './connection.js';
import { createIndex, type CreateIndexReq } from './indexes.js';
import { int64ListOut, type Int64 } from './int64.js';
import { consistencyValue, requireCollection, toKeyValuePairs, type ConsistencyLevel } from './request-params.js';
import type { SchemaCache } from './schema-cache.js';
import { encodeCollectionSchema, quickSetupFields, type FieldType, type QuickSetupSchema } from './schema-builder.js';
import { SUCCESS, type ResStatus } from './status.js';

/** Index settings for `createCollection`: as `createIndex`, without the collection name. */
export type IndexParam = Omit<CreateIndexReq, 'collection_name' | keyof CallOptions>;

interface CreateCommon extends CallOptions {
  collection_name: string;
  description?: string;
  /** Default `'Bounded'`. */
  consistency_level?: ConsistencyLevel;
  properties?: Record<string, unknown>;
  num_partitions?: number;
  num_shards?: number;
}

/** Quick setup: `id` Int64 primary key, `vector` FloatVector, dynamic fields on, AUTOINDEX with `metric_type` (default COSINE), loaded. */
export interface CreateCollectionSimpleReq extends CreateCommon, QuickSetupSchema {
  metric_type?: string;
  /** Extra settings for the vector index. */
  index_params?: Omit<IndexParam, 'field_name'>;
}

/** Full schema: `fields` (alias `schema`); with `index_params` the indexes are created and the collection loaded. */
export interface CreateCollectionReq extends CreateCommon {
  fields?: FieldType[];
  schema?: FieldType[];
  enable_dynamic_field?: boolean;
  index_params?: IndexParam | IndexParam[];
}

/** Creates a collection. See `MilvusClient.createCollection`. */
export async function createCollection(conn: Connection, schemas: SchemaCache, req: CreateCollectionSimpleReq | CreateCollectionReq): Promise<ResStatus> {
  requireCollection(req, 'createCollection');
  const quick = 'dimension' in req && req.dimension !== undefined;
  const full = req as CreateCollectionReq;
  const fields = quick ? quickSetupFields(req as QuickSetupSchema) : (full.fields ?? full.schema);
  if (!fields) throw new InvalidInputError('createCollection: give `dimension` (quick setup) or `fields`');
  const dynamic = quick ? (req as QuickSetupSchema).enable_dynamic_field !== false : full.enable_dynamic_field === true;
  const schema = encodeCollectionSchema(req.collection_name, fields, { enable_dynamic_field: dynamic, description: req.description ?? '' });
  schemas.invalidate(req.collection_name, req);
  await conn.rpc('CreateCollection', {
    collection_name: req.collection_name,
    schema,
    consistency_level: consistencyValue(req.consistency_level ?? 'Bounded'),
    properties: toKeyValuePairs(req.properties),
    ...(req.num_partitions !== undefined ? { num_partitions: req.num_partitions } : {}),
    ...(req.num_shards !== undefined ? { shards_num: req.num_shards } : {}),
  }, req);
  const indexes = quick ? [quickIndex(req as CreateCollectionSimpleReq, fields[1]!.name)] : listOf(full.index_params);
  if (indexes.length === 0) return SUCCESS;
  for (const index of indexes) await createIndex(conn, { ...callOptions(req), ...index, collection_name: req.collection_name });
  await loadCollection(conn, { ...callOptions(req), collection_name: req.collection_name });
  return SUCCESS;
}

function quickIndex(req: CreateCollectionSimpleReq, vectorField: string): IndexParam {
  return { index_type: 'AUTOINDEX', metric_type: req.metric_type ?? 'COSINE', ...req.index_params, field_name: vectorField };
}

const listOf = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const callOptions = (o: CallOptions): CallOptions => ({ timeout: o.timeout, db_name: o.db_name, signal: o.signal });

/** A collection name plus call options. */
export interface CollectionNameReq extends CallOptions {
  collection_name: string;
}

/** Result of `hasCollection` / `hasPartition`. */
export interface BoolResponse {
  status: ResStatus;
  value: boolean;
}

/** Whether the collection exists. */
export async function hasCollection(conn: Connection, req: CollectionNameReq): Promise<BoolResponse> {
  requireCollection(req, 'hasCollection');
  const res = await conn.rpc<{ value: boolean }>('HasCollection', { collection_name: req.collection_name }, req);
  return { status: SUCCESS, value: res.value };
}

/** One collection in `listCollections`. */
export interface CollectionData {
  name: string;
  id: Int64 | undefined;
  timestamp: Int64 | undefined;
  loadedPercentage: Int64 | undefined;
}

/** Result of `listCollections`. */
export interface ShowCollectionsResponse {
  status: ResStatus;
  data: CollectionData[];
  collection_names: string[];
}

/** Lists the collections of the database. */
export async function listCollections(conn: Connection, req: CallOptions = {}): Promise<ShowCollectionsResponse> {
  const res = await conn.rpc<{ collection_names: string[]; collection_ids: string[]; created_utc_timestamps: string[]; inMemory_percentages: string[] }>('ShowCollections', {}, req);
  const ids = int64ListOut(res.collection_ids, conn.int64);
  const times = int64ListOut(res.created_utc_timestamps, conn.int64);
  const loaded = int64ListOut(res.inMemory_percentages, conn.int64);
  const data = res.collection_names.map((name, i) => ({ name, id: ids[i], timestamp: times[i], loadedPercentage: loaded[i] }));
  return { status: SUCCESS, data, collection_names: res.collection_names };
}

/** Drops the collection and forgets its cached schema. */
export async function dropCollection(conn: Connection, schemas: SchemaCache, req: CollectionNameReq): Promise<ResStatus> {
  requireCollection(req, 'dropCollection');
  schemas.invalidate(req.collection_name, req);
  await conn.rpc('DropCollection', { collection_name: req.collection_name }, req);
  schemas.invalidate(req.collection_name, req);
  return SUCCESS;
}

/** Parameters of `loadCollection`. */
export interface LoadCollectionReq extends CollectionNameReq {
  replica_number?: number;
  /** Load only these fields. */
  load_fields?: string[];
}

const LOADED = 3;

/**
 * Loads the collection and waits until it is loaded (like the SDK's `loadCollection` and pymilvus).
 * The wait is bounded by the call's timeout, counted from the start.
 */
export async function loadCollection(conn: Connection, req: LoadCollectionReq): Promise<ResStatus> {
  requireCollection(req, 'loadCollection');
  const started = Date.now();
  const budget = req.timeout ?? conn.timeoutMs;
  await conn.rpc('LoadCollection', {
    collection_name: req.collection_name,
    ...(req.replica_number !== undefined ? { replica_number: req.replica_number } : {}),
    ...(req.load_fields ? { load_fields: req.load_fields } : {}),
  }, req);
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    const left = budget - (Date.now() - started);
    const res = await conn.rpc<{ state: number }>('GetLoadState', { collection_name: req.collection_name }, { ...req, timeout: Math.max(left, 1) });
    if (res.state === LOADED) return SUCCESS;
    if (left <= pause) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  throw new TransportError(ErrorCode.Timeout, `LoadCollection: "${req.collection_name}" was not loaded within ${budget} ms`, { rpc: 'LoadCollection' });
}

/** Releases the collection from memory. */
export async function releaseCollection(conn: Connection, req: CollectionNameReq): Promise<ResStatus> {
  requireCollection(req, 'releaseCollection');
  await conn.rpc('ReleaseCollection', { collection_name: req.collection_name }, req);
  return SUCCESS;
}

/** Result of `getLoadState`: the state by name, e.g. `'LoadStateLoaded'`. */
export interface GetLoadStateResponse {
  status: ResStatus;
  state: string;
}

/** The load state of the collection (or of some of its partitions). */
export async function getLoadState(conn: Connection, req: CollectionNameReq & { partition_names?: string[] }): Promise<GetLoadStateResponse> {
  requireCollection(req, 'getLoadState');
  const res = await conn.rpc<{ state: number }>('GetLoadState', { collection_name: req.collection_name, partition_names: req.partition_names ?? [] }, req);
  return { status: SUCCESS, state: enumName('milvus.proto.common.LoadState', res.state) };
}
