/**
 * Schema changes through AlterCollectionSchema (official SDK 3.0.6): add a function with its output field
 * and bound index, drop a field, drop a function with its output fields. Each resolves to the server's
 * `alter_status`, as the SDK does.
 */
import { FunctionType, IndexType } from '../../constants.js';
import { DataType } from '../../data-type.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import { stateOf } from '../state.js';
import type { Int64Input } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import { convertToDataType, fieldSchemaMessage, functionSchemaMessage, type FieldType, type FunctionObject } from '../schema-builder.js';
import type { ResStatus, collectionNameReq } from '../types.js';
import { checkCollectionName, isSuccess, requireValue, rpc, toKeyValuePairs } from './common.js';

export interface AlterCollectionSchemaReq extends collectionNameReq {
  /** The function's output field. */
  field: FieldType;
  function: FunctionObject;
  /** Name of the index bound to the output field. */
  index_name?: string;
  /** The bound index's settings, e.g. `{ index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' }`. */
  extra_params?: Record<string, unknown>;
}
export type AddFunctionFieldReq = AlterCollectionSchemaReq;
export interface DropCollectionFieldReq extends collectionNameReq {
  field_name?: string;
  field_id?: Int64Input;
}
export interface DropFunctionFieldReq extends collectionNameReq {
  function_name: string;
}
export interface AlterCollectionSchemaResponse {
  alter_status: ResStatus;
}

async function alterSchema(client: MilvusClient, data: collectionNameReq, action: Record<string, unknown>): Promise<AlterCollectionSchemaResponse> {
  checkCollectionName(data, 'alterCollectionSchema');
  const res = await rpc<AlterCollectionSchemaResponse>(client, 'AlterCollectionSchema', { collection_name: data.collection_name, db_name: data.db_name ?? '', action }, data);
  if (!res?.alter_status) throw new InvalidInputError(ERROR_REASONS.ALTER_COLLECTION_SCHEMA_STATUS_IS_REQUIRED);
  if (isSuccess(res.alter_status)) stateOf(client).schemas.invalidate(data.collection_name, data);
  return res;
}

/** The bound index's settings, checked as the SDK checks them (an explicit, non-AUTOINDEX index type; no key both flat and nested). */
function boundIndexParams(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const params = Object.fromEntries(Object.entries(extra ?? {}).filter(([, v]) => v !== undefined));
  let nested: Record<string, unknown> | undefined;
  if (params.params && typeof params.params === 'object' && !Array.isArray(params.params)) nested = params.params as Record<string, unknown>;
  else if (typeof params.params === 'string') {
    try {
      const parsed: unknown = JSON.parse(params.params);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) nested = parsed as Record<string, unknown>;
    } catch {
      // Malformed params are the server's to judge.
    }
  }
  if (nested && Object.keys(nested).some((k) => Object.prototype.hasOwnProperty.call(params, k))) throw new InvalidInputError(ERROR_REASONS.ADD_FUNCTION_FIELD_DUPLICATED_INDEX_PARAM);
  const indexType = params.index_type ?? nested?.index_type;
  if (typeof indexType !== 'string' || indexType === '') throw new InvalidInputError(ERROR_REASONS.ADD_FUNCTION_FIELD_INDEX_TYPE_IS_REQUIRED);
  if (indexType === IndexType.AUTOINDEX) throw new InvalidInputError(ERROR_REASONS.ADD_FUNCTION_FIELD_AUTOINDEX_NOT_SUPPORTED);
  return params;
}

export const schemaChangeMethods = {
  /** Adds a function with its output field (and that field's index) in one schema change. Resolves to the whole response. */
  async alterCollectionSchema(this: MilvusClient, data: AlterCollectionSchemaReq): Promise<AlterCollectionSchemaResponse> {
    checkCollectionName(data, 'alterCollectionSchema');
    requireValue(data.field, ERROR_REASONS.FUNCTION_FIELD_SCHEMA_IS_REQUIRED, 'alterCollectionSchema');
    requireValue(data.function, ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED, 'alterCollectionSchema');
    return alterSchema(this, data, {
      add_request: {
        field_infos: [{ field_schema: fieldSchemaMessage(data.field, {}), index_name: data.index_name ?? '', extra_params: toKeyValuePairs(data.extra_params) }],
        func_schema: [functionSchemaMessage(data.function)],
      },
    });
  },

  /**
   * Adds a BM25 (SparseFloatVector output) or MinHash (BinaryVector output) function with its output field
   * and an explicitly typed bound index. Resolves to the server's status.
   */
  async addFunctionField(this: MilvusClient, data: AddFunctionFieldReq): Promise<ResStatus> {
    requireValue(data?.field, ERROR_REASONS.FUNCTION_FIELD_SCHEMA_IS_REQUIRED, 'addFunctionField');
    requireValue(data.function, ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED, 'addFunctionField');
    const t = data.function.type;
    const type = typeof t === 'number' ? t : (FunctionType[t as keyof typeof FunctionType] ?? FunctionType[String(t).toUpperCase() as keyof typeof FunctionType]);
    if (type !== FunctionType.BM25 && type !== FunctionType.MINHASH) throw new InvalidInputError(ERROR_REASONS.ADD_FUNCTION_FIELD_TYPE_NOT_SUPPORTED);
    const output = convertToDataType(data.field.data_type);
    if ((type === FunctionType.BM25 && output !== DataType.SparseFloatVector) || (type === FunctionType.MINHASH && output !== DataType.BinaryVector)) {
      throw new InvalidInputError(ERROR_REASONS.ADD_FUNCTION_FIELD_OUTPUT_TYPE_NOT_SUPPORTED);
    }
    const res = await this.alterCollectionSchema({ ...data, extra_params: boundIndexParams(data.extra_params) });
    return res.alter_status;
  },

  /** Drops a field, named by `field_name` or `field_id` (exactly one). */
  async dropCollectionField(this: MilvusClient, data: DropCollectionFieldReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropCollectionField');
    const byName = typeof data.field_name === 'string' && data.field_name.length > 0;
    const id = data.field_id;
    const byId = (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) || (typeof id === 'string' && /^[1-9]\d*$/.test(id) && BigInt(id) <= 2n ** 63n - 1n)
      || (typeof id === 'bigint' && id > 0n && id <= 2n ** 63n - 1n);
    if (byName === byId) throw new InvalidInputError(ERROR_REASONS.DROP_COLLECTION_FIELD_IDENTIFIER_IS_REQUIRED);
    const res = await alterSchema(this, data, { drop_request: byName ? { field_name: data.field_name } : { field_id: String(id) } });
    return res.alter_status;
  },

  /** Drops a function together with its output fields and their indexes. */
  async dropFunctionField(this: MilvusClient, data: DropFunctionFieldReq): Promise<ResStatus> {
    checkCollectionName(data, 'dropFunctionField');
    requireValue(data.function_name, ERROR_REASONS.FUNCTION_NAME_IS_REQUIRED, 'dropFunctionField');
    const res = await alterSchema(this, data, { drop_request: { function_name: data.function_name, drop_function_output_fields: true } });
    return res.alter_status;
  },
};
