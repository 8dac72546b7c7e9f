/**
 * Collection snapshots: create, list, describe and drop them, restore one into a new collection (a job to
 * follow), and pin a snapshot's data while copying it out. As in the SDK, requests take `snapshot_name`
 * and send it as the proto's `name`. The external-collection refresh and file resources are in
 * `external-data.ts`; both job-state enums live here.
 */
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { rpc } from './common.js';

/** The state of a snapshot restore job (`milvus.proto.milvus.RestoreSnapshotState`), by name. */
export enum RestoreSnapshotState {
  RestoreSnapshotNone = 'RestoreSnapshotNone',
  RestoreSnapshotPending = 'RestoreSnapshotPending',
  RestoreSnapshotExecuting = 'RestoreSnapshotExecuting',
  RestoreSnapshotCompleted = 'RestoreSnapshotCompleted',
  RestoreSnapshotFailed = 'RestoreSnapshotFailed',
}

/** The state of an external collection refresh job (`milvus.proto.milvus.RefreshExternalCollectionState`), by name. */
export enum RefreshExternalCollectionState {
  RefreshPending = 'RefreshPending',
  RefreshInProgress = 'RefreshInProgress',
  RefreshCompleted = 'RefreshCompleted',
  RefreshFailed = 'RefreshFailed',
}

export interface CreateSnapshotReq extends collectionNameReq {
  snapshot_name: string;
  description?: string;
  /** How long compaction leaves the snapshot's segments alone, in seconds. */
  compaction_protection_seconds?: number | string;
}
export interface DropSnapshotReq extends collectionNameReq {
  snapshot_name: string;
}
export interface ListSnapshotsReq extends collectionNameReq {}
export interface ListSnapshotsResponse extends resStatusResponse {
  snapshots: string[];
}
export interface DescribeSnapshotReq extends collectionNameReq {
  snapshot_name: string;
}
export interface DescribeSnapshotResponse extends resStatusResponse {
  name: string;
  description: string;
  collection_name: string;
  partition_names: string[];
  create_ts: Int64;
  s3_location: string;
}
export interface RestoreSnapshotReq extends GrpcTimeOut {
  snapshot_name: string;
  source_collection_name: string;
  target_collection_name: string;
  source_db_name?: string;
  target_db_name?: string;
}
export interface RestoreSnapshotResponse extends resStatusResponse {
  job_id: Int64;
}
export interface GetRestoreSnapshotStateReq extends GrpcTimeOut {
  job_id: Int64Input;
}
export interface RestoreSnapshotJobInfo {
  job_id: Int64;
  snapshot_name: string;
  db_name: string;
  collection_name: string;
  state: RestoreSnapshotState | keyof typeof RestoreSnapshotState;
  /** Percent done. */
  progress: number;
  reason: string;
  start_time: Int64;
  time_cost: Int64;
}
export interface GetRestoreSnapshotStateResponse extends resStatusResponse {
  info: RestoreSnapshotJobInfo;
}
export interface ListRestoreSnapshotJobsReq extends GrpcTimeOut {
  db_name?: string;
  collection_name?: string;
}
export interface ListRestoreSnapshotJobsResponse extends resStatusResponse {
  jobs: RestoreSnapshotJobInfo[];
}
export interface PinSnapshotDataReq extends collectionNameReq {
  snapshot_name: string;
  /** How long the pin holds, in seconds. */
  ttl_seconds?: number | string;
}
export interface PinSnapshotDataResponse extends resStatusResponse {
  pin_id: Int64;
}
export interface UnpinSnapshotDataReq extends GrpcTimeOut {
  pin_id: Int64Input;
}

/** Throws the SDK's message for a missing property: `The \`field\` property is missing.` */
export function missingProperty(field: string): never {
  throw new InvalidInputError(`The \`${field}\` property is missing.`, { field });
}

/** The request of a call about one named snapshot: checks both names, renames `snapshot_name` to `name`. */
function aboutSnapshot<T extends collectionNameReq & { snapshot_name: string }>(data: T): Record<string, unknown> {
  if (!data?.collection_name) throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collection_name' });
  if (!data.snapshot_name) missingProperty('snapshot_name');
  const { snapshot_name, timeout: _timeout, ...rest } = data;
  return { ...rest, name: snapshot_name };
}

export const snapshotMethods = {
  /** Takes a snapshot of a collection under a name. */
  async createSnapshot(this: MilvusClient, data: CreateSnapshotReq): Promise<ResStatus> {
    return rpc(this, 'CreateSnapshot', aboutSnapshot(data), data);
  },

  /** Drops a snapshot. */
  async dropSnapshot(this: MilvusClient, data: DropSnapshotReq): Promise<ResStatus> {
    return rpc(this, 'DropSnapshot', aboutSnapshot(data), data);
  },

  /** The names of a collection's snapshots: `snapshots`. */
  async listSnapshots(this: MilvusClient, data: ListSnapshotsReq): Promise<ListSnapshotsResponse> {
    if (!data?.collection_name) throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collection_name' });
    return rpc(this, 'ListSnapshots', { db_name: data.db_name, collection_name: data.collection_name }, data);
  },

  /** A snapshot's description, partitions, creation time and storage location. */
  async describeSnapshot(this: MilvusClient, data: DescribeSnapshotReq): Promise<DescribeSnapshotResponse> {
    return rpc(this, 'DescribeSnapshot', aboutSnapshot(data), data);
  },

  /** Starts restoring a snapshot into a new collection; resolves to the `job_id` to follow. */
  async restoreSnapshot(this: MilvusClient, data: RestoreSnapshotReq): Promise<RestoreSnapshotResponse> {
    if (!data?.snapshot_name) missingProperty('snapshot_name');
    if (!data.source_collection_name) missingProperty('source_collection_name');
    if (!data.target_collection_name) missingProperty('target_collection_name');
    const { snapshot_name, source_collection_name, source_db_name, timeout: _timeout, ...rest } = data;
    return rpc(this, 'RestoreSnapshot', { ...rest, name: snapshot_name, db_name: source_db_name, collection_name: source_collection_name }, { ...data, db_name: source_db_name ?? '' });
  },

  /** The state and progress of a restore job: `info`. */
  async getRestoreSnapshotState(this: MilvusClient, data: GetRestoreSnapshotStateReq): Promise<GetRestoreSnapshotStateResponse> {
    if (data?.job_id === undefined) missingProperty('job_id');
    return rpc(this, 'GetRestoreSnapshotState', { job_id: data.job_id }, data);
  },

  /** Restore jobs, of one collection or all: `jobs`. */
  async listRestoreSnapshotJobs(this: MilvusClient, data: ListRestoreSnapshotJobsReq = {}): Promise<ListRestoreSnapshotJobsResponse> {
    return rpc(this, 'ListRestoreSnapshotJobs', { db_name: data.db_name, collection_name: data.collection_name }, data);
  },

  /** Keeps a snapshot's data from garbage collection (for `ttl_seconds`); resolves to the `pin_id`. */
  async pinSnapshotData(this: MilvusClient, data: PinSnapshotDataReq): Promise<PinSnapshotDataResponse> {
    return rpc(this, 'PinSnapshotData', aboutSnapshot(data), data);
  },

  /** Releases a pin taken with `pinSnapshotData`. */
  async unpinSnapshotData(this: MilvusClient, data: UnpinSnapshotDataReq): Promise<ResStatus> {
    if (data?.pin_id === undefined) missingProperty('pin_id');
    return rpc(this, 'UnpinSnapshotData', { pin_id: data.pin_id }, data);
  },
};
