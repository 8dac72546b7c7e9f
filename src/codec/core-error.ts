/** Turns a core's error record into an `InvalidInputError` that names field, row and value. */
import { DataType } from '../data-type.js';
import { InvalidInputError, describeValue } from '../errors.js';
import type { Heap } from './heap.js';
import * as L from './layout.js';
import { getWord, stagedRow, type FieldInput } from './stage/column.js';
import { forEachSparseEntry } from './stage/sparse.js';

const INT_LIMITS: Partial<Record<DataType, string>> = {
  [DataType.Int8]: '-128..127',
  [DataType.Int16]: '-32768..32767',
  [DataType.Int32]: '-2147483648..2147483647',
};

/**
 * The error for a bad value found outside the core (by the caller filling a field the core left out):
 * writes the error record as the core would, so the message is the core's.
 */
export function recordedError(heap: Heap, header: number, fields: readonly FieldInput[], field: number, code: number, index: number, element: number): InvalidInputError {
  const rec = heap.i32[(header >> 2) + L.H_ERROR_PTR] >> 2;
  heap.i32.set([code, field, index, element, -1], rec + L.E_CODE);
  return coreError(heap, header, fields);
}

/** Reads the error record of the request staged at `header` and builds the error. */
export function coreError(heap: Heap, header: number, fields: readonly FieldInput[]): InvalidInputError {
  const rec = heap.i32[(header >> 2) + L.H_ERROR_PTR] >> 2;
  const code = heap.i32[rec + L.E_CODE];
  const field = fields[heap.i32[rec + L.E_FIELD]]!;
  const index = heap.i32[rec + L.E_INDEX];
  const element = heap.i32[rec + L.E_ELEMENT];
  const member = heap.i32[rec + L.E_MEMBER];
  if (member >= 0) return memberError(heap, field, member, code, index, element);
  const { plan } = field;
  const row = stagedRow(heap, field, index);
  const flat = ArrayBuffer.isView(field.column) && plan.dim > 0 ? (field.column as unknown as Float32Array) : undefined;
  const value = flat ? flat.subarray(row * plan.dim, (row + 1) * plan.dim) : field.values[row];
  const elementValue = plan.type === DataType.SparseFloatVector ? sparseEntry(value, element)[1] : elementOf(value, element);
  const at = ` at position ${element}`;
  const got = (v: unknown) => `, got ${describeValue(v)}`;
  let text: string;
  switch (code) {
    case L.ERR_NOT_FINITE: {
      const v = isListy(value) ? elementValue : value;
      // A finite double that became ±Infinity as float32 is out of range, not "not finite".
      const what = typeof v === 'number' && Number.isFinite(v) ? 'numbers within the float32 range (±3.4028235e38)' : 'finite numbers';
      text = `expected ${what}${isListy(value) ? at : ''}${got(v)}`;
      break;
    }
    case L.ERR_NOT_INTEGER:
      text = `expected an integer${isListy(value) ? at : ''}${got(isListy(value) ? elementValue : value)}`;
      break;
    case L.ERR_INT_RANGE: {
      const t = plan.type === DataType.Array ? plan.elementType : plan.type;
      const range = plan.type === DataType.Int8Vector ? '-128..127' : INT_LIMITS[t] ?? '';
      text = `expected an integer in ${range}${isListy(value) ? at : ''}${got(isListy(value) ? elementValue : value)}`;
      break;
    }
    case L.ERR_FLOAT_RANGE:
      text = `expected a number within the float32 range (±3.4028235e38)${isListy(value) ? at : ''}${got(isListy(value) ? elementValue : value)}`;
      break;
    case L.ERR_F16_OVERFLOW:
      text = `expected values within the float16 range (±65504)${at}${got(elementValue)}`;
      break;
    case L.ERR_BF16_OVERFLOW:
      text = `expected values within the bfloat16 range (±3.3895314e38)${at}${got(elementValue)}`;
      break;
    case L.ERR_SPARSE_INDEX:
      text = `expected sparse indices to be integers in 0..4294967294, got ${describeValue(sparseEntry(value, element)[0])} at entry ${element}`;
      break;
    case L.ERR_SPARSE_DUPLICATE:
      text = `expected distinct sparse indices, got index ${element >>> 0} twice`;
      break;
    case L.ERR_STRING_TOO_LONG:
      text = plan.type === DataType.Array
        ? `expected elements of at most ${plan.maxLength} UTF-8 bytes (max_length), element ${element} is longer`
        : `expected at most ${plan.maxLength} UTF-8 bytes (max_length), got ${element} bytes`;
      break;
    case L.ERR_ARRAY_TOO_LONG:
      text = `expected at most ${plan.maxCapacity} elements (max_capacity), got ${element}`;
      break;
    default:
      text = `invalid value (core error ${code})`;
  }
  const callerRow = field.rowBase + row;
  return new InvalidInputError(`field "${plan.name}", row ${callerRow}: ${text}`, { field: plan.name, row: callerRow });
}

/** A failure inside member `m` of an Array-of-Struct field: row, struct element and (for vectors) position. */
function memberError(heap: Heap, field: FieldInput, m: number, code: number, index: number, element: number): InvalidInputError {
  const plan = field.plan.members![m]!;
  const name = `${field.plan.name}[${plan.name}]`;
  const desc = getWord(heap, field.desc, L.F_DATA_PTR) + m * L.FD_WORDS * 4;
  const row = stagedRow(heap, { ...field, desc }, index);
  const elements = field.values[row] as Record<string, unknown>[] | undefined;
  const vector = plan.dim > 0;
  const e = vector ? Math.floor(element / plan.dim) : element;
  const at = vector ? ` at element ${e}, position ${element % plan.dim}` : ` at element ${e}`;
  const value = vector ? (elements?.[e]?.[plan.name] as ArrayLike<unknown> | undefined)?.[element % plan.dim] : elements?.[e]?.[plan.name];
  const got = `, got ${describeValue(value)}`;
  let text: string;
  switch (code) {
    case L.ERR_ARRAY_TOO_LONG: text = `expected at most ${plan.maxCapacity} elements (max_capacity), got ${element}`; break;
    case L.ERR_NOT_FINITE: text = `expected finite numbers${at}${got}`; break;
    case L.ERR_NOT_INTEGER: text = `expected an integer${at}${got}`; break;
    case L.ERR_INT_RANGE: text = `expected an integer in ${plan.type === DataType.Int8Vector ? '-128..127' : INT_LIMITS[plan.type] ?? ''}${at}${got}`; break;
    case L.ERR_FLOAT_RANGE: text = `expected a number within the float32 range (±3.4028235e38)${at}${got}`; break;
    case L.ERR_F16_OVERFLOW: text = `expected values within the float16 range (±65504)${at}${got}`; break;
    case L.ERR_BF16_OVERFLOW: text = `expected values within the bfloat16 range (±3.3895314e38)${at}${got}`; break;
    case L.ERR_STRING_TOO_LONG: text = `expected at most ${plan.maxLength} UTF-8 bytes (max_length)${at}`; break;
    default: text = `invalid value (core error ${code})${at}`;
  }
  const callerRow = field.rowBase + row;
  return new InvalidInputError(`field "${name}", row ${callerRow}: ${text}`, { field: name, row: callerRow });
}

function isListy(v: unknown): boolean {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)) || (typeof v === 'object' && v !== null);
}

function elementOf(value: unknown, element: number): unknown {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return (value as ArrayLike<unknown>)[element];
  if (typeof value === 'object' && value !== null) return sparseEntry(value, element)[1];
  return value;
}

/** The [index, value] of entry `n` of a sparse row in any accepted form, in the caller's order. */
function sparseEntry(row: unknown, n: number): [unknown, unknown] {
  const entries: [unknown, unknown][] = [];
  try {
    forEachSparseEntry(row, (_index, value, _j, raw) => entries.push([raw, value]), () => new Error('not a sparse row'));
  } catch {
    return [undefined, undefined];
  }
  return entries[n] ?? [undefined, undefined];
}
