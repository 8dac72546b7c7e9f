/**
 * Keys that come from stored data are only ever data: a dynamic key named `__proto__` (and a field of that
 * name) is written as an own key and read back as one by every path that builds result rows: query (all
 * fields, by name, `$meta`), get, search hits, both iterators. No row gets a prototype from the data.
 * Also against Milvus Lite: rows read back with their `$meta` can be written again as they are.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const dynamicColl = uniqueName('proto_dyn');
const fieldColl = uniqueName('proto_field');
let client: MilvusClient;

/** What the stored `__proto__` holds: were it made a prototype, every row would inherit `polluted`. */
const PAYLOAD = { polluted: true, list: [1, 2] };
const withProtoKey = (id: number, extra: Record<string, unknown> = {}) => ({ ...JSON.parse(`{"__proto__": ${JSON.stringify(PAYLOAD)}}`), id, vec: [id, 1], ...extra });

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  const index_params = { field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' };
  const base = [
    { name: 'id', data_type: DataType.Int64, is_primary_key: true },
    { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
  ];
  await client.createCollection({ collection_name: dynamicColl, enable_dynamic_field: true, fields: base, index_params });
  await client.createCollection({ collection_name: fieldColl, fields: [...base, { name: '__proto__', data_type: DataType.JSON }], index_params });
  const rows = [withProtoKey(1, { other: 'a' }), withProtoKey(2, { other: 'b' })];
  expect(Object.getOwnPropertyNames(rows[0])).toContain('__proto__');
  expect((await client.insert({ collection_name: dynamicColl, data: rows })).insert_cnt).toBe('2');
  expect((await client.insert({ collection_name: fieldColl, data: [withProtoKey(1)] })).insert_cnt).toBe('1');
});

afterAll(async () => {
  for (const name of [dynamicColl, fieldColl]) await client.dropCollection({ collection_name: name });
  await client.close();
});

/** The row has a plain prototype, `__proto__` as an own data key holding the payload, and nothing inherited from it. */
function expectOwnProtoKey(row: Record<string, unknown>, holder: Record<string, unknown> = row): void {
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(holder)).toBe(Object.prototype);
  expect('polluted' in row).toBe(false);
  expect('polluted' in holder).toBe(false);
  expect(Object.keys(holder)).toContain('__proto__');
  expect(Object.getOwnPropertyDescriptor(holder, '__proto__')?.value).toEqual(PAYLOAD);
}

describe('a stored dynamic key "__proto__"', () => {
  test.each([[['*']], [['__proto__']], [['id', '__proto__']], [['$meta']]])('query, output_fields %j: an own key of $meta', async (output_fields) => {
    const { data } = await client.query({ collection_name: dynamicColl, filter: 'id > 0', output_fields });
    expect(data).toHaveLength(2);
    for (const row of data) expectOwnProtoKey(row, row.$meta as Record<string, unknown>);
  });

  test('get', async () => {
    const { data } = await client.get({ collection_name: dynamicColl, ids: [2], output_fields: ['__proto__', 'other'] });
    expect(data).toHaveLength(1);
    expectOwnProtoKey(data[0]!, data[0]!.$meta as Record<string, unknown>);
  });

  test('search hits asked for it by name: an own key of the hit', async () => {
    const { results } = await client.search({ collection_name: dynamicColl, data: [1, 1], limit: 2, output_fields: ['__proto__'] });
    expect(results).toHaveLength(2);
    for (const hit of results as Record<string, unknown>[]) expectOwnProtoKey(hit);
  });

  test('search hits with every field: an own key of $meta', async () => {
    const { results } = await client.search({ collection_name: dynamicColl, data: [1, 1], limit: 2, output_fields: ['*'] });
    for (const hit of results as Record<string, unknown>[]) expectOwnProtoKey(hit, hit.$meta as Record<string, unknown>);
  });

  test('queryIterator and searchIterator', async () => {
    let seen = 0;
    for await (const batch of await client.queryIterator({ collection_name: dynamicColl, batchSize: 1, output_fields: ['__proto__'] })) {
      for (const row of batch) expectOwnProtoKey(row, row.$meta as Record<string, unknown>), seen++;
    }
    for await (const batch of await client.searchIterator({ collection_name: dynamicColl, batchSize: 1, data: [1, 1], limit: 2, output_fields: ['__proto__'] })) {
      for (const hit of batch as Record<string, unknown>[]) expectOwnProtoKey(hit), seen++;
    }
    expect(seen).toBe(4);
  });

  test('rows read back with their $meta are written again as they are (merged, not nested)', async () => {
    const { data } = await client.query({ collection_name: dynamicColl, filter: 'id == 1', output_fields: ['*'] });
    const row: Record<string, unknown> = { ...data[0]!, vec: [5, 5] };
    expect(row.$meta).toEqual(JSON.parse(`{"__proto__": ${JSON.stringify(PAYLOAD)}, "other": "a"}`));
    await client.upsert({ collection_name: dynamicColl, data: [row] });
    const again = await client.query({ collection_name: dynamicColl, filter: 'id == 1', output_fields: ['*'] });
    expect(again.data).toEqual([{ id: '1', vec: [5, 5], $meta: row.$meta }]);
    expectOwnProtoKey(again.data[0]!, again.data[0]!.$meta as Record<string, unknown>);
  });
});

describe('a field named "__proto__"', () => {
  test('query and search: an own key of the row', async () => {
    const { data } = await client.query({ collection_name: fieldColl, filter: 'id > 0', output_fields: ['*'] });
    expect(data).toHaveLength(1);
    expectOwnProtoKey(data[0]!);
    const { results } = await client.search({ collection_name: fieldColl, data: [1, 1], limit: 1, output_fields: ['__proto__'] });
    expectOwnProtoKey((results as Record<string, unknown>[])[0]!);
  });
});
