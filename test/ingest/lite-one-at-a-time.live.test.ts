/**
 * Milvus Lite gets one write request at a time, whatever `concurrency` asks: overlapping writes lose
 * acknowledged rows there when it is killed. Against the real Milvus Lite of the test run, reached over
 * `http://` through a proxy that counts the Insert calls in flight; and against sinks that answer
 * `GetVersion` as a Milvus Lite and as a Milvus, to show the version string is what decides.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { startCountingProxy, type CountingProxy } from '../fakes/counting-proxy.js';
import { startWriteSink } from '../fakes/write-sink.js';

const DIM = 8;
const row = (i: number) => ({ id: i, vec: Array.from({ length: DIM }, (_, k) => (i + k) % 5) });
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('the real Milvus Lite over http://', () => {
  const collection = uniqueName('lite_one');
  let direct: MilvusClient;
  let proxy: CountingProxy;
  let client: MilvusClient;

  beforeAll(async () => {
    direct = new MilvusClient({ uri: milvusUri() });
    await direct.createCollection({
      collection_name: collection,
      fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'vec', data_type: DataType.FloatVector, dim: DIM }],
      index_params: { field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' },
    });
    proxy = await startCountingProxy(new URL(milvusUri()).host, ['Connect', 'GetVersion', 'DescribeCollection', 'Insert', 'Upsert']);
    client = new MilvusClient({ uri: proxy.uri, concurrency: 4 });
  });

  afterAll(async () => {
    await client.close();
    await proxy.close();
    await direct.dropCollection({ collection_name: collection });
    await direct.close();
  });

  test('ingest at concurrency 4: one Insert at a time, every row landed', async () => {
    const res = await client.ingest({ collection_name: collection, source: Array.from({ length: 2000 }, (_, i) => row(i)), batch_rows: 50, concurrency: 4 });
    expect(res.insert_count).toBe(2000);
    expect(proxy.count('Insert')).toBe(40);
    expect(proxy.maxInFlight('Insert')).toBe(1);
    expect(proxy.count('GetVersion')).toBe(1);
  });

  test('an upsert split into many requests: one at a time too', async () => {
    const res = await client.upsert({ collection_name: collection, data: Array.from({ length: 1000 }, (_, i) => row(i)), batch_rows: 50 });
    expect(res.upsert_cnt).toBe('1000');
    expect(proxy.count('Upsert')).toBe(20);
    expect(proxy.maxInFlight('Upsert')).toBe(1);
    const { data } = await direct.count({ collection_name: collection });
    expect(data).toBe(2000);
  });
});

describe.each([
  ['milvus_lite-3.2.2', 1],
  ['v2.6.0', 4],
])('a server whose version is %s', (version, expected) => {
  test(`ingest at concurrency 4 has ${expected} in flight`, async () => {
    const sink = await startWriteSink({
      version,
      fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: String(DIM) }] }],
    });
    sink.respond(async () => {
      await delay(15);
      return { kind: 'ok' };
    });
    const client = new MilvusClient({ uri: sink.uri, __SKIP_CONNECT__: true });
    try {
      const res = await client.ingest({ collection_name: 'sunk', source: Array.from({ length: 1200 }, (_, i) => row(i)), batch_rows: 100, concurrency: 4 });
      expect(res.insert_count).toBe(1200);
      expect(sink.calls.length).toBe(12);
      expect(sink.maxInFlight).toBe(expected);
    } finally {
      await client.close();
      await sink.close();
    }
  });
});
