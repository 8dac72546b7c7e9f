/**
 * Turns a decoded `DescribeCollectionResponse` into the official Node SDK's shape: field types by name,
 * `dim`/`max_length`/`max_capacity` lifted out of `type_params`, default values unwrapped, plus the
 * exact `update_timestamp` the insert encoder needs.
 */
import { DataType, isVectorType } from '../data-type.js';
import { enumName } from '../proto/index.js';
import type { WireDescribeCollectionResponse, WireFieldSchema, WireKeyValuePair } from '../proto/messages.js';
import type { CollectionSchema, FieldSchema, KeyValuePair } from '../schema.js';
import { int64Out, type Int64, type Int64Mode } from './int64.js';
import { SUCCESS, type ResStatus } from './status.js';

/** A described field: the wire field with names for types and its numeric type parameters flattened. */
export interface DescribedField extends FieldSchema {
  name: string;
  /** The type's name, e.g. `'Int64'`. */
  data_type: string;
  /** The type's number, e.g. `DataType.Int64`. */
  dataType: DataType;
  fieldID: Int64;
  is_primary_key: boolean;
  autoID: boolean;
  description: string;
  type_params: KeyValuePair[];
  index_params: KeyValuePair[];
  /** Element type name of an Array field. */
  element_type?: string;
  /** The default value itself (not the wire `ValueField`), or `null`. Int64 defaults follow the `int64` option. */
  default_value: unknown;
  nullable: boolean;
  is_dynamic: boolean;
  is_partition_key: boolean;
  is_clustering_key: boolean;
  is_function_output: boolean;
  dim?: number;
  max_length?: number;
  max_capacity?: number;
}

/** A described collection schema; usable as the `schema` of the insert encoder. */
export interface DescribedSchema extends CollectionSchema {
  name: string;
  description: string;
  autoID: boolean;
  enable_dynamic_field: boolean;
  fields: DescribedField[];
  functions: unknown[];
  struct_array_fields: unknown[];
}

/** Result of `describeCollection`. */
export interface DescribeCollectionResponse {
  status: ResStatus;
  schema: DescribedSchema;
  collectionID: Int64;
  collection_name: string;
  db_name: string;
  /** Consistency level name, e.g. `'Bounded'`. */
  consistency_level: string;
  aliases: string[];
  virtual_channel_names: string[];
  physical_channel_names: string[];
  properties: KeyValuePair[];
  created_timestamp: Int64;
  created_utc_timestamp: Int64;
  shards_num: number;
  num_partitions: Int64;
  functions: unknown[];
  /** The schema's last-change timestamp, exact (the SDK's lossy `number` would not round-trip). */
  update_timestamp: Int64;
  update_timestamp_str: string;
  /** Vector fields by name. */
  anns_fields: Record<string, DescribedField>;
  /** Non-vector fields by name. */
  scalar_fields: Record<string, DescribedField>;
  /** Fields computed by a schema function, by name. */
  function_fields: Record<string, DescribedField>;
}

const NUMERIC_PARAMS = new Set(['dim', 'max_length', 'max_capacity']);

/** Builds the SDK-shaped description. `wire.schema` must be present (the status check has passed). */
export function formatDescription(wire: WireDescribeCollectionResponse, mode: Int64Mode): DescribeCollectionResponse {
  const ws = wire.schema!;
  const fields = ws.fields.map((f) => formatField(f, mode));
  const byKind = (pick: (f: DescribedField) => boolean) => Object.fromEntries(fields.filter(pick).map((f) => [f.name, f]));
  return {
    status: SUCCESS,
    schema: {
      name: ws.name,
      description: ws.description,
      autoID: ws.autoID,
      enable_dynamic_field: ws.enable_dynamic_field,
      fields,
      functions: ws.functions,
      struct_array_fields: ws.struct_array_fields,
      properties: ws.properties.map(kv),
    },
    collectionID: int64Out(wire.collectionID, mode),
    collection_name: wire.collection_name,
    db_name: wire.db_name,
    consistency_level: enumName('milvus.proto.common.ConsistencyLevel', wire.consistency_level),
    aliases: wire.aliases,
    virtual_channel_names: wire.virtual_channel_names,
    physical_channel_names: wire.physical_channel_names,
    properties: wire.properties.map(kv),
    created_timestamp: int64Out(wire.created_timestamp, mode),
    created_utc_timestamp: int64Out(wire.created_utc_timestamp, mode),
    shards_num: wire.shards_num,
    num_partitions: int64Out(wire.num_partitions, mode),
    functions: ws.functions,
    update_timestamp: int64Out(wire.update_timestamp, mode),
    update_timestamp_str: wire.update_timestamp_str,
    anns_fields: byKind((f) => isVectorType(f.dataType)),
    scalar_fields: byKind((f) => !isVectorType(f.dataType)),
    function_fields: byKind((f) => f.is_function_output),
  };
}

function formatField(f: WireFieldSchema, mode: Int64Mode): DescribedField {
  const field: DescribedField = {
    fieldID: int64Out(f.fieldID, mode),
    name: f.name,
    is_primary_key: f.is_primary_key,
    description: f.description,
    data_type: DataType[f.data_type] ?? String(f.data_type),
    dataType: f.data_type,
    type_params: f.type_params.map(kv),
    index_params: f.index_params.map(kv),
    autoID: f.autoID,
    default_value: defaultValue(f, mode),
    nullable: f.nullable,
    is_dynamic: f.is_dynamic,
    is_partition_key: f.is_partition_key,
    is_clustering_key: f.is_clustering_key,
    is_function_output: f.is_function_output,
  };
  if (f.data_type === DataType.Array) field.element_type = DataType[f.element_type] ?? String(f.element_type);
  for (const { key, value } of f.type_params) {
    if (key in field) continue;
    field[key] = NUMERIC_PARAMS.has(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return field;
}

function defaultValue(f: WireFieldSchema, mode: Int64Mode): unknown {
  const dv = f.default_value;
  if (!dv || !dv.data) return null;
  const value = dv[dv.data];
  return dv.data === 'long_data' || dv.data === 'timestamptz_data' ? int64Out(String(value), mode) : value;
}

const kv = (p: WireKeyValuePair): KeyValuePair => ({ key: p.key, value: p.value });
