/**
 * Field values under the official Node SDK's names (`FloatVector`, `SparseVectorCOO`, `FieldData`, `RowData`,
 * ...), so code written against the SDK keeps its annotations, and the transformer hooks of insert, query
 * and search. Int64 values are wider than the SDK's `number`: a request takes a number, a decimal string or
 * a bigint, and a response gives a string (or a bigint with `int64: 'bigint'`), never a lossy number.
 */
import type { DataType } from '../data-type.js';
import type { SparseFloatVector } from '../codec/bytes.js';

export type FloatVector = number[];
/** Numbers (converted with round-to-nearest-even on insert) or the packed 2-byte values. */
export type Float16Vector = number[] | Uint8Array;
/** Numbers (converted with round-to-nearest-even on insert) or the packed 2-byte values. */
export type BFloat16Vector = number[] | Uint8Array;
/** Byte values 0..255, `dim / 8` of them. */
export type BinaryVector = number[];
export type Int8Vector = number[] | Int8Array;
/** Dense values with holes: the set positions are the sparse vector's entries. */
export type SparseVectorArray = (number | undefined)[];
/** `{ index: value }`: the form query and search return. */
export type SparseVectorDic = { [key: string]: number };
export type SparseVectorCSR = { indices: number[]; values: number[] };
export type SparseVectorCOO = { index: number; value: number }[];
export type { SparseFloatVector };
/** Any vector value. */
export type VectorTypes = FloatVector | Float16Vector | BinaryVector | BFloat16Vector | SparseFloatVector | Int8Vector;

/**
 * One field's value in a row: scalars (an int64 as a number, a decimal string or a bigint; a `Long` passes
 * as an object), a JSON value, an array's elements, an Array-of-Struct field's elements, a vector, or
 * `null`/`undefined` for a missing value.
 */
export type FieldData =
  | boolean
  | number
  | bigint
  | string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document or a struct element, as the SDK types them
  | { [key: string]: any }
  | FieldData[]
  | VectorTypes
  | null
  | undefined;

/** A row to insert: field name to value (the SDK's `RowData`). */
export interface RowData {
  [field: string]: FieldData;
}

/**
 * Conversions `insert` and `upsert` apply to float16/bfloat16 values given as number arrays (top-level
 * fields and members of Array-of-Struct fields). Each must return the packed little-endian bytes; without
 * one, the client rounds to nearest even itself. Packed values (`Uint8Array`) are sent as they are.
 */
export type InsertTransformers = {
  [DataType.BFloat16Vector]?: (bf16: BFloat16Vector) => Uint8Array;
  [DataType.Float16Vector]?: (f16: Float16Vector) => Uint8Array;
};

/**
 * Conversions `query`, `get`, `search` and their iterators apply to each returned vector of a top-level
 * field of that type, in place of the default: float16/bfloat16 get the row's packed bytes (a copy the
 * transformer may keep; default: numbers), int8 its `Int8Array` (default: numbers), sparse its
 * `{ index: value }` object (default: that object).
 */
export type OutputTransformers = {
  [DataType.BFloat16Vector]?: (bf16bytes: Uint8Array) => BFloat16Vector;
  [DataType.Float16Vector]?: (f16: Uint8Array) => Float16Vector;
  [DataType.SparseFloatVector]?: (sparse: SparseVectorDic) => SparseFloatVector;
  [DataType.Int8Vector]?: (int8Vector: Int8Array) => Int8Vector;
};
