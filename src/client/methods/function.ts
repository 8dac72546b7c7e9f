/** Schema functions of an existing collection (BM25, text embedding, ...): add, alter, drop. */
import { ERROR_REASONS } from '../../error-reasons.js';
import type { MilvusMethod } from '../../proto/index.js';
import { stateOf } from '../state.js';
import type { MilvusClient } from '../milvus-client.js';
import { functionSchemaMessage, type FunctionObject } from '../schema-builder.js';
import type { ResStatus, collectionNameReq } from '../types.js';
import { checkCollectionName, requireValue, rpc } from './common.js';

export interface AddCollectionFunctionReq extends collectionNameReq {
  function: FunctionObject;
}
export interface AlterCollectionFunctionReq extends collectionNameReq {
  function_name: string;
  function: FunctionObject;
}
export interface DropCollectionFunctionReq extends collectionNameReq {
  function_name: string;
}

async function alter(client: MilvusClient, method: MilvusMethod, data: collectionNameReq, body: Record<string, unknown>): Promise<ResStatus> {
  const res = await rpc<ResStatus>(client, method, { db_name: data.db_name ?? '', collection_name: data.collection_name, ...body }, data);
  stateOf(client).schemas.invalidate(data.collection_name, data);
  return res;
}

export const functionMethods = {
  /** Adds a function to a collection's schema. */
  async addCollectionFunction(this: MilvusClient, data: AddCollectionFunctionReq): Promise<ResStatus> {
    checkCollectionName(data, 'addCollectionFunction');
    requireValue(data.function, ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED, 'addCollectionFunction');
    return alter(this, 'AddCollectionFunction', data, { functionSchema: functionSchemaMessage(data.function) });
  },

  /** Replaces a function of a collection's schema. */
  async alterCollectionFunction(this: MilvusClient, data: AlterCollectionFunctionReq): Promise<ResStatus> {
    checkCollectionName(data, 'alterCollectionFunction');
    requireValue(data.function_name, ERROR_REASONS.FUNCTION_NAME_IS_REQUIRED, 'alterCollectionFunction');
    requireValue(data.function, ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED, 'alterCollectionFunction');
    return alter(this, 'AlterCollectionFunction', data, { function_name: data.function_name, functionSchema: functionSchemaMessage(data.function) });
  },

  /** Removes a function from a collection's schema. */
  async dropCollectionFunction(this: MilvusClient, data: DropCollectionFunctionReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropCollectionFunction');
    requireValue(data.function_name, ERROR_REASONS.FUNCTION_NAME_IS_REQUIRED, 'dropCollectionFunction');
    return alter(this, 'DropCollectionFunction', data, { function_name: data.function_name });
  },
};
