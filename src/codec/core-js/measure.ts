/**
 * The measure pass of the TypeScript core: validates every staged value, converts float16,
 * bfloat16 and int8 vectors in place, sorts sparse rows, and records each message's size in the
 * field descriptors for the write pass. Mirrors assembly/measure.ts.
 */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { toBFloat16Bits, toFloat16Bits } from './half.js';
import { sizeDelimited, sizeInt32, sizeVarint32, sizeVarint64 } from './wire.js';

const INT_RANGES: Record<number, [number, number]> = {
  2: [-128, 127], // Int8
  3: [-32768, 32767], // Int16
  4: [-2147483648, 2147483647], // Int32
};

/** Thrown inside the pass to stop at the first error; carries the error record. */
export class CoreFailure {
  constructor(readonly code: number, readonly field: number, readonly index: number, readonly element: number, readonly member = -1) {}

  /** The same failure, inside member `m` of an Array-of-Struct field. */
  inMember(m: number): CoreFailure {
    return new CoreFailure(this.code, this.field, this.index, this.element, m);
  }

  /**
   * The same failure re-pointed from vector `index` of a flat run (element = component) to the row owning
   * it: index = the row, element = component + dim × the vector's position within the row.
   */
  inVectorRows(u32: Uint32Array, offsets: number, rows: number, dim: number): CoreFailure {
    let k = 0;
    while (k + 1 < rows && u32[(offsets >> 2) + k + 1]! <= this.index) k++;
    const within = this.index - u32[(offsets >> 2) + k]!;
    return new CoreFailure(this.code, this.field, k, within * dim + this.element, this.member);
  }
}

/** Runs the measure pass over the staged request at `header`; returns the request size or throws `CoreFailure`. */
export function measureRequest(heap: Heap, header: number): number {
  const i32 = heap.i32;
  const h = header >> 2;
  const numFields = i32[h + L.H_NUM_FIELDS];
  const fieldsPtr = i32[h + L.H_FIELDS_PTR];
  let size = 0;
  for (let i = 0; i < numFields; i++) {
    size += sizeDelimited(measureField(heap, fieldsPtr + i * L.FD_WORDS * 4, i));
  }
  for (const w of [L.H_DB_LEN, L.H_COLL_LEN, L.H_PART_LEN]) {
    if (i32[h + w] > 0) size += sizeDelimited(i32[h + w]);
  }
  if (i32[h + L.H_NUM_ROWS] !== 0) size += 1 + sizeVarint32(i32[h + L.H_NUM_ROWS]);
  if (i32[h + L.H_TS_LO] !== 0 || i32[h + L.H_TS_HI] !== 0) size += 1 + sizeVarint64(i32[h + L.H_TS_LO], i32[h + L.H_TS_HI]);
  if (i32[h + L.H_KIND] === L.REQUEST_UPSERT && i32[h + L.H_PARTIAL_UPDATE] !== 0) size += 2;
  return size;
}

/** The FieldData field its payload goes in: `struct_arrays`, `vectors` or `scalars`. */
export function innerFieldNumber(kind: number): number {
  return kind === L.K_STRUCT ? L.FIELD_STRUCT_ARRAYS : (kind >= L.K_FLOAT_VEC && kind <= L.K_SPARSE) || kind === L.K_VECTOR_ARRAY ? 4 : 3;
}

function measureField(heap: Heap, desc: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const d = desc >> 2;
  const kind = i32[d + L.F_KIND];
  const inner = kind === L.K_STRUCT ? measureStruct(heap, d, fieldIndex)
    : kind === L.K_VECTOR_ARRAY ? measureVectorArray(heap, d, fieldIndex)
    : kind >= L.K_FLOAT_VEC && kind <= L.K_SPARSE ? measureVector(heap, d, fieldIndex) : measureScalar(heap, d, fieldIndex);
  i32[d + L.F_INNER_SIZE] = inner;
  const numRows = i32[d + L.F_NUM_ROWS];
  let body = 1 + sizeVarint32(i32[d + L.F_DATA_TYPE]) + sizeDelimited(i32[d + L.F_NAME_LEN]);
  if (!omitsInner(kind, i32[d + L.F_COUNT])) body += sizeDelimited(inner);
  if (i32[d + L.F_IS_DYNAMIC] !== 0) body += 2;
  if (i32[d + L.F_VALID_PTR] !== 0 && numRows > 0) body += sizeDelimited(numRows);
  i32[d + L.F_BODY_SIZE] = body;
  return body;
}

/** pymilvus sends no `vectors` at all for a sparse field, or a struct's vector member, whose rows are all null. */
export function omitsInner(kind: number, count: number): boolean {
  return (kind === L.K_SPARSE || kind === L.K_VECTOR_ARRAY) && count === 0;
}

/** StructArrayField size: one FieldData per member, each measured as a field of its own. */
function measureStruct(heap: Heap, d: number, fieldIndex: number): number {
  const members = heap.i32[d + L.F_DATA_PTR];
  let size = 0;
  for (let m = 0; m < heap.i32[d + L.F_NUM_MEMBERS]; m++) {
    try {
      size += sizeDelimited(measureField(heap, members + m * L.FD_WORDS * 4, fieldIndex));
    } catch (e) {
      throw e instanceof CoreFailure ? e.inMember(m) : e;
    }
  }
  return size;
}

/**
 * A struct's vector member: validates (and converts) every vector, then sizes one VectorField per row
 * inside a VectorArray { dim, data, element_type }. Returns the outer VectorField size.
 */
function measureVectorArray(heap: Heap, d: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const u32 = heap.u32;
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR];
  const elemKind = i32[d + L.F_ELEM_KIND];
  const dim = i32[d + L.F_DIM];
  const data = i32[d + L.F_DATA_PTR];
  const limit = i32[d + L.F_LIMIT];
  const vectorsOf = (k: number) => u32[(offsets >> 2) + k + 1]! - u32[(offsets >> 2) + k]!;
  for (let k = 0; k < count; k++) {
    if (limit > 0 && vectorsOf(k) > limit) throw new CoreFailure(L.ERR_ARRAY_TOO_LONG, fieldIndex, k, vectorsOf(k));
  }
  const n = u32[(offsets >> 2) + count]!;
  let rowBytes: number;
  try {
    if (elemKind === L.K_FLOAT_VEC) {
      const f32 = heap.f32;
      for (let j = 0; j < n * dim; j++) {
        if (!Number.isFinite(f32[(data >> 2) + j])) throw new CoreFailure(L.ERR_NOT_FINITE, fieldIndex, Math.floor(j / dim), j % dim);
      }
      rowBytes = dim * 4;
    } else if (elemKind === L.K_BYTES_VEC) {
      rowBytes = i32[d + L.F_ROW_BYTES];
    } else {
      convertInPlace(heap, elemKind, data, n, dim, fieldIndex);
      rowBytes = elemKind === L.K_INT8_FROM_F64 ? dim : dim * 2;
    }
  } catch (e) {
    throw e instanceof CoreFailure ? e.inVectorRows(u32, offsets, count, dim) : e;
  }
  i32[d + L.F_ROW_BYTES] = rowBytes;
  const dimSize = 1 + sizeVarint64(dim, 0);
  const scratch = i32[d + L.F_SCRATCH_PTR] >> 2;
  let rows = 0;
  for (let k = 0; k < count; k++) {
    const payload = vectorsOf(k) * rowBytes;
    const inner = dimSize + sizeDelimited(elemKind === L.K_FLOAT_VEC ? packedMessageSize(payload) : payload);
    u32[scratch + k] = inner;
    rows += sizeDelimited(inner);
  }
  const vectorArray = dimSize + rows + 1 + sizeVarint32(i32[d + L.F_ELEM_TYPE]);
  i32[d + L.F_DATA_SIZE] = vectorArray;
  return sizeDelimited(vectorArray);
}

/** Size of the ScalarField message; stores the data message size in F_DATA_SIZE. */
function measureScalar(heap: Heap, d: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const kind = i32[d + L.F_KIND];
  const count = i32[d + L.F_COUNT];
  const data = i32[d + L.F_DATA_PTR];
  let dataSize: number;
  if (kind === L.K_STRING) {
    dataSize = measureStrings(heap, i32[d + L.F_OFFSETS_PTR], 0, count, i32[d + L.F_LIMIT], fieldIndex, -1);
  } else if (kind === L.K_ARRAY) {
    dataSize = measureArrayRows(heap, d, fieldIndex);
  } else {
    const payload = measurePacked(heap, kind, i32[d + L.F_DATA_TYPE], data, 0, count, fieldIndex, -1);
    i32[d + L.F_PAYLOAD_SIZE] = payload;
    dataSize = packedMessageSize(payload);
  }
  i32[d + L.F_DATA_SIZE] = dataSize;
  return sizeDelimited(dataSize);
}

/** A packed repeated field `data = 1` holding `payload` bytes; empty when there is nothing. */
export function packedMessageSize(payload: number): number {
  return payload === 0 ? 0 : sizeDelimited(payload);
}

/**
 * Validates values [from, to) of a fixed-layout column and returns their packed payload size.
 * `row` is -1 for a field's own values (index = value index) or the array row they belong to.
 */
function measurePacked(heap: Heap, kind: number, dataType: number, data: number, from: number, to: number, fieldIndex: number, row: number): number {
  const fail = (code: number, k: number): CoreFailure => (row < 0 ? new CoreFailure(code, fieldIndex, k, 0) : new CoreFailure(code, fieldIndex, row, k - from));
  switch (kind) {
    case L.K_BOOL:
      return to - from;
    case L.K_INT32: {
      const f64 = heap.f64;
      const [lo, hi] = INT_RANGES[dataType];
      let size = 0;
      for (let k = from; k < to; k++) {
        const v = f64[(data >> 3) + k];
        if (!Number.isInteger(v)) throw fail(Number.isFinite(v) ? L.ERR_NOT_INTEGER : L.ERR_NOT_FINITE, k);
        if (v < lo || v > hi) throw fail(L.ERR_INT_RANGE, k);
        size += sizeInt32(v);
      }
      return size;
    }
    case L.K_INT64: {
      const w = heap.i32;
      let size = 0;
      for (let k = from; k < to; k++) size += sizeVarint64(w[(data >> 2) + 2 * k], w[(data >> 2) + 2 * k + 1]);
      return size;
    }
    case L.K_FLOAT: {
      const f64 = heap.f64;
      for (let k = from; k < to; k++) {
        const v = f64[(data >> 3) + k];
        if (!Number.isFinite(v)) throw fail(L.ERR_NOT_FINITE, k);
        if (!Number.isFinite(Math.fround(v))) throw fail(L.ERR_FLOAT_RANGE, k);
      }
      return 4 * (to - from);
    }
    default: {
      const f64 = heap.f64;
      for (let k = from; k < to; k++) if (!Number.isFinite(f64[(data >> 3) + k])) throw fail(L.ERR_NOT_FINITE, k);
      return 8 * (to - from);
    }
  }
}

/** Size of a `repeated string/bytes data = 1` message over strings [from, to); checks the byte limit. */
function measureStrings(heap: Heap, offsets: number, from: number, to: number, limit: number, fieldIndex: number, row: number): number {
  const u32 = heap.u32;
  let size = 0;
  for (let k = from; k < to; k++) {
    const len = u32[(offsets >> 2) + k + 1] - u32[(offsets >> 2) + k];
    if (limit > 0 && len > limit) {
      throw row < 0 ? new CoreFailure(L.ERR_STRING_TOO_LONG, fieldIndex, k, len) : new CoreFailure(L.ERR_STRING_TOO_LONG, fieldIndex, row, k - from);
    }
    size += sizeDelimited(len);
  }
  return size;
}

/**
 * ArrayArray size: one ScalarField per row plus the element type. Scratch keeps, per row, the packed
 * payload size (numeric and bool elements) or the StringArray body size (strings).
 */
function measureArrayRows(heap: Heap, d: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR];
  const scratch = i32[d + L.F_SCRATCH_PTR];
  const elemKind = i32[d + L.F_ELEM_KIND];
  const elemType = i32[d + L.F_ELEM_TYPE];
  const data = i32[d + L.F_DATA_PTR];
  const limit = i32[d + L.F_LIMIT];
  let size = 0;
  for (let k = 0; k < count; k++) {
    const from = heap.u32[(offsets >> 2) + k];
    const to = heap.u32[(offsets >> 2) + k + 1];
    if (limit > 0 && to - from > limit) throw new CoreFailure(L.ERR_ARRAY_TOO_LONG, fieldIndex, k, to - from);
    const isString = elemKind === L.K_STRING;
    const part = isString
      ? measureStrings(heap, i32[d + L.F_AUX_PTR], from, to, i32[d + L.F_ELEM_LIMIT], fieldIndex, k)
      : measurePacked(heap, elemKind, elemType, data, from, to, fieldIndex, k);
    heap.u32[(scratch >> 2) + k] = part;
    size += sizeDelimited(sizeDelimited(isString ? part : packedMessageSize(part)));
  }
  return size;
}

/** Size of the VectorField message; converts and validates the staged values. */
function measureVector(heap: Heap, d: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const kind = i32[d + L.F_KIND];
  const count = i32[d + L.F_COUNT];
  const dim = i32[d + L.F_DIM];
  const data = i32[d + L.F_DATA_PTR];
  let dataPart: number;
  let dimValue = dim;
  if (kind === L.K_SPARSE) {
    const sfa = measureSparse(heap, d, fieldIndex);
    i32[d + L.F_DATA_SIZE] = sfa;
    dimValue = 0;
    dataPart = sizeDelimited(sfa);
  } else if (kind === L.K_FLOAT_VEC) {
    const f32 = heap.f32;
    const n = count * dim;
    const checked = data === 0 ? 0 : n; // data 0: filled (and checked) by the caller
    for (let j = 0; j < checked; j++) {
      if (!Number.isFinite(f32[(data >> 2) + j])) throw new CoreFailure(L.ERR_NOT_FINITE, fieldIndex, Math.floor(j / dim), j % dim);
    }
    const floatArray = packedMessageSize(n * 4);
    i32[d + L.F_DATA_SIZE] = floatArray;
    dataPart = count === 0 ? 0 : sizeDelimited(floatArray);
  } else {
    const payload = kind === L.K_BYTES_VEC ? count * i32[d + L.F_ROW_BYTES] : convertInPlace(heap, kind, data, count, dim, fieldIndex);
    i32[d + L.F_PAYLOAD_SIZE] = payload;
    dataPart = count === 0 ? 0 : sizeDelimited(payload);
  }
  return (dimValue > 0 ? 1 + sizeVarint64(dimValue, 0) : 0) + dataPart;
}

/** Converts staged f64 values to float16, bfloat16 or int8 bytes at the start of the same buffer. */
function convertInPlace(heap: Heap, kind: number, data: number, count: number, dim: number, fieldIndex: number): number {
  const n = count * dim;
  const src = heap.f64;
  const base = data >> 3;
  const fail = (code: number, j: number) => new CoreFailure(code, fieldIndex, Math.floor(j / dim), j % dim);
  if (kind === L.K_INT8_FROM_F64) {
    const u8 = heap.u8;
    for (let j = 0; j < n; j++) {
      const v = src[base + j];
      if (!Number.isInteger(v)) throw fail(Number.isFinite(v) ? L.ERR_NOT_INTEGER : L.ERR_NOT_FINITE, j);
      if (v < -128 || v > 127) throw fail(L.ERR_INT_RANGE, j);
      u8[data + j] = v & 0xff;
    }
    return n;
  }
  const half = kind === L.K_F16_FROM_F64;
  const u8 = heap.u8;
  for (let j = 0; j < n; j++) {
    const v = src[base + j];
    if (!Number.isFinite(v)) throw fail(L.ERR_NOT_FINITE, j);
    const bits = half ? toFloat16Bits(v) : toBFloat16Bits(v);
    if (bits < 0) throw fail(half ? L.ERR_F16_OVERFLOW : L.ERR_BF16_OVERFLOW, j);
    u8[data + 2 * j] = bits & 0xff;
    u8[data + 2 * j + 1] = bits >>> 8;
  }
  return n * 2;
}

/** Sorts each sparse row by index, validates it, and returns the SparseFloatArray size. */
function measureSparse(heap: Heap, d: number, fieldIndex: number): number {
  const i32 = heap.i32;
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR] >> 2;
  const idx = i32[d + L.F_DATA_PTR] >> 3;
  const val = i32[d + L.F_AUX_PTR] >> 3;
  const scratch = i32[d + L.F_SCRATCH_PTR] >> 2;
  const f64 = heap.f64;
  const u32 = heap.u32;
  let size = 0;
  for (let k = 0; k < count; k++) {
    const from = u32[offsets + k];
    const to = u32[offsets + k + 1];
    // Rows whose indices already rise strictly (the usual case) need neither the sort nor the duplicate check.
    let rising = true;
    let prev = -1;
    for (let e = from; e < to; e++) {
      const i = f64[idx + e];
      if (!(Number.isInteger(i) && i >= 0 && i < 4294967295)) throw new CoreFailure(L.ERR_SPARSE_INDEX, fieldIndex, k, e - from);
      const v = f64[val + e];
      if (!Number.isFinite(v)) throw new CoreFailure(L.ERR_NOT_FINITE, fieldIndex, k, e - from);
      if (!Number.isFinite(Math.fround(v))) throw new CoreFailure(L.ERR_FLOAT_RANGE, fieldIndex, k, e - from);
      if (i <= prev) rising = false;
      prev = i;
    }
    if (!rising) {
      sortRow(f64, idx + from, val + from, to - from);
      for (let e = from + 1; e < to; e++) {
        if (f64[idx + e] === f64[idx + e - 1]) throw new CoreFailure(L.ERR_SPARSE_DUPLICATE, fieldIndex, k, f64[idx + e]);
      }
    }
    const rowBytes = (to - from) * 8;
    u32[scratch + k] = rowBytes;
    size += sizeDelimited(rowBytes);
  }
  // pymilvus sends neither SparseFloatArray.dim nor VectorField.dim: the server derives it.
  return size;
}

/** Sorts (index, value) pairs by index: insertion sort for short rows, heapsort beyond. */
function sortRow(f64: Float64Array, idx: number, val: number, n: number): void {
  let sorted = true;
  for (let a = 1; a < n && sorted; a++) sorted = f64[idx + a - 1] <= f64[idx + a];
  if (sorted) return;
  if (n <= 16) {
    for (let a = 1; a < n; a++) {
      const key = f64[idx + a];
      const v = f64[val + a];
      let b = a - 1;
      while (b >= 0 && f64[idx + b] > key) {
        f64[idx + b + 1] = f64[idx + b];
        f64[val + b + 1] = f64[val + b];
        b--;
      }
      f64[idx + b + 1] = key;
      f64[val + b + 1] = v;
    }
    return;
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(f64, idx, val, start, n);
  for (let end = n - 1; end > 0; end--) {
    swap(f64, idx, val, 0, end);
    siftDown(f64, idx, val, 0, end);
  }
}

function siftDown(f64: Float64Array, idx: number, val: number, root: number, n: number): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && f64[idx + child + 1] > f64[idx + child]) child++;
    if (f64[idx + root] >= f64[idx + child]) return;
    swap(f64, idx, val, root, child);
    root = child;
  }
}

function swap(f64: Float64Array, idx: number, val: number, a: number, b: number): void {
  const i = f64[idx + a];
  f64[idx + a] = f64[idx + b];
  f64[idx + b] = i;
  const v = f64[val + a];
  f64[val + a] = f64[val + b];
  f64[val + b] = v;
}
