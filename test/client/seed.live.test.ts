/**
 * The seed example against a real Milvus Lite: quick setup with dimension 5, insert one row then two,
 * read them back exactly, and find them by vector search.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_REASONS, MilvusClient } from '../../src/index.js';
import { f32, milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('seed');
let client: MilvusClient;

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 5 });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

const rowA = { id: 1, vector: [0.1, 0.2, 0.3, 0.4, 0.5], color: 'red' };
const rowB = { id: 2, vector: [0.9, -0.8, 0.7, -0.6, 0.5], color: 'blue' };
const rowC = { id: 3, vector: [-1, 0, 1, 0, -1], tags: ['x', 'y'] };

describe('quick setup', () => {
  test('creates id Int64 pk, vector FloatVector(5), dynamic fields, COSINE AUTOINDEX, loaded', async () => {
    const d = await client.describeCollection({ collection_name: collection });
    expect(d.schema.enable_dynamic_field).toBe(true);
    const [id, vector] = d.schema.fields;
    expect(id).toMatchObject({ name: 'id', data_type: 'Int64', is_primary_key: true, autoID: false });
    // The SDK's shape: type params as own properties, as the server sends them (text).
    expect(vector).toMatchObject({ name: 'vector', data_type: 'FloatVector', dataType: 101, dim: '5' });
    const index = await client.describeIndex({ collection_name: collection });
    expect(index.index_descriptions).toHaveLength(1);
    const params = Object.fromEntries(index.index_descriptions[0]!.params.map((p) => [p.key, p.value]));
    expect(params).toMatchObject({ index_type: 'AUTOINDEX', metric_type: 'COSINE' });
    expect((await client.getLoadState({ collection_name: collection })).state).toBe('LoadStateLoaded');
  });
});

describe('insert, get, query, search', () => {
  test('insert one row → insert_count 1', async () => {
    const res = await client.insert({ collection_name: collection, data: [rowA] });
    expect(res.insert_count).toBe(1);
    expect(res.ids).toEqual(['1']);
    expect(res.IDs).toEqual({ int_id: { data: ['1'] }, id_field: 'int_id' });
  });

  test('insert two rows → insert_count 2', async () => {
    const res = await client.insert({ collection_name: collection, data: [rowB, rowC] });
    expect(res.insert_count).toBe(2);
    expect(res.ids).toEqual(['2', '3']);
    expect(res.succ_index).toEqual([0, 1]);
  });

  test('an empty insert is refused with the SDK\'s message, and nothing is sent', async () => {
    await expect(client.insert({ collection_name: collection, data: [] })).rejects.toThrow(ERROR_REASONS.INSERT_CHECK_FIELD_DATA_IS_REQUIRED);
  });

  test('get returns exactly the inserted rows', async () => {
    const { data } = await client.get({ collection_name: collection, ids: [1, 2, 3] });
    const byId = Object.fromEntries(data.map((r) => [r.id as string, r]));
    // Dynamic keys under `$meta`, as the official SDK returns them.
    expect(byId['1']).toEqual({ id: '1', vector: f32(rowA.vector), $meta: { color: 'red' } });
    expect(byId['2']).toEqual({ id: '2', vector: f32(rowB.vector), $meta: { color: 'blue' } });
    expect(byId['3']).toEqual({ id: '3', vector: f32(rowC.vector), $meta: { tags: ['x', 'y'] } });
  });

  test('query with a filter and output fields (including a dynamic key)', async () => {
    const { data } = await client.query({ collection_name: collection, filter: 'id >= 2', output_fields: ['id', 'color'] });
    expect(data.sort((a, b) => Number(a.id) - Number(b.id))).toEqual([{ id: '2', $meta: { color: 'blue' } }, { id: '3', $meta: {} }]);
  });

  test('search finds each row as its own nearest neighbour', async () => {
    for (const row of [rowA, rowB, rowC]) {
      const { results } = await client.search({ collection_name: collection, data: row.vector, limit: 1, output_fields: ['id'] });
      expect(results).toHaveLength(1);
      const [hit] = results as { id: string; score: number }[];
      expect(hit!.id).toBe(String(row.id));
      expect(hit!.score).toBeCloseTo(1, 5);
    }
  });

  test('search with several vectors returns one hit list per query', async () => {
    const { results } = await client.search({ collection_name: collection, data: [rowB.vector, rowA.vector], limit: 2, output_fields: ['color'] });
    const lists = results as unknown as { id: string; color?: string }[][];
    expect(lists).toHaveLength(2);
    expect(lists[0]![0]).toMatchObject({ id: '2', color: 'blue' });
    expect(lists[1]![0]).toMatchObject({ id: '1', color: 'red' });
    expect(lists.every((l) => l.length === 2)).toBe(true);
  });
});
