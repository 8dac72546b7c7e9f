/**
 * The reference encoder's own reading of a collection schema (the SDK's shape, as callers give it), so
 * that the differential tests do not trust `src/schema.ts` to tell the reference what a field is. Type
 * numbers come from the official descriptor's `milvus.proto.schema.DataType`, not from `src/data-type.ts`.
 * It reads valid schemas only: the tests that use it do not test schema validation.
 */
import type { CollectionSchemaInput, FieldSchemaInput } from '../../src/schema.js';
import { milvusEnum } from './milvus-proto.js';

/**
 * What the reference refuses, with the field and row where known. Its own class: the tests compare the
 * reference's bytes, never its errors with ours.
 */
export class ReferenceInputError extends Error {
  readonly field?: string;
  readonly row?: number;
  constructor(message: string, where: { field?: string; row?: number } = {}) {
    super(message);
    this.name = 'ReferenceInputError';
    this.field = where.field;
    this.row = where.row;
  }
}

/** `milvus.proto.schema.DataType` by name, e.g. `T.Int64 === 5`. */
export const T: Readonly<Record<string, number>> = milvusEnum('milvus.proto.schema.DataType');

const BY_LOWER_NAME = new Map(Object.entries(T).map(([name, value]) => [name.toLowerCase(), value]));
const KNOWN_VALUES = new Set(Object.values(T));

/** The dense and sparse vector types (BinaryVector through Int8Vector). */
export function isVector(type: number): boolean {
  return type >= T.BinaryVector! && type <= T.Int8Vector!;
}

/** A field as the reference sees it. */
export interface RefField {
  name: string;
  type: number;
  autoID: boolean;
  /** Missing or null values are sent as "not valid" (nullable, or the server fills a default). */
  nullable: boolean;
  hasDefault: boolean;
  /** Vector dimension (bits for binary), 0 for scalars and sparse vectors. */
  dim: number;
  /** Array element type, 0 otherwise. */
  elementType: number;
  /** Never given by callers: the dynamic `$meta` field or a function's output. */
  isDynamic: boolean;
  isFunctionOutput: boolean;
  /** The members of an Array-of-Struct field, each with its own type. */
  members?: RefField[];
}

export interface RefSchema {
  fields: RefField[];
  byName: Map<string, RefField>;
  enableDynamic: boolean;
}

/** Reads `schema`; throws `ReferenceInputError` for a type or dim it cannot read. */
export function readSchema(schema: CollectionSchemaInput): RefSchema {
  const fields = schema.fields.map((f) => readField(f));
  return { fields, byName: new Map(fields.map((f) => [f.name, f])), enableDynamic: schema.enable_dynamic_field === true };
}

function typeOf(value: unknown, field: string): number {
  const type = typeof value === 'number' ? (KNOWN_VALUES.has(value) ? value : undefined) : typeof value === 'string' ? BY_LOWER_NAME.get(value.toLowerCase()) : undefined;
  if (type === undefined) throw new ReferenceInputError(`field "${field}": unknown data type ${String(value)}`);
  return type;
}

/** `type_params` as `[{ key, value }]` or as an object, into one lookup. */
function params(field: FieldSchemaInput): Record<string, unknown> {
  const tp = field.type_params;
  if (Array.isArray(tp)) return Object.fromEntries(tp.map((kv) => [kv.key, kv.value]));
  return { ...(tp ?? {}) };
}

function readField(field: FieldSchemaInput, struct?: { nullable: boolean }): RefField {
  const p = params(field);
  let type = typeOf(field.data_type, field.name);
  // A struct member may be given as the server stores it: Array or ArrayOfVector of its real type.
  if (struct && (type === T.Array || type === T.ArrayOfVector)) type = typeOf(field.element_type ?? p.element_type, field.name);
  const dense = isVector(type) && type !== T.SparseFloatVector;
  const dim = dense ? Number(field.dim ?? p.dim) : 0;
  if (dense && !(Number.isInteger(dim) && dim > 0)) throw new ReferenceInputError(`field "${field.name}": no dim`);
  const elementType = !struct && type === T.Array ? typeOf(field.element_type ?? p.element_type, field.name) : 0;
  const out: RefField = {
    name: field.name,
    type,
    autoID: field.is_primary_key === true && field.autoID === true,
    nullable: struct ? struct.nullable : field.nullable === true,
    hasDefault: !struct && hasDefault(field.default_value),
    dim,
    elementType,
    isDynamic: field.is_dynamic === true,
    isFunctionOutput: field.is_function_output === true,
  };
  if (elementType === T.Struct) out.members = (field.fields ?? []).map((m) => readField(m, { nullable: out.nullable }));
  return out;
}

/** A described field carries its default as a proto `ValueField` (`{ data: 'long_data', long_data: '0' }`). */
function hasDefault(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'object' && !Array.isArray(value) && 'data' in value) {
    const data = (value as { data?: unknown }).data;
    return data !== undefined && data !== null;
  }
  return true;
}
