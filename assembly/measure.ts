// The measure pass: validates every staged value, converts float16 / bfloat16 / int8 vectors in
// place, sorts sparse rows, and records message sizes in the descriptors. Returns -1 on the first
// failure (see fail.ts). Mirrors src/codec/core-js/measure.ts.
import * as L from '../src/codec/layout';
import { firstNonFiniteF32, firstNonFiniteF64 } from './checks';
import { setWord, word } from './descriptor';
import { fail, failInVectorRows, setErrorMember } from './fail';
import { toBFloat16Bits, toFloat16Bits } from './half';
import { sortSparseRow } from './sort';
import { sizeDelimited, sizeInt32, sizeVarint32, sizeVarint64 } from './wire';

export function measureRequest(h: usize): i32 {
  const numFields = word(h, L.H_NUM_FIELDS);
  const fields = <usize>word(h, L.H_FIELDS_PTR);
  let size = 0;
  for (let i = 0; i < numFields; i++) {
    const body = measureField(fields + <usize>(i * L.FD_WORDS * 4), i);
    if (body < 0) return -1;
    size += sizeDelimited(body);
  }
  if (word(h, L.H_DB_LEN) > 0) size += sizeDelimited(word(h, L.H_DB_LEN));
  if (word(h, L.H_COLL_LEN) > 0) size += sizeDelimited(word(h, L.H_COLL_LEN));
  if (word(h, L.H_PART_LEN) > 0) size += sizeDelimited(word(h, L.H_PART_LEN));
  if (word(h, L.H_NUM_ROWS) != 0) size += 1 + sizeVarint32(<u32>word(h, L.H_NUM_ROWS));
  const ts = timestamp(h);
  if (ts != 0) size += 1 + sizeVarint64(ts);
  if (word(h, L.H_KIND) == L.REQUEST_UPSERT && word(h, L.H_PARTIAL_UPDATE) != 0) size += 2;
  return size;
}

@inline export function timestamp(h: usize): u64 {
  const lo: u64 = load<u32>(h + (<usize>L.H_TS_LO << 2));
  const hi: u64 = load<u32>(h + (<usize>L.H_TS_HI << 2));
  return (hi << 32) | lo;
}

@inline export function isVectorKind(kind: i32): bool {
  return kind >= L.K_FLOAT_VEC && kind <= L.K_SPARSE;
}

/** The FieldData field its payload goes in: `struct_arrays`, `vectors` or `scalars`. */
@inline export function innerFieldNumber(kind: i32): i32 {
  return kind == L.K_STRUCT ? L.FIELD_STRUCT_ARRAYS : isVectorKind(kind) || kind == L.K_VECTOR_ARRAY ? 4 : 3;
}

function measureField(d: usize, fieldIndex: i32): i32 {
  const kind = word(d, L.F_KIND);
  const inner = kind == L.K_STRUCT ? measureStruct(d, fieldIndex)
    : kind == L.K_VECTOR_ARRAY ? measureVectorArray(d, fieldIndex)
    : isVectorKind(kind) ? measureVector(d, fieldIndex) : measureScalar(d, fieldIndex);
  if (inner < 0) return -1;
  setWord(d, L.F_INNER_SIZE, inner);
  const numRows = word(d, L.F_NUM_ROWS);
  let body = 1 + sizeVarint32(<u32>word(d, L.F_DATA_TYPE)) + sizeDelimited(word(d, L.F_NAME_LEN));
  if (!omitsInner(kind, word(d, L.F_COUNT))) body += sizeDelimited(inner);
  if (word(d, L.F_IS_DYNAMIC) != 0) body += 2;
  if (word(d, L.F_VALID_PTR) != 0 && numRows > 0) body += sizeDelimited(numRows);
  setWord(d, L.F_BODY_SIZE, body);
  return body;
}

/** pymilvus sends no `vectors` at all for a sparse field, or a struct's vector member, whose rows are all null. */
@inline export function omitsInner(kind: i32, count: i32): bool {
  return (kind == L.K_SPARSE || kind == L.K_VECTOR_ARRAY) && count == 0;
}

/** StructArrayField size: one FieldData per member, each measured as a field of its own. */
function measureStruct(d: usize, fieldIndex: i32): i32 {
  const members = <usize>word(d, L.F_DATA_PTR);
  const n = word(d, L.F_NUM_MEMBERS);
  let size = 0;
  for (let m = 0; m < n; m++) {
    setErrorMember(m);
    const body = measureField(members + <usize>(m * L.FD_WORDS * 4), fieldIndex);
    if (body < 0) return -1;
    size += sizeDelimited(body);
  }
  setErrorMember(-1);
  return size;
}

/**
 * A struct's vector member: validates (and converts) every vector, then sizes one VectorField per row
 * inside a VectorArray { dim, data, element_type }. Returns the outer VectorField size.
 */
function measureVectorArray(d: usize, fieldIndex: i32): i32 {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const scratch = <usize>word(d, L.F_SCRATCH_PTR);
  const elemKind = word(d, L.F_ELEM_KIND);
  const dim = word(d, L.F_DIM);
  const data = <usize>word(d, L.F_DATA_PTR);
  const limit = word(d, L.F_LIMIT);
  const n = word(offsets, count);
  for (let k = 0; k < count; k++) {
    const vectors = word(offsets, k + 1) - word(offsets, k);
    if (limit > 0 && vectors > limit) return fail(L.ERR_ARRAY_TOO_LONG, fieldIndex, k, vectors);
  }
  let rowBytes: i32;
  if (elemKind == L.K_FLOAT_VEC) {
    const bad = firstNonFiniteF32(data, n * dim);
    if (bad >= 0) {
      fail(L.ERR_NOT_FINITE, fieldIndex, bad / dim, bad % dim);
      return failInVectorRows(offsets, count, dim);
    }
    rowBytes = dim * 4;
  } else if (elemKind == L.K_BYTES_VEC) {
    rowBytes = word(d, L.F_ROW_BYTES);
  } else {
    if (convertInPlace(elemKind, data, n, dim, fieldIndex) < 0) return failInVectorRows(offsets, count, dim);
    rowBytes = elemKind == L.K_INT8_FROM_F64 ? dim : dim * 2;
  }
  setWord(d, L.F_ROW_BYTES, rowBytes);
  const dimSize = 1 + sizeVarint64(<u64>dim);
  let rows = 0;
  for (let k = 0; k < count; k++) {
    const payload = (word(offsets, k + 1) - word(offsets, k)) * rowBytes;
    const inner = dimSize + sizeDelimited(elemKind == L.K_FLOAT_VEC ? packedMessageSize(payload) : payload);
    store<i32>(scratch + (<usize>k << 2), inner);
    rows += sizeDelimited(inner);
  }
  const vectorArray = dimSize + rows + 1 + sizeVarint32(<u32>word(d, L.F_ELEM_TYPE));
  setWord(d, L.F_DATA_SIZE, vectorArray);
  return sizeDelimited(vectorArray);
}

@inline export function packedMessageSize(payload: i32): i32 {
  return payload == 0 ? 0 : sizeDelimited(payload);
}

function measureScalar(d: usize, fieldIndex: i32): i32 {
  const kind = word(d, L.F_KIND);
  const count = word(d, L.F_COUNT);
  let dataSize: i32;
  if (kind == L.K_STRING) {
    dataSize = measureStrings(<usize>word(d, L.F_OFFSETS_PTR), 0, count, word(d, L.F_LIMIT), fieldIndex, -1);
  } else if (kind == L.K_ARRAY) {
    dataSize = measureArrayRows(d, fieldIndex);
  } else {
    const payload = measurePacked(kind, word(d, L.F_DATA_TYPE), <usize>word(d, L.F_DATA_PTR), 0, count, fieldIndex, -1);
    if (payload < 0) return -1;
    setWord(d, L.F_PAYLOAD_SIZE, payload);
    dataSize = packedMessageSize(payload);
  }
  if (dataSize < 0) return -1;
  setWord(d, L.F_DATA_SIZE, dataSize);
  return sizeDelimited(dataSize);
}

@inline function failAt(code: i32, fieldIndex: i32, row: i32, k: i32, from: i32): i32 {
  return row < 0 ? fail(code, fieldIndex, k, 0) : fail(code, fieldIndex, row, k - from);
}

function intRangeLow(dataType: i32): f64 {
  return dataType == 2 ? -128.0 : dataType == 3 ? -32768.0 : -2147483648.0;
}

function intRangeHigh(dataType: i32): f64 {
  return dataType == 2 ? 127.0 : dataType == 3 ? 32767.0 : 2147483647.0;
}

function measurePacked(kind: i32, dataType: i32, data: usize, from: i32, to: i32, fieldIndex: i32, row: i32): i32 {
  if (kind == L.K_BOOL) return to - from;
  if (kind == L.K_INT32) {
    const lo = intRangeLow(dataType);
    const hi = intRangeHigh(dataType);
    let size = 0;
    for (let k = from; k < to; k++) {
      const v = load<f64>(data + (<usize>k << 3));
      if (v - v != 0) return failAt(L.ERR_NOT_FINITE, fieldIndex, row, k, from);
      if (v != trunc<f64>(v)) return failAt(L.ERR_NOT_INTEGER, fieldIndex, row, k, from);
      if (v < lo || v > hi) return failAt(L.ERR_INT_RANGE, fieldIndex, row, k, from);
      size += sizeInt32(<i32>v);
    }
    return size;
  }
  if (kind == L.K_INT64) {
    let size = 0;
    for (let k = from; k < to; k++) size += sizeVarint64(load<u64>(data + (<usize>k << 3)));
    return size;
  }
  if (kind == L.K_FLOAT) {
    for (let k = from; k < to; k++) {
      const v = load<f64>(data + (<usize>k << 3));
      if (v - v != 0) return failAt(L.ERR_NOT_FINITE, fieldIndex, row, k, from);
      const f = <f32>v;
      if (f - f != 0) return failAt(L.ERR_FLOAT_RANGE, fieldIndex, row, k, from);
    }
    return 4 * (to - from);
  }
  const bad = firstNonFiniteF64(data + (<usize>from << 3), to - from);
  if (bad >= 0) return failAt(L.ERR_NOT_FINITE, fieldIndex, row, from + bad, from);
  return 8 * (to - from);
}

function measureStrings(offsets: usize, from: i32, to: i32, limit: i32, fieldIndex: i32, row: i32): i32 {
  let size = 0;
  for (let k = from; k < to; k++) {
    const len = word(offsets, k + 1) - word(offsets, k);
    if (limit > 0 && len > limit) {
      return row < 0 ? fail(L.ERR_STRING_TOO_LONG, fieldIndex, k, len) : fail(L.ERR_STRING_TOO_LONG, fieldIndex, row, k - from);
    }
    size += sizeDelimited(len);
  }
  return size;
}

function measureArrayRows(d: usize, fieldIndex: i32): i32 {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const scratch = <usize>word(d, L.F_SCRATCH_PTR);
  const elemKind = word(d, L.F_ELEM_KIND);
  const elemType = word(d, L.F_ELEM_TYPE);
  const data = <usize>word(d, L.F_DATA_PTR);
  const limit = word(d, L.F_LIMIT);
  let size = 0;
  for (let k = 0; k < count; k++) {
    const from = word(offsets, k);
    const to = word(offsets, k + 1);
    if (limit > 0 && to - from > limit) return fail(L.ERR_ARRAY_TOO_LONG, fieldIndex, k, to - from);
    const isString = elemKind == L.K_STRING;
    const part = isString
      ? measureStrings(<usize>word(d, L.F_AUX_PTR), from, to, word(d, L.F_ELEM_LIMIT), fieldIndex, k)
      : measurePacked(elemKind, elemType, data, from, to, fieldIndex, k);
    if (part < 0) return -1;
    store<i32>(scratch + (<usize>k << 2), part);
    size += sizeDelimited(sizeDelimited(isString ? part : packedMessageSize(part)));
  }
  return size;
}

function measureVector(d: usize, fieldIndex: i32): i32 {
  const kind = word(d, L.F_KIND);
  const count = word(d, L.F_COUNT);
  const dim = word(d, L.F_DIM);
  const data = <usize>word(d, L.F_DATA_PTR);
  let dataPart: i32;
  let dimValue: u64 = <u64>dim;
  if (kind == L.K_SPARSE) {
    const sfa = measureSparse(d, fieldIndex);
    if (sfa < 0) return -1;
    setWord(d, L.F_DATA_SIZE, sfa);
    dimValue = 0;
    dataPart = sizeDelimited(sfa);
  } else if (kind == L.K_FLOAT_VEC) {
    const n = count * dim;
    const bad = data == 0 ? -1 : firstNonFiniteF32(data, n); // data 0: filled (and checked) by the caller
    if (bad >= 0) return fail(L.ERR_NOT_FINITE, fieldIndex, bad / dim, bad % dim);
    const floatArray = packedMessageSize(n * 4);
    setWord(d, L.F_DATA_SIZE, floatArray);
    dataPart = count == 0 ? 0 : sizeDelimited(floatArray);
  } else {
    const payload = kind == L.K_BYTES_VEC ? count * word(d, L.F_ROW_BYTES) : convertInPlace(kind, data, count, dim, fieldIndex);
    if (payload < 0) return -1;
    setWord(d, L.F_PAYLOAD_SIZE, payload);
    dataPart = count == 0 ? 0 : sizeDelimited(payload);
  }
  return (dimValue > 0 ? 1 + sizeVarint64(dimValue) : 0) + dataPart;
}

function convertInPlace(kind: i32, data: usize, count: i32, dim: i32, fieldIndex: i32): i32 {
  const n = count * dim;
  if (kind == L.K_INT8_FROM_F64) {
    for (let j = 0; j < n; j++) {
      const v = load<f64>(data + (<usize>j << 3));
      if (v - v != 0) return fail(L.ERR_NOT_FINITE, fieldIndex, j / dim, j % dim);
      if (v != trunc<f64>(v)) return fail(L.ERR_NOT_INTEGER, fieldIndex, j / dim, j % dim);
      if (v < -128.0 || v > 127.0) return fail(L.ERR_INT_RANGE, fieldIndex, j / dim, j % dim);
      store<i8>(data + <usize>j, <i8>v);
    }
    return n;
  }
  // One tight loop (reached by Array-of-Struct vector members only); a failure is located by a second, scalar look.
  const half = kind == L.K_F16_FROM_F64;
  const bad = halvesFromF64(data, n, half);
  if (bad < 0) return n * 2;
  const v = load<f64>(data + (<usize>bad << 3));
  const code = v - v != 0 ? L.ERR_NOT_FINITE : half ? L.ERR_F16_OVERFLOW : L.ERR_BF16_OVERFLOW;
  return fail(code, fieldIndex, bad / dim, bad % dim);
}

/**
 * Converts `n` f64 values at `data` to float16 (`half`) or bfloat16 bits written over the front of
 * the same buffer (each u16 lands on bytes already read). Returns the index of the first value that
 * is not finite or overflows, or -1; values before it are converted, later ones untouched.
 */
function halvesFromF64(data: usize, n: i32, half: bool): i32 {
  for (let j = 0; j < n; j++) {
    const v = load<f64>(data + (<usize>j << 3));
    const bits = half ? toFloat16Bits(v) : toBFloat16Bits(v);
    if (v - v != 0 || bits < 0) return j;
    store<u16>(data + (<usize>j << 1), <u16>bits);
  }
  return -1;
}

function measureSparse(d: usize, fieldIndex: i32): i32 {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const idx = <usize>word(d, L.F_DATA_PTR);
  const val = <usize>word(d, L.F_AUX_PTR);
  const scratch = <usize>word(d, L.F_SCRATCH_PTR);
  let size = 0;
  for (let k = 0; k < count; k++) {
    const from = word(offsets, k);
    const to = word(offsets, k + 1);
    // Rows whose indices already rise strictly (the usual case: `{ index: value }` rows list their keys
    // in order) need neither the sort nor the duplicate check.
    let rising = true;
    let prev = -1.0;
    for (let e = from; e < to; e++) {
      const i = load<f64>(idx + (<usize>e << 3));
      if (!(i - i == 0 && i == trunc<f64>(i) && i >= 0 && i < 4294967295.0)) return fail(L.ERR_SPARSE_INDEX, fieldIndex, k, e - from);
      const v = load<f64>(val + (<usize>e << 3));
      if (v - v != 0) return fail(L.ERR_NOT_FINITE, fieldIndex, k, e - from);
      const f = <f32>v;
      if (f - f != 0) return fail(L.ERR_FLOAT_RANGE, fieldIndex, k, e - from);
      if (i <= prev) rising = false;
      prev = i;
    }
    if (!rising) {
      sortSparseRow(idx + (<usize>from << 3), val + (<usize>from << 3), to - from);
      for (let e = from + 1; e < to; e++) {
        const cur = load<f64>(idx + (<usize>e << 3));
        if (cur == load<f64>(idx + (<usize>(e - 1) << 3))) return fail(L.ERR_SPARSE_DUPLICATE, fieldIndex, k, <i32><u32>cur);
      }
    }
    const rowBytes = (to - from) * 8;
    store<i32>(scratch + (<usize>k << 2), rowBytes);
    size += sizeDelimited(rowBytes);
  }
  // pymilvus sends neither SparseFloatArray.dim nor VectorField.dim: the server derives it.
  return size;
}
