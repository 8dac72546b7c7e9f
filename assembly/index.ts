// The WebAssembly core's exports. The JavaScript side (src/codec/wasm.ts) owns the memory above
// __heap_base as a bump arena, stages a request there, then calls measure and write.
import { H_ERROR_PTR } from '../src/codec/layout';
import { word } from './descriptor';
import { setErrorRecord } from './fail';
import { measureRequest } from './measure';
import { writeRequest } from './write';

/** First byte the JavaScript arena may use. */
export function heapBase(): usize {
  return __heap_base;
}

/** Validates and sizes the request staged at `header`; -1 after writing its error record. */
export function measure(header: usize): i32 {
  setErrorRecord(<usize>word(header, H_ERROR_PTR));
  return measureRequest(header);
}

/** Writes the measured request; returns the end position. */
export function write(header: usize): usize {
  return writeRequest(header);
}
