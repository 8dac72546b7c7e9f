/**
 * Request and response building blocks shared by the method modules, under the official Node SDK's names
 * (`GrpcTimeOut`, `collectionNameReq`, `resStatusResponse`, ...), so SDK code type-checks against them.
 */
import type { KeyValuePair } from '../schema.js';
import type { CallOptions } from './connection.js';
import type { Int64 } from './int64.js';
import type { ResStatus } from './status.js';

export type { KeyValuePair } from '../schema.js';
export type { ResStatus } from './status.js';

/** Options every request takes: `timeout` (ms), `db_name`, `signal`, a request id, and `cluster_id` for reads. */
export interface GrpcTimeOut extends CallOptions {
  /** Routes a read to one cluster (set by `MilvusClientSession`). */
  cluster_id?: string;
}

/** A request about one collection. */
export interface collectionNameReq extends GrpcTimeOut {
  collection_name: string;
  db_name?: string;
}

/** A request about one collection and maybe one of its partitions. */
export interface partitionNameReq extends collectionNameReq {
  partition_name?: string;
}

/** A response that carries a status. */
export interface resStatusResponse {
  status: ResStatus;
}

/** Properties of a collection or database: `{ key: value }`. */
export type Properties = Record<string, string | number | boolean>;

/** Creation times of listed items. */
export interface TimeStampArray {
  created_timestamps: Int64[];
  created_utc_timestamps: Int64[];
}

/** `KeyValuePair` lists as the server returns them. */
export type KeyValuePairs = KeyValuePair[];
