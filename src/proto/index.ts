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
import { ErrorCode, MilvusError } from '../errors.js';
import { precompiledRoot } from './precompiled.js';
import { decodeMutationResult } from './mutation-result.js';

/** Every RPC of `milvus.proto.milvus.MilvusService` this client may call. */
export type MilvusMethod =
  | 'Connect' | 'GetVersion' | 'CheckHealth'
  | 'Insert' | 'Upsert' | 'Delete' | 'Query' | 'Search' | 'Flush'
  | 'CreateCollection' | 'DescribeCollection' | 'HasCollection' | 'ShowCollections' | 'DropCollection'
  | 'LoadCollection' | 'ReleaseCollection' | 'GetLoadState' | 'GetLoadingProgress'
  | 'CreatePartition' | 'DropPartition' | 'HasPartition' | 'ShowPartitions'
  | 'CreateIndex' | 'DescribeIndex' | 'DropIndex'
  | 'CreateDatabase' | 'ListDatabases' | 'DropDatabase' | 'GetCollectionStatistics';

/** Fully-qualified name of the Milvus gRPC service. */
export const MILVUS_SERVICE = 'milvus.proto.milvus.MilvusService';

/** protobufjs `toObject` options used for every decode: exact int64, numeric enums, oneof names. */
const MUTATION_RESULT = 'milvus.proto.milvus.MutationResult';

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
  if (!m) throw new MilvusError(ErrorCode.Internal, `the Milvus descriptor has no method ${name}`, { rpc: name });
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

/** Decodes bytes as a message of `fullName` into a plain object (see the module doc for conventions). */
export function decodeMessage<T>(fullName: string, bytes: Uint8Array): T {
  const type = messageType(fullName);
  return type.toObject(type.decode(bytes), DECODE_OPTIONS) as T;
}

/** Encodes the request message of an RPC from a plain object. */
export function encodeRequest(rpc: MilvusMethod, payload: object): Uint8Array {
  return encodeMessage(method(rpc).resolvedRequestType!.fullName.slice(1), payload);
}

/** Decodes the response message of an RPC. Throws `MilvusError` (Internal) on malformed bytes. */
export function decodeResponse<T>(rpc: MilvusMethod, bytes: Uint8Array): T {
  try {
    const name = method(rpc).resolvedResponseType!.fullName.slice(1);
    if (name === MUTATION_RESULT) return decodeMutationResult(bytes, (rest) => decodeMessage(MUTATION_RESULT, rest)) as T;
    return decodeMessage<T>(name, bytes);
  } catch (cause) {
    throw new MilvusError(ErrorCode.Internal, `${rpc}: could not decode the server's response (${bytes.length} bytes)`, { rpc, cause });
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
