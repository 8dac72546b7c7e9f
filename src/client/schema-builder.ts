/**
 * Builds the `CollectionSchema` message of a CreateCollection request from fields in the official Node
 * SDK's shape, and the quick-setup schema of `createCollection({ dimension })` (as pymilvus builds it).
 */
import { DataType, parseDataType } from '../data-type.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { encodeMessage } from '../proto/index.js';
import { planSchema, type FieldSchema } from '../schema.js';

/** A field to create: the SDK's `FieldType` (`dim`, `max_length`, `max_capacity` or `type_params`). */
export type FieldType = FieldSchema;

/** What the quick setup creates (pymilvus `create_collection(name, dimension)`). */
export interface QuickSetupSchema {
  dimension: number;
  primary_field_name?: string;
  /** `'Int64'` (default) or `'VarChar'`. */
  id_type?: DataType.Int64 | DataType.VarChar | 'Int64' | 'VarChar' | 'int' | 'string';
  vector_field_name?: string;
  auto_id?: boolean;
  /** Max length of a VarChar primary key. Default 65535. */
  max_length?: number;
  enable_dynamic_field?: boolean;
}

/** The two fields of the quick setup: primary key `id` (Int64) and `vector` (FloatVector of `dimension`). */
export function quickSetupFields(q: QuickSetupSchema): FieldType[] {
  if (!Number.isSafeInteger(q.dimension) || q.dimension <= 0) {
    throw new InvalidInputError(`createCollection: dimension must be a positive integer, got ${describeValue(q.dimension)}`);
  }
  const idType = q.id_type === undefined || q.id_type === 'int' ? DataType.Int64 : q.id_type === 'string' ? DataType.VarChar : parseDataType(q.id_type);
  if (idType !== DataType.Int64 && idType !== DataType.VarChar) {
    throw new InvalidInputError(`createCollection: id_type must be Int64 or VarChar, got ${describeValue(q.id_type)}`);
  }
  const pk: FieldType = { name: q.primary_field_name ?? 'id', data_type: idType, is_primary_key: true, autoID: q.auto_id === true };
  if (idType === DataType.VarChar) pk.max_length = q.max_length ?? 65535;
  return [pk, { name: q.vector_field_name ?? 'vector', data_type: DataType.FloatVector, dim: q.dimension }];
}

/** Encodes the schema bytes of a CreateCollection request. Checks the fields first (`InvalidInputError`). */
export function encodeCollectionSchema(name: string, fields: readonly FieldType[], options: { enable_dynamic_field?: boolean; description?: string }): Uint8Array {
  if (!Array.isArray(fields) || fields.length === 0) throw new InvalidInputError(`createCollection: "${name}" needs at least one field`);
  planSchema({ fields: [...fields] });
  return encodeMessage('milvus.proto.schema.CollectionSchema', {
    name,
    description: options.description ?? '',
    enable_dynamic_field: options.enable_dynamic_field === true,
    fields: fields.map(wireField),
  });
}

const TYPE_PARAMS = ['dim', 'max_length', 'max_capacity', 'enable_analyzer', 'enable_match', 'analyzer_params', 'mmap.enabled'] as const;

function wireField(f: FieldType): Record<string, unknown> {
  const type = parseDataType(f.data_type)!;
  const params = new Map<string, string>();
  const given = Array.isArray(f.type_params) ? Object.fromEntries(f.type_params.map((p) => [p.key, p.value])) : (f.type_params ?? {});
  for (const [k, v] of Object.entries(given)) params.set(k, paramText(v));
  for (const k of TYPE_PARAMS) if (f[k] !== undefined) params.set(k, paramText(f[k]));
  return {
    name: f.name,
    description: f.description ?? '',
    data_type: type,
    is_primary_key: f.is_primary_key === true,
    autoID: f.autoID === true,
    nullable: f.nullable === true,
    is_partition_key: f.is_partition_key === true,
    is_clustering_key: f.is_clustering_key === true,
    is_function_output: f.is_function_output === true,
    ...(type === DataType.Array ? { element_type: parseDataType(f.element_type) } : {}),
    ...(f.default_value !== undefined && f.default_value !== null ? { default_value: defaultValueField(f, type) } : {}),
    type_params: [...params].map(([key, value]) => ({ key, value })),
  };
}

function paramText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** The wire `ValueField` of a default value, in the slot of the field's type. */
function defaultValueField(f: FieldType, type: DataType): Record<string, unknown> {
  const v = f.default_value;
  const bad = (expected: string) => new InvalidInputError(`field "${f.name}": default_value must be ${expected}, got ${describeValue(v)}`, { field: f.name });
  switch (type) {
    case DataType.Bool:
      if (typeof v !== 'boolean') throw bad('a boolean');
      return { bool_data: v };
    case DataType.Int8: case DataType.Int16: case DataType.Int32:
      if (!Number.isInteger(v)) throw bad('an integer');
      return { int_data: v };
    case DataType.Int64:
      if (typeof v !== 'bigint' && !Number.isSafeInteger(v) && !(typeof v === 'string' && /^-?\d+$/.test(v))) throw bad('an int64 (bigint, safe integer or decimal string)');
      return { long_data: String(v) };
    case DataType.Float: case DataType.Double:
      if (typeof v !== 'number') throw bad('a number');
      return type === DataType.Float ? { float_data: v } : { double_data: v };
    case DataType.VarChar: case DataType.String: case DataType.Text: case DataType.Geometry: case DataType.Timestamptz:
      if (typeof v !== 'string') throw bad('a string');
      return { string_data: v };
    case DataType.JSON:
      return { bytes_data: new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v)) };
    default:
      throw bad(`absent: ${DataType[type]} fields take no default value`);
  }
}
