/** Databases: create, list, describe, drop, alter and drop properties; `use` switches the client's database. */
import { DEFAULT_DB } from '../../constants.js';
import { describeValue, InvalidInputError } from '../../errors.js';
import { stateOf } from '../state.js';
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, KeyValuePair, Properties, ResStatus, resStatusResponse } from '../types.js';
import { rpc, successStatus, toKeyValuePairs } from './common.js';

export interface databaseReq extends GrpcTimeOut {
  db_name: string;
}
export interface CreateDatabaseRequest extends databaseReq {
  properties?: Properties;
}
export interface DropDatabasesRequest extends databaseReq {}
export interface DescribeDatabaseRequest extends databaseReq {}
export interface ListDatabasesRequest extends GrpcTimeOut {}
export interface ListDatabasesResponse extends resStatusResponse {
  db_names: string[];
  db_ids: Int64[];
  created_timestamp: Int64[];
}
export interface DescribeDatabaseResponse extends resStatusResponse {
  db_name: string;
  dbID: Int64;
  created_timestamp: Int64;
  properties: KeyValuePair[];
}
export interface AlterDatabaseRequest extends GrpcTimeOut {
  db_name: string;
  db_id?: string;
  properties: Properties;
  delete_keys?: string[];
}
export interface DropDatabasePropertiesRequest extends GrpcTimeOut {
  db_name: string;
  /** Keys of the properties to remove. */
  properties: string[];
}

/** Database management calls go to the server's default database; the target is in the request body. */
const aboutDatabase = (data: GrpcTimeOut | undefined): GrpcTimeOut => ({ ...data, db_name: '' });

export const databaseMethods = {
  /** Creates a database, with optional properties. */
  async createDatabase(this: MilvusClient, data: CreateDatabaseRequest): Promise<ResStatus> {
    return rpc(this, 'CreateDatabase', { db_name: data?.db_name, properties: toKeyValuePairs(data?.properties) }, aboutDatabase(data));
  },

  /** Lists the databases. */
  async listDatabases(this: MilvusClient, data?: ListDatabasesRequest): Promise<ListDatabasesResponse> {
    return rpc(this, 'ListDatabases', {}, aboutDatabase(data));
  },

  /** A database's id, creation time and properties. */
  async describeDatabase(this: MilvusClient, data: DescribeDatabaseRequest): Promise<DescribeDatabaseResponse> {
    return rpc(this, 'DescribeDatabase', data, aboutDatabase(data));
  },

  /** Drops a database (it must hold no collections) and forgets cached schemas of its collections. */
  async dropDatabase(this: MilvusClient, data: DropDatabasesRequest): Promise<ResStatus> {
    const res = await rpc<ResStatus>(this, 'DropDatabase', data, aboutDatabase(data));
    stateOf(this).schemas.invalidateDatabase(data.db_name);
    return res;
  },

  /** Sets properties of a database. */
  async alterDatabase(this: MilvusClient, data: AlterDatabaseRequest): Promise<ResStatus> {
    return rpc(this, 'AlterDatabase', { db_name: data.db_name, db_id: data.db_id, properties: toKeyValuePairs(data.properties), delete_keys: data.delete_keys ?? [] }, aboutDatabase(data));
  },

  /** Same as `alterDatabase`. */
  async alterDatabaseProperties(this: MilvusClient, data: AlterDatabaseRequest): Promise<ResStatus> {
    return this.alterDatabase(data);
  },

  /** Removes properties of a database by key. */
  async dropDatabaseProperties(this: MilvusClient, data: DropDatabasePropertiesRequest): Promise<ResStatus> {
    return rpc(this, 'AlterDatabase', { db_name: data.db_name, delete_keys: data.properties }, aboutDatabase(data));
  },

  /**
   * Makes `db_name` the database of later calls (no RPC; the SDK's `use`). No name, or `''`, means the
   * default database.
   */
  async use(this: MilvusClient, data?: { db_name?: string }): Promise<ResStatus> {
    const name = data?.db_name;
    if (name !== undefined && typeof name !== 'string') throw new InvalidInputError(`use: db_name must be a string, got ${describeValue(name)}`);
    stateOf(this).conn.dbName = name || DEFAULT_DB;
    return successStatus();
  },

  /** Same as `use`. */
  async useDatabase(this: MilvusClient, data?: { db_name?: string }): Promise<ResStatus> {
    return this.use(data);
  },
};
