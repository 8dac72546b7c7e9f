/**
 * Stager of Array fields: each row is a list of scalars of the field's element type. Elements are
 * staged flat, in the element kind's layout, with u32 element offsets per row; the core checks
 * `max_capacity`, element ranges and VarChar lengths.
 */
import { DataType } from '../../data-type.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { invalid, isNull, setWord, type FieldInput } from './column.js';
import { elementKind } from './field-kinds.js';
import { toInt64 } from './scalars.js';
import { writeStrings } from './utf8.js';

/** Stages the non-null rows of an Array field. */
export function stageArray(heap: Heap, input: FieldInput, count: number, elementMaxLength: number): void {
  const { values, numRows, plan, desc } = input;
  const et = plan.elementType;
  const kind = elementKind(et);
  const rows: ArrayLike<unknown>[] = new Array(count);
  /** The caller's row number of each staged list, for messages. */
  const rowIndex = new Float64Array(count);
  let total = 0;
  let k = 0;
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v)) continue;
    if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      throw invalid(plan.name, input.rowBase + r, `an array of ${DataType[et]}`, v);
    }
    const list = v as ArrayLike<unknown>;
    rows[k] = list;
    rowIndex[k++] = input.rowBase + r;
    total += list.length;
  }
  const offsetsPtr = heap.alloc((count + 1) * 4);
  const scratchPtr = heap.alloc(count * 4);
  let e = 0;
  const u32Offsets = () => heap.u32;
  if (kind === L.K_STRING) {
    const strings = new Array<string>(total);
    for (let i = 0; i < count; i++) {
      u32Offsets()[(offsetsPtr >> 2) + i] = e;
      const list = rows[i];
      for (let j = 0; j < list.length; j++) {
        const x = list[j];
        if (typeof x !== 'string') throw invalid(plan.name, rowIndex[i], 'string elements', x, ` at position ${j}`);
        strings[e++] = x;
      }
    }
    let bound = 0;
    for (const s of strings) bound += s.length;
    const byteOffsetsPtr = heap.alloc((total + 1) * 4);
    const dataPtr = heap.alloc(bound * 3);
    writeStrings(heap, byteOffsetsPtr, dataPtr, strings, (k) => illFormedElement(plan.name, rows, rowIndex, strings, k));
    setWord(heap, desc, L.F_DATA_PTR, dataPtr);
    setWord(heap, desc, L.F_AUX_PTR, byteOffsetsPtr);
  } else {
    const width = kind === L.K_BOOL ? 1 : 8;
    const dataPtr = heap.alloc(total * width);
    const { u8, f64, i64 } = heap;
    const base = dataPtr / width;
    const u32 = heap.u32;
    for (let i = 0; i < count; i++) {
      u32[(offsetsPtr >> 2) + i] = e;
      const list = rows[i];
      const r = rowIndex[i];
      for (let j = 0; j < list.length; j++) {
        const x = list[j];
        if (kind === L.K_BOOL) {
          if (typeof x !== 'boolean') throw invalid(plan.name, r, 'boolean elements', x, ` at position ${j}`);
          u8[base + e] = x ? 1 : 0;
        } else if (kind === L.K_INT64) {
          i64[base + e] = toInt64(x, plan.name, r);
        } else {
          if (typeof x !== 'number') throw invalid(plan.name, r, 'numeric elements', x, ` at position ${j}`);
          f64[base + e] = x;
        }
        e++;
      }
    }
    setWord(heap, desc, L.F_DATA_PTR, dataPtr);
  }
  heap.u32[(offsetsPtr >> 2) + count] = e;
  setWord(heap, desc, L.F_OFFSETS_PTR, offsetsPtr);
  setWord(heap, desc, L.F_SCRATCH_PTR, scratchPtr);
  setWord(heap, desc, L.F_ELEM_KIND, kind);
  setWord(heap, desc, L.F_ELEM_TYPE, et);
  setWord(heap, desc, L.F_ELEM_LIMIT, elementMaxLength);
}

/** The error for ill-formed element `k` of the flattened elements: its row and position in that row. */
function illFormedElement(field: string, rows: ArrayLike<unknown>[], rowIndex: ArrayLike<number>, strings: readonly string[], k: number) {
  let i = 0;
  let start = 0;
  while (start + rows[i].length <= k) start += rows[i++].length;
  return invalid(field, rowIndex[i], 'well-formed Unicode text', strings[k], ` at position ${k - start} (it has a lone surrogate)`);
}
