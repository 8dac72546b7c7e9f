/**
 * Turns values read from a file into the values the encoder takes, by the collection's field types:
 * exact int64 (bigint) for Int64 fields, numbers for the other numeric fields, vectors checked against
 * their dimension. Pure; a value that cannot be converted throws `ConvertError`, which the reader
 * rethrows naming the line or row.
 */
import type { Row } from '../../codec/types.js';
import type { FieldSchema, CollectionSchema } from '../../client/describe.js';
import { DataType, parseDataType } from '../../data-type.js';
import { describeValue } from '../../errors.js';
import { parseJsonExact } from './json-exact.js';

/** A value that does not fit its field; the message names the field, the expected and the actual value. */
export class ConvertError extends Error {
  override name = 'ConvertError';
  constructor(readonly field: string, message: string) {
    super(`field "${field}": ${message}`);
  }
}

/** The schema's fields by name (the dynamic `$meta` field left out). */
export function fieldsByName(schema: CollectionSchema): Map<string, FieldSchema> {
  return new Map(schema.fields.filter((f) => !f.is_dynamic).map((f) => [f.name, f]));
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const VECTOR_TYPES = new Set([DataType.FloatVector, DataType.Float16Vector, DataType.BFloat16Vector, DataType.Int8Vector, DataType.BinaryVector]);
const TEXT_TYPES = new Set([DataType.VarChar, DataType.String, DataType.Text, DataType.Geometry, DataType.Timestamptz]);

/**
 * Converts a parsed JSON (or Parquet) value for `field`. `null`/`undefined` pass through (the encoder
 * applies nullable and default rules).
 */
export function convertValue(field: FieldSchema, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  switch (field.dataType) {
    case DataType.Int64: return toBigInt(field.name, v);
    case DataType.Int8: case DataType.Int16: case DataType.Int32: case DataType.Float: case DataType.Double:
      return typeof v === 'bigint' ? toNumber(field.name, v) : v;
    case DataType.Array: return Array.isArray(v) ? convertElements(field, v) : v;
    case DataType.JSON: return typeof v === 'object' ? safeJson(v) : v;
    default:
      if (VECTOR_TYPES.has(field.dataType)) checkDim(field, v);
      return v;
  }
}

/** Converts a value of a key outside the schema (a dynamic field): unsafe bigints become decimal strings. */
export function convertDynamic(v: unknown): unknown {
  return typeof v === 'bigint' || (typeof v === 'object' && v !== null) ? safeJson(v) : v;
}

/** Converts one CSV cell (text) for `field`. An empty cell is `null` for a nullable field or one with a default. */
export function convertCell(field: FieldSchema, text: string): unknown {
  const type = field.dataType;
  if (text === '') {
    if (field.nullable || field.default_value !== null) return null;
    if (TEXT_TYPES.has(type)) return '';
    throw new ConvertError(field.name, `expected a ${DataType[type]} value, got an empty cell (the field is not nullable and has no default)`);
  }
  switch (type) {
    case DataType.Bool: return toBool(field.name, text);
    case DataType.Int8: case DataType.Int16: case DataType.Int32:
      if (!INTEGER_TEXT.test(text)) throw new ConvertError(field.name, `expected an integer, got ${describeValue(text)}`);
      return Number(text);
    case DataType.Int64:
      if (!INTEGER_TEXT.test(text.trim())) throw new ConvertError(field.name, `expected an Int64 integer, got ${describeValue(text)}`);
      return BigInt(text.trim());
    case DataType.Float: case DataType.Double: return toFloat(field.name, text);
    case DataType.JSON: return text;
    case DataType.Array: case DataType.SparseFloatVector: case DataType.FloatVector: case DataType.Float16Vector:
    case DataType.BFloat16Vector: case DataType.Int8Vector: case DataType.BinaryVector:
      return convertValue(field, parseCellJson(field, text));
    default: return text;
  }
}

/** Applies {@link convertValue} to each schema field of a row and {@link convertDynamic} to the other keys. */
export function convertRow(fields: ReadonlyMap<string, FieldSchema>, row: Row): Row {
  for (const key of Object.keys(row)) {
    const f = fields.get(key);
    row[key] = f === undefined ? convertDynamic(row[key]) : convertValue(f, row[key]);
  }
  return row;
}

function toBigInt(field: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return BigInt(v);
    throw new ConvertError(field, `expected an Int64 integer, got ${describeValue(v)}${Number.isInteger(v) ? ' (beyond 2^53 a number is inexact: write the integer literal in full or as a string)' : ''}`);
  }
  if (typeof v === 'string' && INTEGER_TEXT.test(v.trim())) return BigInt(v.trim());
  throw new ConvertError(field, `expected an Int64 integer, got ${describeValue(v)}`);
}

function toNumber(field: string, v: bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new ConvertError(field, `expected a number, got ${v} which a number cannot hold exactly`);
  return n;
}

function toBool(field: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new ConvertError(field, `expected a Bool (true/false/1/0), got ${describeValue(text)}`);
}

function toFloat(field: string, text: string): number {
  const n = Number(text);
  if (Number.isNaN(n) && text.trim() !== 'NaN') throw new ConvertError(field, `expected a number, got ${describeValue(text)}`);
  return n;
}

function parseCellJson(field: FieldSchema, text: string): unknown {
  try {
    return field.dataType === DataType.Array ? parseJsonExact(text) : JSON.parse(text);
  } catch (e) {
    const what = field.dataType === DataType.SparseFloatVector ? 'a JSON object such as {"3": 0.5}' : 'a JSON array such as [0.1, 0.2]';
    throw new ConvertError(field.name, `expected ${what}, got ${describeValue(text)} (${(e as Error).message})`);
  }
}

function convertElements(field: FieldSchema, values: unknown[]): unknown[] {
  const element = parseDataType(field.element_type);
  if (element === DataType.Int64) return values.map((v) => (typeof v === 'bigint' || v === null ? v : toBigInt(field.name, v)));
  return values.map((v) => (typeof v === 'bigint' ? toNumber(field.name, v) : v));
}

function checkDim(field: FieldSchema, v: unknown): void {
  const dim = field.dim === undefined ? undefined : Number(field.dim);
  if (dim === undefined || !(Array.isArray(v) || ArrayBuffer.isView(v))) return;
  const expected = field.dataType === DataType.BinaryVector ? dim / 8 : dim;
  const got = (v as ArrayLike<unknown>).length;
  if (got !== expected) throw new ConvertError(field.name, `expected a vector of ${expected} values (dim ${dim}), got ${got}`);
}

/** Replaces unsafe bigints (which `JSON.stringify` rejects) with decimal strings, deeply. */
function safeJson(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.some(needsFix) ? v.map(safeJson) : v;
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof Date)) {
    if (!Object.values(v).some(needsFix)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, safeJson(x)]));
  }
  return v;
}

function needsFix(v: unknown): boolean {
  if (typeof v === 'bigint') return true;
  if (Array.isArray(v)) return v.some(needsFix);
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof Date)) return Object.values(v).some(needsFix);
  return false;
}
