/**
 * The client generates no code at run time: protobufjs would build each message's functions with
 * `new Function`, which a strict Content-Security-Policy refuses (the one that also refuses WebAssembly).
 * Here code generation is made to throw before anything loads, then every RPC's request and response
 * type is encoded and decoded, so a type without precompiled functions fails this test, not a user's page.
 */
import protobuf from 'protobufjs';
import { expect, test } from 'vitest';

test('every RPC request and response encodes and decodes with protobufjs code generation disabled', async () => {
  const generated: string[] = [];
  const util = protobuf.util as unknown as { codegen: (...args: unknown[]) => never };
  const original = util.codegen;
  util.codegen = (params, name) => {
    generated.push(String(name));
    throw new EvalError(`code generation is disabled in this test (asked for ${String(name)})`);
  };
  try {
    const proto = await import('../../src/proto/index.js');
    const service = proto.milvusRoot().lookupService(proto.MILVUS_SERVICE);
    const methods = Object.keys(service.methods);
    expect(methods.length).toBeGreaterThan(20);
    for (const name of methods) {
      const method = name as Parameters<typeof proto.encodeRequest>[0];
      const requestType = (service.methods[name]!.resolve() as protobuf.Method).resolvedRequestType!;
      // BatchDescribeCollection names several collections: its collection_name is a list.
      const collection = requestType.fields.collection_name?.repeated ? ['c'] : 'c';
      const request = proto.encodeRequest(method, { db_name: 'd', collection_name: collection });
      const roundTrip = proto.decodeMessage<Record<string, unknown>>(requestType.fullName.slice(1), request);
      if ('collection_name' in roundTrip) expect(roundTrip.collection_name, name).toEqual(collection);
      // An empty response message decodes to its defaults, nested types included.
      expect(proto.decodeResponse(method, new Uint8Array()), name).toBeTypeOf('object');
    }
    const placeholder = proto.encodeMessage('milvus.proto.common.PlaceholderGroup', { placeholders: [{ tag: '$0', type: 101, values: [new Uint8Array([1, 2])] }] });
    expect(proto.decodeMessage('milvus.proto.common.PlaceholderGroup', placeholder)).toMatchObject({ placeholders: [{ tag: '$0', type: 101 }] });
  } finally {
    util.codegen = original;
  }
  expect(generated).toEqual([]);
});
