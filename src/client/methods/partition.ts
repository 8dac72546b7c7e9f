/** Partitions: create, has, list, statistics, load (waiting or not), release, drop. */
import type { ShowPartitionsType } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { throwIfFailed } from '../status.js';
import type { ResStatus, TimeStampArray, collectionNameReq } from '../types.js';
import type { BoolResponse, CollectionData, StatisticsResponse } from './collection.js';
import { checkCollectionAndPartitionName, checkCollectionName, formatKeyValueData, requireNonEmptyArray, rpc, passOn } from './common.js';
import { waitUntilLoaded } from './load.js';

interface PartitionParent extends collectionNameReq {
  partition_name: string;
}
export interface CreatePartitionReq extends PartitionParent {}
export interface HasPartitionReq extends PartitionParent {}
export interface DropPartitionReq extends PartitionParent {}
export interface GetPartitionStatisticsReq extends PartitionParent {}
export interface ShowPartitionsReq extends collectionNameReq {
  type?: ShowPartitionsType;
  partition_names?: string[];
}
export interface LoadPartitionsReq extends collectionNameReq {
  partition_names: string[];
  replica_number?: number;
  resource_groups?: string[];
  refresh?: boolean;
  load_fields?: string[];
  skip_load_dynamic_field?: boolean;
}
export interface ReleasePartitionsReq extends collectionNameReq {
  partition_names: string[];
}
export interface PartitionData extends CollectionData {}
export interface ShowPartitionsResponse extends TimeStampArray {
  status: ResStatus;
  partition_names: string[];
  partitionIDs: Int64[];
  inMemory_percentages: Int64[];
  data: PartitionData[];
}

const partitionRequest = (data: PartitionParent) => ({ db_name: data.db_name ?? '', collection_name: data.collection_name, partition_name: data.partition_name });

function loadPartitionsRequest(data: LoadPartitionsReq): Record<string, unknown> {
  return {
    db_name: data.db_name ?? '',
    collection_name: data.collection_name,
    partition_names: data.partition_names,
    replica_number: data.replica_number ?? 0,
    resource_groups: data.resource_groups ?? [],
    refresh: data.refresh ?? false,
    load_fields: data.load_fields ?? [],
    skip_load_dynamic_field: data.skip_load_dynamic_field ?? false,
  };
}

export const partitionMethods = {
  /** Creates a partition. */
  async createPartition(this: MilvusClient, data: CreatePartitionReq): Promise<ResStatus> {
    checkCollectionAndPartitionName(data, 'createPartition');
    return rpc(this, 'CreatePartition', partitionRequest(data), data);
  },

  /** Whether a partition exists: `{ value }`. */
  async hasPartition(this: MilvusClient, data: HasPartitionReq): Promise<BoolResponse> {
    checkCollectionAndPartitionName(data, 'hasPartition');
    return rpc(this, 'HasPartition', partitionRequest(data), data);
  },

  /** Lists a collection's partitions (with `_default`), with `data` per partition. */
  async listPartitions(this: MilvusClient, data: ShowPartitionsReq): Promise<ShowPartitionsResponse> {
    checkCollectionName(data, 'listPartitions');
    const res = await rpc<ShowPartitionsResponse>(this, 'ShowPartitions', {
      db_name: data.db_name ?? '', collection_name: data.collection_name, partition_names: data.partition_names ?? [], type: data.type ?? 0,
    }, data);
    res.data = res.partition_names.map((name, i) => ({
      name, id: res.partitionIDs[i]!, timestamp: res.created_utc_timestamps[i]!, loadedPercentage: res.inMemory_percentages[i]!,
    }));
    return res;
  },

  /** Same as `listPartitions`. */
  async showPartitions(this: MilvusClient, data: ShowPartitionsReq): Promise<ShowPartitionsResponse> {
    return this.listPartitions(data);
  },

  /** Statistics of a partition: `data.row_count` (text) and the raw `stats`. */
  async getPartitionStatistics(this: MilvusClient, data: GetPartitionStatisticsReq): Promise<StatisticsResponse> {
    checkCollectionAndPartitionName(data, 'getPartitionStatistics');
    const res = await rpc<StatisticsResponse>(this, 'GetPartitionStatistics', partitionRequest(data), data);
    res.data = formatKeyValueData(res.stats ?? [], ['row_count']);
    return res;
  },

  /** Same as `getPartitionStatistics`. */
  async getPartitionStats(this: MilvusClient, data: GetPartitionStatisticsReq): Promise<StatisticsResponse> {
    return this.getPartitionStatistics(data);
  },

  /** Starts loading partitions and returns at once. */
  async loadPartitions(this: MilvusClient, data: LoadPartitionsReq): Promise<ResStatus> {
    checkCollectionName(data, 'loadPartitions');
    requireNonEmptyArray(data.partition_names, ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED, 'loadPartitions');
    return rpc(this, 'LoadPartitions', loadPartitionsRequest(data), data);
  },

  /** Loads partitions and waits until they are loaded. Throws `ServerError` on a refusal. */
  async loadPartitionsSync(this: MilvusClient, data: LoadPartitionsReq): Promise<ResStatus> {
    checkCollectionName(data, 'loadPartitionsSync');
    requireNonEmptyArray(data.partition_names, ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED, 'loadPartitionsSync');
    const res = await rpc<ResStatus>(this, 'LoadPartitions', loadPartitionsRequest(data), data);
    throwIfFailed('LoadPartitions', res);
    await waitUntilLoaded(this, { collection_name: data.collection_name, partition_names: data.partition_names, ...passOn(data) });
    return res;
  },

  /** Releases partitions from memory. */
  async releasePartitions(this: MilvusClient, data: ReleasePartitionsReq): Promise<ResStatus> {
    checkCollectionName(data, 'releasePartitions');
    requireNonEmptyArray(data.partition_names, ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED, 'releasePartitions');
    return rpc(this, 'ReleasePartitions', { db_name: data.db_name ?? '', collection_name: data.collection_name, partition_names: data.partition_names }, data);
  },

  /** Drops a partition (release it first on a full Milvus). */
  async dropPartition(this: MilvusClient, data: DropPartitionReq): Promise<ResStatus> {
    checkCollectionAndPartitionName(data, 'dropPartition');
    return rpc(this, 'DropPartition', partitionRequest(data), data);
  },
};
