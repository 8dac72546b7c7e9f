/**
 * Decodes one `FieldData` column of a query or search answer into one JS value per row.
 *
 * Values by type: Bool → boolean; Int8/16/32, Float, Double → number; Int64 → string or bigint (the
 * `int64` option); VarChar/Text → string; JSON → the parsed value; Array → an array of its elements;
 * Geometry → WKT string (or WKB bytes); Timestamptz → the server's ISO string (or an int64 of µs);
 * FloatVector, Float16Vector, BFloat16Vector, Int8Vector → number[]; BinaryVector → Uint8Array;
 * SparseFloatVector → `{ [index]: value }`. A row that is not valid (`valid_data`) is `null`, whether the
 * server sent the column compact (valid rows only) or full length.
 *
 * JSON is read with `JSON.parse`, so an integer *inside* a JSON document beyond 2^53 loses precision,
 * as it does anywhere in JavaScript; Int64 fields and Int64 array elements are always exact.
 */
import { ErrorCode, MilvusError } from '../errors.js';
import type { WireFieldData, WireScalarField, WireVectorField } from '../proto/messages.js';
import { int64ListOut, type Int64Mode } from './int64.js';

/** The column's values, one per row: `rowCount` long when the column carries validity. */
export function decodeColumn(fd: WireFieldData, mode: Int64Mode): unknown[] {
  const cells = fd.vectors ? vectorCells(fd.vectors) : fd.scalars ? scalarCells(fd.scalars, mode) : [];
  const valid = fd.valid_data;
  if (valid.length === 0) return cells;
  if (cells.length === valid.length) return cells.map((v, i) => (valid[i] ? v : null));
  const validCount = valid.reduce((n, ok) => n + (ok ? 1 : 0), 0);
  if (cells.length !== validCount) {
    throw new MilvusError(ErrorCode.Internal, `field "${fd.field_name}": the server sent ${cells.length} values for ${valid.length} rows of which ${validCount} are valid`, { field: fd.field_name });
  }
  let next = 0;
  return valid.map((ok) => (ok ? cells[next++] : null));
}

/** The values of a scalar column (or of one Array cell), chosen by the oneof slot the server filled. */
export function scalarCells(s: WireScalarField, mode: Int64Mode): unknown[] {
  switch (s.data) {
    case 'bool_data': return s.bool_data!.data;
    case 'int_data': return s.int_data!.data;
    case 'float_data': return s.float_data!.data;
    case 'double_data': return s.double_data!.data;
    case 'string_data': return s.string_data!.data;
    case 'geometry_wkt_data': return s.geometry_wkt_data!.data;
    case 'long_data': return int64ListOut(s.long_data!.data, mode);
    case 'timestamptz_data': return int64ListOut(s.timestamptz_data!.data, mode);
    case 'json_data': return s.json_data!.data.map(parseJson);
    case 'bytes_data': return s.bytes_data!.data.map((b) => new Uint8Array(b));
    case 'geometry_data': return s.geometry_data!.data.map((b) => new Uint8Array(b));
    case 'array_data': return s.array_data!.data.map((cell) => scalarCells(cell, mode));
    case undefined: return [];
    default:
      throw new MilvusError(ErrorCode.Internal, `cannot decode scalar data of kind "${s.data}"`);
  }
}

function vectorCells(v: WireVectorField): unknown[] {
  const dim = Number(v.dim);
  switch (v.data) {
    case 'float_vector': return chunk(v.float_vector!.data.length, dim, (start, end) => v.float_vector!.data.slice(start, end));
    // Copies, so a row does not keep the whole response buffer alive.
    case 'binary_vector': return chunk(v.binary_vector!.length, dim / 8, (start, end) => new Uint8Array(v.binary_vector!.subarray(start, end)));
    case 'int8_vector': return chunk(v.int8_vector!.length, dim, (start, end) => Array.from(new Int8Array(new Uint8Array(v.int8_vector!.subarray(start, end)).buffer)));
    case 'float16_vector': return chunk(v.float16_vector!.length, dim * 2, (start, end) => halves(v.float16_vector!, start, end, float16ToNumber));
    case 'bfloat16_vector': return chunk(v.bfloat16_vector!.length, dim * 2, (start, end) => halves(v.bfloat16_vector!, start, end, bfloat16ToNumber));
    case 'sparse_float_vector': return v.sparse_float_vector!.contents.map(parseSparseRow);
    case undefined: return [];
    default:
      throw new MilvusError(ErrorCode.Internal, `cannot decode vector data of kind "${v.data}"`);
  }
}

function chunk<T>(length: number, rowSize: number, slice: (start: number, end: number) => T): T[] {
  if (length === 0) return [];
  if (!(rowSize > 0) || length % rowSize !== 0) {
    throw new MilvusError(ErrorCode.Internal, `vector payload of ${length} elements does not split into rows of ${rowSize}`);
  }
  const rows: T[] = [];
  for (let start = 0; start < length; start += rowSize) rows.push(slice(start, start + rowSize));
  return rows;
}

function halves(bytes: Uint8Array, start: number, end: number, convert: (bits: number) => number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i += 2) out.push(convert(bytes[i]! | (bytes[i + 1]! << 8)));
  return out;
}

function float16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new DataView(new ArrayBuffer(4));
function bfloat16ToNumber(h: number): number {
  f32.setUint32(0, h << 16);
  return f32.getFloat32(0);
}

/** One sparse row: (u32 index, f32 value) little-endian pairs. */
function parseSparseRow(bytes: Uint8Array): Record<number, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const row: Record<number, number> = {};
  for (let at = 0; at + 8 <= bytes.byteLength; at += 8) row[view.getUint32(at, true)] = view.getFloat32(at + 4, true);
  return row;
}

const utf8 = new TextDecoder();
function parseJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return null;
  const text = utf8.decode(bytes);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MilvusError(ErrorCode.Internal, `the server sent JSON that does not parse: ${text.slice(0, 60)}`, { cause });
  }
}
