/**
 * Segments and the cluster: what segments query nodes serve and what is persisted, moving sealed segments
 * between query nodes, and the server's metrics. As in the SDK, the segment requests spell the collection
 * `collectionName` (camelCase), not `collection_name`.
 */
import type { SegmentLevel, SegmentState } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, resStatusResponse } from '../types.js';
import { rpc } from './common.js';

export interface GetQuerySegmentInfoReq extends GrpcTimeOut {
  /** The collection (camelCase, as the SDK and the proto spell it). */
  collectionName: string;
  dbName?: string;
}
/** The SDK's name (with its spelling) for the request of `getPersistentSegmentInfo`. */
export interface GePersistentSegmentInfoReq extends GetQuerySegmentInfoReq {}
/** A segment as query nodes serve it. Int64 ids are exact text (bigints with `int64: 'bigint'`). */
export interface QuerySegmentInfo {
  segmentID: Int64;
  collectionID: Int64;
  partitionID: Int64;
  mem_size: Int64;
  num_rows: Int64;
  index_name: string;
  indexID: Int64;
  /** Deprecated: see `nodeIds`. */
  nodeID: Int64;
  /** The state by name, e.g. `'Sealed'`. */
  state: SegmentState | keyof typeof SegmentState;
  nodeIds: Int64[];
  /** The level by name, e.g. `'L1'`. */
  level: SegmentLevel | keyof typeof SegmentLevel;
  is_sorted: boolean;
  storage_version: Int64;
}
export interface GetQuerySegmentInfoResponse extends resStatusResponse {
  infos: QuerySegmentInfo[];
}
/** A segment as persisted by data nodes. */
export interface PersistentSegmentInfo {
  segmentID: Int64;
  collectionID: Int64;
  partitionID: Int64;
  num_rows: Int64;
  state: SegmentState | keyof typeof SegmentState;
  level: SegmentLevel | keyof typeof SegmentLevel;
  is_sorted: boolean;
  storage_version: Int64;
}
/** The SDK's name (with its spelling) for the response of `getPersistentSegmentInfo`. */
export interface GePersistentSegmentInfoResponse extends resStatusResponse {
  infos: PersistentSegmentInfo[];
}
export interface LoadBalanceReq extends GrpcTimeOut {
  /** The query node to move segments away from. */
  src_nodeID: Int64Input;
  dst_nodeIDs?: Int64Input[];
  sealed_segmentIDs?: Int64Input[];
  collectionName?: string;
  db_name?: string;
}
export interface GetMetricsRequest extends GrpcTimeOut {
  request: { metric_type: 'system_info' | 'system_statistics' | 'system_log' | string; [key: string]: unknown };
}
export interface GetMetricsResponse extends resStatusResponse {
  /** The server's JSON answer, parsed; `{}` when it sent none (a refused request). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON, typed `any` by the SDK
  response: any;
  component_name: string;
}

function requireCollectionName(data: { collectionName?: unknown } | undefined): void {
  if (!data?.collectionName) throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collectionName' });
}

const segmentInfoRequest = (data: GetQuerySegmentInfoReq) => ({ collectionName: data.collectionName, dbName: data.dbName });

export const segmentMethods = {
  /** The segments query nodes serve for a loaded collection: `infos`. Throws `COLLECTION_NAME_IS_REQUIRED` without `collectionName`. */
  async getQuerySegmentInfo(this: MilvusClient, data: GetQuerySegmentInfoReq): Promise<GetQuerySegmentInfoResponse> {
    requireCollectionName(data);
    return rpc(this, 'GetQuerySegmentInfo', segmentInfoRequest(data), data);
  },

  /** The persisted segments of a collection: `infos`. Throws `COLLECTION_NAME_IS_REQUIRED` without `collectionName`. */
  async getPersistentSegmentInfo(this: MilvusClient, data: GePersistentSegmentInfoReq): Promise<GePersistentSegmentInfoResponse> {
    requireCollectionName(data);
    return rpc(this, 'GetPersistentSegmentInfo', segmentInfoRequest(data), data);
  },

  /** Moves sealed segments from one query node to others (a cluster operation). Throws without `src_nodeID`. */
  async loadBalance(this: MilvusClient, data: LoadBalanceReq): Promise<ResStatus> {
    if (!data?.src_nodeID) throw new InvalidInputError(ERROR_REASONS.LOAD_BALANCE_CHECK_PARAMS, { field: 'src_nodeID' });
    const { timeout: _timeout, ...request } = data;
    return rpc(this, 'LoadBalance', request, data);
  },

  /**
   * The server's metrics for `request.metric_type` (e.g. `'system_info'`), with the JSON `response`
   * parsed. Throws `GET_METRIC_CHECK_PARAMS` without a metric type.
   */
  async getMetric(this: MilvusClient, data: GetMetricsRequest): Promise<GetMetricsResponse> {
    if (!data?.request?.metric_type) throw new InvalidInputError(ERROR_REASONS.GET_METRIC_CHECK_PARAMS, { field: 'request.metric_type' });
    const res = await rpc<Omit<GetMetricsResponse, 'response'> & { response: string }>(this, 'GetMetrics', { request: JSON.stringify(data.request) }, data);
    // The SDK parses unconditionally and throws a SyntaxError on a refusal's empty answer; the status says more.
    return { ...res, response: res.response ? JSON.parse(res.response) : {} };
  },
};
