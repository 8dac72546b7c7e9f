/**
 * The contract both encoder cores (WebAssembly and TypeScript) fulfil over their heap. Names: the
 * `engine` option is what a caller picks (`'wasm'`, `'js'` or `'auto'`); a core is the object that
 * implements the picked engine, chosen in `engine.ts`.
 */
import type { Heap } from './heap.js';

/** An encoder core: two passes over a request staged in its heap. */
export interface EncoderCore {
  readonly engine: 'wasm' | 'js';
  readonly heap: Heap;
  /**
   * Validates the staged request at `header`, converts what needs converting in place, records
   * message sizes, and returns the request size; -1 after writing the error record.
   */
  measure(header: number): number;
  /** Writes the measured request at the header's output pointer; returns the end position. */
  write(header: number): number;
  /** Frees memory held beyond what the next call needs (optional). */
  trim?(): void;
}
