/**
 * Partition operations: create, drop, has, list.
 */
import type { BoolResponse, CollectionNameReq } from './collections.js';
import type { Connection } from './connection.js';
import { int64ListOut, type Int64 } from './int64.js';
import { requireCollection } from './request-params.js';
import { SUCCESS, type ResStatus } from './status.js';

/** A collection and one of its partitions. */
export interface PartitionReq extends CollectionNameReq {
  partition_name: string;
}

/** Creates a partition. */
export async function createPartition(conn: Connection, req: PartitionReq): Promise<ResStatus> {
  requireCollection(req, 'createPartition');
  await conn.rpc('CreatePartition', { collection_name: req.collection_name, partition_name: req.partition_name }, req);
  return SUCCESS;
}

/** Drops a partition (it must be released first on a full Milvus). */
export async function dropPartition(conn: Connection, req: PartitionReq): Promise<ResStatus> {
  requireCollection(req, 'dropPartition');
  await conn.rpc('DropPartition', { collection_name: req.collection_name, partition_name: req.partition_name }, req);
  return SUCCESS;
}

/** Whether the partition exists. */
export async function hasPartition(conn: Connection, req: PartitionReq): Promise<BoolResponse> {
  requireCollection(req, 'hasPartition');
  const res = await conn.rpc<{ value: boolean }>('HasPartition', { collection_name: req.collection_name, partition_name: req.partition_name }, req);
  return { status: SUCCESS, value: res.value };
}

/** One partition in `listPartitions`. */
export interface PartitionData {
  name: string;
  id: Int64 | undefined;
  timestamp: Int64 | undefined;
  loadedPercentage: Int64 | undefined;
}

/** Result of `listPartitions`. */
export interface ShowPartitionsResponse {
  status: ResStatus;
  partition_names: string[];
  data: PartitionData[];
}

/** Lists the partitions of a collection (including `_default`). */
export async function listPartitions(conn: Connection, req: CollectionNameReq): Promise<ShowPartitionsResponse> {
  requireCollection(req, 'listPartitions');
  const res = await conn.rpc<{ partition_names: string[]; partitionIDs: string[]; created_utc_timestamps: string[]; inMemory_percentages: string[] }>(
    'ShowPartitions', { collection_name: req.collection_name }, req);
  const ids = int64ListOut(res.partitionIDs, conn.int64);
  const times = int64ListOut(res.created_utc_timestamps, conn.int64);
  const loaded = int64ListOut(res.inMemory_percentages, conn.int64);
  const data = res.partition_names.map((name, i) => ({ name, id: ids[i], timestamp: times[i], loadedPercentage: loaded[i] }));
  return { status: SUCCESS, partition_names: res.partition_names, data };
}
