/**
 * A bump arena over one linear memory, shared by the staging code and an encoder core. Pointers are
 * byte offsets. Allocation may grow the memory, which replaces every view: read `heap.u8` etc. again
 * after any `alloc`.
 */
export abstract class Heap {
  u8!: Uint8Array;
  i32!: Int32Array;
  u32!: Uint32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  i64!: BigInt64Array;
  private top: number;

  protected constructor(private readonly base: number) {
    this.top = base;
  }

  /** Allocates `bytes` (8-byte aligned, zero bytes allowed) and returns the pointer. */
  alloc(bytes: number): number {
    const ptr = this.top;
    this.extend(ptr, bytes);
    return ptr;
  }

  /**
   * Makes the allocation at `ptr`, which must be the newest, `bytes` long, keeping what it holds: for a
   * region whose size is learnt while it is written. Like `alloc`, may replace the views.
   */
  extend(ptr: number, bytes: number): void {
    const end = ptr + ((bytes + 7) & ~7);
    if (end > this.u8.byteLength) this.grow(end);
    this.top = end;
  }

  /** Frees everything allocated since construction or the last reset. */
  reset(): void {
    this.top = this.base;
  }

  /** Size of the whole memory in bytes (allocated or not). */
  get capacity(): number {
    return this.u8.byteLength;
  }

  /** Bytes currently allocated. */
  get used(): number {
    return this.top - this.base;
  }

  /** Copies `len` bytes at `ptr` out into a fresh array the caller owns. */
  copyOut(ptr: number, len: number): Uint8Array {
    // `set` into a fresh array rather than `slice`, which is slow over WebAssembly memory.
    const out = freshBytes(len);
    out.set(this.u8.subarray(ptr, ptr + len));
    return out;
  }

  /**
   * Copies the written bytes at `ptr` out into a fresh array of `len` bytes that has a gap of `holes[i].len`
   * bytes at each `holes[i].at` (offsets in the result, ascending, not overlapping), left for the caller
   * to write: the arena holds the `len` bytes minus the gaps, back to back. The copy is placed so that
   * result byte `alignAt` is 4-byte aligned in its buffer (a Float32Array can view the gap there; other
   * gaps may not be aligned): the result may be a view at a small offset into its buffer.
   */
  copyOutAround(ptr: number, len: number, holes: readonly { readonly at: number; readonly len: number }[], alignAt: number): Uint8Array {
    const shift = (4 - (alignAt & 3)) & 3;
    const out = freshBytes(len + shift).subarray(shift, shift + len);
    const u8 = this.u8;
    let from = ptr;
    let to = 0;
    for (const hole of holes) {
      const n = hole.at - to;
      out.set(u8.subarray(from, from + n), to);
      from += n;
      to = hole.at + hole.len;
    }
    out.set(u8.subarray(from, from + len - to), to);
    return out;
  }

  /** Makes the memory at least `minBytes` long; must call `refreshViews` after. */
  protected abstract grow(minBytes: number): void;

  protected refreshViews(buffer: ArrayBuffer): void {
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.i64 = new BigInt64Array(buffer);
  }
}

/** A new array of `len` bytes; in Node an unzeroed Buffer (a Uint8Array), as every byte is written at once. */
function freshBytes(len: number): Uint8Array {
  return typeof Buffer === 'function' ? Buffer.allocUnsafeSlow(len) : new Uint8Array(len);
}

/** Growth granularity: a WebAssembly page, which keeps every view's length whole. */
const PAGE = 65536;

/**
 * Next capacity: at least `minBytes` plus an eighth, and at least 1.5x the current size, so a call
 * that stages column after column reallocates a few times, not per column, without doubling.
 */
export function nextCapacity(current: number, minBytes: number): number {
  const bytes = Math.max(minBytes + Math.floor(minBytes / 8), Math.min(current * 1.5, current + 256 * 1024 * 1024), PAGE);
  return Math.ceil(bytes / PAGE) * PAGE;
}

/** A heap in an ordinary ArrayBuffer, for the pure-TypeScript encoder. */
export class JsHeap extends Heap {
  constructor(initialBytes = 1 << 16) {
    super(16);
    this.refreshViews(new ArrayBuffer(initialBytes));
  }

  protected grow(minBytes: number): void {
    const next = new ArrayBuffer(nextCapacity(this.u8.byteLength, minBytes));
    new Uint8Array(next).set(this.u8);
    this.refreshViews(next);
  }
}
