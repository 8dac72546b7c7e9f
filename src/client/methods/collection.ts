/**
 * Collections once created (see `collection-create.ts`): describe, list, alter, rename, drop, truncate,
 * fields and statistics. Each method is the SDK's, with its checks and result shape.
 */
import { ShowCollectionsType } from '../../constants.js';
import { DataType } from '../../data-type.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import { stateOf } from '../state.js';
import type { DescribeCollectionResponse, FieldSchema } from '../describe.js';
import { formatDescription } from '../describe.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { encodeFieldSchema, type FieldType } from '../schema-builder.js';
import type { GrpcTimeOut, KeyValuePair, Properties, ResStatus, TimeStampArray, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, formatKeyValueData, isSuccess, rpc, successStatus, toKeyValuePairs, passOn } from './common.js';

export interface AddCollectionFieldReq extends collectionNameReq {
  field: FieldType;
}
export interface AddCollectionFieldsReq extends collectionNameReq {
  fields: FieldType[];
}
export interface HasCollectionReq extends collectionNameReq {}
export interface DescribeCollectionReq extends collectionNameReq {
  /** Use the client's cached description when there is one. */
  cache?: boolean;
}
export interface BatchDescribeCollectionReq extends GrpcTimeOut {
  collection_names: string[];
  db_name?: string;
  collectionIDs?: Int64Input[];
}
export interface GetCollectionStatisticsReq extends collectionNameReq {}
export interface DropCollectionReq extends collectionNameReq {}
export interface RenameCollectionReq extends collectionNameReq {
  new_collection_name: string;
  new_db_name?: string;
}
export interface ShowCollectionsReq extends GrpcTimeOut {
  type?: ShowCollectionsType;
  collection_names?: string[];
  db_name?: string;
}
export interface AlterCollectionReq extends collectionNameReq {
  properties: Properties;
  delete_keys?: string[];
}
export interface AlterCollectionFieldPropertiesReq extends collectionNameReq {
  field_name: string;
  properties: Properties;
}
export interface DropCollectionPropertiesReq extends collectionNameReq {
  /** Keys of the properties to remove. */
  properties: string[];
}

/** Result of `hasCollection` / `hasPartition`. */
export interface BoolResponse extends resStatusResponse {
  value: boolean;
}
/** One collection of `showCollections`. */
export interface CollectionData {
  name: string;
  id: Int64;
  timestamp: Int64;
  loadedPercentage: Int64;
}
/** Result of `showCollections` / `listCollections`. */
export interface ShowCollectionsResponse extends TimeStampArray {
  status: ResStatus;
  collection_names: string[];
  collection_ids: Int64[];
  inMemory_percentages: Int64[];
  query_service_available: boolean[];
  data: CollectionData[];
}
/** Result of `getCollectionStatistics` / `getPartitionStatistics`: `data.row_count` as text. */
export interface StatisticsResponse extends resStatusResponse {
  stats: KeyValuePair[];
  data: Record<string, unknown>;
}
export interface BatchDescribeCollectionResponse extends resStatusResponse {
  responses: DescribeCollectionResponse[];
}

export const collectionMethods = {

  /** Adds a (nullable) field to an existing collection. */
  async addCollectionField(this: MilvusClient, data: AddCollectionFieldReq): Promise<ResStatus> {
    checkCollectionName(data, 'addCollectionField');
    if (!data.field || typeof data.field !== 'object') throw new InvalidInputError(`addCollectionField: field must be a field object, got ${describeValue(data.field)}`);
    const res = await rpc<ResStatus>(this, 'AddCollectionField', { collection_name: data.collection_name, db_name: data.db_name ?? '', schema: encodeFieldSchema(data.field) }, data);
    stateOf(this).schemas.invalidate(data.collection_name, data);
    return res;
  },

  /** Adds fields one by one; stops at (and returns) the first refusal. */
  async addCollectionFields(this: MilvusClient, data: AddCollectionFieldsReq): Promise<ResStatus> {
    for (const field of data.fields ?? []) {
      const res = await this.addCollectionField({ collection_name: data.collection_name, field, ...passOn(data) });
      if (!isSuccess(res)) return res;
    }
    return successStatus();
  },

  /** Whether the collection exists: `{ value }` (asked with DescribeCollection, as the SDK does). */
  async hasCollection(this: MilvusClient, data: HasCollectionReq): Promise<BoolResponse> {
    checkCollectionName(data, 'hasCollection');
    const res = await rpc<resStatusResponse>(this, 'DescribeCollection', { collection_name: data.collection_name, db_name: data.db_name ?? '' }, data);
    return { status: successStatus(), value: isSuccess(res.status) };
  },

  /** Lists the collections of the database, with `data` (name, id, timestamp, loaded percentage) per collection. */
  async showCollections(this: MilvusClient, data?: ShowCollectionsReq): Promise<ShowCollectionsResponse> {
    const res = await rpc<ShowCollectionsResponse>(this, 'ShowCollections', {
      type: data?.type ?? ShowCollectionsType.All,
      collection_names: data?.collection_names ?? [],
      db_name: data?.db_name ?? '',
    }, data);
    res.data = res.collection_names.map((name, i) => ({
      name, id: res.collection_ids[i]!, timestamp: res.created_utc_timestamps[i]!, loadedPercentage: res.inMemory_percentages[i]!,
    }));
    return res;
  },

  /** Same as `showCollections`. */
  async listCollections(this: MilvusClient, data?: ShowCollectionsReq): Promise<ShowCollectionsResponse> {
    return this.showCollections(data);
  },

  /** Same as `showCollections` (pymilvus' name). */
  async list_collections(this: MilvusClient, data?: ShowCollectionsReq): Promise<ShowCollectionsResponse> {
    return this.showCollections(data);
  },

  /** Sets properties of a collection (e.g. `collection.ttl.seconds`). */
  async alterCollectionProperties(this: MilvusClient, data: AlterCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'alterCollectionProperties');
    const res = await rpc<ResStatus>(this, 'AlterCollection', {
      collection_name: data.collection_name, db_name: data.db_name ?? '', properties: toKeyValuePairs(data.properties), delete_keys: data.delete_keys ?? [],
    }, data);
    stateOf(this).schemas.invalidate(data.collection_name, data);
    return res;
  },

  /** Same as `alterCollectionProperties`. */
  async alterCollection(this: MilvusClient, data: AlterCollectionReq): Promise<ResStatus> {
    return this.alterCollectionProperties(data);
  },

  /** Removes properties of a collection by key. */
  async dropCollectionProperties(this: MilvusClient, data: DropCollectionPropertiesReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropCollectionProperties');
    const res = await rpc<ResStatus>(this, 'AlterCollection', { collection_name: data.collection_name, db_name: data.db_name ?? '', properties: [], delete_keys: data.properties }, data);
    stateOf(this).schemas.invalidate(data.collection_name, data);
    return res;
  },

  /** Sets properties of one field (e.g. `max_length`, `mmap.enabled`). */
  async alterCollectionFieldProperties(this: MilvusClient, data: AlterCollectionFieldPropertiesReq): Promise<ResStatus> {
    checkCollectionName(data, 'alterCollectionFieldProperties');
    const res = await rpc<ResStatus>(this, 'AlterCollectionField', {
      collection_name: data.collection_name, db_name: data.db_name ?? '', field_name: data.field_name, properties: toKeyValuePairs(data.properties),
    }, data);
    stateOf(this).schemas.invalidate(data.collection_name, data);
    return res;
  },

  /**
   * Describes a collection in the SDK's shape (fields with `dataType`, type params as properties,
   * `anns_fields`, ...). Asks the server unless `cache: true` and a description is cached. A refusal
   * (e.g. no such collection) is returned as the server's response.
   */
  async describeCollection(this: MilvusClient, data: DescribeCollectionReq): Promise<DescribeCollectionResponse> {
    checkCollectionName(data, 'describeCollection');
    const { schemas } = stateOf(this);
    // Only a cached description is served from the cache: on a miss this asks the server like a plain
    // describe, so a refusal comes back as its status (as the SDK does) rather than as a thrown error.
    if (data.cache === true && schemas.has(data.collection_name, data)) return (await schemas.get(data.collection_name, data)).description;
    return schemas.describe(data.collection_name, data);
  },

  /** Describes several collections in one call. */
  async batchDescribeCollections(this: MilvusClient, data: BatchDescribeCollectionReq): Promise<BatchDescribeCollectionResponse> {
    const res = await rpc<BatchDescribeCollectionResponse>(this, 'BatchDescribeCollection', {
      collection_name: data.collection_names, db_name: data.db_name ?? '', collectionID: data.collectionIDs ?? [],
    }, data);
    if (isSuccess(res.status) && res.responses) res.responses = res.responses.map((r) => formatDescription(r as unknown as Record<string, unknown>));
    return res;
  },

  /** Statistics of a collection: `data.row_count` (text) and the raw `stats`. */
  async getCollectionStatistics(this: MilvusClient, data: GetCollectionStatisticsReq): Promise<StatisticsResponse> {
    checkCollectionName(data, 'getCollectionStatistics');
    const res = await rpc<StatisticsResponse>(this, 'GetCollectionStatistics', { collection_name: data.collection_name, db_name: data.db_name ?? '' }, data);
    res.data = formatKeyValueData(res.stats ?? [], ['row_count']);
    return res;
  },

  /** Same as `getCollectionStatistics`. */
  async getCollectionStats(this: MilvusClient, data: GetCollectionStatisticsReq): Promise<StatisticsResponse> {
    return this.getCollectionStatistics(data);
  },

  /** Renames a collection (optionally into another database). */
  async renameCollection(this: MilvusClient, data: RenameCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'renameCollection');
    const res = await rpc<ResStatus>(this, 'RenameCollection', {
      db_name: data.db_name ?? '', oldName: data.collection_name, newName: data.new_collection_name, newDBName: data.new_db_name ?? '',
    }, data);
    stateOf(this).schemas.invalidate(data.collection_name, data);
    return res;
  },

  /** Drops a collection and forgets its cached schema. */
  async dropCollection(this: MilvusClient, data: DropCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropCollection');
    const { schemas } = stateOf(this);
    schemas.invalidate(data.collection_name, data);
    const res = await rpc<ResStatus>(this, 'DropCollection', { collection_name: data.collection_name, db_name: data.db_name ?? '' }, data);
    schemas.invalidate(data.collection_name, data);
    return res;
  },

  /** Same as `dropCollection` (pymilvus' name). */
  async drop_collection(this: MilvusClient, data: DropCollectionReq): Promise<ResStatus> {
    return this.dropCollection(data);
  },

  /** Removes every row of a collection, keeping its schema, indexes and properties. */
  async truncateCollection(this: MilvusClient, data: DropCollectionReq): Promise<resStatusResponse> {
    checkCollectionName(data, 'truncateCollection');
    return rpc(this, 'TruncateCollection', { collection_name: data.collection_name, db_name: data.db_name ?? '' }, data);
  },

  /** The primary key field's name (`''` when the description has none). */
  async getPkFieldName(this: MilvusClient, data: DescribeCollectionReq, desc?: DescribeCollectionResponse): Promise<string> {
    const info = desc ?? (await this.describeCollection(data));
    return info.schema?.fields.find((f) => f.is_primary_key)?.name ?? '';
  },

  /** The primary key field's type name (`'Int64'` or `'VarChar'`). */
  async getPkFieldType(this: MilvusClient, data: DescribeCollectionReq, desc?: DescribeCollectionResponse): Promise<keyof typeof DataType> {
    const info = desc ?? (await this.describeCollection(data));
    return (info.schema?.fields.find((f) => f.is_primary_key)?.data_type as keyof typeof DataType | undefined) ?? 'Int64';
  },

  /** The primary key field as described (the first field when none is marked). */
  async getPkField(this: MilvusClient, data: DescribeCollectionReq): Promise<FieldSchema> {
    const info = await this.describeCollection(data);
    const fields = info.schema?.fields ?? [];
    return fields.find((f) => f.is_primary_key) ?? fields[0]!;
  },
};
