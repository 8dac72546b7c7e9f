// The first validation failure of a measure pass, written to the request's error record.
import { E_CODE, E_ELEMENT, E_FIELD, E_INDEX } from '../src/codec/layout';

let recordPtr: usize = 0;

export function setErrorRecord(ptr: usize): void {
  recordPtr = ptr;
}

/** Records the failure and returns -1, the measure functions' failure value. */
export function fail(code: i32, field: i32, index: i32, element: i32): i32 {
  store<i32>(recordPtr + (<usize>E_CODE << 2), code);
  store<i32>(recordPtr + (<usize>E_FIELD << 2), field);
  store<i32>(recordPtr + (<usize>E_INDEX << 2), index);
  store<i32>(recordPtr + (<usize>E_ELEMENT << 2), element);
  return -1;
}
