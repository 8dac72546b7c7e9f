/** Collection aliases: create, describe, list, drop, alter (the SDK's methods, as thin RPCs). */
import { ERROR_REASONS } from '../../error-reasons.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { checkCollectionName, requireValue, rpc } from './common.js';

export interface CreateAliasReq extends collectionNameReq {
  alias: string;
}
export interface DescribeAliasReq extends CreateAliasReq {}
export interface AlterAliasReq extends CreateAliasReq {}
export interface ListAliasesReq extends collectionNameReq {}
export interface DropAliasReq extends GrpcTimeOut {
  alias: string;
  db_name?: string;
}
export interface DescribeAliasResponse extends resStatusResponse {
  db_name: string;
  alias: string;
  collection: string;
}
export interface ListAliasesResponse extends resStatusResponse {
  db_name: string;
  aliases: string[];
  collection_name: string;
}

function checkAlias(req: { alias?: unknown } | undefined, operation: string): void {
  requireValue(req?.alias, ERROR_REASONS.ALIAS_NAME_IS_REQUIRED, operation);
}

export const aliasMethods = {
  /** Gives a collection another name that reads and writes can use. */
  async createAlias(this: MilvusClient, data: CreateAliasReq): Promise<ResStatus> {
    checkCollectionName(data, 'createAlias');
    checkAlias(data, 'createAlias');
    return rpc(this, 'CreateAlias', data, data);
  },

  /** Which collection an alias points to. */
  async describeAlias(this: MilvusClient, data: DescribeAliasReq): Promise<DescribeAliasResponse> {
    checkCollectionName(data, 'describeAlias');
    checkAlias(data, 'describeAlias');
    return rpc(this, 'DescribeAlias', data, data);
  },

  /** The aliases of a collection. */
  async listAliases(this: MilvusClient, data: ListAliasesReq): Promise<ListAliasesResponse> {
    checkCollectionName(data, 'listAliases');
    return rpc(this, 'ListAliases', data, data);
  },

  /** Removes an alias. */
  async dropAlias(this: MilvusClient, data: DropAliasReq): Promise<ResStatus> {
    checkAlias(data, 'dropAlias');
    return rpc(this, 'DropAlias', data, data);
  },

  /** Points an existing alias at another collection. */
  async alterAlias(this: MilvusClient, data: AlterAliasReq): Promise<ResStatus> {
    checkCollectionName(data, 'alterAlias');
    checkAlias(data, 'alterAlias');
    return rpc(this, 'AlterAlias', data, data);
  },
};
