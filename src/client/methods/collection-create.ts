/**
 * `createCollection`, in the SDK's two forms: the quick setup (a primary key and a vector field, indexed and
 * loaded, as pymilvus' and the SDK's quick setup run it) and a full schema (`fields` or `schema`, with
 * `functions`, and with `index_params` also indexed and loaded). A refused create throws its status, as in
 * the SDK.
 */
import { ConsistencyLevelEnum, DEFAULT_METRIC_TYPE } from '../../constants.js';
import type { DataType } from '../../data-type.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import {
  checkCollectionFields, encodeCollectionSchema, quickSetupFields, validatePartitionNumbers,
  type FieldType, type FunctionObject,
} from '../schema-builder.js';
import { stateOf } from '../state.js';
import { throwIfFailed } from '../status.js';
import type { GrpcTimeOut, Properties, ResStatus } from '../types.js';
import { isSuccess, passOn, rpc, successStatus, toKeyValuePairs } from './common.js';
import type { CreateIndexSimpleReq } from './index.js';

/** Settings every form of `createCollection` takes. */
export interface BaseCreateCollectionReq extends GrpcTimeOut {
  collection_name: string;
  description?: string;
  /**
   * `'Strong'`, `'Session'`, `'Bounded'` (default), `'Eventually'`, `'Customized'`, or the enum. Other text
   * means `'Bounded'`, as in the SDK (whose type takes any string).
   */
  consistency_level?: ConsistencyLevelEnum | keyof typeof ConsistencyLevelEnum | (string & {});
  num_partitions?: number;
  partition_key_field?: string;
  clustering_key_field?: string;
  enable_dynamic_field?: boolean;
  enableDynamicField?: boolean;
  properties?: Properties;
  db_name?: string;
  functions?: FunctionObject[];
  shards_num?: number;
  external_source?: string;
  external_spec?: string;
  do_physical_backfill?: boolean;
  file_resource_ids?: Int64Input[];
  /** Indexes to build right away (then the collection is loaded). */
  index_params?: CreateIndexParamOfCollection | CreateIndexParamOfCollection[];
}

/** An index for `createCollection({ index_params })`: as `createIndex`, without the collection name. */
export type CreateIndexParamOfCollection = Omit<CreateIndexSimpleReq, 'collection_name'> & { collection_name?: string };

/** Full schema in `fields`. */
export interface CreateCollectionWithFieldsReq extends BaseCreateCollectionReq {
  fields: FieldType[];
}
/** Full schema in `schema` (the same list under the other name). */
export interface CreateCollectionWithSchemaReq extends BaseCreateCollectionReq {
  schema: FieldType[];
}
/** A collection from a full schema. */
export type CreateCollectionReq = CreateCollectionWithFieldsReq | CreateCollectionWithSchemaReq;

/** The quick setup: an `id` primary key, a `vector` FloatVector of `dimension`, AUTOINDEX, loaded. */
export interface CreateColReq extends GrpcTimeOut {
  collection_name: string;
  dimension: number;
  primary_field_name?: string;
  id_type?: DataType.Int64 | DataType.VarChar | 'Int64' | 'VarChar' | 'int' | 'string';
  metric_type?: string;
  vector_field_name?: string;
  enableDynamicField?: boolean;
  enable_dynamic_field?: boolean;
  auto_id?: boolean;
  max_length?: number;
  /** Index settings for the vector field, e.g. `{ index_type: 'HNSW', params: { M: 16 } }`. */
  index_params?: Record<string, unknown>;
  consistency_level?: BaseCreateCollectionReq['consistency_level'];
  db_name?: string;
}

const consistencyOf = (level: unknown): number => {
  if (typeof level === 'number') return level;
  return ConsistencyLevelEnum[level as keyof typeof ConsistencyLevelEnum] ?? ConsistencyLevelEnum.Bounded;
};

/** Creates from a full schema (the SDK's `_createCollection`): returns the server's status. */
async function createFromFields(client: MilvusClient, data: CreateCollectionReq): Promise<ResStatus> {
  const fields = 'schema' in data && data.schema ? data.schema : (data as CreateCollectionWithFieldsReq).fields;
  if (!Array.isArray(fields) || fields.length === 0 || !data.collection_name) {
    throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_PARAMS);
  }
  const external = !!data.external_source;
  if (external && ('auto_id' in data || fields.some((f) => f.autoID))) throw new InvalidInputError(ERROR_REASONS.CREATE_EXTERNAL_COLLECTION_AUTO_ID);
  if (external && fields.some((f) => f.is_primary_key)) throw new InvalidInputError(ERROR_REASONS.CREATE_EXTERNAL_COLLECTION_PRIMARY_KEY);
  checkCollectionFields(fields, { isExternalCollection: external });
  if (data.num_partitions !== undefined) validatePartitionNumbers(data.num_partitions);
  const schema = encodeCollectionSchema(fields, data);
  stateOf(client).schemas.invalidate(data.collection_name, data);
  return rpc<ResStatus>(client, 'CreateCollection', {
    db_name: data.db_name ?? '',
    collection_name: data.collection_name,
    schema,
    shards_num: data.shards_num ?? 0,
    consistency_level: consistencyOf(data.consistency_level),
    properties: toKeyValuePairs(data.properties),
    num_partitions: data.num_partitions ?? 0,
  }, data);
}

/** The quick setup, as the SDK and pymilvus run it: create unless it exists, index the vector field unless indexed, load. */
async function createQuick(client: MilvusClient, data: CreateColReq): Promise<ResStatus> {
  const { collection_name } = data;
  const call = passOn(data);
  let result = successStatus();
  const exists = await client.hasCollection({ collection_name, ...call });
  let indexed = false;
  if (!exists.value) {
    result = await createFromFields(client, {
      collection_name,
      fields: quickSetupFields(data),
      enable_dynamic_field: data.enableDynamicField !== false && data.enable_dynamic_field !== false,
      ...call,
      ...(data.consistency_level !== undefined ? { consistency_level: data.consistency_level } : {}),
    });
    throwIfFailed('CreateCollection', result);
  } else {
    const info = await client.describeIndex({ collection_name, ...call });
    indexed = isSuccess(info.status) && info.index_descriptions.length > 0;
  }
  if (!indexed) {
    // pymilvus sends AUTOINDEX when no index type is given; the SDK leaves it out, which some servers refuse.
    const { index_type, ...extra } = { index_type: 'AUTOINDEX', metric_type: data.metric_type ?? DEFAULT_METRIC_TYPE, ...data.index_params };
    const created = await client.createIndex({
      collection_name,
      field_name: data.vector_field_name ?? 'vector',
      extra_params: { index_type, ...extra },
      ...call,
    });
    throwIfFailed('CreateIndex', created);
  }
  const loaded = await client.loadCollectionSync({ collection_name, ...call });
  throwIfFailed('LoadCollection', loaded);
  return result;
}

export const collectionCreateMethods = {
  /**
   * Creates a collection. With `dimension` (the quick setup, as pymilvus) it creates an `id` + `vector`
   * collection unless it exists, indexes it (AUTOINDEX, `metric_type` default COSINE) and loads it. With
   * `fields` (or `schema`) it creates that schema, and with `index_params` also builds those indexes and
   * loads. Resolves to the server's status; throws when a later step of either form fails.
   */
  async createCollection(this: MilvusClient, data: CreateColReq | CreateCollectionReq): Promise<ResStatus> {
    if (!data || !data.collection_name) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_PARAMS);
    if (!('fields' in data) && !('schema' in data)) return createQuick(this, data as CreateColReq);
    // The SDK throws a refused create here (and a refused index), unlike its other calls: so do we, as a ServerError carrying the status.
    const created = await createFromFields(this, data as CreateCollectionReq);
    throwIfFailed('CreateCollection', created);
    const indexParams = (data as BaseCreateCollectionReq).index_params;
    if (indexParams === undefined) return created;
    for (const index of Array.isArray(indexParams) ? indexParams : [indexParams]) {
      const res = await this.createIndex({ ...index, collection_name: data.collection_name, ...passOn(data) } as CreateIndexSimpleReq);
      throwIfFailed('CreateIndex', res);
    }
    await this.loadCollectionSync({ collection_name: data.collection_name, ...passOn(data) });
    return created;
  },
};
