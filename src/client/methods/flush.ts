/**
 * Flush: seal the growing data of collections (or of all) so it is persisted, with the SDK's waiting
 * variants (`flushSync`, `flushAllSync`) and the state calls they poll.
 */
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { throwIfFailed } from '../status.js';
import type { GrpcTimeOut, resStatusResponse } from '../types.js';
import { rpc, sleep, passOn } from './common.js';

export interface FlushReq extends GrpcTimeOut {
  collection_names: string[];
  db_name?: string;
}
export interface FlushResult extends resStatusResponse {
  db_name: string;
  /** Collection name → the ids of its segments sealed by this flush. */
  coll_segIDs: Record<string, { data: Int64[] }>;
  flush_coll_segIDs: Record<string, { data: Int64[] }>;
  coll_seal_times: Record<string, Int64>;
  coll_flush_ts: Record<string, Int64>;
  channel_cps: Record<string, unknown>;
}
export interface GetFlushStateReq extends GrpcTimeOut {
  segmentIDs?: Int64Input[];
  flush_ts?: Int64Input;
  db_name?: string;
  collection_name?: string;
}
export interface GetFlushStateResponse extends resStatusResponse {
  flushed: boolean;
}
export interface FlushAllReq extends GrpcTimeOut {
  db_name?: string;
}
export interface FlushAllResponse extends resStatusResponse {
  flush_all_ts: Int64;
  /** Per-channel flush times, from servers that send them. */
  flush_all_tss?: Record<string, Int64>;
  [other: string]: unknown;
}
export interface GetFlushAllStateReq extends GrpcTimeOut {
  flush_all_ts?: Int64Input;
  db_name?: string;
  flush_all_tss?: Record<string, Int64Input>;
}
export interface GetFlushAllStateResponse extends resStatusResponse {
  flushed: boolean;
}

/** Pause between state polls, as the SDK. */
const POLL_MS = 100;

function checkCollectionNames(data: FlushReq | undefined, operation: string): void {
  if (!Array.isArray(data?.collection_names) || data.collection_names.length === 0) {
    throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED);
  }
}

export const flushMethods = {
  /** Seals the collections' growing segments so their data is persisted; resolves to the server's answer. */
  async flush(this: MilvusClient, data: FlushReq): Promise<FlushResult> {
    checkCollectionNames(data, 'flush');
    return rpc(this, 'Flush', { db_name: data.db_name ?? '', collection_names: data.collection_names }, data);
  },

  /** Flushes and waits until the sealed segments are persisted. Throws `ServerError` on a refusal. */
  async flushSync(this: MilvusClient, data: FlushReq): Promise<GetFlushStateResponse> {
    const res = await this.flush(data);
    throwIfFailed('Flush', res.status);
    const segmentIDs = Object.values(res.coll_segIDs ?? {}).flatMap((ids) => ids.data);
    for (;;) {
      const state = await this.getFlushState({ segmentIDs, ...passOn(data) });
      throwIfFailed('GetFlushState', state.status);
      if (state.flushed) return state;
      await sleep(POLL_MS);
    }
  },

  /** Whether segments (or a collection up to a flush time) are flushed. */
  async getFlushState(this: MilvusClient, data: GetFlushStateReq): Promise<GetFlushStateResponse> {
    if (!data || (!data.segmentIDs && !data.collection_name && !data.flush_ts)) {
      throw new InvalidInputError(ERROR_REASONS.GET_FLUSH_STATE_CHECK_PARAMS);
    }
    return rpc(this, 'GetFlushState', {
      segmentIDs: data.segmentIDs ?? [], flush_ts: data.flush_ts ?? 0, db_name: data.db_name ?? '', collection_name: data.collection_name ?? '',
    }, data);
  },

  /** Flushes every collection. */
  async flushAll(this: MilvusClient, data?: FlushAllReq): Promise<FlushAllResponse> {
    return rpc(this, 'FlushAll', { db_name: data?.db_name ?? '' }, data);
  },

  /** Flushes every collection and waits until it is persisted. Throws `ServerError` on a refusal. */
  async flushAllSync(this: MilvusClient, data?: FlushAllReq): Promise<GetFlushAllStateResponse> {
    const res = await this.flushAll(data);
    throwIfFailed('FlushAll', res.status);
    for (;;) {
      const state = await this.getFlushAllState({ flush_all_ts: res.flush_all_ts, flush_all_tss: res.flush_all_tss, ...passOn(data) });
      throwIfFailed('GetFlushAllState', state.status);
      if (state.flushed) return state;
      await sleep(POLL_MS);
    }
  },

  /** Whether a `flushAll` has completed. */
  async getFlushAllState(this: MilvusClient, data: GetFlushAllStateReq): Promise<GetFlushAllStateResponse> {
    if (!data || (!data.flush_all_ts && !data.flush_all_tss)) {
      throw new InvalidInputError(ERROR_REASONS.GET_FLUSH_ALL_STATE_CHECK_PARAMS);
    }
    return rpc(this, 'GetFlushAllState', { flush_all_ts: data.flush_all_ts ?? 0, db_name: data.db_name ?? '', flush_all_tss: data.flush_all_tss ?? {} }, data);
  },
};
