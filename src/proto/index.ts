/**
 * Encoding and decoding of the Milvus protobuf messages that are not on the insert hot path, from the
 * official descriptor (./milvus-descriptor.json, compacted at build time by scripts/compact-proto.mjs to the
 * RPCs the client calls and the types they reach).
 * A small reflective codec with protobufjs' semantics, input rules and output shapes, without protobufjs
 * or long.js at run time and without generating code (a strict Content-Security-Policy allows it).
 *
 * Decoding keeps 64-bit integers exact: decimal strings, or `bigint`s when asked. Enums come back as
 * numbers (or names, in the SDK's style), bytes as views of the input.
 */
import { MilvusErrorCode, MilvusError } from '../errors.js';
import type { MilvusRpc } from './compact-descriptor.js';
import { decode, type ObjectOptions } from './decode.js';
import { encode } from './encode.js';
import { fromObject } from './from-object.js';
import { enumInfo, messageInfo, methodInfo, methodNames } from './registry.js';

/**
 * The name of an RPC of `milvus.proto.milvus.MilvusService` the client calls, e.g. `'Insert'`. Only these are
 * in the compacted descriptor: to call another, add it to CLIENT_RPCS in scripts/compact-proto.mjs.
 */
export type MilvusMethod = MilvusRpc;

/** Fully-qualified name of the Milvus gRPC service. */
export const MILVUS_SERVICE = 'milvus.proto.milvus.MilvusService';

/**
 * How a decoded message looks. `'wire'` is the client's own view: enums as numbers. `'sdk'` is what the
 * official Node SDK hands its callers (its proto-loader options): enums by name. Both give every field
 * (defaults), oneof names, int64 as exact decimal strings, and bytes as the decoder made them (a `Buffer`
 * in Node when the input is one, as protobufjs does).
 */
export type DecodeStyle = 'wire' | 'sdk';

/**
 * Encodes a plain object as a message of `fullName` (e.g. `milvus.proto.schema.CollectionSchema`), as
 * protobufjs' `fromObject` then `encode` would: int64 fields accept numbers, decimal strings, bigints or
 * `Long`s; enums names or numbers; bytes `Uint8Array`s, byte arrays or base64 text; unknown keys are
 * ignored. Throws `TypeError` where protobufjs does (e.g. a message field given a non-object).
 */
export function encodeMessage(fullName: string, payload: object): Uint8Array {
  const type = messageInfo(fullName);
  return encode(type, fromObject(type, normalizeBigInts(payload), 0));
}

/**
 * Decodes bytes as a message of `fullName` into a plain object (see the module doc and {@link DecodeStyle});
 * with `bigints`, int64 fields become `bigint`s instead of decimal strings.
 */
export function decodeMessage<T>(fullName: string, bytes: Uint8Array, style: DecodeStyle = 'wire', bigints = false): T {
  const options: ObjectOptions = { enumNames: style === 'sdk', bigints };
  return decode(messageInfo(fullName), bytes, options) as T;
}

/** Encodes the request message of an RPC from a plain object. */
export function encodeRequest(rpc: MilvusMethod, payload: object): Uint8Array {
  const type = methodInfo(rpc).request;
  return encode(type, fromObject(type, normalizeBigInts(payload), 0));
}

/** How {@link decodeResponse} shapes a response. */
export interface DecodeOptions {
  /** Default `'wire'`. */
  style?: DecodeStyle;
  /** `'bigint'` decodes every int64 field as a `bigint`; default `'string'` (exact decimal strings). */
  int64?: 'string' | 'bigint';
}

/** Decodes the response message of an RPC. Throws `MilvusError` (Internal) on malformed bytes. */
export function decodeResponse<T>(rpc: MilvusMethod, bytes: Uint8Array, options: DecodeOptions = {}): T {
  const decodeOptions: ObjectOptions = { enumNames: options.style === 'sdk', bigints: options.int64 === 'bigint' };
  try {
    return decode(methodInfo(rpc).response, bytes, decodeOptions) as T;
  } catch (cause) {
    throw new MilvusError(MilvusErrorCode.Internal, `${rpc}: could not decode the server's response (${bytes.length} bytes)`, { rpc, cause });
  }
}

/** The RPCs of MilvusService the descriptor defines, with their request and response message names. */
export function milvusMethods(): { name: MilvusMethod; request: string; response: string }[] {
  return methodNames().map((name) => {
    const { request, response } = methodInfo(name);
    return { name, request: request.fullName.slice(1), response: response.fullName.slice(1) };
  });
}

/**
 * The first step of every encode: every bigint becomes its decimal string, and every other object a plain
 * copy of its own enumerable keys (so inherited keys and getters on prototypes are not read). Exported for
 * the tests' protobufjs reference, which takes the same step.
 */
export function normalizeBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normalizeBigInts);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeBigInts(v)]));
  }
  return value;
}

/** The name of an enum value, e.g. `enumName('milvus.proto.common.LoadState', 3) === 'LoadStateLoaded'`; the number as text if unknown. */
export function enumName(fullName: string, value: number): string {
  return enumInfo(fullName).names.get(value) ?? String(value);
}

/** The value of an enum name, or `undefined` when the enum has no such name. */
export function enumValue(fullName: string, name: string): number | undefined {
  return enumInfo(fullName).values.get(name);
}
