/** UTF-8 staging of strings into the heap: byte data plus u32 offsets, with an ASCII fast path. */
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { invalid, setWord, type FieldInput } from './column.js';

const encoder = new TextEncoder();

/**
 * Stages `strings` (already validated to be strings) as UTF-8: data at F_DATA_PTR, byte offsets
 * (relative to the data, `count + 1` of them) at F_OFFSETS_PTR. `rows[k]` names the row of string k
 * for error messages.
 */
export function stageStrings(heap: Heap, input: FieldInput, strings: readonly string[], rows: (k: number) => number): void {
  const count = strings.length;
  let bound = 0;
  for (let k = 0; k < count; k++) bound += strings[k].length;
  const offsetsPtr = heap.alloc((count + 1) * 4);
  const dataPtr = heap.alloc(bound * 3);
  writeStrings(heap, offsetsPtr, dataPtr, strings, (k) => invalid(input.plan.name, rows(k), 'well-formed Unicode text', strings[k], ' (it has a lone surrogate)'));
  setWord(heap, input.desc, L.F_DATA_PTR, dataPtr);
  setWord(heap, input.desc, L.F_OFFSETS_PTR, offsetsPtr);
}

/** Strings per native call of the ASCII path of {@link writeStrings}. */
const ASCII_CHUNK = 256;

/**
 * Writes strings at `dataPtr` (room for 3 bytes per UTF-16 unit) and their offsets at `offsetsPtr`. ASCII
 * text, the common case, goes a chunk of strings at a time through one native `encodeInto` of their
 * concatenation (3–5× faster than a loop over the characters of flat strings); the first chunk that is
 * not all ASCII ends that, and the strings from there on go one at a time: an ASCII prefix in the loop,
 * the rest by `encodeInto` once the string is known to be well-formed.
 */
export function writeStrings(heap: Heap, offsetsPtr: number, dataPtr: number, strings: readonly string[], onIllFormed: (k: number) => Error): void {
  const u8 = heap.u8;
  const u32 = heap.u32;
  const o = offsetsPtr >> 2;
  let p = dataPtr;
  let k = 0;
  while (k < strings.length) {
    const end = Math.min(k + ASCII_CHUNK, strings.length);
    const text = strings.slice(k, end).join('');
    // One byte per UTF-16 unit written exactly when every unit is ASCII (no surrogate among them either).
    if (encoder.encodeInto(text, u8.subarray(p, p + text.length * 3)).written !== text.length) break;
    for (; k < end; k++) {
      u32[o + k] = p - dataPtr;
      p += strings[k].length;
    }
  }
  for (; k < strings.length; k++) {
    u32[o + k] = p - dataPtr;
    const s = strings[k];
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      u8[p + i] = c;
    }
    if (i === n) {
      p += n;
      continue;
    }
    if (!s.isWellFormed()) throw onIllFormed(k);
    const { written } = encoder.encodeInto(s.slice(i), u8.subarray(p + i, p + n * 3));
    p += i + written;
  }
  u32[o + strings.length] = p - dataPtr;
}
