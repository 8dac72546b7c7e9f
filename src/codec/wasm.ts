/**
 * The WebAssembly boundary: the only module that knows about the instance, its linear memory,
 * pointers and growth. The binary is embedded (hex) and compiled synchronously, so `import`,
 * `require()` and bundlers work without fetching files.
 */
import type { EncoderCore } from './core.js';
import { Heap, nextCapacity } from './heap.js';
import { WASM_HEX } from './wasm-binary.js';

interface CoreExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  measure(header: number): number;
  write(header: number): number;
}

const PAGE = 65536;
/** Memory beyond this is given back after a call (by replacing the instance): big calls do not pin it. */
const RETAIN_BYTES = 192 * 1024 * 1024;

let compiled: WebAssembly.Module | undefined;

function compile(): WebAssembly.Module {
  if (!compiled) {
    const bytes = new Uint8Array(WASM_HEX.length / 2);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = (hexDigit(WASM_HEX.charCodeAt(2 * i)) << 4) | hexDigit(WASM_HEX.charCodeAt(2 * i + 1));
    }
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/**
 * The value of a lowercase hex digit, from its char code: `0`–`9` (0x30–0x39) are their low four bits,
 * `a`–`f` (0x61–0x66) have bit 6 set and low bits 1–6, hence 10–15. As quick as `atob` was for base64.
 */
function hexDigit(code: number): number {
  return (code & 15) + (code >> 6) * 9;
}

function instantiate(): CoreExports {
  const instance = new WebAssembly.Instance(compile(), {
    env: {
      abort() {
        throw new Error('WebAssembly encoder aborted');
      },
    },
  });
  return instance.exports as unknown as CoreExports;
}

/** The arena over the instance's memory; JavaScript owns everything above `__heap_base`. */
class WasmHeap extends Heap {
  exports: CoreExports;

  constructor() {
    const exports = instantiate();
    super((exports.heapBase() + 15) & ~15);
    this.exports = exports;
    this.refreshViews(exports.memory.buffer);
  }

  protected grow(minBytes: number): void {
    const memory = this.exports.memory;
    const target = nextCapacity(memory.buffer.byteLength, minBytes);
    memory.grow(Math.ceil((target - memory.buffer.byteLength) / PAGE));
    this.refreshViews(memory.buffer);
  }

  /** Replaces the instance when a large call left its memory big; call only when the arena is empty. */
  trim(): void {
    if (this.exports.memory.buffer.byteLength <= RETAIN_BYTES) return;
    this.exports = instantiate();
    this.refreshViews(this.exports.memory.buffer);
  }
}

/** Creates the WebAssembly core; throws where WebAssembly is unavailable or refused (strict CSP). */
export function createWasmCore(): EncoderCore {
  const heap = new WasmHeap();
  return {
    engine: 'wasm',
    heap,
    measure: (header) => heap.exports.measure(header),
    write: (header) => heap.exports.write(header) >>> 0,
    trim: () => heap.trim(),
  };
}
