/**
 * Turns a `DescribeCollectionResponse` (decoded as the SDK decodes it: enums by name, int64 as strings) into
 * the official Node SDK's shape: every field gets its type number (`dataType`), its `type_params` as own
 * properties (`dim`, `max_length`, ... as text, as the SDK has them), its default value unwrapped, and the
 * members of Array-of-Struct fields are listed with the fields. Pure: no I/O.
 */
import { DataType, DataTypeMap, isVectorType } from '../data-type.js';
import { PlaceholderType } from '../constants.js';
import type { FunctionObject } from './schema-builder.js';
import type { Int64 } from './int64.js';
import type { KeyValuePair, ResStatus } from './types.js';

/** A described field (the SDK's `FieldSchema`). */
export type FieldSchema = {
  name: string;
  fieldID: Int64;
  /** The type's name, e.g. `'Int64'`. */
  data_type: keyof typeof DataType | string;
  /** The type's number, e.g. `DataType.Int64`. */
  dataType: DataType;
  element_type?: keyof typeof DataType | string;
  elementType?: DataType;
  is_primary_key: boolean;
  autoID: boolean;
  description: string;
  state: string;
  type_params: KeyValuePair[];
  index_params: KeyValuePair[];
  /** The default value itself (not the wire `ValueField`), or `null`. */
  default_value?: unknown;
  nullable?: boolean;
  is_dynamic?: boolean;
  is_partition_key?: boolean;
  is_clustering_key?: boolean;
  is_function_output: boolean;
  external_field?: string;
  /** Members of an Array-of-Struct field. */
  fields?: FieldSchema[];
  dim?: string | number;
  max_length?: string | number;
  max_capacity?: string | number;
  [typeParam: string]: unknown;
};

/** A described collection schema; also what the insert encoder takes as `schema`. */
export interface CollectionSchema {
  name: string;
  description: string;
  enable_dynamic_field: boolean;
  autoID: boolean;
  fields: FieldSchema[];
  functions: FunctionObject[];
  struct_array_fields: FieldSchema[];
  properties?: KeyValuePair[];
  external_source?: string;
  external_spec?: string;
  do_physical_backfill?: boolean;
  file_resource_ids?: Int64[];
  [other: string]: unknown;
}

/** Result of `describeCollection`. */
export interface DescribeCollectionResponse {
  status: ResStatus;
  schema: CollectionSchema;
  collectionID: Int64;
  collection_name: string;
  db_name: string;
  /** Consistency level name, e.g. `'Bounded'`. */
  consistency_level: string;
  aliases: string[];
  virtual_channel_names: string[];
  physical_channel_names: string[];
  start_positions: unknown[];
  properties: KeyValuePair[];
  created_timestamp: Int64;
  created_utc_timestamp: Int64;
  shards_num: number;
  num_partitions?: Int64;
  functions: FunctionObject[];
  /** The schema's last-change timestamp, exact. */
  update_timestamp: Int64;
  update_timestamp_str: string;
  /** Vector fields by name (members of struct fields as `struct[member]`). */
  anns_fields: Record<string, FieldSchema>;
  /** Non-vector fields by name. */
  scalar_fields: Record<string, FieldSchema>;
  /** Fields computed by a schema function, by name. */
  function_fields: Record<string, FieldSchema>;
  [other: string]: unknown;
}

/** Formats a successful response in place (it is freshly decoded, so nobody else holds it) and returns it. */
export function formatDescription(res: Record<string, unknown>): DescribeCollectionResponse {
  const out = res as unknown as DescribeCollectionResponse;
  const schema = out.schema;
  if (!schema) return out;
  schema.fields = [...(schema.fields ?? []), ...(schema.struct_array_fields ?? [])];
  const anns: Record<string, FieldSchema> = {};
  const scalars: Record<string, FieldSchema> = {};
  const functions: Record<string, FieldSchema> = {};
  for (const field of schema.fields) {
    formatField(field, false);
    if (isVectorType(field.dataType)) anns[field.name] = field;
    else if (field.dataType === DataType.Array && field.elementType === DataType.Struct) {
      for (const member of field.fields ?? []) (isVectorType(member.dataType) ? anns : scalars)[`${field.name}[${member.name}]`] = member;
    } else scalars[field.name] = field;
    if (field.is_function_output) functions[field.name] = field;
  }
  out.anns_fields = anns;
  out.scalar_fields = scalars;
  out.function_fields = functions;
  return out;
}

const typeNumber = (name: unknown): DataType => (typeof name === 'number' ? name : (DataTypeMap[String(name)] ?? DataType.None));

const EMB_LIST: Partial<Record<DataType, PlaceholderType>> = {
  [DataType.FloatVector]: PlaceholderType.EmbListFloatVector,
  [DataType.BinaryVector]: PlaceholderType.EmbListBinaryVector,
  [DataType.Float16Vector]: PlaceholderType.EmbListFloat16Vector,
  [DataType.BFloat16Vector]: PlaceholderType.EmbListBFloat16Vector,
  [DataType.Int8Vector]: PlaceholderType.EmbListInt8Vector,
  [DataType.SparseFloatVector]: PlaceholderType.EmbListSparseFloatVector,
};

function formatField(field: FieldSchema, inStruct: boolean): void {
  field.dataType = typeNumber(field.data_type);
  // What a search on this field sends: text for a function output, an embedding list inside a struct.
  const placeholder = field.is_function_output ? PlaceholderType.VarChar : inStruct ? (EMB_LIST[field.dataType] ?? field.dataType) : field.dataType;
  Object.defineProperty(field, '_placeholderType', { value: placeholder, enumerable: true, writable: true, configurable: true });
  const dv = field.default_value as { data?: string; [slot: string]: unknown } | null | undefined;
  field.default_value = dv && typeof dv === 'object' && dv.data ? dv[dv.data] : null;
  for (const { key, value } of field.type_params ?? []) {
    if (key !== '__proto__') field[key] = value;
  }
  if (field.fields && field.fields.length > 0) {
    field.dataType = DataType.Array;
    field.data_type = 'Array';
    field.elementType = DataType.Struct;
    field.element_type = 'Struct';
    for (const member of field.fields) {
      member.data_type = member.element_type ?? member.data_type;
      delete member.element_type;
      formatField(member, true);
      if (!field.type_params.some((p) => p.key === 'max_capacity')) field.type_params.push({ key: 'max_capacity', value: String(member.max_capacity) });
      field.max_capacity = member.max_capacity;
      member.type_params = member.type_params.filter((p) => p.key !== 'max_capacity');
    }
  }
}
