/** Chooses and caches the encoder core: WebAssembly when it can be compiled, else the TypeScript twin. */
import { MilvusError, MilvusErrorCode } from '../errors.js';
import type { EncoderCore } from './core.js';
import { createJsCore } from './core-js/index.js';
import { createWasmCore } from './wasm.js';
import type { Engine } from './types.js';

let wasmCore: EncoderCore | null | undefined;
let wasmFailure: unknown;
let jsCore: EncoderCore | undefined;

/** The core for `engine`; `'auto'` falls back to TypeScript where WebAssembly is refused (e.g. by a CSP). */
export function selectCore(engine: Engine): EncoderCore {
  if (engine === 'js') return (jsCore ??= createJsCore());
  if (wasmCore === undefined) {
    try {
      wasmCore = createWasmCore();
    } catch (e) {
      wasmCore = null;
      wasmFailure = e;
    }
  }
  if (wasmCore) return wasmCore;
  if (engine === 'wasm') {
    throw new MilvusError(MilvusErrorCode.Internal, `the WebAssembly encoder is unavailable: ${(wasmFailure as Error)?.message ?? wasmFailure}`, { cause: wasmFailure });
  }
  return (jsCore ??= createJsCore());
}

/**
 * A new core of the kind `selectCore(engine)` returns, with its own heap: for an encode that starts while
 * another is staging (re-entered from the caller's `toJSON` or a getter), which must not share an arena.
 */
export function freshCore(engine: Engine): EncoderCore {
  return selectCore(engine).engine === 'wasm' ? createWasmCore() : createJsCore();
}

/** Which engine `'auto'` resolves to here: `'wasm'` or `'js'`. */
export function activeEngine(): 'wasm' | 'js' {
  return selectCore('auto').engine;
}

/**
 * Bytes of memory the WebAssembly encoder holds between calls (0 if it is not in use): it keeps the
 * memory of its largest recent call, up to a limit beyond which it gives it back.
 */
export function wasmEncoderMemoryBytes(): number {
  return wasmCore ? wasmCore.heap.capacity : 0;
}
