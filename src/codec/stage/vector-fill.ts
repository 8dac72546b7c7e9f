/**
 * The last step of encoding a FloatVector field given as rows: the core framed the field and left its
 * payload out (see `stageFloatVectors`), and here the rows' numbers are converted once, straight into
 * the request bytes the caller gets. For 10,000 rows of 768 this saves staging 30 MB in the arena, the
 * core's copy of it into the request and the copy out of the arena.
 */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { recordedError } from '../core-error.js';
import { getWord } from './column.js';
import type { StagedRequest } from './request.js';
import { copyNumberRows } from './vectors.js';

/** The least magnitude a double rounds to ±Infinity from as float32 (2^128 - 2^103, a tie rounded to even). */
const FLOAT32_ROUNDS_TO_INFINITY = 2 ** 128 - 2 ** 103;

/**
 * Copies the written request (`len` bytes at `out`) out of the arena and fills the left-out payload of
 * `staged.fill`. Throws `InvalidInputError` for a value that is not a number, or not finite as float32,
 * with the core's message for it.
 */
export function copyOutFilled(heap: Heap, staged: StagedRequest, out: number, len: number): Uint8Array {
  const field = staged.fill!;
  const dim = field.plan.dim;
  const count = getWord(heap, field.desc, L.F_COUNT);
  if (count === 0) return heap.copyOut(out, len);
  const at = getWord(heap, field.desc, L.F_FILL_AT) - out;
  const bytes = heap.copyOutAround(out, len, at, count * dim * 4);
  const payload = new Float32Array(bytes.buffer, bytes.byteOffset + at, count * dim);
  const bad = copyNumberRows(payload, 0, field, dim, FLOAT32_ROUNDS_TO_INFINITY);
  if (bad >= 0) {
    throw recordedError(heap, staged.header, staged.fields, staged.fields.indexOf(field), L.ERR_NOT_FINITE, Math.floor(bad / dim), bad % dim);
  }
  return bytes;
}
