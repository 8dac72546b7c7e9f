/**
 * Bulk import: start an import of files the server can read (object storage paths), list import tasks and
 * follow one. The server does the work; these calls only start and watch it.
 */
import type { ImportState } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64, Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, KeyValuePair, collectionNameReq, resStatusResponse } from '../types.js';
import { rpc, toKeyValuePairs } from './common.js';

export interface ImportReq extends collectionNameReq {
  partition_name?: string;
  channel_names?: string[];
  /** Paths of the files to import, as the server's storage sees them. */
  files: string[];
  /** Import options, as key/value pairs (or an object, converted to pairs). */
  options?: KeyValuePair[] | Record<string, unknown>;
}
export interface ListImportTasksReq extends collectionNameReq {
  /** The most tasks to return; 0 (the default): all. */
  limit?: number;
}
export interface GetImportStateReq extends GrpcTimeOut {
  /** The task id `bulkInsert` returned. */
  task: Int64Input;
}
export interface ImportResponse extends resStatusResponse {
  /** The ids of the import tasks started (exact: text, or bigints with `int64: 'bigint'`). */
  tasks: Int64[];
}
export interface GetImportStateResponse extends resStatusResponse {
  /** The state by name, e.g. `ImportState.ImportCompleted`. */
  state: ImportState | keyof typeof ImportState | 'ImportFlushed';
  row_count: Int64;
  id_list: Int64[];
  infos: KeyValuePair[];
  id: Int64;
  collection_id: Int64;
  segment_ids: Int64[];
  create_ts: Int64;
}
export interface ListImportTasksResponse extends resStatusResponse {
  tasks: GetImportStateResponse[];
}

function requireCollectionName(data: { collection_name?: unknown } | undefined): void {
  if (!data?.collection_name) throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collection_name' });
}

export const importMethods = {
  /**
   * Starts importing `files` into a collection (or one partition); resolves to the started `tasks`.
   * Throws `COLLECTION_NAME_IS_REQUIRED` or `IMPORT_FILE_CHECK` when those are missing.
   */
  async bulkInsert(this: MilvusClient, data: ImportReq): Promise<ImportResponse> {
    requireCollectionName(data);
    if (!data.files) throw new InvalidInputError(ERROR_REASONS.IMPORT_FILE_CHECK, { field: 'files' });
    return rpc(this, 'Import', {
      collection_name: data.collection_name,
      db_name: data.db_name,
      partition_name: data.partition_name,
      channel_names: data.channel_names,
      files: data.files,
      options: toKeyValuePairs(data.options),
    }, data);
  },

  /** The import tasks of a collection, each shaped as `getImportState` answers. Throws `COLLECTION_NAME_IS_REQUIRED`. */
  async listImportTasks(this: MilvusClient, data: ListImportTasksReq): Promise<ListImportTasksResponse> {
    requireCollectionName(data);
    return rpc(this, 'ListImportTasks', { collection_name: data.collection_name, db_name: data.db_name, limit: data.limit || 0 }, data);
  },

  /** The state, row count and segments of one import task. */
  async getImportState(this: MilvusClient, data: GetImportStateReq): Promise<GetImportStateResponse> {
    return rpc(this, 'GetImportState', { task: data.task }, data);
  },
};
