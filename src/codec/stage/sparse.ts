/**
 * Stager of SparseFloatVector fields. Accepts per row: `{ index: value }` objects, `Map`s,
 * `[[index, value], ...]` pairs, or `{ indices, values }`. Indices and values are staged as f64 so
 * the core can reject negative, fractional, too large and duplicate indices and non-finite values,
 * and sort each row by index.
 */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { fieldError, invalid, isNull, setWord, type FieldInput } from './column.js';

/** Stages the non-null sparse rows: f64 indices at F_DATA_PTR, f64 values at F_AUX_PTR, u32 entry offsets. */
export function stageSparse(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan } = input;
  const indices: number[] = [];
  const vals: number[] = [];
  const rowEnds: number[] = [];
  for (let r = 0; r < numRows; r++) {
    const row = values[r];
    if (isNull(row)) continue;
    collectRow(row, plan.name, r, indices, vals);
    rowEnds.push(indices.length);
  }
  const n = indices.length;
  const offsetsPtr = heap.alloc((count + 1) * 4);
  const indicesPtr = heap.alloc(n * 8);
  const valuesPtr = heap.alloc(n * 8);
  const scratchPtr = heap.alloc(count * 4);
  const u32 = heap.u32;
  u32[offsetsPtr >> 2] = 0;
  for (let k = 0; k < count; k++) u32[(offsetsPtr >> 2) + k + 1] = rowEnds[k];
  heap.f64.set(indices, indicesPtr >> 3);
  heap.f64.set(vals, valuesPtr >> 3);
  setWord(heap, input.desc, L.F_OFFSETS_PTR, offsetsPtr);
  setWord(heap, input.desc, L.F_DATA_PTR, indicesPtr);
  setWord(heap, input.desc, L.F_AUX_PTR, valuesPtr);
  setWord(heap, input.desc, L.F_SCRATCH_PTR, scratchPtr);
}

function collectRow(row: unknown, field: string, r: number, indices: number[], vals: number[]): void {
  if (row instanceof Map) {
    let j = 0;
    for (const [index, value] of row) pushEntry(indices, vals, toIndex(index), value, field, r, j++);
  } else if (Array.isArray(row)) {
    for (let j = 0; j < row.length; j++) {
      const pair = row[j];
      if (!Array.isArray(pair) || pair.length !== 2) throw invalid(field, r, 'sparse entries as [index, value] pairs', pair, ` at entry ${j}`);
      pushEntry(indices, vals, toIndex(pair[0]), pair[1], field, r, j);
    }
  } else if (typeof row === 'object' && row !== null && 'indices' in row && 'values' in row) {
    const { indices: is, values: vs } = row as { indices: ArrayLike<unknown>; values: ArrayLike<unknown> };
    if (!isList(is) || !isList(vs) || is.length !== vs.length) {
      throw fieldError(field, r, 'expected { indices, values } with two arrays of the same length');
    }
    for (let j = 0; j < is.length; j++) pushEntry(indices, vals, toIndex(is[j]), vs[j], field, r, j);
  } else if (typeof row === 'object' && row !== null && !ArrayBuffer.isView(row)) {
    // Object.keys beats for...in on the dictionary-mode objects that `{ index: value }` rows become.
    const obj = row as Record<string, unknown>;
    const keys = Object.keys(obj);
    for (let j = 0; j < keys.length; j++) pushEntry(indices, vals, keyIndex(keys[j]), obj[keys[j]], field, r, j);
  } else {
    throw invalid(field, r, 'a sparse vector ({ index: value }, Map, [[index, value], ...] or { indices, values })', row);
  }
}

function pushEntry(indices: number[], vals: number[], index: number, value: unknown, field: string, r: number, j: number): void {
  if (typeof value !== 'number') throw invalid(field, r, 'sparse values to be numbers', value, ` at entry ${j}`);
  indices.push(index);
  vals.push(value);
}

/** An object key as an index: canonical decimal digits only ("7", not "07" or "7.0"), else NaN. */
function keyIndex(key: string): number {
  const n = key.length;
  if (n === 0 || n > 10 || (n > 1 && key.charCodeAt(0) === 48)) return NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Index as a number; anything not an integer becomes NaN (or its fractional value) for the core to reject. */
function toIndex(index: unknown): number {
  if (typeof index === 'number') return index;
  if (typeof index === 'string') return keyIndex(index);
  if (typeof index === 'bigint') return Number(index);
  return NaN;
}
