/**
 * The official Milvus protobuf descriptor as a protobufjs root, for the test-side reference encoder
 * and decoder. Loaded straight from the vendored JSON so tests do not depend on `src/proto`.
 */
import protobuf from 'protobufjs';
import descriptor from '../../src/proto/milvus-descriptor.json' with { type: 'json' };

let root: protobuf.Root | undefined;

/** A message type by full name, e.g. `milvus.proto.milvus.InsertRequest`. */
export function milvusType(fullName: string): protobuf.Type {
  root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return root.lookupType(fullName);
}
