/**
 * Reads by filter and by key against the real Milvus Lite: `query` (filter, ids, output fields, limit and
 * offset, partitions, dynamic fields), `get` and `count`, with the rows exactly as the SDK returns them
 * (int64 as strings, dynamic keys under `$meta`). Lite 3.2.2 accepts `order_by_fields` without sorting by
 * it and refuses filter templates (`exprValues`), so what the client sends for those is checked on the
 * wire with the recording sink.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, ERROR_REASONS, InvalidInputError, MilvusClient, ServerError } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { startSink } from '../fakes/grpc-sink.js';
import { f32, milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('qry');
const missing = uniqueName('qry_missing');
let client: MilvusClient;

const vec = (i: number) => [Math.cos(i / 3), Math.sin(i / 3)];
const rows = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, vec: vec(i), n: i * 10, tag: i % 2 ? 'odd' : 'even', extra: i }));

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({
    collection_name: collection,
    enable_dynamic_field: true,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      { name: 'n', data_type: DataType.Int64 },
      { name: 'tag', data_type: DataType.VarChar, max_length: 8 },
    ],
    index_params: { field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' },
  });
  await client.createPartition({ collection_name: collection, partition_name: 'p1' });
  await client.insert({ collection_name: collection, data: rows.slice(0, 8) });
  await client.insert({ collection_name: collection, partition_name: 'p1', data: rows.slice(8) });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

const q = (extra: Record<string, unknown>) => client.query({ collection_name: collection, ...extra });
const ids = (data: Record<string, unknown>[]) => data.map((r) => r.id);

describe('query', () => {
  test('a filter with output_fields: those fields (and the key), int64 as exact strings', async () => {
    const res = await q({ filter: 'n >= 70', output_fields: ['n', 'tag'] });
    expect(res.status).toMatchObject({ code: 0, error_code: 'Success' });
    expect(res.data).toEqual([
      { id: '8', n: '70', tag: 'odd', $meta: {} },
      { id: '9', n: '80', tag: 'even', $meta: {} },
      { id: '10', n: '90', tag: 'odd', $meta: {} },
    ]);
  });

  test('without output_fields: every field, the vector as float32 values, dynamic keys under $meta', async () => {
    const { data } = await q({ filter: 'id == 3' });
    expect(data).toEqual([{ id: '3', vec: f32(vec(2)), n: '20', tag: 'even', $meta: { extra: 2 } }]);
  });

  test.each([
    ['ids', { ids: [4, 2], output_fields: ['id'] }, ['2', '4']],
    ['ids as strings and bigints', { ids: ['5', 6n], output_fields: ['id'] }, ['5', '6']],
    ['limit and offset', { filter: 'id > 0', output_fields: ['id'], limit: 3, offset: 2 }, ['3', '4', '5']],
    ['partition_names', { filter: 'id > 0', output_fields: ['id'], partition_names: ['p1'] }, ['9', '10']],
    ['a filter on a dynamic key', { filter: 'extra in [1, 5]', output_fields: ['id'] }, ['2', '6']],
    ['expr (the older name of filter)', { expr: 'tag == "odd" && n < 40', output_fields: ['id'] }, ['2', '4']],
  ])('%s', async (_name, req, expected) => {
    const res = await q(req);
    expect(res.status.code).toBe(0);
    expect(ids(res.data).sort((a, b) => Number(a) - Number(b))).toEqual(expected);
  });

  test('a dynamic key asked for by name comes back under $meta', async () => {
    expect((await q({ filter: 'id == 5', output_fields: ['id', 'extra'] })).data).toEqual([{ id: '5', $meta: { extra: 4 } }]);
  });

  test('order_by_fields: Lite accepts it (status 0) and returns the rows asked for', async () => {
    const res = await q({ filter: 'id > 0', output_fields: ['n'], limit: 3, order_by_fields: [{ field: 'n', order: 'desc' }] });
    expect(res.status.code).toBe(0);
    expect(res.data).toHaveLength(3);
  });

  test('exprValues: Lite refuses filter templates, returned as its status (code 6)', async () => {
    const res = await q({ filter: 'id in {ids} and tag == {t}', exprValues: { ids: [1, 2, 3, 4], t: 'odd' } });
    expect(res).toMatchObject({ status: { code: 6 }, data: [] });
    expect(res.status.reason).toContain("unexpected character '{'");
  });

  test('order_by_fields and exprValues on the wire (recording sink)', async () => {
    const sink = await startSink();
    const offline = new MilvusClient({ uri: sink.uri });
    try {
      await offline.query({ collection_name: 'c', filter: 'id in {ids} and tag == {t}', exprValues: { ids: [1, 2], t: 'odd' }, order_by_fields: ['n:desc', { field: 'tag' }], limit: 5, offset: 1 });
      const sent = decodeMessage<Record<string, unknown>>('milvus.proto.milvus.QueryRequest', sink.callsOf('Query')[0]!.request);
      expect(sent).toMatchObject({
        expr: 'id in {ids} and tag == {t}',
        output_fields: ['*'],
        query_params: [{ key: 'limit', value: '5' }, { key: 'offset', value: '1' }, { key: 'order_by_fields', value: 'n:desc,tag:asc' }],
        expr_template_values: { ids: { array_val: { long_data: { data: ['1', '2'] } } }, t: { string_val: 'odd' } },
      });
    } finally {
      await offline.close();
      await sink.close();
    }
  });

  test.each([
    ['a missing collection', { collection_name: missing, filter: 'id > 0' }, 100, `collection '${missing}' does not exist`],
    ['a filter that does not parse', { collection_name: collection, filter: 'id >' }, 6, ''],
  ])('%s: the refusal comes back as the status', async (_name, req, code, reason) => {
    const res = await client.query(req);
    expect(res).toMatchObject({ status: { code }, data: [] });
    expect(res.status.reason).toContain(reason);
  });

  test('a missing partition: Lite answers success with no rows', async () => {
    expect(await q({ filter: 'id > 0', partition_names: ['p9'] })).toMatchObject({ status: { code: 0 }, data: [] });
  });

  test('ids on a missing collection: the schema is needed first, so it rejects with ServerError 100', async () => {
    const err = await client.query({ collection_name: missing, ids: [1] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 100, rpc: 'DescribeCollection' });
  });
});

describe('get and count', () => {
  test('get: rows by primary key, with output_fields', async () => {
    const res = await client.get({ collection_name: collection, ids: [7], output_fields: ['n', 'extra'] });
    expect(res).toMatchObject({ status: { code: 0 } });
    expect(res.data).toEqual([{ id: '7', n: '60', $meta: { extra: 6 } }]);
    expect((await client.get({ collection_name: collection, ids: [404] })).data).toEqual([]);
  });

  test.each([
    ['every row', {}, 10],
    ['a filter', { filter: 'tag == "odd"' }, 5],
    ['expr', { expr: 'n < 30' }, 3],
    // Lite 3.2.2 applies partition_names to a count with a filter only (without one it counts them all).
    ['a partition, with a filter', { partition_names: ['p1'], filter: 'id > 0' }, 2],
  ])('count of %s', async (_name, req, expected) => {
    expect(await client.count({ collection_name: collection, ...req })).toMatchObject({ status: { code: 0 }, data: expected });
  });

  test('count of a missing collection: status code 100 and 0', async () => {
    expect(await client.count({ collection_name: missing })).toMatchObject({ status: { code: 100 }, data: 0 });
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  test.each([
    ['query without collection_name', () => client.query({ filter: 'id > 0' } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['get without ids', () => client.get({ collection_name: collection } as never), ERROR_REASONS.IDS_REQUIRED],
    ['get without collection_name', () => client.get({ ids: [1] } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['count without collection_name', () => client.count({} as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});
