/**
 * Data that lives outside Milvus: external collections (refreshed from their source as a job to follow)
 * and file resources (named files the server can use, e.g. dictionaries of analyzers). Thin RPCs, as in
 * the SDK; the job-state enum is exported from `snapshot.ts`.
 */
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { rpc } from './common.js';
import { missingProperty, type RefreshExternalCollectionState } from './snapshot.js';

export interface RefreshExternalCollectionReq extends collectionNameReq {
  /** A new source path; the collection's current one when omitted. */
  external_source?: string;
  /** A new source specification; the current one when omitted. */
  external_spec?: string;
}
export interface RefreshExternalCollectionResponse extends resStatusResponse {
  job_id: Int64;
}
export interface GetRefreshExternalCollectionProgressReq extends GrpcTimeOut {
  job_id: Int64Input;
}
export interface RefreshExternalCollectionJobInfo {
  job_id: Int64;
  collection_name: string;
  state: RefreshExternalCollectionState | keyof typeof RefreshExternalCollectionState;
  progress: Int64;
  reason: string;
  external_source: string;
  external_spec: string;
  start_time: Int64;
  end_time: Int64;
}
export interface GetRefreshExternalCollectionProgressResponse extends resStatusResponse {
  job_info: RefreshExternalCollectionJobInfo;
}
export interface ListRefreshExternalCollectionJobsReq extends GrpcTimeOut {
  db_name?: string;
  collection_name?: string;
}
export interface ListRefreshExternalCollectionJobsResponse extends resStatusResponse {
  jobs: RefreshExternalCollectionJobInfo[];
}
export interface AddFileResourceReq extends GrpcTimeOut {
  name: string;
  /** Where the server finds the file. */
  path: string;
}
export interface RemoveFileResourceReq extends GrpcTimeOut {
  name: string;
}
export interface ListFileResourcesReq extends GrpcTimeOut {}
export interface FileResourceInfo {
  id: Int64;
  name: string;
  path: string;
}
export interface ListFileResourcesResponse extends resStatusResponse {
  resources: FileResourceInfo[];
}

export const externalDataMethods = {
  /** Starts refreshing an external collection from its source; resolves to the `job_id` to follow. */
  async refreshExternalCollection(this: MilvusClient, data: RefreshExternalCollectionReq): Promise<RefreshExternalCollectionResponse> {
    if (!data?.collection_name) throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collection_name' });
    const { db_name, collection_name, external_source, external_spec } = data;
    return rpc(this, 'RefreshExternalCollection', { db_name, collection_name, external_source, external_spec }, data);
  },

  /** The state and progress of a refresh job: `job_info`. */
  async getRefreshExternalCollectionProgress(this: MilvusClient, data: GetRefreshExternalCollectionProgressReq): Promise<GetRefreshExternalCollectionProgressResponse> {
    if (data?.job_id === undefined) missingProperty('job_id');
    return rpc(this, 'GetRefreshExternalCollectionProgress', { job_id: data.job_id }, data);
  },

  /** Refresh jobs, of one collection or all: `jobs`. */
  async listRefreshExternalCollectionJobs(this: MilvusClient, data: ListRefreshExternalCollectionJobsReq = {}): Promise<ListRefreshExternalCollectionJobsResponse> {
    return rpc(this, 'ListRefreshExternalCollectionJobs', { db_name: data.db_name, collection_name: data.collection_name }, data);
  },

  /** Registers a file the server can use under a name. */
  async addFileResource(this: MilvusClient, data: AddFileResourceReq): Promise<ResStatus> {
    return rpc(this, 'AddFileResource', { name: data.name, path: data.path }, data);
  },

  /** Unregisters a file resource. */
  async removeFileResource(this: MilvusClient, data: RemoveFileResourceReq): Promise<ResStatus> {
    return rpc(this, 'RemoveFileResource', { name: data.name }, data);
  },

  /** The registered file resources: `resources`. */
  async listFileResources(this: MilvusClient, data: ListFileResourcesReq = {}): Promise<ListFileResourcesResponse> {
    return rpc(this, 'ListFileResources', {}, data);
  },
};
