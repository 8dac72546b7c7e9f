/** Stagers of scalar fields: Bool, Int8/16/32, Int64, Float, Double and the string-like types. */
import { int64Of, isLongLike } from '../../int64-value.js';
import { DataType } from '../../data-type.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { invalid, isNull, setWord, type FieldInput } from './column.js';
import { toJsonText } from './json-text.js';
import { stageStrings } from './utf8.js';

/** Stages Bool values as bytes. */
export function stageBool(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan } = input;
  const ptr = heap.alloc(count);
  const u8 = heap.u8;
  let k = 0;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v)) continue;
    if (typeof v !== 'boolean') throw invalid(plan.name, input.rowBase + r, 'a boolean', v);
    u8[ptr + k++] = v ? 1 : 0;
  }
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
}

/** Stages Int8/Int16/Int32, Float and Double values as f64; ranges and finiteness are checked by the core. */
export function stageNumbers(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan, column } = input;
  const ptr = heap.alloc(count * 8);
  const f64 = heap.f64;
  const base = ptr >> 3;
  if (count === numRows && isNumericTypedArray(column)) {
    f64.set(column as ArrayLike<number>, base);
  } else {
    const expected = plan.type === DataType.Float || plan.type === DataType.Double ? 'a number' : 'an integer';
    let k = 0;
    for (let r = 0; r < numRows; r++) {
      const v = values[r];
      if (isNull(v)) continue;
      if (typeof v !== 'number') throw invalid(plan.name, input.rowBase + r, expected, v);
      f64[base + k++] = v;
    }
  }
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
}

function isNumericTypedArray(v: unknown): boolean {
  return ArrayBuffer.isView(v) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array) && !(v instanceof DataView);
}

/** Converts an Int64 value (bigint, safe-integer number, decimal string, `Long`) exactly, or throws. */
export function toInt64(v: unknown, field: string, row: number): bigint {
  const b = int64Of(v);
  if (b !== undefined) return b;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) {
      throw invalid(field, row, 'an Int64 as a bigint, a decimal string or a number within ±(2^53 - 1)', v, ' (this number may already have been rounded; pass a bigint or a string)');
    }
    throw invalid(field, row, 'an integer', v);
  }
  if (typeof v === 'bigint' || (typeof v === 'string' && /^[+-]?\d+$/.test(v)) || isLongLike(v)) {
    throw invalid(field, row, 'a value within the Int64 range -2^63..2^63-1', v);
  }
  throw invalid(field, row, 'an Int64 as a bigint, a decimal string, a Long or a safe integer', v);
}

/** Stages Int64 values exactly as i64. */
export function stageInt64(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan, column } = input;
  const ptr = heap.alloc(count * 8);
  const i64 = heap.i64;
  const base = ptr >> 3;
  if (count === numRows && column instanceof BigInt64Array) {
    i64.set(column, base);
  } else {
    // Safe-integer numbers (the common primary key) go in as two 32-bit words, without a BigInt each.
    const i32 = heap.i32;
    let k = 0;
    for (let r = 0; r < numRows; r++) {
      const v = values[r];
      if (isNull(v)) continue;
      if (typeof v === 'number' && Number.isSafeInteger(v)) {
        i32[2 * (base + k)] = v >>> 0;
        i32[2 * (base + k) + 1] = Math.floor(v / 4294967296) | 0;
      } else {
        i64[base + k] = toInt64(v, plan.name, input.rowBase + r);
      }
      k++;
    }
  }
  setWord(heap, input.desc, L.F_DATA_PTR, ptr);
}

/**
 * Stages VarChar, Text, Geometry (WKT), Timestamptz (ISO 8601 text or a `Date`) and JSON values as
 * UTF-8 strings. JSON values are serialised as `JSON.stringify` does, refusing what it would change
 * (see json-text.ts); a string given for a JSON field is taken as JSON text and must parse, as pymilvus does.
 */
export function stageStringLike(heap: Heap, input: FieldInput, count: number): void {
  const { values, numRows, plan } = input;
  const strings = new Array<string>(count);
  const rows = new Int32Array(count);
  const toText = TO_TEXT[plan.type] ?? requireString;
  let k = 0;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v)) continue;
    const row = input.rowBase + r;
    rows[k] = row;
    strings[k++] = toText(v, plan.name, row);
  }
  stageStrings(heap, input, strings, (i) => rows[i]);
}

type ToText = (v: unknown, field: string, row: number) => string;

function requireString(v: unknown, field: string, row: number): string {
  if (typeof v !== 'string') throw invalid(field, row, 'a string', v);
  return v;
}

const TO_TEXT: Partial<Record<DataType, ToText>> = {
  [DataType.JSON]: toJsonText,
  [DataType.Timestamptz]: (v, field, row) => {
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw invalid(field, row, 'a valid Date or an ISO 8601 string', 'Invalid Date');
      return v.toISOString();
    }
    if (typeof v !== 'string') throw invalid(field, row, 'an ISO 8601 string or a Date', v);
    return v;
  },
  [DataType.Geometry]: (v, field, row) => {
    if (typeof v !== 'string') throw invalid(field, row, 'a WKT string such as "POINT (1 2)"', v);
    return v;
  },
};
