/**
 * One field's input as the stagers see it: its values in row order, whichever form the caller used,
 * and the helpers every stager shares (descriptor writes, errors, null handling).
 */
import { DataType } from '../../data-type.js';
import { InvalidInputError, describeValue } from '../../errors.js';
import type { FieldPlan } from '../../schema.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';

/** A field's values (one per row) and where its descriptor lives. */
export interface FieldInput {
  /** Field plan; the dynamic `$meta` field has a synthetic plan. */
  readonly plan: FieldPlan;
  /** The values in row order: row values collected per field, or the caller's column. */
  readonly values: ArrayLike<unknown>;
  /** The caller's column as given (typed arrays take bulk-copy fast paths), or undefined for rows. */
  readonly column: unknown;
  readonly numRows: number;
  /**
   * The number, in the caller's whole input (or stream), of the row at index 0 of `values`: errors name
   * `rowBase + r`, so a row range encoded on its own still names the caller's row.
   */
  readonly rowBase: number;
  /** Pointer to this field's descriptor (FD_WORDS i32 words). */
  readonly desc: number;
}

/** Writes one descriptor word. */
export function setWord(heap: Heap, desc: number, word: number, value: number): void {
  heap.i32[(desc >> 2) + word] = value;
}

/** Reads one descriptor word. */
export function getWord(heap: Heap, desc: number, word: number): number {
  return heap.i32[(desc >> 2) + word]!;
}

/** An `InvalidInputError` for a field and row, saying what was expected and what was got. */
export function invalid(field: string, row: number | undefined, expected: string, got?: unknown, extra = ''): InvalidInputError {
  const where = row === undefined ? `field "${field}"` : `field "${field}", row ${row}`;
  const gotText = arguments.length >= 4 ? `, got ${describeValue(got)}` : '';
  return new InvalidInputError(`${where}: expected ${expected}${gotText}${extra}`, { field, row });
}

/** An `InvalidInputError` for a field and row with a free-form description. */
export function fieldError(field: string, row: number | undefined, text: string): InvalidInputError {
  const where = row === undefined ? `field "${field}"` : `field "${field}", row ${row}`;
  return new InvalidInputError(`${where}: ${text}`, { field, row });
}

/**
 * Builds the validity bytes of a nullable field (or one with a default value) and counts the
 * non-null values; a non-nullable field must have no null or missing value.
 * Returns the number of staged values.
 */
export function stageValidity(heap: Heap, input: FieldInput): number {
  const { plan, values, numRows, desc } = input;
  setWord(heap, desc, L.F_NUM_ROWS, numRows);
  if (!plan.nullable && !plan.hasDefault) {
    if (!ArrayBuffer.isView(values)) {
      for (let r = 0; r < numRows; r++) {
        const v = values[r];
        if (v === null || v === undefined) throw missingValue(plan, input.rowBase + r, v);
      }
    }
    setWord(heap, desc, L.F_VALID_PTR, 0);
    setWord(heap, desc, L.F_COUNT, numRows);
    return numRows;
  }
  const ptr = heap.alloc(numRows);
  const u8 = heap.u8;
  let count = 0;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    const ok = v !== null && v !== undefined;
    u8[ptr + r] = ok ? 1 : 0;
    if (ok) count++;
  }
  setWord(heap, desc, L.F_VALID_PTR, ptr);
  setWord(heap, desc, L.F_COUNT, count);
  return count;
}

function missingValue(plan: FieldPlan, row: number, v: unknown): InvalidInputError {
  const what = v === undefined ? 'missing' : 'null';
  return new InvalidInputError(
    `field "${plan.name}", row ${row}: value is ${what}, but the field is required (not nullable and without a default value)`,
    { field: plan.name, row },
  );
}

/** Row indices of the staged (non-null) values, in order. Used on error paths only. */
export function stagedRow(heap: Heap, input: FieldInput, index: number): number {
  const validPtr = getWord(heap, input.desc, L.F_VALID_PTR);
  if (validPtr === 0) return index;
  let seen = -1;
  for (let r = 0; r < input.numRows; r++) {
    if (heap.u8[validPtr + r] === 1 && ++seen === index) return r;
  }
  return index;
}

/** True when the value is absent (null or undefined): such values are not staged. */
export function isNull(v: unknown): boolean {
  return v === null || v === undefined;
}

/** A human name for a data type, for messages. */
export function typeName(type: DataType): string {
  return DataType[type] ?? String(type);
}
