/**
 * Stager of SparseFloatVector fields, in every row form of {@link forEachSparseEntry}. Indices and values
 * are staged as f64 so the core can reject negative, fractional, too large and duplicate indices and
 * non-finite values, and sort each row by index.
 */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { fieldError, invalid, isNull, setWord, type FieldInput } from './column.js';

/**
 * Stages the non-null sparse rows: f64 indices at F_DATA_PTR, f64 values at F_AUX_PTR, u32 entry offsets.
 * Two passes. The first reads every `{ index: value }` row, once, into (index, value) pairs in a region of
 * the arena that grows as it fills (listing such a row's keys is most of what it costs), and only bounds
 * the rows of other forms; the second writes every row in place, from the pairs or from the row itself.
 * A row with a value that is not a number is left to the second pass, which reads it again and reports
 * the value, so that errors come in row order whatever the forms.
 */
export function stageSparse(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan } = input;
  /** Per row: for a `{ index: value }` row, where its pairs end (counted in pairs); -1 for other rows. */
  const pairsEnd = new Int32Array(numRows);
  let capacity = 1024;
  const pairsPtr = heap.alloc(capacity * 16);
  const pairsAt = pairsPtr >> 3;
  let f64 = heap.f64;
  let pairs = 0;
  let bound = 0;
  for (let r = 0; r < numRows; r++) {
    pairsEnd[r] = -1;
    const row = values[r];
    if (isNull(row)) continue;
    if (!isDictRow(row)) {
      bound += entryBound(row);
      continue;
    }
    const dict = row as Record<string, unknown>;
    const keys = Object.keys(dict);
    bound += keys.length;
    if (pairs + keys.length > capacity) {
      capacity = Math.max(capacity * 2, pairs + keys.length);
      heap.extend(pairsPtr, capacity * 16);
      f64 = heap.f64;
    }
    let p = pairsAt + 2 * pairs;
    let j = 0;
    for (; j < keys.length; j++) {
      const value = dict[keys[j]!];
      if (typeof value !== 'number') break;
      f64[p] = keyIndex(keys[j]!);
      f64[p + 1] = value;
      p += 2;
    }
    if (j < keys.length) continue;
    pairs += keys.length;
    pairsEnd[r] = pairs;
  }
  const offsetsPtr = heap.alloc((count + 1) * 4);
  const indicesPtr = heap.alloc(bound * 8);
  const valuesPtr = heap.alloc(bound * 8);
  const scratchPtr = heap.alloc(count * 4);
  const { u32 } = heap;
  f64 = heap.f64;
  const first = indicesPtr >> 3;
  const toValue = (valuesPtr >> 3) - first;
  const offsets = offsetsPtr >> 2;
  u32[offsets] = 0;
  let o = first;
  let k = 0;
  let p = pairsAt;
  for (let r = 0; r < numRows; r++) {
    const row = values[r];
    if (isNull(row)) continue;
    const rowNumber = input.rowBase + r;
    const end = pairsEnd[r]!;
    if (end >= 0) {
      for (const stop = pairsAt + 2 * end; p < stop; p += 2) {
        f64[o] = f64[p]!;
        f64[o + toValue] = f64[p + 1]!;
        o++;
      }
    } else {
      forEachSparseEntry(row, (index, value, j) => {
        if (typeof value !== 'number') throw notNumber(plan.name, rowNumber, value, j);
        if (o === first + bound) throw changedWhileRead(plan.name, rowNumber);
        f64[o] = index;
        f64[o + toValue] = value;
        o++;
      }, (expected, got, where) => invalid(plan.name, rowNumber, expected, got, where));
    }
    u32[offsets + ++k] = o - first;
  }
  setWord(heap, input.desc, L.F_OFFSETS_PTR, offsetsPtr);
  setWord(heap, input.desc, L.F_DATA_PTR, indicesPtr);
  setWord(heap, input.desc, L.F_AUX_PTR, valuesPtr);
  setWord(heap, input.desc, L.F_SCRATCH_PTR, scratchPtr);
}

/**
 * At least as many entries as a row not in the `{ index: value }` form visits (0 for a row in no accepted
 * form, which the second pass then refuses); dense rows with holes count their holes too.
 */
function entryBound(row: unknown): number {
  if (row instanceof Map) return row.size;
  if (Array.isArray(row)) return row.length;
  const is = (row as { indices?: unknown }).indices;
  return isList(is) ? is.length : 0;
}

function notNumber(field: string, row: number, value: unknown, j: number): Error {
  return invalid(field, row, 'sparse values to be numbers', value, ` at entry ${j}`);
}

/** A row that gave more entries when written than when counted (a getter or proxy changing it). */
function changedWhileRead(field: string, row: number): Error {
  return fieldError(field, row, 'the sparse row changed while it was read');
}

/** Builds the error for a sparse row that is not in an accepted form: what was expected, what was got, where. */
export type SparseFormError = (expected: string, got: unknown, where?: string) => Error;

/** The accepted forms, for messages. */
export const SPARSE_FORMS = 'a sparse vector ({ index: value }, Map, { indices, values }, [{ index, value }, ...], [[index, value], ...] or dense values with holes)';

/**
 * Visits every entry of one sparse row, in any form the official Node SDK and pymilvus accept:
 * `{ index: value }` (dict), a `Map`, `{ indices, values }` (CSR), `[{ index, value }, ...]` (COO),
 * `[[index, value], ...]` pairs, or dense values with holes (`[0.5, undefined, 0.2]`: the defined entries,
 * NaN counting as a hole, as in the SDK). Indices come as numbers (NaN when not an integer); values as given.
 */
export function forEachSparseEntry(row: unknown, visit: (index: number, value: unknown, j: number, rawIndex: unknown) => void, fail: SparseFormError): void {
  if (row instanceof Map) {
    let j = 0;
    for (const [index, value] of row) visit(toIndex(index), value, j++, index);
  } else if (Array.isArray(row)) {
    visitArrayRow(row, visit, fail);
  } else if (isCsrRow(row)) {
    const { indices: is, values: vs } = row as { indices: ArrayLike<unknown>; values: ArrayLike<unknown> };
    if (!isList(is) || !isList(vs) || is.length !== vs.length) throw fail('{ indices, values } with two arrays of the same length', row);
    for (let j = 0; j < is.length; j++) visit(toIndex(is[j]), vs[j], j, is[j]);
  } else if (isDictRow(row)) {
    // Object.keys beats for...in on the dictionary-mode objects that `{ index: value }` rows become.
    const obj = row as Record<string, unknown>;
    const keys = Object.keys(obj);
    for (let j = 0; j < keys.length; j++) visit(keyIndex(keys[j]!), obj[keys[j]!], j, keys[j]);
  } else {
    throw fail(SPARSE_FORMS, row);
  }
}

function isCsrRow(row: unknown): boolean {
  return typeof row === 'object' && row !== null && 'indices' in row && 'values' in row;
}

/** True for a row in the `{ index: value }` form: an object that is no other accepted form. */
function isDictRow(row: unknown): row is object {
  return typeof row === 'object' && row !== null && !(row instanceof Map) && !Array.isArray(row) && !isCsrRow(row) && !ArrayBuffer.isView(row);
}

/** An array row: its first defined element says which form it is (pairs, COO objects, or dense values). */
function visitArrayRow(row: readonly unknown[], visit: (index: number, value: unknown, j: number, rawIndex: unknown) => void, fail: SparseFormError): void {
  let first: unknown;
  for (const e of row) if (e !== undefined) { first = e; break; }
  if (Array.isArray(first)) {
    for (let j = 0; j < row.length; j++) {
      const pair = row[j];
      if (!Array.isArray(pair) || pair.length !== 2) throw fail('sparse entries as [index, value] pairs', pair, ` at entry ${j}`);
      visit(toIndex(pair[0]), pair[1], j, pair[0]);
    }
  } else if (typeof first === 'object' && first !== null) {
    for (let j = 0; j < row.length; j++) {
      const e = row[j] as { index?: unknown; value?: unknown } | null | undefined;
      if (typeof e !== 'object' || e === null || !('index' in e) || !('value' in e)) throw fail('sparse entries as { index, value } objects', e, ` at entry ${j}`);
      visit(toIndex(e.index), e.value, j, e.index);
    }
  } else {
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      visit(j, v, j, j);
    }
  }
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
