/**
 * Upsert, delete, partitions, databases, indexes and collection lifecycle against a real Milvus Lite.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('ops');
let client: MilvusClient;

const vec = (x: number) => [x, 1, 0];

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 3, metric_type: 'L2' });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

describe('server and collection lifecycle', () => {
  test('getVersion and checkHealth', async () => {
    expect((await client.getVersion()).version).toMatch(/^milvus_lite-3\./);
    expect(await client.checkHealth()).toMatchObject({ isHealthy: true, reasons: [] });
  });

  test('hasCollection, listCollections', async () => {
    expect((await client.hasCollection({ collection_name: collection })).value).toBe(true);
    expect((await client.hasCollection({ collection_name: `${collection}_absent` })).value).toBe(false);
    const list = await client.listCollections();
    expect(list.collection_names).toContain(collection);
    expect(list.data.find((c) => c.name === collection)).toBeDefined();
  });

  test('release and load change the load state', async () => {
    await client.releaseCollection({ collection_name: collection });
    expect((await client.getLoadState({ collection_name: collection })).state).toBe('LoadStateNotLoad');
    await client.loadCollection({ collection_name: collection });
    expect((await client.getLoadState({ collection_name: collection })).state).toBe('LoadStateLoaded');
  });

  test('drop and recreate an index', async () => {
    await client.releaseCollection({ collection_name: collection });
    await client.dropIndex({ collection_name: collection, index_name: 'vector' });
    // A collection without an index: Milvus' IndexNotFound (700), returned as the status as the SDK does.
    expect((await client.describeIndex({ collection_name: collection })).status).toMatchObject({ code: 700 });
    await client.createIndex({ collection_name: collection, field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' });
    const [index] = (await client.describeIndex({ collection_name: collection })).index_descriptions;
    expect(index).toMatchObject({ field_name: 'vector', state: 'Finished' });
    expect(Object.fromEntries(index!.params.map((p) => [p.key, p.value]))).toMatchObject({ index_type: 'FLAT', metric_type: 'L2' });
    await client.loadCollection({ collection_name: collection });
  });

  test('a VarChar primary key with the quick setup', async () => {
    const name = uniqueName('ops_str');
    await client.createCollection({ collection_name: name, dimension: 2, id_type: 'VarChar', max_length: 16 });
    try {
      const res = await client.insert({ collection_name: name, data: [{ id: 'a"b\\c', vector: [1, 0] }, { id: 'é', vector: [0, 1] }] });
      expect(res.ids).toEqual(['a"b\\c', 'é']);
      expect(res.IDs).toEqual({ str_id: { data: ['a"b\\c', 'é'] }, id_field: 'str_id' });
      const { data } = await client.get({ collection_name: name, ids: ['a"b\\c'], output_fields: ['id'] });
      expect(data).toEqual([{ id: 'a"b\\c', $meta: {} }]);
      const del = await client.delete({ collection_name: name, ids: ['é'] });
      expect(del.delete_count).toBe(1);
      expect((await client.query({ collection_name: name, filter: 'id != ""', output_fields: ['id'] })).data).toEqual([{ id: 'a"b\\c', $meta: {} }]);
    } finally {
      await client.dropCollection({ collection_name: name });
    }
    expect((await client.hasCollection({ collection_name: name })).value).toBe(false);
  });
});

describe('auto id', () => {
  test('generated int64 ids come back exact and address the rows', async () => {
    const name = uniqueName('ops_auto');
    await client.createCollection({ collection_name: name, dimension: 2, auto_id: true });
    try {
      const res = await client.insert({ collection_name: name, data: [{ vector: [1, 0], n: 1 }, { vector: [0, 1], n: 2 }] });
      expect(res.insert_count).toBe(2);
      expect(res.ids).toHaveLength(2);
      for (const id of res.ids) expect(id).toMatch(/^-?\d+$/);
      const { data } = await client.get({ collection_name: name, ids: res.ids, output_fields: ['id', 'n'] });
      // As the official SDK returns them, dynamic keys sit under `$meta`.
      const pairs = data.map((r) => [r.id, (r.$meta as { n: number }).n]);
      expect(pairs.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([[res.ids[0], 1], [res.ids[1], 2]]);
    } finally {
      await client.dropCollection({ collection_name: name });
    }
  });
});

describe('upsert and delete', () => {
  test('upsert inserts, then replaces the row with the same primary key', async () => {
    const first = await client.upsert({ collection_name: collection, data: [{ id: 10, vector: vec(10), label: 'old' }] });
    expect(first).toMatchObject({ upsert_count: 1, ids: ['10'] });
    const second = await client.upsert({ collection_name: collection, data: [{ id: 10, vector: vec(-10), label: 'new' }] });
    expect(second).toMatchObject({ upsert_count: 1, ids: ['10'] });
    const { data } = await client.get({ collection_name: collection, ids: [10] });
    expect(data).toEqual([{ id: '10', vector: vec(-10), $meta: { label: 'new' } }]);
  });

  test('delete by ids removes exactly those rows', async () => {
    await client.insert({ collection_name: collection, data: [20, 21, 22].map((id) => ({ id, vector: vec(id) })) });
    const res = await client.delete({ collection_name: collection, ids: [20, 22] });
    expect(res.delete_count).toBe(2);
    const { data } = await client.get({ collection_name: collection, ids: [20, 21, 22], output_fields: ['id'] });
    expect(data).toEqual([{ id: '21', $meta: {} }]);
  });

  test('delete by filter', async () => {
    await client.insert({ collection_name: collection, data: [30, 31, 32].map((id) => ({ id, vector: vec(id), group: id % 2 })) });
    await client.delete({ collection_name: collection, filter: 'id >= 30 and id <= 32 and group == 0' });
    const { data } = await client.query({ collection_name: collection, filter: 'id >= 30 and id <= 32', output_fields: ['id'] });
    expect(data).toEqual([{ id: '31', $meta: {} }]);
  });
});

describe('partitions', () => {
  const partition = 'p_extra';

  test('create, has, list', async () => {
    await client.createPartition({ collection_name: collection, partition_name: partition });
    expect((await client.hasPartition({ collection_name: collection, partition_name: partition })).value).toBe(true);
    expect((await client.hasPartition({ collection_name: collection, partition_name: 'p_absent' })).value).toBe(false);
    const list = await client.listPartitions({ collection_name: collection });
    expect(list.partition_names.sort()).toEqual(['_default', partition]);
  });

  test('insert into a partition; query and search restricted to it', async () => {
    await client.insert({ collection_name: collection, partition_name: partition, data: [{ id: 40, vector: vec(40) }] });
    await client.insert({ collection_name: collection, data: [{ id: 41, vector: vec(40) }] });
    const inPartition = await client.query({ collection_name: collection, filter: 'id in [40, 41]', partition_names: [partition], output_fields: ['id'] });
    expect(inPartition.data).toEqual([{ id: '40', $meta: {} }]);
    const { results } = await client.search({ collection_name: collection, data: vec(40), partition_names: [partition], limit: 5, output_fields: ['id'] });
    expect((results as unknown as { id: string }[]).map((h) => h.id)).toEqual(['40']);
  });

  test('drop a partition drops its rows', async () => {
    await client.releaseCollection({ collection_name: collection });
    await client.dropPartition({ collection_name: collection, partition_name: partition });
    await client.loadCollection({ collection_name: collection });
    expect((await client.hasPartition({ collection_name: collection, partition_name: partition })).value).toBe(false);
    expect((await client.get({ collection_name: collection, ids: [40, 41], output_fields: ['id'] })).data).toEqual([{ id: '41', $meta: {} }]);
  });
});

describe('databases', () => {
  test('create, use, list, drop; the schema cache is per database', async () => {
    const db = uniqueName('db');
    await client.createDatabase({ db_name: db });
    expect((await client.listDatabases()).db_names).toContain(db);
    const other = new MilvusClient({ uri: milvusUri(), db_name: db });
    try {
      // Same collection name, different schema in the other database.
      await other.createCollection({
        collection_name: collection,
        fields: [{ name: 'pk', data_type: DataType.VarChar, is_primary_key: true, max_length: 8 }, { name: 'v', data_type: DataType.FloatVector, dim: 2 }],
        index_params: { field_name: 'v', index_type: 'FLAT', metric_type: 'L2' },
      });
      await other.insert({ collection_name: collection, data: [{ pk: 'k', v: [1, 2] }] });
      expect((await other.get({ collection_name: collection, ids: ['k'] })).data).toEqual([{ pk: 'k', v: [1, 2] }]);
      // The default database's collection is untouched and still uses its own cached schema.
      expect((await client.get({ collection_name: collection, ids: [21], output_fields: ['id'] })).data).toEqual([{ id: '21', $meta: {} }]);
      expect((await client.listCollections({ db_name: db })).collection_names).toEqual([collection]);
      await other.dropCollection({ collection_name: collection });
    } finally {
      await other.close();
    }
    await client.dropDatabase({ db_name: db });
    expect((await client.listDatabases()).db_names).not.toContain(db);
  });

  test('useDatabase switches later calls', async () => {
    const db = uniqueName('db_use');
    const c = new MilvusClient({ uri: milvusUri() });
    try {
      await c.createDatabase({ db_name: db });
      await c.useDatabase({ db_name: db });
      expect((await c.listCollections()).collection_names).toEqual([]);
      await c.useDatabase({ db_name: '' });
      expect((await c.listCollections()).collection_names).toContain(collection);
      await c.dropDatabase({ db_name: db });
    } finally {
      await c.close();
    }
  });

  test('flush returns the server\'s FlushResponse; flushSync waits until it is persisted', async () => {
    const res = await client.flush({ collection_names: [collection] });
    expect(res.status.error_code).toBe('Success');
    expect(res.coll_segIDs).toBeTypeOf('object');
    expect(await client.flushSync({ collection_names: [collection] })).toMatchObject({ status: { error_code: 'Success' }, flushed: true });
  });
});
