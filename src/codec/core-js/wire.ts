/** Protobuf wire primitives over a byte array: varint sizes and writes, 64-bit values as lo/hi words. */

/** Size of an unsigned 32-bit varint. */
export function sizeVarint32(v: number): number {
  v >>>= 0;
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Size of a 64-bit varint given as unsigned lo/hi 32-bit words. */
export function sizeVarint64(lo: number, hi: number): number {
  hi >>>= 0;
  if (hi === 0) return sizeVarint32(lo);
  // Bits 32..63 in hi: 4 bytes carry 28 bits of lo; every further 7 bits one more byte.
  return hi < 0x8 ? 5 : hi < 0x400 ? 6 : hi < 0x20000 ? 7 : hi < 0x1000000 ? 8 : hi < 0x80000000 ? 9 : 10;
}

/** Size of an int32 field value: negatives are sign-extended to 10 bytes. */
export function sizeInt32(v: number): number {
  return v < 0 ? 10 : sizeVarint32(v);
}

/** Writes an unsigned 32-bit varint at `p`; returns the new position. */
export function writeVarint32(u8: Uint8Array, p: number, v: number): number {
  v >>>= 0;
  while (v >= 0x80) {
    u8[p++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  u8[p++] = v;
  return p;
}

/** Writes a 64-bit varint given as lo/hi words; returns the new position. */
export function writeVarint64(u8: Uint8Array, p: number, lo: number, hi: number): number {
  lo >>>= 0;
  hi >>>= 0;
  while (hi !== 0 || lo >= 0x80) {
    u8[p++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  u8[p++] = lo;
  return p;
}

/** Writes an int32 field value (negatives sign-extended). */
export function writeInt32(u8: Uint8Array, p: number, v: number): number {
  return v < 0 ? writeVarint64(u8, p, v >>> 0, 0xffffffff) : writeVarint32(u8, p, v);
}

/** Size of a length-delimited field: tag, length, body. Tags here are all one byte. */
export function sizeDelimited(bodySize: number): number {
  return 1 + sizeVarint32(bodySize) + bodySize;
}

/** Writes a one-byte tag and a length prefix. */
export function writeTagLength(u8: Uint8Array, p: number, tag: number, length: number): number {
  u8[p++] = tag;
  return writeVarint32(u8, p, length);
}

/** The tag byte of a field: number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
export function tag(field: number, wireType: number): number {
  return (field << 3) | wireType;
}
