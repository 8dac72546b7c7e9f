/**
 * Decodes the `FieldData` columns of a query or search answer into one JS value per row, as the official
 * Node SDK presents them: Bool → boolean; Int8/16/32, Float, Double → number; Int64 → string (or bigint
 * with `int64: 'bigint'`); VarChar → string; JSON → the parsed value (`null` for an empty document); Array
 * → its elements; Geometry → WKT text; FloatVector, Float16Vector, BFloat16Vector, Int8Vector and
 * BinaryVector → number[]; SparseFloatVector → `{ index: value }` (non-zero values); an embedding list →
 * a list of vectors; an Array-of-Struct field → a list of struct objects. A row that is not valid
 * (`valid_data`) is `null`, whether the server sent the column compact (valid rows only) or full length.
 *
 * JSON is read with `JSON.parse`, so an integer inside a JSON document beyond 2^53 loses precision, as it
 * does anywhere in JavaScript; Int64 fields and Int64 array elements are always exact.
 */
import { bytesToSparseRow } from '../codec/bytes.js';
import { bfloat16BitsToNumber, float16BitsToNumber } from '../codec/core-js/half.js';
import { DataType } from '../data-type.js';
import { MilvusError, MilvusErrorCode } from '../errors.js';
import { setOwn } from '../own-property.js';
import type { OutputTransformers } from './field-values.js';
import { int64ListOut, type Int64Mode } from './int64.js';

/** A decoded `schema.FieldData` (SDK-style decode: oneof slots named, int64 as strings, bytes as bytes). */
export interface DecodedFieldData {
  field_name: string;
  is_dynamic?: boolean;
  scalars?: Record<string, unknown> & { data?: string } | null;
  vectors?: Record<string, unknown> & { data?: string; dim: string | number } | null;
  struct_arrays?: { fields: DecodedFieldData[] } | null;
  valid_data?: boolean[];
}

/**
 * Field name → its values, one per row: the SDK's `buildFieldDataMap`. `transformers` replace the default
 * decoding of top-level float16, bfloat16, int8 and sparse vector columns, as in the SDK.
 */
export function fieldDataMap(fieldsData: readonly DecodedFieldData[], mode: Int64Mode, transformers?: OutputTransformers): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  for (const fd of fieldsData) map.set(fd.field_name, decodeColumn(fd, mode, transformers));
  return map;
}

/** One column's values, one per row. */
export function decodeColumn(fd: DecodedFieldData, mode: Int64Mode, transformers?: OutputTransformers): unknown[] {
  const cells = fd.vectors ? vectorCells(fd.vectors, mode, transformers) : fd.scalars ? scalarCells(fd.scalars, mode) : fd.struct_arrays ? structCells(fd.struct_arrays, mode) : [];
  return applyValidity(cells, fd.valid_data ?? [], fd.field_name);
}

function applyValidity(cells: unknown[], valid: readonly boolean[], field: string): unknown[] {
  if (valid.length === 0) return cells;
  if (cells.length === valid.length) return cells.map((v, i) => (valid[i] ? v : null));
  const validCount = valid.reduce((n, ok) => n + (ok ? 1 : 0), 0);
  if (cells.length !== validCount) {
    throw new MilvusError(MilvusErrorCode.Internal, `field "${field}": the server sent ${cells.length} values for ${valid.length} rows of which ${validCount} are valid`, { field });
  }
  let next = 0;
  return valid.map((ok) => (ok ? cells[next++] : null));
}

/** The values of a scalar column (or of one Array cell), by the oneof slot the server filled. */
function scalarCells(s: Record<string, unknown> & { data?: string }, mode: Int64Mode): unknown[] {
  const slot = s.data;
  if (!slot) return [];
  const data = ((s[slot] as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
  switch (slot) {
    case 'long_data':
    case 'timestamptz_data':
      return int64ListOut(data as string[], mode);
    case 'json_data':
      return data.map((b) => parseJson(b as Uint8Array));
    case 'array_data':
      return data.map((cell) => scalarCells(cell as Record<string, unknown>, mode));
    default:
      return data.slice();
  }
}

function vectorCells(v: Record<string, unknown> & { data?: string; dim: string | number }, mode: Int64Mode, transformers: OutputTransformers = {}): unknown[] {
  const dim = Number(v.dim);
  switch (v.data) {
    case 'float_vector': {
      const data = (v.float_vector as { data: number[] }).data;
      return rows(data.length, dim, (start, end) => data.slice(start, end));
    }
    case 'binary_vector': {
      const bytes = v.binary_vector as Uint8Array;
      return rows(bytes.length, dim / 8, (start, end) => Array.from(bytes.subarray(start, end)));
    }
    case 'int8_vector': {
      const bytes = v.int8_vector as Uint8Array;
      const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const own = transformers[DataType.Int8Vector];
      return rows(bytes.length, dim, (start, end) => (own ? own(signed.slice(start, end)) : Array.from(signed.subarray(start, end))));
    }
    case 'float16_vector': {
      const bytes = v.float16_vector as Uint8Array;
      const own = transformers[DataType.Float16Vector];
      return rows(bytes.length, dim * 2, (start, end) => (own ? own(new Uint8Array(bytes.subarray(start, end))) : halves(bytes, start, end, float16BitsToNumber)));
    }
    case 'bfloat16_vector': {
      const bytes = v.bfloat16_vector as Uint8Array;
      const own = transformers[DataType.BFloat16Vector];
      return rows(bytes.length, dim * 2, (start, end) => (own ? own(new Uint8Array(bytes.subarray(start, end))) : halves(bytes, start, end, bfloat16BitsToNumber)));
    }
    case 'sparse_float_vector': {
      const own = transformers[DataType.SparseFloatVector];
      return (v.sparse_float_vector as { contents: Uint8Array[] }).contents.map((b) => (own ? own(bytesToSparseRow(b)) : bytesToSparseRow(b)));
    }
    case 'vector_array':
      // An embedding list per row: each entry is a VectorField holding that row's vectors.
      return (v.vector_array as { data: (Record<string, unknown> & { data?: string; dim: string | number })[] }).data.map((cell) => vectorCells(cell, mode));
    case undefined:
      return [];
    default:
      throw new MilvusError(MilvusErrorCode.Internal, `cannot decode vector data of kind "${v.data}"`);
  }
}

/** An Array-of-Struct column: per row, one object per element with every member's value. */
function structCells(s: { fields: DecodedFieldData[] }, mode: Int64Mode): unknown[] {
  const members = s.fields.map((fd) => ({ name: fd.field_name, rows: decodeColumn(fd, mode) as (unknown[] | null)[] }));
  const count = members[0]?.rows.length ?? 0;
  const out: unknown[] = [];
  for (let r = 0; r < count; r++) {
    const length = members[0]!.rows[r]?.length ?? 0;
    const elements: Record<string, unknown>[] = [];
    for (let e = 0; e < length; e++) {
      const element: Record<string, unknown> = {};
      for (const m of members) setOwn(element, m.name, m.rows[r]?.[e]);
      elements.push(element);
    }
    out.push(elements);
  }
  return out;
}

function rows<T>(length: number, rowSize: number, slice: (start: number, end: number) => T): T[] {
  if (length === 0) return [];
  if (!(rowSize > 0) || length % rowSize !== 0) {
    throw new MilvusError(MilvusErrorCode.Internal, `vector payload of ${length} elements does not split into rows of ${rowSize}`);
  }
  const out: T[] = [];
  for (let start = 0; start < length; start += rowSize) out.push(slice(start, start + rowSize));
  return out;
}

function halves(bytes: Uint8Array, start: number, end: number, convert: (bits: number) => number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i += 2) out.push(convert(bytes[i]! | (bytes[i + 1]! << 8)));
  return out;
}

const utf8 = new TextDecoder();
function parseJson(bytes: Uint8Array): unknown {
  if (!bytes || bytes.byteLength === 0) return null;
  const text = utf8.decode(bytes);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MilvusError(MilvusErrorCode.Internal, `the server sent JSON that does not parse: ${text.slice(0, 60)}`, { cause });
  }
}
