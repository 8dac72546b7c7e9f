/** Public input types of the insert/upsert encoder. */
import type { CollectionSchemaInput } from '../schema.js';

/** Which encoder runs: the WebAssembly core, its pure-TypeScript twin, or WASM when available (default). */
export type Engine = 'wasm' | 'js' | 'auto';

/** Options of `encodeInsertRequest` / `encodeUpsertRequest`. */
export interface EncodeOptions {
  engine?: Engine;
}

/**
 * One row: field name to value. Keys outside the schema go to `$meta` when dynamic fields are on; a key
 * `$meta` holding an object (as query results have it) is merged with them. JSON values (of JSON fields
 * and dynamic keys) are written as `JSON.stringify` writes them, except that what it would change without
 * a word is refused: NaN, ±Infinity, functions, symbols, Maps and Sets (and BigInts, on which it throws).
 * `undefined` follows `JSON.stringify`: an object key holding it is left out, an array element becomes null.
 */
export type Row = Record<string, unknown>;

/**
 * Columnar input: field name to a column. Float vectors: a flat `Float32Array` (`n × dim`) or an array of
 * `Float32Array`/`number[]`; binary/float16/bfloat16/int8 vectors: a flat `Uint8Array` (or `Int8Array`
 * for int8); scalars: typed arrays (`BigInt64Array`, `Int32Array`, `Float64Array`, ...) or plain arrays.
 */
export type Columns = Record<string, unknown>;

/** What to encode: target collection, its schema, and rows (`data`) or columns (`columns`). */
export interface InsertRequestInput {
  collection_name: string;
  db_name?: string;
  partition_name?: string;
  /** The collection schema, e.g. the `schema` of a `describeCollection` result. */
  schema: CollectionSchemaInput;
  /** One row or a list of rows (the pymilvus `insert()` contract). Give this or `columns`. */
  data?: Row | Row[];
  /** Columnar input, for zero-copy high-volume ingest. Give this or `data`. */
  columns?: Columns;
  /** The collection's update timestamp from its description; lets the server detect a stale schema. */
  schema_timestamp?: number | bigint | string;
}

/** Upsert input: the insert input plus `partial_update` (only the given fields are replaced) and `field_ops`. */
export interface UpsertRequestInput extends InsertRequestInput {
  partial_update?: boolean;
  /** Per-field operations: `op` 0 replace, 1 append to an array field, 2 remove from it. */
  field_ops?: readonly { field_name: string; op: number }[];
}
