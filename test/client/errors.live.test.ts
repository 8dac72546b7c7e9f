/**
 * Failures, each with the right error class and code: unknown collection, input rejected client-side
 * (nothing sent), rejections by the server, an unreachable server, a closed client, bad options.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_REASONS, MilvusErrorCode, InvalidInputError, MilvusClient, ServerError, TransportError } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('errs');
let client: MilvusClient;

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 5 });
  await client.insert({ collection_name: collection, data: [{ id: 1, vector: [1, 2, 3, 4, 5] }] });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('unknown collection', () => {
  const missing = `${collection}_missing`;

  // Writes, and reads that need the schema first, reject: a write must never pass unnoticed.
  test.each([
    ['insert', () => client.insert({ collection_name: missing, data: [{ id: 1, vector: [1, 2, 3, 4, 5] }] }), 'DescribeCollection'],
    ['search', () => client.search({ collection_name: missing, data: [1, 2, 3, 4, 5] }), 'DescribeCollection'],
  ])('%s → ServerError COLLECTION_NOT_FOUND (100)', async (_name, call, rpc) => {
    const err = await caught(call());
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ code: MilvusErrorCode.CollectionNotFound, serverCode: 100, rpc, status: { code: 100 } });
    expect(err.message).toContain(missing);
  });

  // Other calls hand the server's refusal back as their status, as the official SDK does.
  test.each([
    ['describeCollection', () => client.describeCollection({ collection_name: missing })],
    ['query', () => client.query({ collection_name: missing, filter: 'id > 0' })],
  ])('%s → status with Milvus code 100', async (_name, call) => {
    const { status } = await call();
    expect(status).toMatchObject({ code: 100 });
    expect(status.reason).toContain(missing);
  });
});

describe('input rejected before sending', () => {
  test('a vector of the wrong dimension throws InvalidInputError and stores nothing', async () => {
    const err = await caught(client.insert({ collection_name: collection, data: [{ id: 2, vector: [1, 2, 3, 4, 5] }, { id: 3, vector: [1, 2, 3, 4] }] }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ code: MilvusErrorCode.InvalidInput, field: 'vector', row: 1 });
    const { data } = await client.query({ collection_name: collection, filter: 'id > 0', output_fields: ['id'] });
    expect(data).toEqual([{ id: '1', $meta: {} }]);
  });

  test('a search vector of the wrong dimension', async () => {
    const err = await caught(client.search({ collection_name: collection, data: [1, 2, 3] }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ field: 'vector', row: 0 });
    expect(err.message).toContain('5 values');
  });

  test('ids that do not fit the primary key', async () => {
    await expect(client.get({ collection_name: collection, ids: [1.5] })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.get({ collection_name: collection, ids: ['x'] })).rejects.toMatchObject({ field: 'id', row: 0 });
    const err = await caught(client.delete({ collection_name: collection, ids: [2 ** 60] }));
    expect(err.message).toContain('pass a string or bigint');
  });

  test('delete needs ids or a filter; given both, the filter decides (as in the SDK)', async () => {
    await expect(client.delete({ collection_name: collection } as never)).rejects.toThrow(ERROR_REASONS.FILTER_EXPR_REQUIRED);
    await client.insert({ collection_name: collection, data: [{ id: 70, vector: [1, 1, 1, 1, 1] }, { id: 71, vector: [1, 1, 1, 1, 1] }] });
    const res = await client.delete({ collection_name: collection, ids: [70], filter: 'id == 71' } as never);
    expect(res.delete_count).toBe(1);
    const { data } = await client.get({ collection_name: collection, ids: [70, 71], output_fields: ['id'] });
    expect(data).toEqual([{ id: '70', $meta: {} }]);
    await client.delete({ collection_name: collection, ids: [70] });
  });

  test('a request without a collection name', async () => {
    const noName = {} as { collection_name: string };
    for (const call of [
      () => client.insert({ ...noName, data: [] }), () => client.search({ ...noName, data: [1] }), () => client.query(noName),
      () => client.describeCollection(noName), () => client.dropCollection(noName), () => client.createIndex({ ...noName, field_name: 'v' }),
      () => client.createPartition({ ...noName, partition_name: 'p' }),
    ]) {
      // The SDK's messages, word for word (createPartition names the partition too).
      await expect(call()).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/^The `collection_name` (or the `partition_name` )?property is missing\.$/) });
    }
  });

  test('unusable client options', () => {
    expect(() => new MilvusClient({})).toThrow(InvalidInputError);
    expect(() => new MilvusClient(undefined as never)).toThrow(ERROR_REASONS.MILVUS_ADDRESS_IS_REQUIRED);
    expect(() => new MilvusClient({ uri: milvusUri(), timeout: -5 })).toThrow(/timeout must be a positive number/);
    expect(() => new MilvusClient({ uri: milvusUri(), int64: 'number' as never })).toThrow(/int64 must be/);
    expect(() => new MilvusClient({ uri: milvusUri(), engine: 'fast' as never })).toThrow(expect.objectContaining({ field: 'engine', message: `engine must be 'auto', 'wasm' or 'js', got "fast"` }));
    expect(() => new MilvusClient({ address: 'not an address' })).toThrow(/^address "not an address" has "not an address" where a host name or IP address belongs; expected /);
  });
});

describe('rejected by the server', () => {
  test('insert into a partition that does not exist → ServerError with Milvus code 200', async () => {
    const err = await caught(client.insert({ collection_name: collection, partition_name: 'nope', data: [{ id: 9, vector: [1, 1, 1, 1, 1] }] }));
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ code: MilvusErrorCode.Server, serverCode: 200, rpc: 'Insert' });
    expect(err.reason).toContain('nope');
  });

  test('an index on a field that does not exist → status with Milvus code 6', async () => {
    const status = await client.createIndex({ collection_name: collection, field_name: 'no_such_field', index_type: 'AUTOINDEX', metric_type: 'L2' });
    expect(status).toMatchObject({ code: 6, error_code: expect.not.stringMatching(/^Success$/) });
  });

  test('a filter that does not parse → status with Milvus code 6, no rows', async () => {
    const res = await client.query({ collection_name: collection, filter: 'id >>> 1' });
    expect(res.status).toMatchObject({ code: 6 });
    expect(res.data).toEqual([]);
  });
});

describe('transport failures', () => {
  test('an unreachable server → TransportError UNAVAILABLE, without the credentials', async () => {
    const secret = 'root:s3cret-Passw0rd';
    const c = new MilvusClient({ uri: 'http://127.0.0.1:1', token: secret, timeout: 5_000 });
    const err = await caught(c.getVersion());
    await c.close();
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, rpc: 'GetVersion', grpcCode: 14 });
    const shown = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
    expect(shown).not.toContain('s3cret');
    expect(shown).not.toContain(btoa(secret));
  });

  test('a closed client → TransportError CANCELLED', async () => {
    const c = new MilvusClient({ uri: milvusUri() });
    expect((await c.getVersion()).version).toContain('milvus_lite');
    await c.close();
    await expect(c.getVersion()).rejects.toMatchObject({ name: 'TransportError', code: MilvusErrorCode.Cancelled, rpc: 'GetVersion' });
  });

  test('an aborted call → TransportError CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.getVersion({ signal: controller.signal })).rejects.toMatchObject({ code: MilvusErrorCode.Cancelled });
  });
});
