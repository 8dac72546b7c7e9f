/**
 * Builds the schema messages of CreateCollection, AddCollectionField and the collection-function calls from
 * fields in the official Node SDK's shape, with the SDK's checks (and its messages): a primary key of type
 * Int64 or VarChar, a vector field with a `dim`, a `max_length` for VarChar, one partition key at most.
 * Array-of-Struct fields (`data_type: Array, element_type: Struct, fields: [...]`) become the schema's
 * `struct_array_fields`, their vector members `ArrayOfVector`.
 */
import { DataType, isVectorType, parseDataType } from '../data-type.js';
import { FunctionType, MAX_PARTITION_KEY_FIELD_COUNT, MAX_PARTITIONS_NUMBER } from '../constants.js';
import { ERROR_REASONS } from '../error-reasons.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { encodeMessage } from '../proto/index.js';
import type { Int64Input } from './int64.js';
import type { KeyValuePair } from '../schema.js';

/** A type parameter: a number, text, flag or an object (sent as JSON). */
export type TypeParam = string | number | boolean | Record<string, unknown>;
/** The field settings that travel as `type_params`. */
export type TypeParamKey = 'dim' | 'max_length' | 'max_capacity' | 'analyzer_params' | 'enable_analyzer' | 'enable_match' | 'multi_analyzer_params' | 'mmap.enabled';

const TYPE_PARAM_KEYS: readonly TypeParamKey[] = ['dim', 'max_length', 'max_capacity', 'enable_match', 'enable_analyzer', 'analyzer_params', 'multi_analyzer_params', 'mmap.enabled'];

/** A field to create (the SDK's `FieldType`). */
export type FieldType = {
  name: string;
  description?: string;
  /** The type, by value or by name (`DataType.Int64`, `'Int64'`). */
  data_type: DataType | keyof typeof DataType;
  element_type?: DataType | keyof typeof DataType;
  is_primary_key?: boolean;
  is_partition_key?: boolean;
  is_function_output?: boolean;
  is_clustering_key?: boolean;
  type_params?: Partial<Record<TypeParamKey, TypeParam>> | Record<string, TypeParam>;
  autoID?: boolean;
  default_value?: unknown;
  nullable?: boolean;
  external_field?: string;
  /** Members of an Array-of-Struct field. */
  fields?: FieldType[];
} & Partial<Record<TypeParamKey, TypeParam>>;

/** A function of the schema (BM25, text embedding, rerank): the SDK's `FunctionObject`. */
export type FunctionObject = {
  name: string;
  description?: string;
  type: FunctionType | keyof typeof FunctionType;
  input_field_names: string[];
  output_field_names?: string[];
  params: Record<string, unknown>;
};

/** Collection-level settings that shape its schema message. */
export interface SchemaOptions {
  collection_name: string;
  description?: string;
  enable_dynamic_field?: boolean;
  enableDynamicField?: boolean;
  partition_key_field?: string;
  clustering_key_field?: string;
  functions?: FunctionObject[];
  external_source?: string;
  external_spec?: string;
  do_physical_backfill?: boolean;
  file_resource_ids?: Int64Input[];
}

/** The SDK's `convertToDataType`: a type name or number to its `DataType` value. */
export function convertToDataType(key: unknown): DataType {
  if (typeof key === 'number') return key as DataType;
  const type = typeof key === 'string' ? parseDataType(key) : undefined;
  if (type === undefined) throw new InvalidInputError(`${ERROR_REASONS.FIELD_TYPE_IS_NOT_SUPPORT} Got ${describeValue(key)}.`);
  return type;
}

/**
 * The SDK's checks on the fields of a new collection. Throws `InvalidInputError` carrying the SDK's message.
 * An external collection (one with `external_source`) needs neither a primary key nor a vector field.
 */
export function checkCollectionFields(fields: readonly FieldType[], options: { isExternalCollection?: boolean } = {}): void {
  const seen = { primary: false, vector: false, partitionKeys: 0 };
  checkFields(fields, seen);
  if (options.isExternalCollection) return;
  if (!seen.primary) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_PRIMARY_KEY);
  if (!seen.vector) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_VECTOR_FIELD_EXIST);
  if (seen.partitionKeys > MAX_PARTITION_KEY_FIELD_COUNT) throw new InvalidInputError(ERROR_REASONS.PARTITION_KEY_FIELD_MAXED_OUT);
}

function checkFields(fields: readonly FieldType[], seen: { primary: boolean; vector: boolean; partitionKeys: number }): void {
  for (const field of fields) {
    if (!field || typeof field !== 'object' || !Object.prototype.hasOwnProperty.call(field, 'data_type')) {
      throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_MISS_DATA_TYPE, fieldOf(field));
    }
    const type = convertToDataType(field.data_type);
    const element = field.element_type === undefined ? undefined : convertToDataType(field.element_type);
    const keyType = type === DataType.Int64 || type === DataType.VarChar;
    if (field.is_primary_key && keyType) seen.primary = true;
    if (field.is_partition_key) {
      if (!keyType || field.is_primary_key) throw new InvalidInputError(ERROR_REASONS.INVALID_PARTITION_KEY_FIELD_TYPE, fieldOf(field));
      seen.partitionKeys++;
    }
    const params = (field.type_params ?? {}) as Record<string, unknown>;
    if (isVectorType(type)) {
      const dim = Number(params.dim ?? field.dim);
      if (!dim && type !== DataType.SparseFloatVector) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_MISS_DIM, fieldOf(field));
      if (type === DataType.BinaryVector && dim % 8 !== 0) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_BINARY_DIM, fieldOf(field));
      seen.vector = true;
    }
    if (type === DataType.VarChar && !(params.max_length ?? field.max_length)) {
      throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_MISS_MAX_LENGTH, fieldOf(field));
    }
    if ((type === DataType.Struct || (type === DataType.Array && element === DataType.Struct)) && field.fields) checkFields(field.fields, seen);
  }
}

const fieldOf = (field: { name?: unknown } | null | undefined) => (typeof field?.name === 'string' ? { field: field.name } : {});

/** Throws the SDK's `INVALID_PARTITION_NUM` unless `n` is within 1..4096. */
export function validatePartitionNumbers(n: number): void {
  if (!(n >= 1 && n <= MAX_PARTITIONS_NUMBER)) throw new InvalidInputError(ERROR_REASONS.INVALID_PARTITION_NUM);
}

/** The `CollectionSchema` message (as an object for the encoder) of a new collection. */
export function collectionSchemaMessage(fields: readonly FieldType[], options: SchemaOptions): Record<string, unknown> {
  const functionOutputs = (options.functions ?? []).flatMap((f) => f.output_field_names ?? []);
  const isStructArray = (f: FieldType) => convertToDataType(f.data_type) === DataType.Array && f.element_type !== undefined && convertToDataType(f.element_type) === DataType.Struct;
  const message: Record<string, unknown> = {
    name: options.collection_name,
    description: options.description ?? '',
    enable_dynamic_field: !!options.enableDynamicField || !!options.enable_dynamic_field,
    fields: fields.filter((f) => !isStructArray(f)).map((f) => fieldSchemaMessage(f, {
      partitionKey: options.partition_key_field, clusteringKey: options.clustering_key_field, functionOutputs,
    })),
    struct_array_fields: fields.filter(isStructArray).map(structArrayFieldMessage),
    functions: (options.functions ?? []).map(functionSchemaMessage),
  };
  if (options.external_source) message.external_source = options.external_source;
  if (options.external_spec) message.external_spec = options.external_spec;
  if (options.do_physical_backfill !== undefined) message.do_physical_backfill = options.do_physical_backfill;
  if (options.file_resource_ids) message.file_resource_ids = options.file_resource_ids;
  return message;
}

/** The encoded `CollectionSchema` bytes of a new collection. */
export function encodeCollectionSchema(fields: readonly FieldType[], options: SchemaOptions): Uint8Array {
  return encodeMessage('milvus.proto.schema.CollectionSchema', collectionSchemaMessage(fields, options));
}

/** The encoded `FieldSchema` bytes of a field added to an existing collection. */
export function encodeFieldSchema(field: FieldType): Uint8Array {
  return encodeMessage('milvus.proto.schema.FieldSchema', fieldSchemaMessage(field, {}));
}

interface FieldOverrides {
  partitionKey?: string | undefined;
  clusteringKey?: string | undefined;
  functionOutputs?: readonly string[];
}

/** One `FieldSchema` message: the SDK's settings, with `dim`, `max_length`, ... moved into `type_params`. */
export function fieldSchemaMessage(field: FieldType, overrides: FieldOverrides): Record<string, unknown> {
  const type = convertToDataType(field.data_type);
  const message: Record<string, unknown> = {
    name: field.name,
    description: field.description ?? '',
    data_type: type,
    type_params: typeParamsOf(field),
    autoID: field.autoID === true,
    nullable: field.nullable === true,
    is_primary_key: !!field.is_primary_key,
    is_partition_key: !!field.is_partition_key || field.name === overrides.partitionKey,
    is_function_output: !!field.is_function_output || (overrides.functionOutputs ?? []).includes(field.name),
    is_clustering_key: !!field.is_clustering_key || field.name === overrides.clusteringKey,
  };
  if (field.external_field) message.external_field = field.external_field;
  if ((type === DataType.Array || type === DataType.ArrayOfVector) && field.element_type !== undefined) message.element_type = convertToDataType(field.element_type);
  if (field.default_value !== undefined && field.default_value !== null) message.default_value = defaultValueField(field, type);
  return message;
}

/** `type_params` from the field's own keys (`dim`, `max_length`, ...) and its `type_params` object. */
function typeParamsOf(field: FieldType): KeyValuePair[] {
  const params = new Map<string, string>();
  const given = (field.type_params ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(given)) if (v !== undefined) params.set(k, paramText(v));
  for (const k of TYPE_PARAM_KEYS) if (k in field) params.set(k, paramText(field[k]));
  return [...params].map(([key, value]) => ({ key, value }));
}

const paramText = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));

/**
 * The `ValueField` of a default value, in the slot of the field's type. A Timestamptz default given as
 * RFC 3339 text (or milliseconds) is sent as UTC microseconds, as Milvus stores it.
 */
function defaultValueField(field: FieldType, type: DataType): Record<string, unknown> {
  const v = field.default_value;
  const bad = (expected: string) => new InvalidInputError(`field "${field.name}": default_value must be ${expected}, got ${describeValue(v)}`, { field: field.name });
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
    case DataType.VarChar: case DataType.String: case DataType.Text: case DataType.Geometry:
      if (typeof v !== 'string') throw bad('a string');
      return { string_data: v };
    case DataType.Timestamptz:
      return { timestamptz_data: timestamptzMicros(v, bad) };
    case DataType.JSON:
      return { bytes_data: new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v)) };
    default:
      throw bad(`absent: ${DataType[type]} fields take no default value`);
  }
}

function timestamptzMicros(v: unknown, bad: (expected: string) => InvalidInputError): string {
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw bad('an RFC 3339 date-time (e.g. "2024-01-01T00:00:00Z") or microseconds');
    return String(BigInt(ms) * 1000n);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(Math.floor(v < 1e12 ? v * 1000 : v));
  if (typeof v === 'bigint') return String(v);
  throw bad('an RFC 3339 date-time or microseconds');
}

/** An Array-of-Struct field: its members become Array (scalars) or ArrayOfVector (vectors) of the struct's capacity. */
function structArrayFieldMessage(field: FieldType): Record<string, unknown> {
  return {
    name: field.name,
    description: field.description ?? '',
    fields: (field.fields ?? []).map((member) => {
      const memberType = convertToDataType(member.data_type);
      return fieldSchemaMessage({
        ...member,
        element_type: memberType,
        data_type: isVectorType(memberType) ? DataType.ArrayOfVector : DataType.Array,
        max_capacity: field.max_capacity ?? (field.type_params as Record<string, TypeParam> | undefined)?.max_capacity ?? member.max_capacity,
      }, {});
    }),
    ...(field.nullable !== undefined ? { nullable: field.nullable } : {}),
  };
}

/** A `FunctionSchema` message: type by value, params as key/value text. */
export function functionSchemaMessage(fn: FunctionObject): Record<string, unknown> {
  if (!fn || typeof fn !== 'object') throw new InvalidInputError(ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED);
  const type = typeof fn.type === 'number' ? fn.type : FunctionType[fn.type as keyof typeof FunctionType];
  if (type === undefined) throw new InvalidInputError(`function "${fn.name}": type must be one of ${Object.keys(FunctionType).filter((k) => Number.isNaN(Number(k))).join(', ')}, got ${describeValue(fn.type)}`);
  return {
    name: fn.name,
    description: fn.description ?? '',
    type,
    input_field_names: fn.input_field_names ?? [],
    output_field_names: fn.output_field_names ?? [],
    params: Object.entries(fn.params ?? {}).map(([key, v]) => ({ key, value: paramText(v) })),
  };
}

/** The two fields of the quick setup (`createCollection({ dimension })`): primary key and `vector`. */
export function quickSetupFields(q: { dimension: number; primary_field_name?: string; id_type?: unknown; vector_field_name?: string; auto_id?: boolean; max_length?: number }): FieldType[] {
  if (q.dimension === undefined || q.dimension === null) throw new InvalidInputError(ERROR_REASONS.CREATE_COLLECTION_CHECK_MISS_DIM, { field: 'dimension' });
  if (!Number.isSafeInteger(Number(q.dimension)) || Number(q.dimension) <= 0) {
    throw new InvalidInputError(`createCollection: dimension must be a positive integer, got ${describeValue(q.dimension)}`, { field: 'dimension' });
  }
  const idType = q.id_type === undefined || q.id_type === 'int' ? DataType.Int64 : q.id_type === 'string' ? DataType.VarChar : convertToDataType(q.id_type);
  if (idType !== DataType.Int64 && idType !== DataType.VarChar) {
    throw new InvalidInputError(`createCollection: id_type must be Int64 or VarChar, got ${describeValue(q.id_type)}`);
  }
  const pk: FieldType = { name: q.primary_field_name ?? 'id', data_type: idType, is_primary_key: true, autoID: q.auto_id === true };
  if (idType === DataType.VarChar) pk.max_length = q.max_length ?? 65535;
  return [pk, { name: q.vector_field_name ?? 'vector', data_type: DataType.FloatVector, dim: Number(q.dimension) }];
}
