/**
 * The reference the codec in src/proto is proven against: protobufjs 7 with long.js, used exactly as the
 * client used it before (the client's own first step, `normalizeBigInts`, then fromObject and encode;
 * decode, then toObject with the option sets of the client's two decode styles). Outcomes are compared as
 * text that keeps everything observable: key order, `Buffer` vs `Uint8Array`, `-0`, `bigint` vs string,
 * and the error's class and message.
 */
import Long from 'long';
import protobuf from 'protobufjs';
import descriptor from '../../src/proto/milvus-descriptor.json' with { type: 'json' };
import { milvusMethods, normalizeBigInts } from '../../src/proto/index.js';

protobuf.util.Long = Long;
protobuf.configure();

/** The resolved reference root (protobufjs generates its functions with `new Function` here, in Node). */
export const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
root.resolveAll();

/**
 * The types the client encodes or decodes by name rather than as an RPC's request or response (the
 * calls in src/ that name them are matched against this list by ./descriptor-coverage.test.ts).
 */
export const NAMED_TYPES = [
  'milvus.proto.common.PlaceholderGroup', 'milvus.proto.schema.CollectionSchema', 'milvus.proto.schema.FieldSchema',
  'milvus.proto.milvus.GetVersionResponse', 'milvus.proto.common.ErrorCode',
];

/** Every message and enum type of the official descriptor, in its order. */
export function allTypes(): (protobuf.Type | protobuf.Enum)[] {
  const out: (protobuf.Type | protobuf.Enum)[] = [];
  (function collect(ns: protobuf.NamespaceBase) {
    for (const child of ns.nestedArray) {
      if (child instanceof protobuf.Type || child instanceof protobuf.Enum) out.push(child);
      if (child instanceof protobuf.Namespace) collect(child);
    }
  })(root);
  return out;
}

/**
 * Every type the client can send or receive, worked out here from the official descriptor: what the
 * request and response of each RPC it calls (src/proto's `milvusMethods()`) and each of {@link NAMED_TYPES}
 * reach through their fields. The compacted descriptor of src/proto must hold exactly these.
 */
export function clientTypes(): Set<protobuf.Type | protobuf.Enum> {
  const used = new Set<protobuf.Type | protobuf.Enum>();
  const use = (type: protobuf.Type | protobuf.Enum): void => {
    if (used.has(type)) return;
    used.add(type);
    if (type instanceof protobuf.Type) for (const field of type.fieldsArray) if (field.resolvedType) use(field.resolvedType);
  };
  const service = root.lookupService('milvus.proto.milvus.MilvusService');
  for (const { name } of milvusMethods()) {
    const method = service.methods[name]!;
    use(method.resolvedRequestType!);
    use(method.resolvedResponseType!);
  }
  for (const name of NAMED_TYPES) use(root.lookup(name) as protobuf.Type | protobuf.Enum);
  return used;
}

/** Every message type the client can send or receive ({@link clientTypes}), in the descriptor's order. */
export function messageTypes(): protobuf.Type[] {
  const used = clientTypes();
  return allTypes().filter((t): t is protobuf.Type => t instanceof protobuf.Type && used.has(t));
}

/** protobufjs' bytes for `payload` as a message of `fullName`. */
export function referenceEncode(fullName: string, payload: object): Uint8Array {
  const type = root.lookupType(fullName);
  return type.encode(type.fromObject(normalizeBigInts(payload) as Record<string, unknown>)).finish();
}

/** The two decode styles' `toObject` options, as the client set them. */
const STYLES = {
  wire: { longs: String, enums: Number, bytes: Uint8Array, defaults: true, arrays: true, objects: true, oneofs: true },
  sdk: { longs: String, enums: String, defaults: true, arrays: true, objects: true, oneofs: true },
} as unknown as Record<'wire' | 'sdk', protobuf.IConversionOptions>;

/** protobufjs' object for `bytes` as a message of `fullName`, in a decode style, int64 as text or bigint. */
export function referenceDecode(fullName: string, bytes: Uint8Array, style: 'wire' | 'sdk', bigints: boolean): unknown {
  const type = root.lookupType(fullName);
  const options = bigints ? { ...STYLES[style], longs: BigInt as unknown as protobuf.IConversionOptions['longs'] } : STYLES[style];
  return type.toObject(type.decode(bytes), options);
}

/** The outcome of `run` as text: the canonical form of its result, or the error's class and message. */
export function outcome(run: () => unknown): string {
  try {
    return canonical(run());
  } catch (e) {
    return `throws ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

/** A value as text that tells apart everything a caller could tell apart. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) return `${Buffer.isBuffer(v) ? 'Buffer' : v.constructor.name}<${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}>`;
  if (Array.isArray(v)) return `[${Array.from({ length: v.length }, (_, i) => (i in v ? canonical(v[i]) : 'hole')).join(',')}]`;
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : `(${(v as object).constructor?.name})`;
    return `${proto}{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return `${typeof v}`;
}

/** Whether protobufjs took its Node paths (it found `Buffer` when it loaded). */
export function hasNodeBuffer(): boolean {
  return protobuf.util.Buffer !== null;
}
