/**
 * Bytes to plain object, as protobufjs' generated decoder followed by its `toObject` with `defaults`,
 * `arrays`, `objects` and `oneofs` on: every field present (defaults for the absent ones, `null` for
 * absent messages), oneof members only when set plus the oneof's name, int64 as exact decimal text or
 * `bigint`, enums as numbers or names, bytes as views of the input. Key order is protobufjs' too.
 */
import { bigintOf, decimalOf } from './int64.js';
import { RECURSION_LIMIT, Reader } from './reader.js';
import { Kind, type FieldInfo, type MessageInfo } from './registry.js';
import { NodeBuffer } from './text.js';

/** How values come out: enums by name (else number), int64 as `bigint` (else decimal text). */
export interface ObjectOptions {
  enumNames: boolean;
  bigints: boolean;
}

/** A decoded message before it becomes an object: values by field index, `undefined` when absent. */
type Raw = unknown[];
/** A decoded map field, keyed as protobufjs keys it. */
type RawMap = Record<string, unknown>;

/** Decodes one message of `type` from `bytes` (a `Uint8Array`, Node `Buffer` or byte array). */
export function decode(type: MessageInfo, bytes: Uint8Array, o: ObjectOptions): Record<string, unknown> {
  return toObject(type, decodeRaw(type, Reader.create(bytes), undefined, 0, o), o);
}

function decodeRaw(type: MessageInfo, r: Reader, length: number | undefined, depth: number, o: ObjectOptions): Raw {
  if (depth > RECURSION_LIMIT) throw Error('maximum nesting depth exceeded');
  let end: number;
  let outer = length;
  if (outer === undefined) end = r.len;
  else {
    end = r.pos + outer;
    if (end > r.len) throw RangeError('index out of range');
    outer = r.len;
    r.len = end;
  }
  const m: Raw = [];
  while (r.pos < end) {
    const tag = r.uint32();
    const f = type.byNumber[tag >>> 3];
    if (f === undefined) r.skipType(tag & 7, depth);
    else if (f.mapKey !== undefined) readEntry(f, r, (m[f.index] ??= {}) as RawMap, end, depth, o);
    else if (f.repeated) {
      let list = m[f.index] as unknown[] | undefined;
      if (!list?.length) m[f.index] = list = f.kind === Kind.Float || f.kind === Kind.Double ? floatList() : [];
      // Packed or not, whatever the field says: both are accepted (protobufjs checks the wire type).
      if (f.packed && (tag & 7) === 2) {
        const packedEnd = r.uint32() + r.pos;
        if (packedEnd > r.len) throw RangeError('index out of range');
        r.len = packedEnd;
        readPacked(f, r, list, packedEnd, o);
        if (r.pos !== packedEnd) throw RangeError('index out of range');
        r.len = end;
      } else list.push(readValue(f, r, depth, o));
    } else m[f.index] = readValue(f, r, depth, o);
  }
  if (outer !== undefined) {
    if (r.pos !== end) throw RangeError('index out of range');
    r.len = outer;
  }
  return m;
}

/**
 * A new list for float or double values. V8 remembers per array literal what its arrays came to hold: lists
 * that once held strings would start boxed and store each of a vector's millions of floats as an object.
 */
function floatList(): number[] {
  return [];
}

/** One map entry; a missing key or value is the type's default (`null` for a message). */
function readEntry(f: FieldInfo, r: Reader, map: RawMap, end: number, depth: number, o: ObjectOptions): void {
  const entryEnd = r.uint32() + r.pos;
  if (entryEnd > r.len) throw RangeError('index out of range');
  r.len = entryEnd;
  let key: string | number = f.mapKey === Kind.String ? '' : 0;
  let value = defaultOf(f, o);
  while (r.pos < entryEnd) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) {
      if (f.mapKey === Kind.String) key = r.string();
      else {
        r.longVarint();
        key = hashOf(r.lo, r.hi);
      }
    } else if (tag >>> 3 === 2) value = readValue(f, r, depth, o);
    else r.skipType(tag & 7, depth);
  }
  if (r.pos !== entryEnd) throw RangeError('index out of range');
  r.len = end;
  if (key === '__proto__') makeProp(map, key);
  map[key] = value;
}

/** protobufjs keys an int64 map by the 8 bytes of the key as characters (`util.longToHash`). */
function hashOf(lo: number, hi: number): string {
  return String.fromCharCode(lo & 255, (lo >>> 8) & 255, (lo >>> 16) & 255, lo >>> 24, hi & 255, (hi >>> 8) & 255, (hi >>> 16) & 255, hi >>> 24);
}

/** A packed run of numbers up to `end` (int64 ids and floats in loops of their own: a result has one per row or per vector value). */
function readPacked(f: FieldInfo, r: Reader, list: unknown[], end: number, o: ObjectOptions): void {
  if (f.kind === Kind.Int64 || f.kind === Kind.Uint64) {
    const unsigned = f.kind === Kind.Uint64;
    while (r.pos < end) {
      r.longVarint();
      list.push(o.bigints ? bigintOf(r.lo, r.hi, unsigned) : decimalOf(r.lo, r.hi, unsigned));
    }
  } else if (f.kind === Kind.Float || f.kind === Kind.Double) r.packedFloats(list as number[], end, f.kind === Kind.Float ? 4 : 8);
  else while (r.pos < end) list.push(readValue(f, r, 0, o));
}

function readValue(f: FieldInfo, r: Reader, depth: number, o: ObjectOptions): unknown {
  switch (f.kind) {
    case Kind.Double:
      return r.double();
    case Kind.Float:
      return r.float();
    case Kind.Int32:
    case Kind.Enum:
      return r.int32();
    case Kind.Uint32:
      return r.uint32();
    case Kind.Int64:
    case Kind.Uint64:
      r.longVarint();
      return o.bigints ? bigintOf(r.lo, r.hi, f.kind === Kind.Uint64) : decimalOf(r.lo, r.hi, f.kind === Kind.Uint64);
    case Kind.Bool:
      return r.bool();
    case Kind.String:
      return r.string();
    case Kind.Bytes:
      return r.bytes();
    default:
      return decodeRaw(f.message!, r, r.uint32(), depth + 1, o);
  }
}

function makeProp(target: object, key: string): void {
  Object.defineProperty(target, key, { enumerable: true, configurable: true, writable: true });
}

/** The value of an absent field (`toObject`'s defaults) or of a map entry without one (`null` for a message). */
function defaultOf(f: FieldInfo, o: ObjectOptions): unknown {
  switch (f.kind) {
    case Kind.Int64:
    case Kind.Uint64:
      return o.bigints ? 0n : '0';
    case Kind.Bool:
      return false;
    case Kind.String:
      return '';
    case Kind.Bytes:
      return NodeBuffer ? NodeBuffer.from([]) : new Uint8Array([]);
    case Kind.Enum:
      return f.enumType!.first;
    case Kind.Message:
      return null;
    default:
      return 0;
  }
}

function toObject(type: MessageInfo, m: Raw | null, o: ObjectOptions): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (!type.fields.length) return d;
  // protobufjs reads the message's first field (by number) first: a missing map value fails there.
  if (m === null) throw TypeError(`Cannot read properties of null (reading '${type.byId[0]!.name}')`);
  for (const f of type.layout) {
    d[f.name] = f.repeated ? [] : f.mapKey !== undefined ? {} : f.kind === Kind.Message ? null : outward(f, defaultOf(f, o), o);
  }
  for (const f of type.byId) {
    const v = m[f.index];
    if (v === undefined) continue;
    if (f.mapKey !== undefined) {
      const keys = Object.keys(v as RawMap);
      const out: RawMap = {};
      for (const k of keys) {
        if (k === '__proto__') makeProp(out, k);
        out[k] = outward(f, (v as RawMap)[k], o);
      }
      d[f.name] = out;
    } else if (f.repeated) {
      const list = v as unknown[];
      // Only enums and messages change on the way out; other lists are handed out as decoded.
      if (list.length) d[f.name] = f.kind === Kind.Enum || f.kind === Kind.Message ? list.map((x) => outward(f, x, o)) : list;
    } else {
      d[f.name] = outward(f, v, o);
      if (f.oneof !== undefined) d[f.oneof] = f.name;
    }
  }
  return d;
}

/** A decoded value as `toObject` hands it out: enums named if asked, messages as objects. */
function outward(f: FieldInfo, v: unknown, o: ObjectOptions): unknown {
  if (f.kind === Kind.Enum) return o.enumNames ? (f.enumType!.names.get(v as number) ?? v) : v;
  if (f.kind === Kind.Message) return toObject(f.message!, v as Raw | null, o);
  return v;
}
