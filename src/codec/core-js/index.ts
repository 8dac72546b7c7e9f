/** The pure-TypeScript encoder core: same memory contract and bytes as the WebAssembly core. */
import { JsHeap, type Heap } from '../heap.js';
import * as L from '../layout.js';
import type { EncoderCore } from '../core.js';
import { CoreFailure, measureRequest } from './measure.js';
import { writeRequest } from './write.js';

/** Creates the TypeScript core with its own heap. */
export function createJsCore(): EncoderCore {
  const heap: Heap = new JsHeap();
  return {
    engine: 'js',
    heap,
    measure(header: number): number {
      try {
        return measureRequest(heap, header);
      } catch (e) {
        if (!(e instanceof CoreFailure)) throw e;
        const rec = heap.i32[(header >> 2) + L.H_ERROR_PTR] >> 2;
        heap.i32[rec + L.E_CODE] = e.code;
        heap.i32[rec + L.E_FIELD] = e.field;
        heap.i32[rec + L.E_INDEX] = e.index;
        heap.i32[rec + L.E_ELEMENT] = e.element;
        heap.i32[rec + L.E_MEMBER] = e.member;
        return -1;
      }
    },
    write(header: number): number {
      return writeRequest(heap, header);
    },
  };
}
