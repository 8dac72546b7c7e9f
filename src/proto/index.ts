/**
 * The official Milvus protobuf definitions (a pruned protobufjs JSON descriptor), loaded once, with
 * encode/decode helpers for the RPCs that are not on the insert hot path.
 *
 * Decoding always keeps 64-bit integers exact: they come back as decimal strings (`longs: String`),
 * and callers convert them to `bigint` when asked to. Enums come back as numbers, bytes as `Uint8Array`.
 */
import Long from 'long';
import protobuf from 'protobufjs';
import descriptor from './milvus-descriptor.json' with { type: 'json' };
import { MilvusErrorCode, MilvusError } from '../errors.js';
import { precompiledRoot } from './precompiled.js';
import { decodeMutationResult } from './mutation-result.js';

/** The name of an RPC of `milvus.proto.milvus.MilvusService`, e.g. `'Insert'` (checked against the descriptor when called). */
export type MilvusMethod = string;

/** Fully-qualified name of the Milvus gRPC service. */
export const MILVUS_SERVICE = 'milvus.proto.milvus.MilvusService';

/** protobufjs `toObject` options used for every decode: exact int64, numeric enums, oneof names. */
const MUTATION_RESULT = 'milvus.proto.milvus.MutationResult';

/**
 * How a decoded message looks. `'wire'` is the client's own view: enums as numbers, bytes as `Uint8Array`.
 * `'sdk'` is what the official Node SDK hands its callers (its proto-loader options): enums by name,
 * bytes as the decoder made them. Both give every field (defaults), oneof names, and int64 as exact
 * decimal strings.
 */
export type DecodeStyle = 'wire' | 'sdk';

const SDK_DECODE_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

const DECODE_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  bytes: Uint8Array as unknown as protobuf.IConversionOptions['bytes'],
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

let cachedRoot: protobuf.Root | undefined;

/** The resolved descriptor root, built on first use and then shared. */
export function milvusRoot(): protobuf.Root {
  if (cachedRoot) return cachedRoot;
  // Without long.js protobufjs decodes int64 to JS numbers, silently losing precision above 2^53. It finds
  // long.js with a hidden `require`, which browser bundles do not have: hand it over explicitly there.
  if (!protobuf.util.Long) {
    protobuf.util.Long = Long;
    protobuf.configure();
  }
  // Not Root.fromJSON: no code may be generated at run time (a strict Content-Security-Policy forbids it).
  const root = precompiledRoot(descriptor as protobuf.INamespace);
  cachedRoot = root;
  return root;
}

const types = new Map<string, protobuf.Type>();

/** Looks up a message type by its full name, e.g. `milvus.proto.schema.CollectionSchema`. */
export function messageType(fullName: string): protobuf.Type {
  let type = types.get(fullName);
  if (!type) {
    type = milvusRoot().lookupType(fullName);
    types.set(fullName, type);
  }
  return type;
}

function method(name: MilvusMethod): protobuf.Method {
  const service = milvusRoot().lookupService(MILVUS_SERVICE);
  const m = service.methods[name];
  if (!m) throw new MilvusError(MilvusErrorCode.Internal, `the Milvus descriptor has no method ${name}`, { rpc: name });
  m.resolve();
  return m;
}

/**
 * Encodes a plain object as a message of `fullName`. Int64 fields accept numbers, decimal strings or
 * bigints; bytes fields accept `Uint8Array`. Unknown keys are ignored.
 */
export function encodeMessage(fullName: string, payload: object): Uint8Array {
  const type = messageType(fullName);
  return type.encode(type.fromObject(normalizeBigInts(payload) as Record<string, unknown>)).finish();
}

/**
 * Decodes bytes as a message of `fullName` into a plain object (see the module doc and {@link DecodeStyle});
 * with `bigints`, int64 fields become `bigint`s instead of decimal strings.
 */
export function decodeMessage<T>(fullName: string, bytes: Uint8Array, style: DecodeStyle = 'wire', bigints = false): T {
  const type = messageType(fullName);
  const options = style === 'sdk' ? SDK_DECODE_OPTIONS : DECODE_OPTIONS;
  return type.toObject(type.decode(bytes), bigints ? { ...options, longs: BigInt as unknown as protobuf.IConversionOptions['longs'] } : options) as T;
}

/** Encodes the request message of an RPC from a plain object. */
export function encodeRequest(rpc: MilvusMethod, payload: object): Uint8Array {
  return encodeMessage(method(rpc).resolvedRequestType!.fullName.slice(1), payload);
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
  const style = options.style ?? 'wire';
  const bigints = options.int64 === 'bigint';
  try {
    const name = method(rpc).resolvedResponseType!.fullName.slice(1);
    if (name === MUTATION_RESULT) {
      const result = decodeMutationResult(bytes, (rest) => decodeMessage(MUTATION_RESULT, rest, style, bigints));
      if (bigints && result.IDs?.int_id) result.IDs.int_id.data = result.IDs.int_id.data.map((id) => BigInt(id)) as unknown as string[];
      return result as T;
    }
    return decodeMessage<T>(name, bytes, style, bigints);
  } catch (cause) {
    throw new MilvusError(MilvusErrorCode.Internal, `${rpc}: could not decode the server's response (${bytes.length} bytes)`, { rpc, cause });
  }
}

/** protobufjs' `fromObject` does not know bigint: turn every bigint into its decimal string. */
function normalizeBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normalizeBigInts);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeBigInts(v)]));
  }
  return value;
}

/** The name of an enum value, e.g. `enumName('milvus.proto.common.LoadState', 3) === 'LoadStateLoaded'`; the number as text if unknown. */
export function enumName(fullName: string, value: number): string {
  return milvusRoot().lookupEnum(fullName).valuesById[value] ?? String(value);
}

/** The value of an enum name, or `undefined` when the enum has no such name. */
export function enumValue(fullName: string, name: string): number | undefined {
  return milvusRoot().lookupEnum(fullName).values[name];
}
