/**
 * The official Node SDK's vector byte helpers (`f32ArrayToF16Bytes`, `sparseToBytes`, ...), built on the
 * encoder's own conversions so a value converts, and is refused, exactly as `insert` and `search` do:
 * float16/bfloat16 round to nearest even straight from the double (the SDK's bfloat16 helper truncates),
 * a value out of range or not finite throws `InvalidInputError` (the SDK would produce ±Infinity), and sparse
 * rows come out sorted by index, as Milvus requires. They return `Uint8Array`s (a Node `Buffer` is one).
 */
import { describeValue, InvalidInputError } from '../errors.js';
import { bfloat16BitsToNumber, float16BitsToNumber, toBFloat16Bits, toFloat16Bits } from './core-js/half.js';
import { forEachSparseEntry, SPARSE_FORMS } from './stage/sparse.js';

/** A sparse vector in any of the SDK's forms: dict, CSR `{ indices, values }`, COO `[{ index, value }]`, or dense values with holes. */
export type SparseFloatVector = Record<number | string, number> | { indices: ArrayLike<number>; values: ArrayLike<number> } | { index: number; value: number }[] | (number | undefined)[];

function halves(values: ArrayLike<number>, convert: (x: number) => number, what: string): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const bits = typeof v === 'number' && Number.isFinite(v) ? convert(v) : -1;
    if (bits < 0) throw new InvalidInputError(`${what}: expected finite numbers within the ${what === 'f32ArrayToF16Bytes' ? 'float16 range (±65504)' : 'bfloat16 range'}, got ${describeValue(v)} at position ${i}`);
    out[2 * i] = bits & 0xff;
    out[2 * i + 1] = bits >>> 8;
  }
  return out;
}

function fromHalves(bytes: Uint8Array, convert: (bits: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) out.push(convert(bytes[i]! | (bytes[i + 1]! << 8)));
  return out;
}

/** Float32 values as their little-endian bytes (a FloatVector query or row as bytes). */
export function f32ArrayToF32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Byte values (0..255) of a binary vector as bytes. */
export function f32ArrayToBinaryBytes(values: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(values);
}

/** Numbers as float16 bytes, rounded to nearest even. */
export function f32ArrayToF16Bytes(values: ArrayLike<number>): Uint8Array {
  return halves(values, toFloat16Bits, 'f32ArrayToF16Bytes');
}

/** float16 bytes as numbers (exact). */
export function f16BytesToF32Array(bytes: Uint8Array): number[] {
  return fromHalves(bytes, float16BitsToNumber);
}

/** Numbers as bfloat16 bytes, rounded to nearest even. */
export function f32ArrayToBf16Bytes(values: ArrayLike<number>): Uint8Array {
  return halves(values, toBFloat16Bits, 'f32ArrayToBf16Bytes');
}

/** bfloat16 bytes as numbers (exact). */
export function bf16BytesToF32Array(bytes: Uint8Array): number[] {
  return fromHalves(bytes, bfloat16BitsToNumber);
}

/** Numbers as int8 bytes (rounded, as the SDK does; outside -128..127 throws). An `Int8Array` is taken as it is. */
export function f32ArrayToInt8Bytes(values: ArrayLike<number> | Int8Array): Uint8Array {
  if (values instanceof Int8Array) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]!);
    if (!(v >= -128 && v <= 127)) throw new InvalidInputError(`f32ArrayToInt8Bytes: expected numbers in -128..127, got ${describeValue(values[i])} at position ${i}`);
    out[i] = v;
  }
  return new Uint8Array(out.buffer);
}

/** Several int8 vectors as their bytes back to back. */
export function int8VectorRowsToBytes(rows: readonly (ArrayLike<number> | Int8Array)[]): Uint8Array {
  return concatBytes(rows.map(f32ArrayToInt8Bytes));
}

/** The byte arrays one after another, in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Which of the SDK's sparse forms `vector` is: `'array'`, `'coo'`, `'csr'`, `'dict'` or `'unknown'`. */
export function getSparseFloatVectorType(vector: unknown): 'array' | 'coo' | 'csr' | 'dict' | 'unknown' {
  if (Array.isArray(vector)) {
    if (vector.length === 0 || typeof vector[0] === 'number' || vector[0] === undefined) return 'array';
    return vector.every((e) => typeof e === 'object' && e !== null && 'index' in e && 'value' in e) ? 'coo' : 'unknown';
  }
  if (typeof vector === 'object' && vector !== null && 'indices' in vector && 'values' in vector) return 'csr';
  return typeof vector === 'object' && vector !== null && !ArrayBuffer.isView(vector) ? 'dict' : 'unknown';
}

/** Builds the error for a bad sparse row: what was expected, what was got, where (e.g. " at entry 2"). */
export type SparseProblem = (expected: string, got: unknown, where: string) => Error;

/**
 * One sparse vector, in any accepted form, as Milvus' row bytes: (u32 index, f32 value) little-endian pairs
 * sorted by index. Indices must be distinct integers in [0, 2^32-2] and values finite; `problem` builds the
 * error otherwise. Shared by the search path and {@link sparseToBytes}.
 */
export function packSparseRow(vector: unknown, problem: SparseProblem): Uint8Array {
  const entries: [number, number][] = [];
  forEachSparseEntry(vector, (index, value, j, raw) => {
    if (!Number.isInteger(index) || index < 0 || index > 0xfffffffe) throw problem('indices that are integers in [0, 2^32-2]', raw, ` at entry ${j}`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw problem('finite numeric values', value, ` at entry ${j}`);
    entries.push([index, value]);
  }, (expected, got, where = '') => problem(expected === SPARSE_FORMS ? SPARSE_FORMS : expected, got, where));
  entries.sort((a, b) => a[0] - b[0]);
  const view = new DataView(new ArrayBuffer(entries.length * 8));
  entries.forEach(([index, value], k) => {
    if (k > 0 && entries[k - 1]![0] === index) throw problem('distinct indices', index, ' (given twice)');
    view.setUint32(k * 8, index, true);
    view.setFloat32(k * 8 + 4, value, true);
  });
  return new Uint8Array(view.buffer);
}

/** One sparse vector as Milvus' row bytes, sorted by index (the SDK's `sparseToBytes`). */
export function sparseToBytes(vector: SparseFloatVector): Uint8Array {
  return packSparseRow(vector, (expected, got, where) => new InvalidInputError(`sparseToBytes: expected ${expected}, got ${describeValue(got)}${where}`));
}

/** Several sparse vectors as row bytes. */
export function sparseRowsToBytes(rows: readonly SparseFloatVector[]): Uint8Array[] {
  return rows.map(sparseToBytes);
}

/** Sparse row bytes as `{ index: value }` (non-zero values, as the SDK). */
export function bytesToSparseRow(bytes: Uint8Array): Record<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const row: Record<string, number> = {};
  for (let at = 0; at + 8 <= bytes.byteLength; at += 8) {
    const value = view.getFloat32(at + 4, true);
    if (value) row[view.getUint32(at, true)] = value;
  }
  return row;
}
