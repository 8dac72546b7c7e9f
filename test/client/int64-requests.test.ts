/**
 * Request fields that take an id or a timestamp accept it as a response gives it (a decimal string, or a
 * bigint with `int64: 'bigint'`) as well as a number, and send it exactly, beyond 2^53 too: what the
 * `Int64Input` in their types promises. Against the in-process gRPC sink.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_REASONS, MilvusClient } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

let sink: GrpcSink;
const BIG = 2n ** 62n + 1n;

beforeAll(async () => {
  sink = await startSink();
  sink.on('AlterCollectionSchema', () => reply('milvus.proto.milvus.AlterCollectionSchemaResponse', { alter_status: {} }));
});
afterAll(async () => {
  await sink.close();
});

const sent = <T>(method: string, type: string): T => decodeMessage<T>(`milvus.proto.milvus.${type}`, sink.callsOf(method).at(-1)!.request);

describe('int64 request fields take numbers, strings and bigints, and send them exactly', () => {
  test.each([
    ['a bigint', BIG],
    ['a decimal string', String(BIG)],
    ['a number', 12345],
  ])('%s', async (_what, id) => {
    const client = new MilvusClient({ uri: sink.uri, int64: 'bigint' });
    await client.getReplicas({ collectionID: id });
    await client.getImportState({ task: id });
    await client.getCompactionState({ compactionID: id });
    await client.getFlushState({ segmentIDs: [id, 7], flush_ts: id });
    await client.dropCollectionField({ collection_name: 'c', field_id: id });
    await client.close();
    const exact = String(id);
    expect(sent<{ collectionID: string }>('GetReplicas', 'GetReplicasRequest').collectionID).toBe(exact);
    expect(sent<{ task: string }>('GetImportState', 'GetImportStateRequest').task).toBe(exact);
    expect(sent<{ compactionID: string }>('GetCompactionState', 'GetCompactionStateRequest').compactionID).toBe(exact);
    expect(sent<{ segmentIDs: string[]; flush_ts: string }>('GetFlushState', 'GetFlushStateRequest')).toMatchObject({ segmentIDs: [exact, '7'], flush_ts: exact });
    expect(sent<{ action: { drop_request: { field_id: string } } }>('AlterCollectionSchema', 'AlterCollectionSchemaRequest').action.drop_request.field_id).toBe(exact);
  });

  test('dropCollectionField refuses a bigint id that is not a valid field id', async () => {
    const client = new MilvusClient({ uri: sink.uri });
    await expect(client.dropCollectionField({ collection_name: 'c', field_id: 0n })).rejects.toThrow(ERROR_REASONS.DROP_COLLECTION_FIELD_IDENTIFIER_IS_REQUIRED);
    await expect(client.dropCollectionField({ collection_name: 'c', field_id: 2n ** 63n })).rejects.toThrow(ERROR_REASONS.DROP_COLLECTION_FIELD_IDENTIFIER_IS_REQUIRED);
    await client.close();
  });
});
