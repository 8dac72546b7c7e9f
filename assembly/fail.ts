// The first validation failure of a measure pass, written to the request's error record.
import { E_CODE, E_ELEMENT, E_FIELD, E_INDEX, E_MEMBER } from '../src/codec/layout';

let recordPtr: usize = 0;
// The struct member being measured, or -1: lets a failure inside an Array-of-Struct name its member.
let member: i32 = -1;

export function setErrorRecord(ptr: usize): void {
  recordPtr = ptr;
  member = -1;
}

export function setErrorMember(m: i32): void {
  member = m;
}

/** Records the failure and returns -1, the measure functions' failure value. */
export function fail(code: i32, field: i32, index: i32, element: i32): i32 {
  store<i32>(recordPtr + (<usize>E_CODE << 2), code);
  store<i32>(recordPtr + (<usize>E_FIELD << 2), field);
  store<i32>(recordPtr + (<usize>E_INDEX << 2), index);
  store<i32>(recordPtr + (<usize>E_ELEMENT << 2), element);
  store<i32>(recordPtr + (<usize>E_MEMBER << 2), member);
  return -1;
}

/**
 * Re-points a failure recorded against vector `index` of a flat run of vectors (element = component) to the
 * row owning it: index = the row, element = component + dim × the vector's position within the row.
 */
export function failInVectorRows(offsets: usize, rows: i32, dim: i32): i32 {
  const flat = load<i32>(recordPtr + (<usize>E_INDEX << 2));
  let k = 0;
  while (k + 1 < rows && load<i32>(offsets + (<usize>(k + 1) << 2)) <= flat) k++;
  const within = flat - load<i32>(offsets + (<usize>k << 2));
  store<i32>(recordPtr + (<usize>E_INDEX << 2), k);
  store<i32>(recordPtr + (<usize>E_ELEMENT << 2), within * dim + load<i32>(recordPtr + (<usize>E_ELEMENT << 2)));
  return -1;
}
