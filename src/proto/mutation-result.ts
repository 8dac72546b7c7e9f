/**
 * A fast path for the one reply on the insert hot path, `milvus.MutationResult`: its int64 primary keys
 * (`IDs.int_id`, one per inserted row) are read straight from the packed varints into exact decimal
 * strings, instead of through a `Long` object per id; the small rest of the message is left to
 * protobufjs. Same result as `decodeMessage('milvus.proto.milvus.MutationResult', bytes)`.
 */
import type { WireMutationResult } from './messages.js';

type DecodeRest = (bytes: Uint8Array) => WireMutationResult;

/** Decodes a MutationResult; `decodeRest` decodes what is left once the int64 ids are taken out. */
export function decodeMutationResult(bytes: Uint8Array, decodeRest: DecodeRest): WireMutationResult {
  const ids = findIntIds(bytes);
  if (ids === undefined) return decodeRest(bytes);
  const rest = new Uint8Array(bytes.length - (ids.end - ids.start));
  rest.set(bytes.subarray(0, ids.start));
  rest.set(bytes.subarray(ids.end), ids.start);
  const result = decodeRest(rest);
  result.IDs = { int_id: { data: ids.data }, id_field: 'int_id' };
  return result;
}

interface IntIds {
  /** Byte range of the whole `IDs` field (tag to end) in the message. */
  start: number;
  end: number;
  data: string[];
}

/** The `IDs` field (2) when it holds `int_id` only; undefined otherwise (protobufjs then does it all). */
function findIntIds(b: Uint8Array): IntIds | undefined {
  let p = 0;
  let found: IntIds | undefined;
  while (p < b.length) {
    const start = p;
    const [key, afterKey] = varint32(b, p);
    p = afterKey;
    const wire = key & 7;
    if (wire === 0) p = skipVarint(b, p);
    else if (wire === 1) p += 8;
    else if (wire === 5) p += 4;
    else if (wire === 2) {
      const [len, at] = varint32(b, p);
      if (key >>> 3 === 2) {
        if (found) return undefined; // a repeated IDs field merges: leave it to protobufjs
        const data = intIdsOf(b, at, at + len);
        if (data === undefined) return undefined;
        found = { start, end: at + len, data };
      }
      p = at + len;
    } else return undefined;
    if (p > b.length) return undefined;
  }
  return found;
}

/** The ids of an `IDs` message body holding only `int_id` (field 1), else undefined. */
function intIdsOf(b: Uint8Array, from: number, to: number): string[] | undefined {
  let p = from;
  let ids: string[] | undefined;
  while (p < to) {
    const [key, at] = varint32(b, p);
    if (key !== ((1 << 3) | 2) || ids) return undefined; // str_id, unknown fields or a second int_id
    const [len, body] = varint32(b, at);
    ids = longArrayOf(b, body, body + len);
    if (ids === undefined) return undefined;
    p = body + len;
  }
  return p === to ? (ids ?? []) : undefined;
}

/** A `LongArray` body: `repeated int64 data = 1`, packed (or not). */
function longArrayOf(b: Uint8Array, from: number, to: number): string[] | undefined {
  const out: string[] = [];
  let p = from;
  while (p < to) {
    const [key, at] = varint32(b, p);
    if (key === ((1 << 3) | 2)) {
      const [len, body] = varint32(b, at);
      const end = body + len;
      if (end > to) return undefined;
      for (let q = body; q < end; ) q = int64Text(b, q, out);
      p = end;
    } else if (key === (1 << 3)) {
      p = int64Text(b, at, out);
    } else return undefined;
  }
  return p === to ? out : undefined;
}

/** Reads one int64 varint at `p`, pushes its exact decimal text, returns the next position. */
function int64Text(b: Uint8Array, p: number, out: string[]): number {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  for (; shift < 28; shift += 7) {
    const byte = b[p++];
    lo |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      out.push(String(lo >>> 0));
      return p;
    }
  }
  let byte = b[p++];
  lo |= (byte & 0x7f) << 28;
  hi = (byte & 0x7f) >> 4;
  for (shift = 3; byte >= 0x80 && shift < 32; shift += 7) {
    byte = b[p++];
    hi |= (byte & 0x7f) << shift;
  }
  if (byte >= 0x80) throw new RangeError('int64 varint longer than 10 bytes');
  lo >>>= 0;
  hi >>>= 0;
  out.push(hi < 0x200000 ? String(hi * 4294967296 + lo) : BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString());
  return p;
}

function varint32(b: Uint8Array, p: number): [number, number] {
  let v = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = b[p++];
    if (byte === undefined) return [v >>> 0, p + 1];
    v |= (byte & 0x7f) << shift;
    if (byte < 0x80) return [v >>> 0, p];
  }
  return [v >>> 0, p];
}

function skipVarint(b: Uint8Array, p: number): number {
  while (p < b.length && b[p] >= 0x80) p++;
  return p + 1;
}
