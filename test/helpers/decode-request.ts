/**
 * Decodes Insert/UpsertRequest bytes into plain objects that compare field by field, and normalises
 * the one place where equal requests may differ in bytes: JSON text (orjson vs `JSON.stringify`).
 */
import { milvusType } from './milvus-proto.js';

/** protobufjs `toObject` options: exact int64 as strings, numeric enums, set oneof names, no defaults. */
const TO_OBJECT = { longs: String, enums: Number, defaults: false, oneofs: true } as const;

/** A decoded request: field names as in the .proto, int64 as decimal strings, bytes as `Uint8Array`. */
export type DecodedRequest = Record<string, unknown>;

function decode(typeName: string, bytes: Uint8Array): DecodedRequest {
  const type = milvusType(typeName);
  return toPlainBytes(type.toObject(type.decode(Uint8Array.from(bytes)), TO_OBJECT)) as DecodedRequest;
}

/** Decodes `milvus.proto.milvus.InsertRequest` bytes; throws if they are not one. */
export function decodeInsert(bytes: Uint8Array): DecodedRequest {
  return decode('milvus.proto.milvus.InsertRequest', bytes);
}

/** Decodes `milvus.proto.milvus.UpsertRequest` bytes; throws if they are not one. */
export function decodeUpsert(bytes: Uint8Array): DecodedRequest {
  return decode('milvus.proto.milvus.UpsertRequest', bytes);
}

/** Buffers (which protobufjs may hand out in Node) become plain `Uint8Array`s, so `toEqual` compares contents only. */
function toPlainBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (Array.isArray(value)) return value.map(toPlainBytes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainBytes(v)]));
  }
  return value;
}

/** A JSON value with `-0` made `0`, so orjson's `-0.0` equals `JSON.stringify`'s `0`. */
function normaliseJson(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? 0 : value;
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseJson(v)]));
  }
  return value;
}

/**
 * A copy of a decoded request in which every `json_data` entry is replaced by `{ json: <parsed value> }`.
 * Use it where the JSON text may legitimately differ (orjson writes `1.0`, `-0.0`; `JSON.stringify`
 * writes `1`, `0`); keys keep their order, which `toEqual` ignores, as the server does.
 */
export function withParsedJson(request: DecodedRequest): DecodedRequest {
  const text = new TextDecoder('utf-8', { fatal: true });
  const walk = (value: unknown, key?: string): unknown => {
    if (key === 'json_data' && value !== null && typeof value === 'object') {
      const data = (value as { data?: Uint8Array[] }).data;
      return data === undefined ? value : { data: data.map((b) => ({ json: normaliseJson(JSON.parse(text.decode(b))) })) };
    }
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(request) as DecodedRequest;
}
