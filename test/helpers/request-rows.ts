/**
 * The rows an Insert/UpsertRequest carries, as a server would store them: the request decoded with
 * protobufjs from the official descriptor (`decode-request.ts`), its columns cut back into rows. Values
 * come out in one comparable form per type (`WireValue`), so a test can check every field of every row
 * against the rows it sent. A request whose columns disagree on the row count throws.
 */
import { decodeInsert, decodeUpsert } from './decode-request.js';

/**
 * A field value as carried on the wire: int64 as `bigint`; other integers, float and double as `number`
 * (a float as the float32 it was sent as); strings; booleans; JSON parsed; an Array's elements; a float
 * vector as a `Float32Array`; the other vectors (binary, float16, bfloat16, int8, sparse) as their bytes;
 * `null` for a value sent as not valid.
 */
export type WireValue = bigint | number | boolean | string | null | Uint8Array | Float32Array | WireValue[] | { [key: string]: unknown };

/** What one request carried. */
export interface RequestRows {
  collection: string;
  numRows: number;
  /** Field names in the order the request lists them (`$meta` included). */
  fields: string[];
  rows: Record<string, WireValue>[];
}

type Scalars = Record<string, { data?: unknown[] } | string | undefined> & { data?: string };
interface FieldData {
  field_name: string;
  type: number;
  scalars?: Scalars;
  vectors?: Record<string, unknown> & { dim?: string; data?: string };
  valid_data?: boolean[];
  struct_arrays?: unknown;
}

const json = new TextDecoder('utf-8', { fatal: true });

/** One scalar slot's values in their comparable form. */
function scalarValues(slot: string, data: unknown[]): WireValue[] {
  switch (slot) {
    case 'long_data':
      return data.map((v) => BigInt(v as string));
    case 'json_data':
      return data.map((v) => JSON.parse(json.decode(v as Uint8Array)) as WireValue);
    case 'array_data':
      return data.map((element) => {
        const e = element as Scalars;
        const inner = e.data;
        return inner === undefined ? [] : scalarValues(inner, (e[inner] as { data?: unknown[] }).data ?? []);
      });
    default:
      return data as WireValue[];
  }
}

const BYTES_PER_ROW: Record<string, (dim: number) => number> = {
  binary_vector: (d) => d / 8,
  float16_vector: (d) => 2 * d,
  bfloat16_vector: (d) => 2 * d,
  int8_vector: (d) => d,
};

/** One vector field's rows: float vectors as `Float32Array`s, the others as their bytes. */
function vectorValues(vectors: NonNullable<FieldData['vectors']>): WireValue[] {
  const slot = vectors.data;
  if (slot === undefined) return [];
  const dim = Number(vectors.dim);
  if (slot === 'sparse_float_vector') return ((vectors[slot] as { contents?: Uint8Array[] }).contents ?? []);
  if (slot === 'float_vector') {
    const flat = Float32Array.from((vectors[slot] as { data?: number[] }).data ?? []);
    return Array.from({ length: flat.length / dim }, (_, r) => flat.subarray(r * dim, (r + 1) * dim));
  }
  const perRow = BYTES_PER_ROW[slot];
  if (!perRow) throw new Error(`request-rows: vector slot ${slot} is not supported`);
  const bytes = vectors[slot] as Uint8Array;
  const n = perRow(dim);
  return Array.from({ length: bytes.length / n }, (_, r) => bytes.subarray(r * n, (r + 1) * n));
}

/** A column's values per row, `null` where `valid_data` says not valid (valid values sent compact or in full). */
function columnOf(f: FieldData, numRows: number): WireValue[] {
  if (f.struct_arrays !== undefined) throw new Error(`request-rows: field "${f.field_name}" is an Array of Struct, which this helper does not read`);
  const slot = f.scalars?.data;
  const values = f.vectors ? vectorValues(f.vectors) : slot === undefined ? [] : scalarValues(slot, (f.scalars![slot] as { data?: unknown[] }).data ?? []);
  const valid = f.valid_data;
  if (valid === undefined || valid.length === 0) {
    if (values.length !== numRows) throw new Error(`request-rows: field "${f.field_name}" carries ${values.length} values for ${numRows} rows`);
    return values;
  }
  if (valid.length !== numRows) throw new Error(`request-rows: field "${f.field_name}" has ${valid.length} validity flags for ${numRows} rows`);
  const validCount = valid.filter(Boolean).length;
  if (values.length === numRows) return values.map((v, i) => (valid[i] ? v : null));
  if (values.length !== validCount) throw new Error(`request-rows: field "${f.field_name}" carries ${values.length} values for ${validCount} valid rows of ${numRows}`);
  let next = 0;
  return valid.map((ok) => (ok ? values[next++]! : null));
}

/** Decodes an InsertRequest (`Insert`) or UpsertRequest (`Upsert`) and cuts its columns into rows. */
export function requestRows(bytes: Uint8Array, method: 'Insert' | 'Upsert'): RequestRows {
  const request = method === 'Upsert' ? decodeUpsert(bytes) : decodeInsert(bytes);
  const numRows = Number(request.num_rows ?? 0);
  const fieldsData = (request.fields_data ?? []) as FieldData[];
  const columns = fieldsData.map((f) => columnOf(f, numRows));
  const fields = fieldsData.map((f) => f.field_name);
  const rows = Array.from({ length: numRows }, (_, r) => Object.fromEntries(fields.map((name, k) => [name, columns[k]![r]!])));
  return { collection: request.collection_name as string, numRows, fields, rows };
}
