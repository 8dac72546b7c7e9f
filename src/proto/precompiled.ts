/**
 * Gives every message type of the Milvus descriptor protobufjs' functions precompiled at build time
 * (`scripts/precompile-proto.mjs`) instead of letting protobufjs generate them with `new Function` on first
 * use. A Content-Security-Policy without 'unsafe-eval' refuses `new Function` (and such a CSP refuses
 * WebAssembly too), so this is what lets the client run under a strict CSP; Node runs the same functions.
 */
import protobuf from 'protobufjs';
import { MilvusErrorCode, MilvusError } from '../errors.js';
import { CODECS, PRECOMPILED_WITH } from './precompiled-codecs.js';

/** The functions protobufjs' `Type#setup` generates for one message type. */
export interface PrecompiledCodec {
  encode: (message: object, writer?: protobuf.Writer) => protobuf.Writer;
  decode: (reader: protobuf.Reader | Uint8Array, length?: number) => protobuf.Message<object>;
  fromObject: (object: Record<string, unknown>) => protobuf.Message<object>;
  toObject: (message: protobuf.Message<object>, options?: protobuf.IConversionOptions) => Record<string, unknown>;
}

/** One message type's precompiled constructor, and its codec bound to a scope (protobufjs' Writer, Reader, util and the field types). */
export interface PrecompiledType {
  ctor: new (properties?: object) => protobuf.Message<object>;
  codec: (writer: unknown, reader: unknown, types: unknown[], util: unknown) => PrecompiledCodec;
}

/**
 * `Root.fromJSON(descriptor)` with every message type given its precompiled functions before anything
 * resolves (resolving a field reads its type's constructor, which protobufjs would generate).
 */
export function precompiledRoot(descriptor: protobuf.INamespace): protobuf.Root {
  const root = new protobuf.Root();
  if (descriptor.options) root.setOptions(descriptor.options);
  root.addJSON(descriptor.nested ?? {});
  installPrecompiledCodecs(root);
  root.resolveAll();
  return root;
}

/**
 * Installs the precompiled functions on every message type under `root`, as `Type#setup` would (same scope,
 * same wrappers), before `root.resolveAll()`. Throws `MilvusError` (Internal) when a type has none, i.e.
 * the generated module is stale.
 */
function installPrecompiledCodecs(root: protobuf.Root): void {
  const types = messageTypes(root);
  const precompiled = types.map((type) => {
    const name = type.fullName.slice(1);
    const found = CODECS[name];
    if (!found) {
      throw new MilvusError(MilvusErrorCode.Internal, `no precompiled protobuf functions for ${name} (generated with protobufjs ${PRECOMPILED_WITH}): run \`npm run build\``);
    }
    return found;
  });
  // Constructors first: resolving a field (next loop) reads its type's constructor.
  types.forEach((type, i) => {
    type.ctor = precompiled[i]!.ctor as unknown as protobuf.Constructor<object>;
  });
  types.forEach((type, i) => {
    const fieldTypes = type.fieldsArray.map((field) => field.resolve().resolvedType);
    const codec = precompiled[i]!.codec(protobuf.Writer, protobuf.Reader, fieldTypes, protobuf.util);
    // protobufjs defines these as methods that run setup() (code generation) first; own properties take their place.
    Object.assign(type, codec);
    applyWrapper(type, codec);
  });
}

/** protobufjs' custom conversions of well-known types (e.g. `google.protobuf.Any`), wrapped as setup() does. */
function applyWrapper(type: protobuf.Type, codec: PrecompiledCodec): void {
  const wrapper = (protobuf.wrappers as Record<string, protobuf.IWrapper | undefined>)[type.fullName];
  if (!wrapper) return;
  const original = Object.create(type) as protobuf.Type;
  const target = type as unknown as Record<'fromObject' | 'toObject', unknown>;
  (original as unknown as Record<string, unknown>).fromObject = codec.fromObject;
  (original as unknown as Record<string, unknown>).toObject = codec.toObject;
  if (wrapper.fromObject) target.fromObject = wrapper.fromObject.bind(original);
  if (wrapper.toObject) target.toObject = wrapper.toObject.bind(original);
}

function messageTypes(ns: protobuf.NamespaceBase, out: protobuf.Type[] = []): protobuf.Type[] {
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) out.push(child);
    if (child instanceof protobuf.Namespace) messageTypes(child, out);
  }
  return out;
}
