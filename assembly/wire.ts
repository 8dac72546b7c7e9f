// Protobuf wire primitives on raw memory. Mirrors src/codec/core-js/wire.ts.

@inline export function sizeVarint32(v: u32): i32 {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

@inline export function sizeVarint64(v: u64): i32 {
  return v == 0 ? 1 : (70 - <i32>clz<u64>(v)) / 7;
}

@inline export function sizeInt32(v: i32): i32 {
  return v < 0 ? 10 : sizeVarint32(<u32>v);
}

@inline export function sizeDelimited(body: i32): i32 {
  return 1 + sizeVarint32(<u32>body) + body;
}

export function writeVarint32(p: usize, v: u32): usize {
  while (v >= 0x80) {
    store<u8>(p++, <u8>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  store<u8>(p++, <u8>v);
  return p;
}

export function writeVarint64(p: usize, v: u64): usize {
  while (v >= 0x80) {
    store<u8>(p++, <u8>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  store<u8>(p++, <u8>v);
  return p;
}

@inline export function writeInt32(p: usize, v: i32): usize {
  return v < 0 ? writeVarint64(p, <u64><i64>v) : writeVarint32(p, <u32>v);
}

@inline export function tag(field: i32, wireType: i32): u8 {
  return <u8>((field << 3) | wireType);
}

@inline export function writeTagLength(p: usize, t: u8, length: i32): usize {
  store<u8>(p, t);
  return writeVarint32(p + 1, <u32>length);
}
