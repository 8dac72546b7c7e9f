/**
 * Writes a converted message (./from-object.ts) in protobufjs' wire layout: fields by field number, a set
 * value always written (defaults too), repeated scalars packed, map entries as key then value. Two passes:
 * the first measures (and throws where protobufjs' encoder would), the second writes into one buffer.
 */
import type { Converted, ConvertedMap } from './from-object.js';
import { bitsOfString, type Bits } from './int64.js';
import { F32, F64, F8, LE, RECURSION_LIMIT } from './reader.js';
import { Kind, type FieldInfo, type MessageInfo } from './registry.js';
import { NodeBuffer, utf8Length, utf8Write } from './text.js';

/** Strings at least this long are written by Node's Buffer (per WHATWG), as protobufjs does in Node. */
const NODE_STRING_MIN = 40;

/** The bytes of a converted message: a `Buffer` in Node (as protobufjs' writer gives), else a `Uint8Array`. */
export function encode(type: MessageInfo, m: Converted): Uint8Array {
  const sizes: number[] = [];
  const total = measure(type, m, sizes, 0);
  const w: Out = { buf: NodeBuffer ? NodeBuffer.allocUnsafe(total) : new Uint8Array(total), pos: 0, sizes, next: 0 };
  write(type, m, w);
  return w.buf;
}

interface Out {
  buf: Uint8Array;
  pos: number;
  /** Lengths the first pass found, in the order the second pass needs them. */
  sizes: number[];
  next: number;
}

function wireType(kind: Kind): number {
  return kind === Kind.Double ? 1 : kind === Kind.Float ? 5 : kind === Kind.String || kind === Kind.Bytes || kind === Kind.Message ? 2 : 0;
}

function varint32Size(v: number): number {
  return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
}

function varint64Size({ lo, hi }: Bits): number {
  const part1 = ((lo >>> 28) | (hi << 4)) >>> 0;
  const part2 = hi >>> 24;
  if (part2) return part2 < 128 ? 9 : 10;
  if (part1) return part1 < 16384 ? (part1 < 128 ? 5 : 6) : part1 < 2097152 ? 7 : 8;
  return varint32Size(lo);
}

function tagSize(f: FieldInfo): number {
  return varint32Size((f.id << 3) >>> 0);
}

function measure(type: MessageInfo, m: Converted, sizes: number[], depth: number): number {
  if (depth > RECURSION_LIMIT) throw Error('max depth exceeded');
  let size = 0;
  for (const f of type.byId) {
    const v = m[f.index];
    if (v === undefined) continue;
    if (f.mapKey !== undefined) {
      const { keys, values } = v as ConvertedMap;
      for (let i = 0; i < keys.length; i++) {
        const slot = sizes.push(0) - 1;
        const entry = 1 + keySize(f, keys[i]!, sizes) + 1 + valueSize(f, values[i], sizes, depth);
        sizes[slot] = entry;
        size += tagSize(f) + varint32Size(entry) + entry;
      }
    } else if (f.repeated) {
      const list = v as unknown[];
      if (!list.length) continue;
      if (f.packed) {
        let body = 0;
        for (const x of list) body += valueSize(f, x, sizes, depth);
        sizes.push(body);
        size += tagSize(f) + varint32Size(body) + body;
      } else for (const x of list) size += tagSize(f) + valueSize(f, x, sizes, depth);
    } else size += tagSize(f) + valueSize(f, v, sizes, depth);
  }
  return size;
}

function keySize(f: FieldInfo, key: string, sizes: number[]): number {
  if (f.mapKey === Kind.Int64) return varint64Size(bitsOfString(key));
  const len = utf8Length(key);
  sizes.push(len);
  return varint32Size(len) + len;
}

function valueSize(f: FieldInfo, v: unknown, sizes: number[], depth: number): number {
  switch (f.kind) {
    case Kind.Double:
      return 8;
    case Kind.Float:
      return 4;
    case Kind.Bool:
      return 1;
    case Kind.Int32:
    case Kind.Enum: {
      // A negative int32 is sign-extended to ten bytes.
      const n = (v as number) | 0;
      return n < 0 ? 10 : varint32Size(n);
    }
    case Kind.Uint32:
      return varint32Size((v as number) >>> 0);
    case Kind.Int64:
    case Kind.Uint64:
      return varint64Size(v as Bits);
    case Kind.String: {
      const len = utf8Length(v as string);
      sizes.push(len);
      return varint32Size(len) + len;
    }
    case Kind.Bytes: {
      const len = (v as { length: number }).length >>> 0;
      return varint32Size(len) + len;
    }
    default: {
      const slot = sizes.push(0) - 1;
      const len = measure(f.message!, v as Converted, sizes, depth + 1);
      sizes[slot] = len;
      return varint32Size(len) + len;
    }
  }
}

function write(type: MessageInfo, m: Converted, w: Out): void {
  for (const f of type.byId) {
    const v = m[f.index];
    if (v === undefined) continue;
    if (f.mapKey !== undefined) {
      const { keys, values } = v as ConvertedMap;
      for (let i = 0; i < keys.length; i++) {
        varint32(w, ((f.id << 3) | 2) >>> 0);
        varint32(w, w.sizes[w.next++]!);
        if (f.mapKey === Kind.Int64) {
          w.buf[w.pos++] = 8;
          varint64(w, bitsOfString(keys[i]!));
        } else {
          w.buf[w.pos++] = 10;
          writeString(w, keys[i]!);
        }
        w.buf[w.pos++] = 16 | wireType(f.kind);
        writeValue(f, values[i], w);
      }
    } else if (f.repeated) {
      const list = v as unknown[];
      if (!list.length) continue;
      if (f.packed) {
        varint32(w, ((f.id << 3) | 2) >>> 0);
        varint32(w, w.sizes[w.next++]!);
        for (const x of list) writeValue(f, x, w);
      } else {
        for (const x of list) {
          varint32(w, ((f.id << 3) | wireType(f.kind)) >>> 0);
          writeValue(f, x, w);
        }
      }
    } else {
      varint32(w, ((f.id << 3) | wireType(f.kind)) >>> 0);
      writeValue(f, v, w);
    }
  }
}

function writeValue(f: FieldInfo, v: unknown, w: Out): void {
  switch (f.kind) {
    case Kind.Double:
      F64[0] = v as number;
      for (let i = 0; i < 8; i++) w.buf[w.pos++] = F8[LE ? i : 7 - i]!;
      return;
    case Kind.Float:
      F32[0] = v as number;
      for (let i = 0; i < 4; i++) w.buf[w.pos++] = F8[LE ? i : 3 - i]!;
      return;
    case Kind.Bool:
      w.buf[w.pos++] = v ? 1 : 0;
      return;
    case Kind.Int32:
    case Kind.Enum: {
      const n = (v as number) | 0;
      return n < 0 ? varint64(w, { lo: n >>> 0, hi: 0xffffffff }) : varint32(w, n);
    }
    case Kind.Uint32:
      return varint32(w, (v as number) >>> 0);
    case Kind.Int64:
    case Kind.Uint64:
      return varint64(w, v as Bits);
    case Kind.String:
      return writeString(w, v as string);
    case Kind.Bytes: {
      const len = (v as { length: number }).length >>> 0;
      varint32(w, len);
      if (len) w.buf.set(v as ArrayLike<number>, w.pos);
      w.pos += len;
      return;
    }
    default:
      varint32(w, w.sizes[w.next++]!);
      write(f.message!, v as Converted, w);
  }
}

function writeString(w: Out, text: string): void {
  const len = w.sizes[w.next++]!;
  varint32(w, len);
  if (NodeBuffer && text.length >= NODE_STRING_MIN) (w.buf as unknown as { utf8Write(text: string, offset: number, length: number): number }).utf8Write(text, w.pos, len);
  else utf8Write(text, w.buf, w.pos);
  w.pos += len;
}

function varint32(w: Out, v: number): void {
  while (v > 127) {
    w.buf[w.pos++] = (v & 127) | 128;
    v >>>= 7;
  }
  w.buf[w.pos++] = v;
}

function varint64(w: Out, { lo, hi }: Bits): void {
  while (hi) {
    w.buf[w.pos++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 127) {
    w.buf[w.pos++] = (lo & 127) | 128;
    lo >>>= 7;
  }
  w.buf[w.pos++] = lo;
}
