/**
 * Search input: decides whether `data` is one query or several, checks each against the searched
 * field (type, dimension), and packs them into the `PlaceholderGroup` bytes of a SearchRequest.
 */
import { DataType } from '../data-type.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { encodeMessage } from '../proto/index.js';
import type { DescribedField } from './describe.js';

/** One query: a dense vector (numbers or typed array), packed bytes, a sparse vector, or text for a function-output field. */
export type SearchData =
  | readonly number[] | Float32Array | Float64Array | Uint8Array | Int8Array
  | Readonly<Record<number, number>> | ReadonlyMap<number, number> | readonly (readonly [number, number])[] | { indices: ArrayLike<number>; values: ArrayLike<number> }
  | string;

/** The encoded queries: `placeholder_group` bytes, how many queries, and whether one query was given bare. */
export interface PackedQueries {
  bytes: Uint8Array;
  nq: number;
  single: boolean;
}

const PLACEHOLDER_VARCHAR = 21;

/** Splits and encodes `data` for a search on `field`. Throws `InvalidInputError` on a mismatch. */
export function packQueries(field: DescribedField, data: unknown): PackedQueries {
  const textual = field.is_function_output;
  const single = isSingle(field.dataType, data, textual);
  const queries = (single ? [data] : (data as unknown[])) as unknown[];
  if (queries.length === 0) throw new InvalidInputError(`search: no query vectors given for field "${field.name}"`, { field: field.name });
  const type = textual ? PLACEHOLDER_VARCHAR : field.dataType;
  const values = queries.map((q, i) => (textual ? textBytes(field, q, i) : vectorBytes(field, q, i)));
  const bytes = encodeMessage('milvus.proto.common.PlaceholderGroup', { placeholders: [{ tag: '$0', type, values }] });
  return { bytes, nq: queries.length, single };
}

function isSingle(type: DataType, data: unknown, textual: boolean): boolean {
  if (textual) return typeof data === 'string';
  if (ArrayBuffer.isView(data) || data instanceof Map) return true;
  if (!Array.isArray(data)) return typeof data === 'object' && data !== null; // a sparse `{index: value}`
  // A sparse row may itself be a list of [index, value] pairs.
  if (type === DataType.SparseFloatVector) return Array.isArray(data[0]) && typeof data[0][0] === 'number';
  return data.length > 0 && typeof data[0] === 'number';
}

function vectorBytes(field: DescribedField, q: unknown, i: number): Uint8Array {
  switch (field.dataType) {
    case DataType.FloatVector: return new Uint8Array(Float32Array.from(denseNumbers(field, q, i)).buffer);
    case DataType.Float16Vector: return packedHalves(field, q, i) ?? halfBytes(denseNumbers(field, q, i), toFloat16Bits);
    case DataType.BFloat16Vector: return packedHalves(field, q, i) ?? halfBytes(denseNumbers(field, q, i), toBFloat16Bits);
    case DataType.Int8Vector: return int8Bytes(field, q, i);
    case DataType.BinaryVector: return binaryBytes(field, q, i);
    case DataType.SparseFloatVector: return sparseBytes(field, q, i);
    default:
      throw new InvalidInputError(`search: field "${field.name}" is ${field.data_type}, not a vector field`, { field: field.name });
  }
}

function denseNumbers(field: DescribedField, q: unknown, i: number): ArrayLike<number> {
  const ok = q instanceof Float32Array || q instanceof Float64Array || (Array.isArray(q) && q.every((x) => typeof x === 'number' && Number.isFinite(x)));
  if (!ok) throw mismatch(field, i, `an array of ${field.dim} finite numbers`, q);
  const v = q as ArrayLike<number>;
  if (v.length !== field.dim) throw mismatch(field, i, `${field.dim} values (the field's dim)`, q, `, got ${v.length}`);
  return v;
}

/** Half-precision queries may also come as their packed little-endian bytes. */
function packedHalves(field: DescribedField, q: unknown, i: number): Uint8Array | undefined {
  if (!(q instanceof Uint8Array)) return undefined;
  const bytes = (field.dim ?? 0) * 2;
  if (q.length !== bytes) throw mismatch(field, i, `${bytes} bytes (dim ${field.dim} × 2)`, q, `, got ${q.length}`);
  return q;
}

function halfBytes(v: ArrayLike<number>, convert: (x: number) => number): Uint8Array {
  const out = new Uint8Array(v.length * 2);
  for (let k = 0; k < v.length; k++) {
    const bits = convert(v[k]!);
    out[2 * k] = bits & 0xff;
    out[2 * k + 1] = bits >> 8;
  }
  return out;
}

function int8Bytes(field: DescribedField, q: unknown, i: number): Uint8Array {
  const v = q instanceof Int8Array ? q : Array.isArray(q) && q.every((x) => Number.isInteger(x) && x >= -128 && x <= 127) ? Int8Array.from(q as number[]) : undefined;
  if (!v) throw mismatch(field, i, 'an Int8Array or integers in [-128, 127]', q);
  if (v.length !== field.dim) throw mismatch(field, i, `${field.dim} values (the field's dim)`, q, `, got ${v.length}`);
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function binaryBytes(field: DescribedField, q: unknown, i: number): Uint8Array {
  const v = q instanceof Uint8Array ? q : Array.isArray(q) && q.every((x) => Number.isInteger(x) && x >= 0 && x <= 255) ? Uint8Array.from(q as number[]) : undefined;
  const bytes = (field.dim ?? 0) / 8;
  if (!v) throw mismatch(field, i, `a Uint8Array of ${bytes} bytes`, q);
  if (v.length !== bytes) throw mismatch(field, i, `${bytes} bytes (dim ${field.dim} bits)`, q, `, got ${v.length}`);
  return v;
}

/** A sparse query as the insert encoder takes it: `{ index: value }`, a Map, `[[index, value], ...]` or `{ indices, values }`. */
function sparseEntries(q: unknown): unknown[][] | undefined {
  if (q instanceof Map) return [...q.entries()];
  if (Array.isArray(q)) return q.every((p) => Array.isArray(p) && p.length === 2) ? (q as unknown[][]) : undefined;
  if (!q || typeof q !== 'object' || ArrayBuffer.isView(q)) return undefined;
  if ('indices' in q && 'values' in q) {
    const { indices, values } = q as { indices: ArrayLike<unknown>; values: ArrayLike<unknown> };
    if (indices?.length !== values?.length) return undefined;
    return Array.from(indices, (index, k) => [index, values[k]]);
  }
  return Object.entries(q).map(([k, v]) => [Number(k), v]);
}

function sparseBytes(field: DescribedField, q: unknown, i: number): Uint8Array {
  const entries = sparseEntries(q);
  if (!entries) throw mismatch(field, i, 'a sparse vector: `{ index: value }`, a Map, [[index, value], ...] or { indices, values }', q);
  entries.sort((a, b) => (a[0] as number) - (b[0] as number));
  const out = new DataView(new ArrayBuffer(entries.length * 8));
  entries.forEach(([index, value], k) => {
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) > 0xfffffffe) throw mismatch(field, i, 'indices that are integers in [0, 2^32-2]', index);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(field, i, 'finite numeric values', value);
    out.setUint32(k * 8, index as number, true);
    out.setFloat32(k * 8 + 4, value, true);
  });
  return new Uint8Array(out.buffer);
}

function textBytes(field: DescribedField, q: unknown, i: number): Uint8Array {
  if (typeof q !== 'string') throw mismatch(field, i, 'a string (the field is computed by a function)', q);
  return new TextEncoder().encode(q);
}

function mismatch(field: DescribedField, i: number, expected: string, got: unknown, tail = ''): InvalidInputError {
  return new InvalidInputError(`search: query ${i} for field "${field.name}" (${field.data_type}) must be ${expected}${tail || `, got ${describeValue(got)}`}`, { field: field.name, row: i });
}

const scratch = new DataView(new ArrayBuffer(4));

/** IEEE half, round to nearest even. */
function toFloat16Bits(value: number): number {
  scratch.setFloat32(0, value);
  const x = scratch.getUint32(0);
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    return sign | roundShift(mant | 0x800000, 14 - e);
  }
  return sign | ((e << 10) + roundShift(mant, 13));
}

function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && (kept & 1)) ? kept + 1 : kept;
}

/** bfloat16, round to nearest even. */
function toBFloat16Bits(value: number): number {
  scratch.setFloat32(0, value);
  const x = scratch.getUint32(0);
  if (Number.isNaN(value)) return ((x >>> 16) & 0x8000) | 0x7fc0;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}
