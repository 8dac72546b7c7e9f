/**
 * Collection schemas as callers give them (the official Node SDK's shape, so a `describeCollection`
 * result can be passed in) and the normalised plan the encoder works from.
 */
import { DataType, isVectorType, parseDataType } from './data-type.js';
import { InvalidInputError, describeValue } from './errors.js';

/** A `{ key, value }` pair as found in `type_params` of a described field. */
export interface KeyValuePair {
  key: string;
  value: string;
}

/** One field of a collection schema. Numeric parameters may be numbers or decimal strings. */
export interface FieldSchemaInput {
  name: string;
  /** The type as enum value or name (`DataType.Int64`, `5`, `'Int64'`). */
  data_type: DataType | keyof typeof DataType | number | string;
  is_primary_key?: boolean;
  autoID?: boolean;
  /** Vector dimension (for binary vectors: bits). */
  dim?: number | string;
  /** VarChar limit in UTF-8 bytes. */
  max_length?: number | string;
  /** Element type of an Array field. */
  element_type?: DataType | keyof typeof DataType | number | string;
  /** Maximum number of elements of an Array field. */
  max_capacity?: number | string;
  nullable?: boolean;
  /** A default value; when set, a missing or `null` value is sent as "not valid" and the server fills it. */
  default_value?: unknown;
  /** Parameters as `describeCollection` returns them (`dim`, `max_length`, `max_capacity`). */
  type_params?: KeyValuePair[] | Record<string, string | number>;
  is_partition_key?: boolean;
  is_dynamic?: boolean;
  is_function_output?: boolean;
  description?: string;
  /** Members of an Array-of-Struct field (`data_type: Array`, `element_type: Struct`). */
  fields?: FieldSchemaInput[];
  [extra: string]: unknown;
}

/** A collection schema: its fields and whether keys outside them go to the dynamic `$meta` field. */
export interface CollectionSchemaInput {
  fields: FieldSchemaInput[];
  enable_dynamic_field?: boolean;
  [extra: string]: unknown;
}

/** A field as the encoder sees it: types resolved, parameters parsed and checked. */
export interface FieldPlan {
  readonly name: string;
  readonly type: DataType;
  readonly isPrimary: boolean;
  readonly autoID: boolean;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  /** Vector dimension (binary: bits), 0 for non-vectors and sparse vectors. */
  readonly dim: number;
  /** VarChar byte limit, 0 when unlimited. */
  readonly maxLength: number;
  readonly elementType: DataType;
  /** Array capacity, 0 when unlimited. */
  readonly maxCapacity: number;
  /** Not supplied by callers: an auto-id primary key, a function output or the dynamic `$meta` field. */
  readonly isInput: boolean;
  /** Computed by a schema function (e.g. BM25): the server fills it. */
  readonly isFunctionOutput: boolean;
  /**
   * The members of an Array-of-Struct field (`data_type: Array, element_type: Struct, fields: [...]`): each
   * planned as its own type (a member's `type` is its element type, e.g. FloatVector), with the struct's
   * `max_capacity`.
   */
  readonly members?: readonly FieldPlan[];
}

/** The normalised schema: every field, the ones callers supply, and a name lookup. */
export interface SchemaPlan {
  readonly fields: readonly FieldPlan[];
  readonly inputFields: readonly FieldPlan[];
  readonly byName: ReadonlyMap<string, FieldPlan>;
  readonly enableDynamic: boolean;
  readonly primary: FieldPlan | undefined;
}

const SCALAR_ELEMENT_TYPES = new Set([
  DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64,
  DataType.Float, DataType.Double, DataType.VarChar, DataType.String,
]);

const plans = new WeakMap<CollectionSchemaInput, SchemaPlan>();

/** Normalises a schema once per schema object (cached), throwing `InvalidInputError` if it is unusable. */
export function planSchema(schema: CollectionSchemaInput): SchemaPlan {
  const cached = plans.get(schema);
  if (cached) return cached;
  if (!schema || !Array.isArray(schema.fields) || schema.fields.length === 0) {
    throw new InvalidInputError('schema must have a non-empty `fields` array');
  }
  const fields = schema.fields.map(planField);
  const byName = new Map<string, FieldPlan>();
  for (const f of fields) {
    if (byName.has(f.name)) throw new InvalidInputError(`schema has two fields named "${f.name}"`, { field: f.name });
    byName.set(f.name, f);
  }
  const plan: SchemaPlan = {
    fields,
    inputFields: fields.filter((f) => f.isInput),
    byName,
    enableDynamic: schema.enable_dynamic_field === true,
    primary: fields.find((f) => f.isPrimary),
  };
  plans.set(schema, plan);
  return plan;
}

function planField(field: FieldSchemaInput): FieldPlan {
  if (!field || typeof field.name !== 'string' || field.name === '') {
    throw new InvalidInputError('every schema field needs a non-empty string `name`');
  }
  const name = field.name;
  const type = parseDataType(field.data_type);
  if (type === undefined || type === DataType.None) {
    throw new InvalidInputError(`field "${name}": unknown data_type ${describeValue(field.data_type)}`, { field: name });
  }
  const params = typeParams(field);
  const dim = type === DataType.SparseFloatVector || !isVectorType(type) ? 0 : positiveInt(name, 'dim', field.dim ?? params.dim, true);
  if (type === DataType.BinaryVector && dim % 8 !== 0) {
    throw new InvalidInputError(`field "${name}": a BinaryVector dim must be a multiple of 8, got ${dim}`, { field: name });
  }
  let elementType = DataType.None;
  let members: FieldPlan[] | undefined;
  if (type === DataType.Array) {
    const et = parseDataType(field.element_type ?? params.element_type);
    if (et === DataType.Struct) {
      members = planMembers(field, params);
    } else if (et === undefined || !SCALAR_ELEMENT_TYPES.has(et)) {
      throw new InvalidInputError(`field "${name}": Array needs a scalar element_type, got ${describeValue(field.element_type)}`, { field: name });
    }
    elementType = et;
  }
  const isPrimary = field.is_primary_key === true;
  const autoID = isPrimary && field.autoID === true;
  const isDynamic = field.is_dynamic === true;
  return {
    name,
    type,
    isPrimary,
    autoID,
    nullable: field.nullable === true,
    hasDefault: hasDefaultValue(field.default_value),
    dim,
    maxLength: positiveInt(name, 'max_length', field.max_length ?? params.max_length, false),
    elementType,
    maxCapacity: positiveInt(name, 'max_capacity', field.max_capacity ?? params.max_capacity, false),
    isInput: !autoID && !isDynamic && field.is_function_output !== true,
    isFunctionOutput: field.is_function_output === true,
    ...(members ? { members } : {}),
  };
}

const STRUCT_MEMBER_TYPES = new Set([...SCALAR_ELEMENT_TYPES, DataType.FloatVector, DataType.Float16Vector, DataType.BFloat16Vector, DataType.BinaryVector, DataType.Int8Vector]);

/**
 * The members of an Array-of-Struct field. A member is given by its own type (`{ name, data_type: 'Int32' }`,
 * as the SDK and a described schema have it) or as the server stores it (`data_type: Array` or `ArrayOfVector`
 * with its type in `element_type`).
 */
function planMembers(field: FieldSchemaInput, params: Record<string, unknown>): FieldPlan[] {
  const name = field.name;
  const fields = field.fields;
  if (!Array.isArray(fields) || fields.length === 0) {
    throw new InvalidInputError(`field "${name}": an Array of Struct needs its member fields in \`fields\``, { field: name });
  }
  const capacity = field.max_capacity ?? params.max_capacity;
  const members = fields.map((m: FieldSchemaInput) => {
    const declared = parseDataType(m?.data_type);
    const stored = declared === DataType.Array || declared === DataType.ArrayOfVector;
    const type = stored ? parseDataType(m.element_type) : declared;
    if (type === undefined || !STRUCT_MEMBER_TYPES.has(type)) {
      throw new InvalidInputError(`field "${name}": struct member ${describeValue(m?.name)} needs a scalar or dense vector type, got ${describeValue(m?.data_type)}`, { field: name });
    }
    const plan = planField({ ...m, data_type: type, element_type: undefined, max_capacity: undefined, is_primary_key: false, autoID: false });
    return { ...plan, maxCapacity: positiveInt(name, 'max_capacity', capacity ?? m.max_capacity, false), nullable: field.nullable === true };
  });
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.name)) throw new InvalidInputError(`field "${name}": two struct members named "${m.name}"`, { field: name });
    seen.add(m.name);
  }
  return members;
}

function typeParams(field: FieldSchemaInput): Record<string, unknown> {
  const tp = field.type_params;
  if (!tp) return {};
  const params: Record<string, unknown> = Object.create(null);
  if (Array.isArray(tp)) {
    for (const kv of tp) if (kv !== null && typeof kv === 'object' && typeof kv.key === 'string') params[kv.key] = kv.value;
  } else if (typeof tp === 'object') {
    for (const key of Object.keys(tp)) params[key] = (tp as Record<string, unknown>)[key];
  }
  return params;
}

function positiveInt(field: string, param: string, value: unknown, required: boolean): number {
  if (value === undefined || value === null || value === '') {
    if (required) throw new InvalidInputError(`field "${field}": ${param} is required`, { field });
    return 0;
  }
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidInputError(`field "${field}": ${param} must be a positive integer, got ${describeValue(value)}`, { field });
  }
  return n;
}

/** A described field carries `default_value` as a proto `ValueField` (`{ data: 'long_data', ... }`). */
function hasDefaultValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'object' && !Array.isArray(value) && 'data' in (value as object)) {
    return (value as { data?: unknown }).data !== undefined && (value as { data?: unknown }).data !== null;
  }
  return true;
}
