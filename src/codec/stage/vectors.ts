/**
 * Stagers of dense vector fields. Values are copied once into heap columns; numeric checks
 * (finiteness, float16 range, int8 range) are left to the core's single pass over the column. The one
 * exception is a FloatVector, Float16Vector or BFloat16Vector field given as rows of numbers: it is
 * converted (and checked) once, straight into the request bytes, by vector-fill.ts.
 */
import { DataType } from '../../data-type.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { halvesFromRow } from '../core-js/half.js';
import { fieldError, invalid, isNull, setWord, type FieldInput } from './column.js';
import { fieldKind } from './field-kinds.js';

/**
 * Stages a FloatVector field as f32[count * dim]. With `fillLater` (rows, not a flat column) only the
 * rows' forms and lengths are checked here: the data pointer stays 0, the core frames the field without
 * its payload, and `copyOutFilled` (vector-fill.ts) converts the rows straight into the request bytes.
 */
export function stageFloatVectors(heap: Heap, input: FieldInput, count: number, fillLater: boolean): void {
  const { plan, numRows, column } = input;
  const dim = plan.dim;
  setWord(heap, input.desc, L.F_DIM, dim);
  if (fillLater) {
    for (let r = 0; r < numRows; r++) vectorRow(input, r, dim);
    setWord(heap, input.desc, L.F_DATA_PTR, 0);
    return;
  }
  const ptr = heap.alloc(count * dim * 4);
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
  if (column instanceof Float32Array && count === numRows) {
    expectFlatLength(input, column.length, dim);
    heap.f32.set(column, ptr >> 2);
    return;
  }
  copyNumberRows(heap.f32, ptr >> 2, input, dim);
}

/** A dense row vector as given: `number[]` (elements not yet checked) or a typed array. */
export type VectorRow = readonly unknown[] | Float32Array | Float64Array | Int8Array;

/** Row `r`'s vector, checked for form and length; undefined for a null row. */
export function vectorRow(input: FieldInput, r: number, dim: number): VectorRow | undefined {
  const v = input.values[r];
  const { plan } = input;
  if (isNull(v)) return undefined;
  if (Array.isArray(v) || v instanceof Float32Array || v instanceof Float64Array || (v instanceof Int8Array && plan.type === DataType.Int8Vector)) {
    if (v.length !== dim) throw wrongLength(plan.name, input.rowBase + r, dim, v.length);
    return v;
  }
  const forms = plan.type === DataType.Int8Vector ? 'number[] or Int8Array' : 'number[] or Float32Array';
  throw invalid(plan.name, input.rowBase + r, `a vector of ${dim} numbers (${forms}, like the other rows of this field)`, v);
}

/**
 * Copies each non-null row vector (number[] or a typed array) into `target` from `base`, checking form,
 * length and element type (throws on the first bad row). With a finite `limit`, stops at the first value
 * not strictly within ±`limit` (NaN included) and returns its index counted from `base`; with the default
 * `Infinity` every number is copied (the core checks them) and it returns -1.
 */
export function copyNumberRows(target: Float32Array | Float64Array, base: number, input: FieldInput, dim: number, limit = Infinity): number {
  let o = base;
  for (let r = 0; r < input.numRows; r++) {
    const v = vectorRow(input, r, dim);
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      for (let j = copyNumbers(v, target, o, 0, dim, limit); j >= 0; j = copyNumbers(v, target, o, j + 1, dim, limit)) {
        const x = v[j];
        if (typeof x !== 'number') throw invalid(input.plan.name, input.rowBase + r, `numbers (dim ${dim})`, x, ` at position ${j}`);
        if (limit !== Infinity) return o - base + j;
        target[o + j] = x;
      }
    } else {
      target.set(v as Float32Array, o);
      for (let j = 0; limit !== Infinity && j < dim; j++) if (!within(target[o + j], limit)) return o - base + j;
    }
    o += dim;
  }
  return -1;
}

/**
 * Copies values `[from, dim)` of `v` into `target` at `o`; returns the position of the first value that
 * is not a number strictly within ±`limit` (the values before it are copied), or -1. Kept small and four
 * values per step: it is the hot loop of `number[]` rows (7.68 M values for 10,000 rows of 768), which
 * V8 then optimizes early and runs with a type check and one comparison per value and no call.
 */
function copyNumbers(v: readonly unknown[], target: Float32Array | Float64Array, o: number, from: number, dim: number, limit: number): number {
  let j = from;
  for (; j + 4 <= dim; j += 4) {
    const a = v[j], b = v[j + 1], c = v[j + 2], d = v[j + 3];
    if (!within(a, limit) || !within(b, limit) || !within(c, limit) || !within(d, limit)) break;
    target[o + j] = a as number;
    target[o + j + 1] = b as number;
    target[o + j + 2] = c as number;
    target[o + j + 3] = d as number;
  }
  for (; j < dim; j++) {
    const x = v[j];
    if (!within(x, limit)) return j;
    target[o + j] = x as number;
  }
  return -1;
}

function within(x: unknown, limit: number): boolean {
  return typeof x === 'number' && Math.abs(x) < limit;
}

function wrongLength(field: string, row: number, dim: number, got: number): Error {
  return fieldError(field, row, `expected ${dim} values (the field's dim), got ${got}`);
}

function expectFlatLength(input: FieldInput, length: number, perRow: number): void {
  if (length !== input.numRows * perRow) {
    const want = input.numRows * perRow;
    throw fieldError(input.plan.name, undefined, `expected a flat column of ${input.numRows} rows × ${perRow} = ${want} values, got ${length}`);
  }
}

/** Bytes per row of the byte-packed vector types. */
export function bytesPerRow(type: DataType, dim: number): number {
  switch (type) {
    case DataType.BinaryVector: return dim / 8;
    case DataType.Float16Vector:
    case DataType.BFloat16Vector: return dim * 2;
    default: return dim; // Int8Vector
  }
}


/**
 * True when a Float16Vector or BFloat16Vector field is given as numbers: a flat Float32Array column, or
 * rows that are all number[], Float32Array or Float64Array (nulls aside), which `stagePackedVectors` can
 * then leave for vector-fill.ts to convert straight into the request bytes.
 */
export function halfNumbers(input: FieldInput): boolean {
  const { plan, column, values, numRows } = input;
  if (plan.type !== DataType.Float16Vector && plan.type !== DataType.BFloat16Vector) return false;
  if (column !== undefined && !Array.isArray(column)) return column instanceof Float32Array;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (!isNull(v) && !Array.isArray(v) && !(v instanceof Float32Array) && !(v instanceof Float64Array)) return false;
  }
  return true;
}

/**
 * Stages BinaryVector, Float16Vector, BFloat16Vector and Int8Vector fields. Raw bytes
 * (`Uint8Array`, or `Int8Array` for int8) are copied as they are; numbers are staged as f64 and
 * converted by the core: float16/bfloat16 with round-to-nearest-even, int8 with
 * a range check. Binary vectors given as number[] must hold byte values. With `fillLater` (float16 or
 * bfloat16 numbers, see `halfNumbers`) only the rows' or the column's lengths are checked here: the field
 * is staged as byte rows with data pointer 0, and vector-fill.ts converts the numbers into the request.
 */
export function stagePackedVectors(heap: Heap, input: FieldInput, count: number, fillLater: boolean): void {
  const { plan, numRows, column, values, desc } = input;
  const dim = plan.dim;
  const rowBytes = bytesPerRow(plan.type, dim);
  setWord(heap, desc, L.F_WIRE_FIELD, fieldKind(plan.type)?.wire ?? 0);
  setWord(heap, desc, L.F_DIM, dim);
  if (fillLater) {
    if (column instanceof Float32Array) expectFlatLength(input, column.length, dim);
    else for (let r = 0; r < numRows; r++) vectorRow(input, r, dim);
    setWord(heap, desc, L.F_KIND, L.K_BYTES_VEC);
    setWord(heap, desc, L.F_DATA_PTR, 0);
    setWord(heap, desc, L.F_ROW_BYTES, rowBytes);
    return;
  }
  const flat = count === numRows && ArrayBuffer.isView(column) ? column : undefined;
  if (flat instanceof Uint8Array || flat instanceof Int8Array) {
    expectFlatLength(input, flat.length, rowBytes);
    return stageRawBytes(heap, input, new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength), rowBytes);
  }
  // (A flat Float32Array of a float16/bfloat16 field never gets here: `halfNumbers` sends it to the fill.)
  const half = plan.type === DataType.Float16Vector || plan.type === DataType.BFloat16Vector;
  if (half && mixesBytesAndNumbers(values, numRows)) {
    // Rows may differ in form (as in the SDK and pymilvus): the number rows become bytes with the core's rounding.
    return stageByteRows(heap, { ...input, values: halfRowsAsBytes(input) }, count, rowBytes);
  }
  const first = firstNonNull(values, numRows);
  const rawBytes = first instanceof Uint8Array || (first instanceof Int8Array && !hasNumberRows(values, numRows));
  if (rawBytes || plan.type === DataType.BinaryVector) {
    return stageByteRows(heap, input, count, rowBytes);
  }
  const ptr = heap.alloc(count * dim * 8);
  copyNumberRows(heap.f64, ptr >> 3, input, dim);
  const kind = plan.type === DataType.Float16Vector ? L.K_F16_FROM_F64 : plan.type === DataType.BFloat16Vector ? L.K_BF16_FROM_F64 : L.K_INT8_FROM_F64;
  setWord(heap, desc, L.F_KIND, kind);
  setWord(heap, desc, L.F_DATA_PTR, ptr);
}

/** True when some rows are packed bytes and others numbers. */
function mixesBytesAndNumbers(values: ArrayLike<unknown>, n: number): boolean {
  let bytes = false;
  let numbers = false;
  for (let r = 0; r < n && !(bytes && numbers); r++) {
    const v = values[r];
    if (v instanceof Uint8Array) bytes = true;
    else if (!isNull(v)) numbers = true;
  }
  return bytes && numbers;
}

/**
 * The rows of a float16/bfloat16 field as packed bytes: byte rows as they are, number rows converted as the
 * core converts them (round to nearest even straight from the double), with the core's checks and messages.
 */
function halfRowsAsBytes(input: FieldInput): unknown[] {
  const { plan, values, numRows } = input;
  const f16 = plan.type === DataType.Float16Vector;
  const out = new Array<unknown>(numRows);
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v) || v instanceof Uint8Array) {
      out[r] = v;
      continue;
    }
    if (!Array.isArray(v) && !(v instanceof Float32Array) && !(v instanceof Float64Array)) {
      throw invalid(plan.name, input.rowBase + r, `a vector of ${plan.dim} numbers or its ${plan.dim * 2} packed bytes`, v);
    }
    if (v.length !== plan.dim) throw wrongLength(plan.name, input.rowBase + r, plan.dim, v.length);
    const bits = new Uint16Array(plan.dim); // host byte order: little-endian, as every typed-array view of the heap here assumes
    const j = halvesFromRow(v, bits, 0, plan.dim, f16);
    if (j >= 0) {
      const x = v[j];
      const expected = typeof x !== 'number' || !Number.isFinite(x) ? 'finite numbers' : f16 ? 'values within the float16 range (±65504)' : 'values within the bfloat16 range (±3.3895314e38)';
      throw invalid(plan.name, input.rowBase + r, expected, x, ` at position ${j}`);
    }
    out[r] = new Uint8Array(bits.buffer);
  }
  return out;
}

/** True if some row is a number[] (int8 rows then go through the checked numeric path). */
function hasNumberRows(values: ArrayLike<unknown>, n: number): boolean {
  for (let r = 0; r < n; r++) if (Array.isArray(values[r])) return true;
  return false;
}

function firstNonNull(values: ArrayLike<unknown>, n: number): unknown {
  for (let r = 0; r < n; r++) if (!isNull(values[r])) return values[r];
  return undefined;
}

function stageRawBytes(heap: Heap, input: FieldInput, bytes: Uint8Array, rowBytes: number): void {
  const ptr = heap.alloc(bytes.length);
  heap.u8.set(bytes, ptr);
  setWord(heap, input.desc, L.F_KIND, L.K_BYTES_VEC);
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
  setWord(heap, input.desc, L.F_ROW_BYTES, rowBytes);
}

/**
 * Stages byte rows: typed arrays are copied; number[] rows are accepted for binary (0..255) and
 * int8 (-128..127) vectors and checked here, since they are a small, rare path.
 */
function stageByteRows(heap: Heap, input: FieldInput, count: number, rowBytes: number): void {
  const { values, numRows, plan } = input;
  const ptr = heap.alloc(count * rowBytes);
  const u8 = heap.u8;
  const [lo, hi] = plan.type === DataType.Int8Vector ? [-128, 127] : [0, 255];
  const numbersAllowed = plan.type === DataType.BinaryVector || plan.type === DataType.Int8Vector;
  let o = ptr;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v)) continue;
    if (v instanceof Uint8Array || v instanceof Int8Array) {
      if (v.length !== rowBytes) throw fieldError(plan.name, input.rowBase + r, `expected ${rowBytes} bytes (dim ${plan.dim}), got ${v.length}`);
      u8.set(v instanceof Int8Array ? new Uint8Array(v.buffer, v.byteOffset, v.length) : v, o);
    } else if (Array.isArray(v) && numbersAllowed) {
      if (v.length !== rowBytes) throw fieldError(plan.name, input.rowBase + r, `expected ${rowBytes} values (dim ${plan.dim}), got ${v.length}`);
      for (let j = 0; j < rowBytes; j++) {
        const x = v[j];
        if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi) {
          throw invalid(plan.name, input.rowBase + r, `integers in ${lo}..${hi}`, x, ` at position ${j}`);
        }
        u8[o + j] = x & 0xff;
      }
    } else {
      const form = numbersAllowed ? 'a Uint8Array or number[]' : 'a Uint8Array of raw bytes, like the other rows of this field';
      throw invalid(plan.name, input.rowBase + r, `${rowBytes} bytes as ${form}`, v);
    }
    o += rowBytes;
  }
  setWord(heap, input.desc, L.F_KIND, L.K_BYTES_VEC);
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
  setWord(heap, input.desc, L.F_ROW_BYTES, rowBytes);
}
