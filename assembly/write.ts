// The write pass: writes the measured request at the header's output pointer. Mirrors
// src/codec/core-js/write.ts.
import * as L from '../src/codec/layout';
import { setWord, word } from './descriptor';
import { innerFieldNumber, isVectorKind, omitsInner, packedMessageSize, timestamp } from './measure';
import { sizeDelimited, tag, writeInt32, writeTagLength, writeVarint32, writeVarint64 } from './wire';

const LEN = 2;
const VARINT = 0;

export function writeRequest(h: usize): usize {
  let p = <usize>word(h, L.H_OUT_PTR);
  p = writeBytesField(p, 2, <usize>word(h, L.H_DB_PTR), word(h, L.H_DB_LEN));
  p = writeBytesField(p, 3, <usize>word(h, L.H_COLL_PTR), word(h, L.H_COLL_LEN));
  p = writeBytesField(p, 4, <usize>word(h, L.H_PART_PTR), word(h, L.H_PART_LEN));
  const fields = <usize>word(h, L.H_FIELDS_PTR);
  const numFields = word(h, L.H_NUM_FIELDS);
  for (let i = 0; i < numFields; i++) {
    const d = fields + <usize>(i * L.FD_WORDS * 4);
    p = writeTagLength(p, tag(5, LEN), word(d, L.F_BODY_SIZE));
    p = writeField(p, d);
  }
  if (word(h, L.H_NUM_ROWS) != 0) {
    store<u8>(p++, tag(7, VARINT));
    p = writeVarint32(p, <u32>word(h, L.H_NUM_ROWS));
  }
  const ts = timestamp(h);
  if (ts != 0) {
    store<u8>(p++, tag(8, VARINT));
    p = writeVarint64(p, ts);
  }
  if (word(h, L.H_KIND) == L.REQUEST_UPSERT && word(h, L.H_PARTIAL_UPDATE) != 0) {
    store<u8>(p++, tag(9, VARINT));
    store<u8>(p++, 1);
  }
  return p;
}

function writeBytesField(p: usize, field: i32, ptr: usize, len: i32): usize {
  if (len == 0) return p;
  p = writeTagLength(p, tag(field, LEN), len);
  memory.copy(p, ptr, <usize>len);
  return p + <usize>len;
}

function writeField(p: usize, d: usize): usize {
  const kind = word(d, L.F_KIND);
  store<u8>(p++, tag(1, VARINT));
  p = writeVarint32(p, <u32>word(d, L.F_DATA_TYPE));
  p = writeBytesField(p, 2, <usize>word(d, L.F_NAME_PTR), word(d, L.F_NAME_LEN));
  if (!omitsInner(kind, word(d, L.F_COUNT))) {
    p = writeTagLength(p, tag(innerFieldNumber(kind), LEN), word(d, L.F_INNER_SIZE));
    if (kind == L.K_STRUCT) p = writeStruct(p, d);
    else if (kind == L.K_VECTOR_ARRAY) p = writeVectorArray(p, d);
    else p = isVectorKind(kind) ? writeVector(p, d) : writeScalar(p, d);
  }
  if (word(d, L.F_IS_DYNAMIC) != 0) {
    store<u8>(p++, tag(6, VARINT));
    store<u8>(p++, 1);
  }
  const valid = <usize>word(d, L.F_VALID_PTR);
  const numRows = word(d, L.F_NUM_ROWS);
  if (valid != 0 && numRows > 0) {
    p = writeTagLength(p, tag(7, LEN), numRows);
    memory.copy(p, valid, <usize>numRows);
    p += <usize>numRows;
  }
  return p;
}

function writeStruct(p: usize, d: usize): usize {
  const members = <usize>word(d, L.F_DATA_PTR);
  const n = word(d, L.F_NUM_MEMBERS);
  for (let m = 0; m < n; m++) {
    const md = members + <usize>(m * L.FD_WORDS * 4);
    p = writeTagLength(p, tag(1, LEN), word(md, L.F_BODY_SIZE));
    p = writeField(p, md);
  }
  return p;
}

function writeVectorArray(p: usize, d: usize): usize {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const scratch = <usize>word(d, L.F_SCRATCH_PTR);
  const isFloat = word(d, L.F_ELEM_KIND) == L.K_FLOAT_VEC;
  const wire = word(d, L.F_WIRE_FIELD);
  const rowBytes = word(d, L.F_ROW_BYTES);
  const data = <usize>word(d, L.F_DATA_PTR);
  const dim: u64 = <u64>load<u32>(d + (<usize>L.F_DIM << 2));
  p = writeTagLength(p, tag(L.VECTOR_ARRAY, LEN), word(d, L.F_DATA_SIZE));
  store<u8>(p++, tag(1, VARINT));
  p = writeVarint64(p, dim);
  for (let k = 0; k < count; k++) {
    const from = word(offsets, k);
    const payload = (word(offsets, k + 1) - from) * rowBytes;
    p = writeTagLength(p, tag(2, LEN), load<i32>(scratch + (<usize>k << 2)));
    store<u8>(p++, tag(1, VARINT));
    p = writeVarint64(p, dim);
    if (isFloat) {
      p = writeTagLength(p, tag(wire, LEN), packedMessageSize(payload));
      if (payload > 0) p = writeTagLength(p, tag(1, LEN), payload);
    } else {
      p = writeTagLength(p, tag(wire, LEN), payload);
    }
    memory.copy(p, data + <usize>(from * rowBytes), <usize>payload);
    p += <usize>payload;
  }
  store<u8>(p++, tag(3, VARINT));
  return writeVarint32(p, <u32>word(d, L.F_ELEM_TYPE));
}

// The wire field of an Array element of a fixed-layout scalar kind inside its ScalarField.
function scalarWireField(kind: i32): i32 {
  if (kind == L.K_BOOL) return L.SCALAR_BOOL;
  if (kind == L.K_INT32) return L.SCALAR_INT;
  if (kind == L.K_INT64) return L.SCALAR_LONG;
  if (kind == L.K_FLOAT) return L.SCALAR_FLOAT;
  return L.SCALAR_DOUBLE;
}

function writeScalar(p: usize, d: usize): usize {
  const kind = word(d, L.F_KIND);
  const count = word(d, L.F_COUNT);
  // The wire field comes from staging (its one DataType table), like every field's kind.
  p = writeTagLength(p, tag(word(d, L.F_WIRE_FIELD), LEN), word(d, L.F_DATA_SIZE));
  if (kind == L.K_STRING) return writeStrings(p, <usize>word(d, L.F_DATA_PTR), <usize>word(d, L.F_OFFSETS_PTR), 0, count);
  if (kind == L.K_ARRAY) return writeArrayRows(p, d);
  return writePacked(p, kind, <usize>word(d, L.F_DATA_PTR), 0, count, word(d, L.F_PAYLOAD_SIZE));
}

function writeStrings(p: usize, data: usize, offsets: usize, from: i32, to: i32): usize {
  for (let k = from; k < to; k++) {
    const start = word(offsets, k);
    const len = word(offsets, k + 1) - start;
    p = writeTagLength(p, tag(1, LEN), len);
    memory.copy(p, data + <usize>start, <usize>len);
    p += <usize>len;
  }
  return p;
}

function writePacked(p: usize, kind: i32, data: usize, from: i32, to: i32, payload: i32): usize {
  if (payload == 0) return p;
  p = writeTagLength(p, tag(1, LEN), payload);
  const n = to - from;
  if (kind == L.K_BOOL) {
    memory.copy(p, data + <usize>from, <usize>n);
    return p + <usize>n;
  }
  if (kind == L.K_INT32) {
    for (let k = from; k < to; k++) p = writeInt32(p, <i32>load<f64>(data + (<usize>k << 3)));
    return p;
  }
  if (kind == L.K_INT64) {
    for (let k = from; k < to; k++) p = writeVarint64(p, load<u64>(data + (<usize>k << 3)));
    return p;
  }
  if (kind == L.K_FLOAT) {
    for (let k = from; k < to; k++) {
      store<f32>(p, <f32>load<f64>(data + (<usize>k << 3)));
      p += 4;
    }
    return p;
  }
  memory.copy(p, data + (<usize>from << 3), <usize>n << 3);
  return p + (<usize>n << 3);
}

function writeArrayRows(p: usize, d: usize): usize {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const scratch = <usize>word(d, L.F_SCRATCH_PTR);
  const elemKind = word(d, L.F_ELEM_KIND);
  const data = <usize>word(d, L.F_DATA_PTR);
  const isString = elemKind == L.K_STRING;
  for (let k = 0; k < count; k++) {
    const from = word(offsets, k);
    const to = word(offsets, k + 1);
    const part = load<i32>(scratch + (<usize>k << 2));
    const rowData = isString ? part : packedMessageSize(part);
    p = writeTagLength(p, tag(1, LEN), sizeDelimited(rowData));
    p = writeTagLength(p, tag(isString ? L.SCALAR_STRING : scalarWireField(elemKind), LEN), rowData);
    p = isString ? writeStrings(p, data, <usize>word(d, L.F_AUX_PTR), from, to) : writePacked(p, elemKind, data, from, to, part);
  }
  return p;
}

function writeVector(p: usize, d: usize): usize {
  const kind = word(d, L.F_KIND);
  const count = word(d, L.F_COUNT);
  const data = <usize>word(d, L.F_DATA_PTR);
  const dim: u64 = kind == L.K_SPARSE ? 0 : <u64>load<u32>(d + (<usize>L.F_DIM << 2));
  if (dim > 0) {
    store<u8>(p++, tag(1, VARINT));
    p = writeVarint64(p, dim);
  }
  if (kind == L.K_SPARSE) {
    p = writeTagLength(p, tag(L.VECTOR_SPARSE, LEN), word(d, L.F_DATA_SIZE));
    return writeSparse(p, d);
  }
  if (kind == L.K_FLOAT_VEC) {
    if (count == 0) return p;
    const floatArray = word(d, L.F_DATA_SIZE);
    p = writeTagLength(p, tag(L.VECTOR_FLOAT, LEN), floatArray);
    const bytes = count * word(d, L.F_DIM) * 4;
    p = writeTagLength(p, tag(1, LEN), bytes);
    if (data == 0) {
      setWord(d, L.F_FILL_AT, <i32>p); // the caller writes the payload here, in its copy
      return p;
    }
    memory.copy(p, data, <usize>bytes);
    return p + <usize>bytes;
  }
  if (count == 0) return p;
  const payload = word(d, L.F_PAYLOAD_SIZE);
  p = writeTagLength(p, tag(word(d, L.F_WIRE_FIELD), LEN), payload);
  if (data == 0) {
    setWord(d, L.F_FILL_AT, <i32>p); // byte rows filled by the caller (float16/bfloat16 from numbers)
    return p;
  }
  memory.copy(p, data, <usize>payload);
  return p + <usize>payload;
}

function writeSparse(p: usize, d: usize): usize {
  const count = word(d, L.F_COUNT);
  const offsets = <usize>word(d, L.F_OFFSETS_PTR);
  const idx = <usize>word(d, L.F_DATA_PTR);
  const val = <usize>word(d, L.F_AUX_PTR);
  for (let k = 0; k < count; k++) {
    const from = word(offsets, k);
    const to = word(offsets, k + 1);
    p = writeTagLength(p, tag(1, LEN), (to - from) * 8);
    for (let e = from; e < to; e++) {
      store<u32>(p, <u32>load<f64>(idx + (<usize>e << 3)));
      store<f32>(p, <f32>load<f64>(val + (<usize>e << 3)), 4);
      p += 8;
    }
  }
  return p;
}
