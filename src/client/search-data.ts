/**
 * Search input: splits `data` into queries the way the official Node SDK does, checks each against the
 * searched field (kind and dimension), and packs them into the `PlaceholderGroup` bytes of a search. The
 * vector conversions are the insert encoder's own (float16/bfloat16 rounding, int8 range, sparse forms), so
 * a value is accepted, converted and refused alike on both paths.
 */
import { toBFloat16Bits, toFloat16Bits } from '../codec/core-js/half.js';
import { concatBytes, packSparseRow } from '../codec/bytes.js';
import { PlaceholderType } from '../constants.js';
import { DataType } from '../data-type.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { encodeMessage } from '../proto/index.js';
import type { FieldSchema } from './describe.js';

/** One query vector: numbers or a typed array, packed bytes, or a sparse vector in any form (dense values with holes among them). */
export type SearchVector = readonly number[] | Float32Array | Float64Array | Uint8Array | Int8Array | Record<number | string, number>
  | ReadonlyMap<number, number> | { indices: ArrayLike<number>; values: ArrayLike<number> } | readonly { index: number; value: number }[]
  | readonly (number | undefined)[];
/**
 * Search input: one query (a vector, or text for a function-output field) or a list of them; for an
 * embedding-list field, one list of vectors or a list of such lists. The non-empty tuple forms add nothing
 * the arrays do not accept: they make TypeScript read a literal list as a tuple, so `search` knows how
 * many queries it has (see `DetermineResultsType`).
 */
export type SearchData = SearchVector | string | readonly SearchVector[] | readonly string[] | readonly (readonly SearchVector[])[]
  | readonly [SearchVector, ...SearchVector[]] | readonly [string, ...string[]] | readonly [readonly SearchVector[], ...(readonly SearchVector[])[]];

const EMB_LISTS = new Set<number>([
  PlaceholderType.EmbListFloatVector, PlaceholderType.EmbListBinaryVector, PlaceholderType.EmbListFloat16Vector,
  PlaceholderType.EmbListBFloat16Vector, PlaceholderType.EmbListInt8Vector, PlaceholderType.EmbListSparseFloatVector,
]);

/** The placeholder kind of a search on `field`: text for a function output, an embedding list when given one. */
export function placeholderTypeOf(field: FieldSchema, data: unknown): number {
  const declared = (field as { _placeholderType?: number })._placeholderType ?? field.dataType;
  if (field.is_function_output) return PlaceholderType.VarChar;
  if (!EMB_LISTS.has(declared)) return field.dataType;
  const metric = field.index_params?.find((p) => p.key === 'metric_type')?.value;
  const listMetric = metric === undefined || String(metric).startsWith('MAX_SIM');
  return listMetric && Array.isArray(data) && Array.isArray(data[0]) ? declared : field.dataType;
}

/** The queries in `data` for a search of kind `placeholder` (the SDK's `formatSearchData`). */
export function splitQueries(data: unknown, placeholder: number): unknown[] {
  if (placeholder === PlaceholderType.VarChar) return Array.isArray(data) ? data : [data];
  if (placeholder === PlaceholderType.EmbListSparseFloatVector) throw new InvalidInputError('Sparse embedding list search is not supported');
  if (EMB_LISTS.has(placeholder)) {
    const isList = Array.isArray(data) && Array.isArray(data[0]) && (Array.isArray(data[0][0]) || ArrayBuffer.isView(data[0][0]));
    return isList ? (data as unknown[]) : [data];
  }
  if (!Array.isArray(data)) return [data];
  if (data.length === 0) return [];
  // One query when `data` itself is a vector: dense numbers (with holes for sparse), or sparse COO entries.
  const first = data.find((v) => v !== undefined);
  if (first === undefined || typeof first === 'number') return [data];
  if (placeholder === PlaceholderType.SparseFloatVector && data.every((e) => typeof e === 'object' && e !== null && 'index' in e && 'value' in e)) return [data];
  return data;
}

/** The `PlaceholderGroup` bytes of `queries` (kind `placeholder`) for a search on `field`. */
export function placeholderGroupBytes(field: FieldSchema, placeholder: number, queries: readonly unknown[]): Uint8Array {
  if (queries.length === 0) throw new InvalidInputError(`search: no query given for field "${field.name}"`, { field: field.name });
  const values = queries.map((q, i) => queryBytes(field, placeholder, q, i));
  return encodeMessage('milvus.proto.common.PlaceholderGroup', { placeholders: [{ tag: '$0', type: placeholder, values }] });
}

function queryBytes(field: FieldSchema, placeholder: number, q: unknown, i: number): Uint8Array {
  if (placeholder === PlaceholderType.VarChar) {
    if (typeof q !== 'string') throw mismatch(field, i, 'text (the field is computed by a function)', q);
    return new TextEncoder().encode(q);
  }
  if (EMB_LISTS.has(placeholder)) return embeddingList(field, q, i);
  return vectorBytes(field, field.dataType, q, i);
}

/** An embedding list: its vectors' bytes back to back. */
function embeddingList(field: FieldSchema, q: unknown, i: number): Uint8Array {
  if (!Array.isArray(q) || q.length === 0) throw mismatch(field, i, 'an embedding list (a non-empty list of vectors)', q);
  return concatBytes(q.map((v) => vectorBytes(field, field.dataType, v, i)));
}

function vectorBytes(field: FieldSchema, type: DataType, q: unknown, i: number): Uint8Array {
  const dim = Number(field.dim);
  switch (type) {
    case DataType.FloatVector: {
      const v = denseNumbers(field, q, i, dim);
      return new Uint8Array(Float32Array.from(v).buffer);
    }
    case DataType.Float16Vector:
    case DataType.BFloat16Vector:
      return q instanceof Uint8Array ? packed(field, q, i, dim * 2) : halfBytes(field, denseNumbers(field, q, i, dim), i, type === DataType.Float16Vector ? toFloat16Bits : toBFloat16Bits);
    case DataType.Int8Vector: {
      const v = q instanceof Int8Array ? q : Array.isArray(q) && q.every((x) => Number.isInteger(x) && x >= -128 && x <= 127) ? Int8Array.from(q as number[]) : undefined;
      if (!v) throw mismatch(field, i, 'an Int8Array or integers in [-128, 127]', q);
      if (v.length !== dim) throw mismatch(field, i, `${dim} values (the field's dim)`, q, `, got ${v.length}`);
      return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    }
    case DataType.BinaryVector: {
      const v = q instanceof Uint8Array ? q : Array.isArray(q) && q.every((x) => Number.isInteger(x) && x >= 0 && x <= 255) ? Uint8Array.from(q as number[]) : undefined;
      if (!v) throw mismatch(field, i, `a Uint8Array or ${dim / 8} bytes as numbers in [0, 255]`, q);
      return packed(field, v, i, dim / 8);
    }
    case DataType.SparseFloatVector:
      return sparseBytes(field, q, i);
    default:
      throw new InvalidInputError(`search: field "${field.name}" is ${field.data_type}, not a vector field`, { field: field.name });
  }
}

function denseNumbers(field: FieldSchema, q: unknown, i: number, dim: number): ArrayLike<number> {
  const ok = q instanceof Float32Array || q instanceof Float64Array || (Array.isArray(q) && q.every((x) => typeof x === 'number' && Number.isFinite(x)));
  if (!ok) throw mismatch(field, i, `an array of ${dim} finite numbers`, q);
  const v = q as ArrayLike<number>;
  if (v.length !== dim) throw mismatch(field, i, `${dim} values (the field's dim)`, q, `, got ${v.length}`);
  return v;
}

function packed(field: FieldSchema, q: Uint8Array, i: number, bytes: number): Uint8Array {
  if (q.length !== bytes) throw mismatch(field, i, `${bytes} bytes`, q, `, got ${q.length}`);
  return q;
}

function halfBytes(field: FieldSchema, v: ArrayLike<number>, i: number, convert: (x: number) => number): Uint8Array {
  const out = new Uint8Array(v.length * 2);
  for (let k = 0; k < v.length; k++) {
    const bits = convert(v[k]!);
    if (bits < 0) throw mismatch(field, i, `values within the range of ${field.data_type}`, v[k], ` at element ${k}`);
    out[2 * k] = bits & 0xff;
    out[2 * k + 1] = bits >> 8;
  }
  return out;
}

function sparseBytes(field: FieldSchema, q: unknown, i: number): Uint8Array {
  return packSparseRow(q, (expected, got, where) => mismatch(field, i, expected, got, `${where}, got ${describeValue(got)}`));
}

function mismatch(field: FieldSchema, i: number, expected: string, got: unknown, tail = ''): InvalidInputError {
  return new InvalidInputError(`search: query ${i} for field "${field.name}" (${field.data_type}) must be ${expected}${tail || `, got ${describeValue(got)}`}`, { field: field.name, row: i });
}
