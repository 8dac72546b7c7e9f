/**
 * The official Milvus protobuf descriptor as a protobufjs root, for the test-side reference encoder
 * and decoder. Loaded straight from the vendored JSON so tests do not depend on `src/proto`.
 */
import protobuf from 'protobufjs';
import descriptor from '../../src/proto/milvus-descriptor.json' with { type: 'json' };

let root: protobuf.Root | undefined;
const milvusRoot = () => (root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace));

/** A message type by full name, e.g. `milvus.proto.milvus.InsertRequest`. */
export function milvusType(fullName: string): protobuf.Type {
  return milvusRoot().lookupType(fullName);
}

/** An enum's values by name, e.g. `milvusEnum('milvus.proto.schema.DataType').Int64 === 5`. */
export function milvusEnum(fullName: string): Readonly<Record<string, number>> {
  return milvusRoot().lookupEnum(fullName).values;
}
