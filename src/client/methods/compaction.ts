/** Compaction: start one (by collection name) and follow its state and plans. */
import type { CompactionState } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { stateOf } from '../state.js';
import { int64Out, type Int64, type Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, isSuccess, requireValue, rpc, passOn } from './common.js';

export interface CompactReq extends collectionNameReq {
  timetravel?: Int64Input;
  majorCompaction?: boolean;
  partition_id?: Int64Input;
  channel?: string;
  segment_ids?: Int64Input[];
  l0Compaction?: boolean;
  target_size?: number | string;
}
export interface GetCompactionStateReq extends GrpcTimeOut {
  /** As `compact` returned it (a string, or a bigint with `int64: 'bigint'`), or a number. */
  compactionID: Int64Input;
}
export interface GetCompactionPlansReq extends GrpcTimeOut {
  compactionID: Int64Input;
}
export interface CompactionResponse extends resStatusResponse {
  compactionID: Int64;
  compactionPlanCount: number;
}
export interface GetCompactionStateResponse extends resStatusResponse {
  state: CompactionState | string;
  executingPlanNo: Int64;
  timeoutPlanNo: Int64;
  completedPlanNo: Int64;
  failedPlanNo: Int64;
}
export interface GetCompactionPlansResponse extends resStatusResponse {
  state: CompactionState | string;
  mergeInfos: { sources: Int64[]; target: Int64 }[];
}

export const compactionMethods = {
  /** Starts a compaction of a collection; resolves to its `compactionID`. A refused describe comes back as this result's status. */
  async compact(this: MilvusClient, data: CompactReq): Promise<CompactionResponse> {
    checkCollectionName(data, 'compact');
    const info = await this.describeCollection({ collection_name: data.collection_name, ...passOn(data) });
    // The describe's refusal (e.g. no such collection) in this call's own result shape, not the whole
    // DescribeCollectionResponse; nothing is compacted, so there is no compaction id.
    if (!isSuccess(info.status)) return { status: info.status, compactionID: int64Out('0', stateOf(this).conn.int64), compactionPlanCount: 0 };
    const { timeout: _timeout, ...request } = data;
    return rpc(this, 'ManualCompaction', { ...request, collectionID: info.collectionID }, data);
  },

  /** The state of a compaction. */
  async getCompactionState(this: MilvusClient, data: GetCompactionStateReq): Promise<GetCompactionStateResponse> {
    requireValue(data?.compactionID, ERROR_REASONS.COMPACTION_ID_IS_REQUIRED, 'getCompactionState');
    return rpc(this, 'GetCompactionState', { compactionID: data.compactionID }, data);
  },

  /** The state of a compaction with its merge plans. */
  async getCompactionStateWithPlans(this: MilvusClient, data: GetCompactionPlansReq): Promise<GetCompactionPlansResponse> {
    requireValue(data?.compactionID, ERROR_REASONS.COMPACTION_ID_IS_REQUIRED, 'getCompactionStateWithPlans');
    return rpc(this, 'GetCompactionStateWithPlans', { compactionID: data.compactionID }, data);
  },
};
