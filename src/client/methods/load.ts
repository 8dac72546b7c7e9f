/**
 * Loading: load (waiting until loaded, or not), refresh, release, load state and progress, replicas. The
 * SDK's `loadCollection` waits; `loadCollectionAsync` does not.
 */
import { ERROR_REASONS } from '../../error-reasons.js';
import type { LoadState } from '../../constants.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { throwIfFailed } from '../status.js';
import type { GrpcTimeOut, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, requireValue, rpc, sleep, passOn } from './common.js';

export interface LoadCollectionReq extends collectionNameReq {
  replica_number?: number;
  resource_groups?: string[];
  refresh?: boolean;
  /** Load only these fields. */
  load_fields?: string[];
  skip_load_dynamic_field?: boolean;
}
export interface RefreshLoadReq extends collectionNameReq {}
export interface ReleaseLoadCollectionReq extends collectionNameReq {}
export interface GetLoadingProgressReq extends collectionNameReq {
  partition_names?: string[];
}
export interface GetLoadStateReq extends GetLoadingProgressReq {}
export interface GetLoadingProgressResponse extends resStatusResponse {
  /** Percent loaded, as text. */
  progress: Int64;
  refresh_progress?: Int64;
}
export interface GetLoadStateResponse extends resStatusResponse {
  state: LoadState;
}
export interface GetReplicaReq extends GrpcTimeOut {
  collectionID: Int64Input;
  with_shard_nodes?: boolean;
  collection_name?: string;
  db_name?: string;
}
export interface ShardReplica {
  leaderID: Int64;
  leader_addr: string;
  dm_channel_name: string;
  node_ids: Int64[];
}
export interface ReplicaInfo {
  replicaID: Int64;
  collectionID: Int64;
  partition_ids: Int64[];
  shard_replicas: ShardReplica[];
  node_ids: Int64[];
  resource_group_name: string;
  num_outbound_node: Record<string, number>;
}
export interface ReplicasResponse extends resStatusResponse {
  replicas: ReplicaInfo[];
}

/** How long to wait between progress polls, as the SDK does. */
const POLL_MS = 400;

/** The LoadCollection request: the caller's settings, with the SDK's defaults. */
function loadRequest(data: LoadCollectionReq): Record<string, unknown> {
  return {
    db_name: data.db_name ?? '',
    collection_name: data.collection_name,
    replica_number: data.replica_number ?? 0,
    resource_groups: data.resource_groups ?? [],
    refresh: data.refresh ?? false,
    load_fields: data.load_fields ?? [],
    skip_load_dynamic_field: data.skip_load_dynamic_field ?? false,
  };
}

/**
 * Polls GetLoadingProgress until 100 %, throwing `ServerError` on a refusal. Waits as long as loading takes
 * (the call's `timeout` bounds each poll, not the whole wait).
 */
export async function waitUntilLoaded(client: MilvusClient, data: GetLoadingProgressReq): Promise<void> {
  for (;;) {
    const res = await client.getLoadingProgress(data);
    throwIfFailed('GetLoadingProgress', res.status);
    if (Number(res.progress) >= 100) return;
    await sleep(POLL_MS);
  }
}

export const loadMethods = {
  /**
   * Loads a collection into memory and waits until it is loaded (the SDK's `loadCollection`). Throws
   * `ServerError` when the server refuses the load.
   */
  async loadCollection(this: MilvusClient, data: LoadCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'loadCollection');
    const res = await rpc<ResStatus>(this, 'LoadCollection', loadRequest(data), data);
    throwIfFailed('LoadCollection', res);
    await waitUntilLoaded(this, { collection_name: data.collection_name, ...passOn(data) });
    return res;
  },

  /** Same as `loadCollection`. */
  async loadCollectionSync(this: MilvusClient, data: LoadCollectionReq): Promise<ResStatus> {
    return this.loadCollection(data);
  },

  /** Starts loading a collection and returns at once; see `getLoadState`. */
  async loadCollectionAsync(this: MilvusClient, data: LoadCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'loadCollectionAsync');
    return rpc(this, 'LoadCollection', loadRequest(data), data);
  },

  /** Loads data that arrived since the collection was loaded (a load with `refresh`). */
  async refreshLoad(this: MilvusClient, data: RefreshLoadReq): Promise<ResStatus> {
    return this.loadCollectionAsync({ ...data, refresh: true });
  },

  /** Releases a collection from memory. */
  async releaseCollection(this: MilvusClient, data: ReleaseLoadCollectionReq): Promise<ResStatus> {
    checkCollectionName(data, 'releaseCollection');
    return rpc(this, 'ReleaseCollection', { db_name: data.db_name ?? '', collection_name: data.collection_name }, data);
  },

  /** Loading progress in percent (`progress`, as text). */
  async getLoadingProgress(this: MilvusClient, data: GetLoadingProgressReq): Promise<GetLoadingProgressResponse> {
    checkCollectionName(data, 'getLoadingProgress');
    return rpc(this, 'GetLoadingProgress', { db_name: data.db_name ?? '', collection_name: data.collection_name, partition_names: data.partition_names ?? [] }, data);
  },

  /** The load state by name, e.g. `LoadState.LoadStateLoaded`. */
  async getLoadState(this: MilvusClient, data: GetLoadStateReq): Promise<GetLoadStateResponse> {
    checkCollectionName(data, 'getLoadState');
    return rpc(this, 'GetLoadState', { db_name: data.db_name ?? '', collection_name: data.collection_name, partition_names: data.partition_names ?? [] }, data);
  },

  /** The replicas a loaded collection has (by collection id). */
  async getReplicas(this: MilvusClient, data: GetReplicaReq): Promise<ReplicasResponse> {
    requireValue(data?.collectionID, ERROR_REASONS.COLLECTION_ID_IS_REQUIRED, 'getReplicas');
    return rpc(this, 'GetReplicas', data, data);
  },

  /** Same as `getReplicas`. */
  async describeReplicas(this: MilvusClient, data: GetReplicaReq): Promise<ReplicasResponse> {
    return this.getReplicas(data);
  },
};
