/**
 * Chooses and caches the encoder core: WebAssembly when it can be compiled, else the TypeScript twin.
 *
 * The TypeScript core is needed only where WebAssembly is refused (a strict Content-Security-Policy) or
 * where a caller asks for `engine: 'js'`. The Node entry installs it as it loads; the browser entry does
 * not, so a browser downloads it (a separate chunk, by dynamic import) only when it is needed: the client's
 * methods await {@link loadJsEncoder} before they encode, and a caller of the synchronous
 * `encodeInsertRequest` in such a browser awaits it once, as the error it gets otherwise says.
 */
import { MilvusError, MilvusErrorCode } from '../errors.js';
import type { EncoderCore } from './core.js';
import { createWasmCore } from './wasm.js';
import type { Engine } from './types.js';

let wasmCore: EncoderCore | null | undefined;
let wasmFailure: unknown;
let jsCore: EncoderCore | undefined;
let createJsCore: (() => EncoderCore) | undefined;
let loading: Promise<void> | undefined;

/** Installs the TypeScript core's constructor (the Node entry does so as it loads; see {@link loadJsEncoder}). */
export function installJsCore(create: () => EncoderCore): void {
  createJsCore = create;
}

/**
 * Loads the TypeScript encoder, which the browser build fetches only on demand. Await it once before calling
 * `encodeInsertRequest`, `encodeUpsertRequest` or `planWrite` synchronously in a browser whose
 * Content-Security-Policy refuses WebAssembly, or with `engine: 'js'` in a browser. Unneeded in Node (it is
 * loaded there already) and before the client's own methods, which load it themselves when they need it.
 * Rejects if the chunk cannot be fetched.
 */
export async function loadJsEncoder(): Promise<void> {
  if (createJsCore) return;
  loading ??= import('./core-js/index.js').then(
    (core) => installJsCore(core.createJsCore),
    (e: unknown) => {
      loading = undefined;
      throw new MilvusError(MilvusErrorCode.Internal, `the TypeScript encoder could not be loaded: ${(e as Error)?.message ?? e}`, { cause: e });
    },
  );
  return loading;
}

/** Loads what `selectCore(engine)` will need, if it is not loaded: for async callers (the client's writes). */
export async function prepareCore(engine: Engine): Promise<void> {
  if (engine === 'js' || (engine === 'auto' && !wasmUsable())) await loadJsEncoder();
}

function wasmUsable(): boolean {
  if (wasmCore === undefined) {
    try {
      wasmCore = createWasmCore();
    } catch (e) {
      wasmCore = null;
      wasmFailure = e;
    }
  }
  return wasmCore !== null;
}

function newJsCore(engine: Engine): EncoderCore {
  if (!createJsCore) {
    const why = engine === 'js' ? "engine: 'js' was asked for" : `WebAssembly is refused here (${(wasmFailure as Error)?.message ?? wasmFailure})`;
    throw new MilvusError(
      MilvusErrorCode.Internal,
      `the TypeScript encoder is not loaded (${why}, and the browser build loads it on demand): call \`await loadJsEncoder()\` once before encoding; the client's methods do so by themselves`,
      engine === 'js' ? {} : { cause: wasmFailure },
    );
  }
  return createJsCore();
}

/** The core for `engine`; `'auto'` falls back to TypeScript where WebAssembly is refused (e.g. by a CSP). */
export function selectCore(engine: Engine): EncoderCore {
  if (engine === 'js') return (jsCore ??= newJsCore(engine));
  if (wasmUsable()) return wasmCore!;
  if (engine === 'wasm') {
    throw new MilvusError(MilvusErrorCode.Internal, `the WebAssembly encoder is unavailable: ${(wasmFailure as Error)?.message ?? wasmFailure}`, { cause: wasmFailure });
  }
  return (jsCore ??= newJsCore(engine));
}

/**
 * A new core of the kind `selectCore(engine)` returns, with its own heap: for an encode that starts while
 * another is staging (re-entered from the caller's `toJSON` or a getter), which must not share an arena.
 */
export function freshCore(engine: Engine): EncoderCore {
  return selectCore(engine).engine === 'wasm' ? createWasmCore() : newJsCore(engine);
}

/** Which engine `'auto'` resolves to here: `'wasm'` or `'js'` (whether or not the TypeScript encoder is loaded yet). */
export function activeEngine(): 'wasm' | 'js' {
  return wasmUsable() ? 'wasm' : 'js';
}

/**
 * Bytes of memory the WebAssembly encoder holds between calls (0 if it is not in use): it keeps the
 * memory of its largest recent call, up to a limit beyond which it gives it back.
 */
export function wasmEncoderMemoryBytes(): number {
  return wasmCore ? wasmCore.heap.capacity : 0;
}
