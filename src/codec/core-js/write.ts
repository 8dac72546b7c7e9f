/**
 * The write pass of the TypeScript core: writes the request into the output region using the sizes
 * the measure pass recorded. Mirrors assembly/write.ts.
 */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { innerFieldNumber, omitsInner, packedMessageSize } from './measure.js';
import { sizeDelimited, tag, writeInt32, writeTagLength, writeVarint32, writeVarint64 } from './wire.js';

const LEN = 2;
const VARINT = 0;

/** Writes the measured request at `header` to its output pointer; returns the end position. */
export function writeRequest(heap: Heap, header: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const h = header >> 2;
  let p = i32[h + L.H_OUT_PTR];
  p = writeString(heap, p, 2, i32[h + L.H_DB_PTR], i32[h + L.H_DB_LEN]);
  p = writeString(heap, p, 3, i32[h + L.H_COLL_PTR], i32[h + L.H_COLL_LEN]);
  p = writeString(heap, p, 4, i32[h + L.H_PART_PTR], i32[h + L.H_PART_LEN]);
  const fieldsPtr = i32[h + L.H_FIELDS_PTR];
  for (let i = 0; i < i32[h + L.H_NUM_FIELDS]; i++) {
    const d = (fieldsPtr >> 2) + i * L.FD_WORDS;
    p = writeTagLength(u8, p, tag(5, LEN), i32[d + L.F_BODY_SIZE]);
    p = writeField(heap, p, d);
  }
  if (i32[h + L.H_NUM_ROWS] !== 0) {
    u8[p++] = tag(7, VARINT);
    p = writeVarint32(u8, p, i32[h + L.H_NUM_ROWS]);
  }
  if (i32[h + L.H_TS_LO] !== 0 || i32[h + L.H_TS_HI] !== 0) {
    u8[p++] = tag(8, VARINT);
    p = writeVarint64(u8, p, i32[h + L.H_TS_LO], i32[h + L.H_TS_HI]);
  }
  if (i32[h + L.H_KIND] === L.REQUEST_UPSERT && i32[h + L.H_PARTIAL_UPDATE] !== 0) {
    u8[p++] = tag(9, VARINT);
    u8[p++] = 1;
  }
  return p;
}

function writeString(heap: Heap, p: number, field: number, ptr: number, len: number): number {
  if (len === 0) return p;
  p = writeTagLength(heap.u8, p, tag(field, LEN), len);
  heap.u8.copyWithin(p, ptr, ptr + len);
  return p + len;
}

function writeField(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const kind = i32[d + L.F_KIND];
  u8[p++] = tag(1, VARINT);
  p = writeVarint32(u8, p, i32[d + L.F_DATA_TYPE]);
  p = writeString(heap, p, 2, i32[d + L.F_NAME_PTR], i32[d + L.F_NAME_LEN]);
  if (!omitsInner(kind, i32[d + L.F_COUNT])) {
    p = writeTagLength(u8, p, tag(innerFieldNumber(kind), LEN), i32[d + L.F_INNER_SIZE]);
    if (kind === L.K_STRUCT) p = writeStruct(heap, p, d);
    else if (kind === L.K_VECTOR_ARRAY) p = writeVectorArray(heap, p, d);
    else p = kind >= L.K_FLOAT_VEC && kind <= L.K_SPARSE ? writeVector(heap, p, d) : writeScalar(heap, p, d);
  }
  if (i32[d + L.F_IS_DYNAMIC] !== 0) {
    u8[p++] = tag(6, VARINT);
    u8[p++] = 1;
  }
  const valid = i32[d + L.F_VALID_PTR];
  const numRows = i32[d + L.F_NUM_ROWS];
  if (valid !== 0 && numRows > 0) {
    p = writeTagLength(u8, p, tag(7, LEN), numRows);
    u8.copyWithin(p, valid, valid + numRows);
    p += numRows;
  }
  return p;
}

function writeStruct(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const members = i32[d + L.F_DATA_PTR] >> 2;
  for (let m = 0; m < i32[d + L.F_NUM_MEMBERS]; m++) {
    const md = members + m * L.FD_WORDS;
    p = writeTagLength(heap.u8, p, tag(1, LEN), i32[md + L.F_BODY_SIZE]);
    p = writeField(heap, p, md);
  }
  return p;
}

function writeVectorArray(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u32 = heap.u32;
  const u8 = heap.u8;
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR] >> 2;
  const scratch = i32[d + L.F_SCRATCH_PTR] >> 2;
  const isFloat = i32[d + L.F_ELEM_KIND] === L.K_FLOAT_VEC;
  const wire = i32[d + L.F_WIRE_FIELD];
  const rowBytes = i32[d + L.F_ROW_BYTES];
  const data = i32[d + L.F_DATA_PTR];
  const dim = u32[d + L.F_DIM];
  p = writeTagLength(u8, p, tag(L.VECTOR_ARRAY, LEN), i32[d + L.F_DATA_SIZE]);
  u8[p++] = tag(1, VARINT);
  p = writeVarint64(u8, p, dim, 0);
  for (let k = 0; k < count; k++) {
    const from = u32[offsets + k]!;
    const payload = (u32[offsets + k + 1]! - from) * rowBytes;
    p = writeTagLength(u8, p, tag(2, LEN), u32[scratch + k]!);
    u8[p++] = tag(1, VARINT);
    p = writeVarint64(u8, p, dim, 0);
    if (isFloat) {
      p = writeTagLength(u8, p, tag(wire, LEN), packedMessageSize(payload));
      if (payload > 0) p = writeTagLength(u8, p, tag(1, LEN), payload);
    } else {
      p = writeTagLength(u8, p, tag(wire, LEN), payload);
    }
    u8.copyWithin(p, data + from * rowBytes, data + from * rowBytes + payload);
    p += payload;
  }
  u8[p++] = tag(3, VARINT);
  return writeVarint32(u8, p, i32[d + L.F_ELEM_TYPE]);
}

/** The wire field of an Array element of a fixed-layout scalar kind inside its ScalarField. */
function scalarWireField(kind: number): number {
  switch (kind) {
    case L.K_BOOL: return L.SCALAR_BOOL;
    case L.K_INT32: return L.SCALAR_INT;
    case L.K_INT64: return L.SCALAR_LONG;
    case L.K_FLOAT: return L.SCALAR_FLOAT;
    default: return L.SCALAR_DOUBLE;
  }
}

function writeScalar(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const kind = i32[d + L.F_KIND];
  const count = i32[d + L.F_COUNT];
  // The wire field comes from staging (its one DataType table), like every field's kind.
  p = writeTagLength(u8, p, tag(i32[d + L.F_WIRE_FIELD], LEN), i32[d + L.F_DATA_SIZE]);
  if (kind === L.K_STRING) return writeStrings(heap, p, i32[d + L.F_DATA_PTR], i32[d + L.F_OFFSETS_PTR], 0, count);
  if (kind === L.K_ARRAY) return writeArrayRows(heap, p, d);
  return writePacked(heap, p, kind, i32[d + L.F_DATA_PTR], 0, count, i32[d + L.F_PAYLOAD_SIZE]);
}

/** Writes a `repeated string/bytes data = 1` body for strings [from, to). */
function writeStrings(heap: Heap, p: number, data: number, offsets: number, from: number, to: number): number {
  const u32 = heap.u32;
  for (let k = from; k < to; k++) {
    const start = data + u32[(offsets >> 2) + k];
    const end = data + u32[(offsets >> 2) + k + 1];
    p = writeTagLength(heap.u8, p, tag(1, LEN), end - start);
    heap.u8.copyWithin(p, start, end);
    p += end - start;
  }
  return p;
}

/** Writes the packed-array message body (`data = 1`, packed) of values [from, to); empty writes nothing. */
function writePacked(heap: Heap, p: number, kind: number, data: number, from: number, to: number, payload: number): number {
  if (payload === 0) return p;
  const u8 = heap.u8;
  p = writeTagLength(u8, p, tag(1, LEN), payload);
  switch (kind) {
    case L.K_BOOL:
      u8.copyWithin(p, data + from, data + to);
      return p + (to - from);
    case L.K_INT32: {
      const f64 = heap.f64;
      for (let k = from; k < to; k++) p = writeInt32(u8, p, f64[(data >> 3) + k]);
      return p;
    }
    case L.K_INT64: {
      const w = heap.i32;
      for (let k = from; k < to; k++) p = writeVarint64(u8, p, w[(data >> 2) + 2 * k], w[(data >> 2) + 2 * k + 1]);
      return p;
    }
    case L.K_FLOAT: {
      const view = new DataView(u8.buffer);
      const f64 = heap.f64;
      for (let k = from; k < to; k++, p += 4) view.setFloat32(p, f64[(data >> 3) + k], true);
      return p;
    }
    default:
      u8.copyWithin(p, data + 8 * from, data + 8 * to);
      return p + 8 * (to - from);
  }
}

function writeArrayRows(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR] >> 2;
  const scratch = i32[d + L.F_SCRATCH_PTR] >> 2;
  const elemKind = i32[d + L.F_ELEM_KIND];
  const data = i32[d + L.F_DATA_PTR];
  for (let k = 0; k < count; k++) {
    const from = heap.u32[offsets + k];
    const to = heap.u32[offsets + k + 1];
    const part = heap.u32[scratch + k];
    const isString = elemKind === L.K_STRING;
    const rowData = isString ? part : packedMessageSize(part);
    p = writeTagLength(u8, p, tag(1, LEN), sizeDelimited(rowData));
    p = writeTagLength(u8, p, tag(isString ? L.SCALAR_STRING : scalarWireField(elemKind), LEN), rowData);
    p = isString ? writeStrings(heap, p, data, i32[d + L.F_AUX_PTR], from, to) : writePacked(heap, p, elemKind, data, from, to, part);
  }
  return p;
}

function writeVector(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const kind = i32[d + L.F_KIND];
  const count = i32[d + L.F_COUNT];
  const data = i32[d + L.F_DATA_PTR];
  const dim = kind === L.K_SPARSE ? 0 : i32[d + L.F_DIM];
  if (dim > 0) {
    u8[p++] = tag(1, VARINT);
    p = writeVarint64(u8, p, dim, 0);
  }
  if (kind === L.K_SPARSE) {
    p = writeTagLength(u8, p, tag(L.VECTOR_SPARSE, LEN), i32[d + L.F_DATA_SIZE]);
    return writeSparse(heap, p, d);
  }
  if (kind === L.K_FLOAT_VEC) {
    if (count === 0) return p;
    const floatArray = i32[d + L.F_DATA_SIZE];
    p = writeTagLength(u8, p, tag(L.VECTOR_FLOAT, LEN), floatArray);
    const bytes = count * i32[d + L.F_DIM] * 4;
    p = writeTagLength(u8, p, tag(1, LEN), bytes);
    if (data === 0) {
      i32[d + L.F_FILL_AT] = p; // the caller writes the payload here, in its copy
      return p;
    }
    u8.copyWithin(p, data, data + bytes);
    return p + bytes;
  }
  if (count === 0) return p;
  const payload = i32[d + L.F_PAYLOAD_SIZE];
  p = writeTagLength(u8, p, tag(i32[d + L.F_WIRE_FIELD], LEN), payload);
  if (data === 0) {
    i32[d + L.F_FILL_AT] = p; // byte rows filled by the caller (float16/bfloat16 from numbers)
    return p;
  }
  u8.copyWithin(p, data, data + payload);
  return p + payload;
}

function writeSparse(heap: Heap, p: number, d: number): number {
  const i32 = heap.i32;
  const u8 = heap.u8;
  const view = new DataView(u8.buffer);
  const count = i32[d + L.F_COUNT];
  const offsets = i32[d + L.F_OFFSETS_PTR] >> 2;
  const idx = i32[d + L.F_DATA_PTR] >> 3;
  const val = i32[d + L.F_AUX_PTR] >> 3;
  const f64 = heap.f64;
  for (let k = 0; k < count; k++) {
    const from = heap.u32[offsets + k];
    const to = heap.u32[offsets + k + 1];
    p = writeTagLength(u8, p, tag(1, LEN), (to - from) * 8);
    for (let e = from; e < to; e++, p += 8) {
      view.setUint32(p, f64[idx + e], true);
      view.setFloat32(p + 4, f64[val + e], true);
    }
  }
  return p;
}
