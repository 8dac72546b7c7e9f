/**
 * Reads protobuf wire data exactly as protobufjs' `Reader` (and, for Node Buffers, `BufferReader`) does,
 * malformed input included: where it throws, what it reads past, what it returns. Decoding depends on
 * it being a faithful port; keep it one.
 */
import { NodeBuffer, utf8Read } from './text.js';

/** How deep messages and groups may nest, as in protobufjs (and protoc). */
export const RECURSION_LIMIT = 100;

type Bytes = Uint8Array | number[];

function outOfRange(reader: Reader, length?: number): RangeError {
  return RangeError(`index out of range: ${reader.pos} + ${length || 1} > ${reader.len}`);
}

/** A cursor over one message's bytes. `len` shrinks while a nested message is read. */
export class Reader {
  pos = 0;
  len: number;
  /** The halves of the last {@link longVarint} / {@link fixed64}. */
  lo = 0;
  hi = 0;

  private constructor(
    readonly buf: Bytes,
    /** Node Buffer input: strings decode as Node does and stop at the end instead of throwing. */
    private readonly nodeBuffer: boolean,
  ) {
    this.len = buf.length;
  }

  /** A reader over a `Uint8Array`, a Node `Buffer` or an array of bytes; throws `Error('illegal buffer')` otherwise. */
  static create(bytes: unknown): Reader {
    if (NodeBuffer?.isBuffer(bytes)) return new Reader(bytes, true);
    if (bytes instanceof Uint8Array || Array.isArray(bytes)) return new Reader(bytes, false);
    throw Error('illegal buffer');
  }

  uint32(): number {
    const buf = this.buf;
    if (this.len - this.pos < 5) {
      if (this.pos >= this.len) throw outOfRange(this);
      if (buf[this.pos]! >= 128) return this.varint32NearEnd();
    }
    let value = (buf[this.pos]! & 127) >>> 0;
    if (buf[this.pos++]! < 128) return value;
    value = (value | ((buf[this.pos]! & 127) << 7)) >>> 0;
    if (buf[this.pos++]! < 128) return value;
    value = (value | ((buf[this.pos]! & 127) << 14)) >>> 0;
    if (buf[this.pos++]! < 128) return value;
    value = (value | ((buf[this.pos]! & 127) << 21)) >>> 0;
    if (buf[this.pos++]! < 128) return value;
    value = (value | ((buf[this.pos]! & 15) << 28)) >>> 0;
    if (buf[this.pos++]! < 128) return value;
    // The five bytes of a negative int32's sign extension are skipped unread.
    if ((this.pos += 5) > this.len) {
      this.pos = this.len;
      throw outOfRange(this, 10);
    }
    return value;
  }

  private varint32NearEnd(): number {
    let value = 0;
    for (let i = 0; i < 4; ++i) {
      if (this.pos >= this.len) throw outOfRange(this);
      const b = this.buf[this.pos++]!;
      value = (value | ((b & 127) << (i * 7))) >>> 0;
      if (b < 128) return value;
    }
    throw outOfRange(this);
  }

  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** Reads a varint of up to 64 bits into {@link lo} and {@link hi}. */
  longVarint(): void {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let i = 0;
    let b: number;
    if (len - pos > 4) {
      for (; i < 4; ++i) {
        b = buf[pos++]!;
        lo = (lo | ((b & 127) << (i * 7))) >>> 0;
        if (b < 128) return this.done(pos, lo, 0);
      }
      b = buf[pos++]!;
      lo = (lo | ((b & 127) << 28)) >>> 0;
      hi = ((b & 127) >> 4) >>> 0;
      if (b < 128) return this.done(pos, lo, hi);
      i = 0;
    } else {
      for (; i < 3; ++i) {
        if (pos >= len) throw outOfRange(this.at(pos));
        b = buf[pos++]!;
        lo = (lo | ((b & 127) << (i * 7))) >>> 0;
        if (b < 128) return this.done(pos, lo, 0);
      }
      // A fourth byte is taken as the last one, unchecked (protobufjs does the same).
      lo = (lo | ((buf[pos++]! & 127) << 21)) >>> 0;
      return this.done(pos, lo, 0);
    }
    const near = len - pos <= 4;
    for (; i < 5; ++i) {
      if (near && pos >= len) throw outOfRange(this.at(pos));
      b = buf[pos++]!;
      hi = (hi | ((b & 127) << (i * 7 + 3))) >>> 0;
      if (b < 128) return this.done(pos, lo, hi);
    }
    this.pos = pos;
    throw Error('invalid varint encoding');
  }

  private done(pos: number, lo: number, hi: number): void {
    this.pos = pos;
    this.lo = lo;
    this.hi = hi;
  }

  private at(pos: number): this {
    this.pos = pos;
    return this;
  }

  float(): number {
    if (this.pos + 4 > this.len) throw outOfRange(this, 4);
    for (let i = 0; i < 4; i++) F8[LE ? i : 3 - i] = this.buf[this.pos++]!;
    return F32[0]!;
  }

  double(): number {
    if (this.pos + 8 > this.len) throw outOfRange(this, 4);
    for (let i = 0; i < 8; i++) F8[LE ? i : 7 - i] = this.buf[this.pos++]!;
    return F64[0]!;
  }

  /**
   * Reads floats (`size` 4) or doubles (`size` 8) into `list` up to `end`, as that many {@link float} /
   * {@link double} calls would, a value cut off by `end` throwing as they throw; a packed vector field
   * holds millions of them.
   */
  packedFloats(list: number[], end: number, size: 4 | 8): void {
    const buf = this.buf;
    if (buf instanceof Uint8Array) {
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const last = Math.min(end, this.len) - size;
      this.pos = size === 4 ? pushFloat32s(view, this.pos, last, list) : pushFloat64s(view, this.pos, last, list);
    }
    while (this.pos < end) list.push(size === 4 ? this.float() : this.double());
  }

  bytes(): Bytes {
    const length = this.uint32();
    const start = this.pos;
    const end = this.pos + length;
    if (end > this.len) throw outOfRange(this, length);
    this.pos += length;
    if (Array.isArray(this.buf)) return this.buf.slice(start, end);
    if (start === end) return NodeBuffer ? NodeBuffer.alloc(0) : new (this.buf.constructor as Uint8ArrayConstructor)(0);
    return this.buf.subarray(start, end);
  }

  string(): string {
    if (this.nodeBuffer) {
      const len = this.uint32();
      const start = this.pos;
      return (this.buf as Buffer).toString('utf8', start, (this.pos = Math.min(start + len, this.len)));
    }
    const bytes = this.bytes();
    return utf8Read(bytes, 0, bytes.length);
  }

  skip(length?: number): void {
    if (typeof length === 'number') {
      if (this.pos + length > this.len) throw outOfRange(this, length);
      this.pos += length;
    } else {
      do {
        if (this.pos >= this.len) throw outOfRange(this);
      } while (this.buf[this.pos++]! & 128);
    }
  }

  /** Skips one value of an unknown field (groups included, nested at most {@link RECURSION_LIMIT} deep). */
  skipType(wireType: number, depth = 0): void {
    if (depth > RECURSION_LIMIT) throw Error('maximum nesting depth exceeded');
    switch (wireType) {
      case 0:
        return this.skip();
      case 1:
        return this.skip(8);
      case 2:
        return this.skip(this.uint32());
      case 3:
        while ((wireType = this.uint32() & 7) !== 4) this.skipType(wireType, depth + 1);
        return;
      case 5:
        return this.skip(4);
      default:
        throw Error(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }
}

// The loops of packedFloats, each alone in its function: V8 optimizes a long loop while it runs, and code
// after the loop that had not run yet would throw that optimized code away on every call.
function pushFloat32s(view: DataView, pos: number, last: number, list: number[]): number {
  for (; pos <= last; pos += 4) list.push(view.getFloat32(pos, true));
  return pos;
}

function pushFloat64s(view: DataView, pos: number, last: number, list: number[]): number {
  for (; pos <= last; pos += 8) list.push(view.getFloat64(pos, true));
  return pos;
}

const F64 = new Float64Array(1);
const F32 = new Float32Array(F64.buffer, 0, 1);
const F8 = new Uint8Array(F64.buffer);
/** Whether this machine is little-endian (typed arrays use its byte order). */
export const LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
export { F8, F32, F64 };
