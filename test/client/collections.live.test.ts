/**
 * Collections against the real Milvus Lite: both forms of `createCollection`, `describeCollection` in the
 * SDK's shape (and its cache), listing, altering, statistics, rename, truncate, drop, the primary-key
 * helpers, and, for each call the server can refuse, the refusal returned as its status. What Lite 3.2.2
 * ignores (`num_partitions`, `consistency_level`) is checked on the wire with the recording sink.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DataType, ERROR_REASONS, FunctionType, InvalidInputError, LoadState, MilvusClient, ServerError, ShowCollectionsType,
} from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { startSink } from '../fakes/grpc-sink.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const quick = uniqueName('col_quick');
const full = uniqueName('col_full');
const missing = uniqueName('col_missing');
let client: MilvusClient;

const fullSchema = {
  collection_name: full,
  consistency_level: 'Eventually' as const,
  properties: { 'collection.ttl.seconds': 3600 },
  num_partitions: 4,
  fields: [
    { name: 'pk', data_type: DataType.VarChar, is_primary_key: true, max_length: 32 },
    { name: 'cat', data_type: DataType.Int64, is_partition_key: true },
    { name: 'n', data_type: DataType.Int32, default_value: 7 },
    { name: 's', data_type: DataType.VarChar, max_length: 64, nullable: true, default_value: 'x' },
    { name: 'text', data_type: DataType.VarChar, max_length: 256, enable_analyzer: true },
    { name: 'sparse', data_type: DataType.SparseFloatVector },
    { name: 'vec', data_type: DataType.FloatVector, dim: 4 },
  ],
  functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} }],
  index_params: [
    { field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' },
    { field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' },
  ],
};

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  expect(await client.createCollection({ collection_name: quick, dimension: 4, metric_type: 'L2' })).toMatchObject({ error_code: 'Success', code: 0 });
  expect(await client.createCollection(fullSchema)).toMatchObject({ error_code: 'Success', code: 0 });
});

afterAll(async () => {
  for (const name of [quick, full]) await client.dropCollection({ collection_name: name });
  await client.close();
});

const paramsOf = (pairs: { key: string; value: unknown }[]) => Object.fromEntries(pairs.map((p) => [p.key, p.value]));

describe('createCollection', () => {
  test('quick setup: an Int64 `id`, a FloatVector `vector` of the dimension, AUTOINDEX with the metric, loaded', async () => {
    const d = await client.describeCollection({ collection_name: quick });
    expect(d.schema.fields.map((f) => [f.name, f.dataType, f.is_primary_key, f.dim])).toEqual([['id', DataType.Int64, true, undefined], ['vector', DataType.FloatVector, false, '4']]);
    expect(d.schema.enable_dynamic_field).toBe(true);
    const [index] = (await client.describeIndex({ collection_name: quick })).index_descriptions;
    expect(paramsOf(index!.params)).toEqual({ index_type: 'AUTOINDEX', metric_type: 'L2' });
    expect((await client.getLoadState({ collection_name: quick })).state).toBe(LoadState.LoadStateLoaded);
    // Again on an existing collection: nothing is recreated, the call still succeeds (pymilvus does the same).
    expect(await client.createCollection({ collection_name: quick, dimension: 4 })).toMatchObject({ code: 0 });
  });

  test('full schema: fields, partition key, defaults, BM25 function, properties; index_params built and loaded', async () => {
    const d = await client.describeCollection({ collection_name: full });
    expect(d.status.code).toBe(0);
    const byName = Object.fromEntries(d.schema.fields.map((f) => [f.name, f]));
    expect(byName.pk).toMatchObject({ dataType: DataType.VarChar, data_type: 'VarChar', is_primary_key: true, max_length: '32' });
    expect(byName.cat).toMatchObject({ dataType: DataType.Int64, is_partition_key: true });
    expect(byName.n).toMatchObject({ dataType: DataType.Int32, default_value: 7, nullable: false });
    expect(byName.s).toMatchObject({ dataType: DataType.VarChar, default_value: 'x', nullable: true, max_length: '64' });
    expect(byName.text).toMatchObject({ enable_analyzer: 'true', max_length: '256' });
    expect(byName.sparse).toMatchObject({ dataType: DataType.SparseFloatVector, is_function_output: true });
    expect(byName.vec).toMatchObject({ dataType: DataType.FloatVector, dim: '4' });
    expect(Object.keys(d.anns_fields).sort()).toEqual(['sparse', 'vec']);
    expect(Object.keys(d.scalar_fields).sort()).toEqual(['cat', 'n', 'pk', 's', 'text']);
    expect(Object.keys(d.function_fields)).toEqual(['sparse']);
    expect(d.schema.functions).toMatchObject([{ name: 'bm25', type: 'BM25', input_field_names: ['text'], output_field_names: ['sparse'] }]);
    expect(d.properties).toEqual([{ key: 'collection.ttl.seconds', value: '3600' }]);
    expect((await client.listIndexes({ collection_name: full })).indexes.sort()).toEqual(['sparse', 'vec']);
    expect((await client.getLoadState({ collection_name: full })).state).toBe(LoadState.LoadStateLoaded);
  });

  test('rows take the defaults and the BM25 output; Lite makes its own 16 partition-key partitions', async () => {
    await client.insert({ collection_name: full, data: [{ pk: 'a', cat: 1, text: 'hello world', vec: [1, 0, 0, 0] }] });
    const { data } = await client.query({ collection_name: full, filter: 'pk == "a"', output_fields: ['n', 's', 'sparse'] });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ pk: 'a', n: 7, s: 'x' });
    expect(Object.keys(data[0]!.sparse as object)).toHaveLength(2);
    const parts = (await client.listPartitions({ collection_name: full })).partition_names;
    expect(parts.filter((p) => p.startsWith('_pk_'))).toHaveLength(16);
  });

  test('what Lite ignores is still sent: consistency_level, num_partitions; showCollections type (recording sink)', async () => {
    const sink = await startSink();
    const offline = new MilvusClient({ uri: sink.uri });
    try {
      await offline.createCollection({ ...fullSchema, index_params: undefined });
      const [call] = sink.callsOf('CreateCollection');
      const sent = decodeMessage<Record<string, unknown>>('milvus.proto.milvus.CreateCollectionRequest', call!.request);
      expect(sent).toMatchObject({ collection_name: full, consistency_level: 3, num_partitions: '4', properties: [{ key: 'collection.ttl.seconds', value: '3600' }] });
      await offline.showCollections({ type: ShowCollectionsType.Loaded });
      const [show] = sink.callsOf('ShowCollections');
      expect(decodeMessage('milvus.proto.milvus.ShowCollectionsRequest', show!.request)).toMatchObject({ type: 1 });
    } finally {
      await offline.close();
      await sink.close();
    }
  });
});

describe('describeCollection, batchDescribeCollections, hasCollection, listing', () => {
  test('cache: true serves the cached description without asking again; a plain call asks', async () => {
    const name = uniqueName('col_cache');
    await client.createCollection({ collection_name: name, dimension: 2 });
    const first = await client.describeCollection({ collection_name: name });
    expect(await client.describeCollection({ collection_name: name, cache: true })).toBe(first);
    const other = new MilvusClient({ uri: milvusUri() });
    await other.dropCollection({ collection_name: name });
    await other.close();
    // Dropped behind this client's back: the cache still answers, a fresh describe sees the truth.
    expect((await client.describeCollection({ collection_name: name, cache: true })).collection_name).toBe(name);
    expect((await client.describeCollection({ collection_name: name })).status.code).toBe(100);
    // A cache miss on a missing collection is the server's refusal, as data (not a throw).
    expect((await client.describeCollection({ collection_name: missing, cache: true })).status).toMatchObject({ code: 100, error_code: 'CollectionNotExists' });
  });

  test('batchDescribeCollections: Lite answers UNIMPLEMENTED, returned as a status with code 10', async () => {
    const res = await client.batchDescribeCollections({ collection_names: [quick, full] });
    expect(res.status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(res.status.reason).toContain('BatchDescribeCollection');
    expect(res.responses).toEqual([]);
  });

  test('hasCollection, and showCollections / listCollections with the SDK\'s `data`, by type and by name', async () => {
    expect((await client.hasCollection({ collection_name: quick })).value).toBe(true);
    expect(await client.hasCollection({ collection_name: missing })).toMatchObject({ value: false, status: { code: 0 } });
    const released = uniqueName('col_released');
    await client.createCollection({ collection_name: released, dimension: 2 });
    await client.releaseCollection({ collection_name: released });
    try {
      // Lite 3.2.2 ignores the Loaded filter (the request carries it: see the sink test above); the
      // released collection is listed at 0 %.
      const loaded = await client.showCollections({ type: ShowCollectionsType.Loaded });
      expect(loaded.data.filter((c) => [quick, full, released].includes(c.name)).map((c) => c.loadedPercentage)).toEqual(['100', '100', '0']);
      const all = await client.listCollections();
      expect(all.collection_names).toEqual(expect.arrayContaining([quick, full, released]));
      expect((await client.list_collections()).collection_names).toEqual(all.collection_names);
      const named = await client.listCollections({ collection_names: [quick, released] });
      expect(named.data.map((c) => [c.name, c.loadedPercentage])).toEqual([[quick, '100'], [released, '0']]);
    } finally {
      await client.dropCollection({ collection_name: released });
    }
  });
});

describe('changes: properties, fields, rename, truncate, drop', () => {
  test.each([
    ['alterCollectionProperties', () => client.alterCollectionProperties({ collection_name: quick, properties: { 'collection.ttl.seconds': 100 } }), [{ key: 'collection.ttl.seconds', value: '100' }]],
    ['alterCollection', () => client.alterCollection({ collection_name: quick, properties: { 'mmap.enabled': true } }), [{ key: 'collection.ttl.seconds', value: '100' }, { key: 'mmap.enabled', value: 'true' }]],
    ['dropCollectionProperties', () => client.dropCollectionProperties({ collection_name: quick, properties: ['collection.ttl.seconds', 'mmap.enabled'] }), []],
  ])('%s changes what describeCollection reports', async (_name, call, expected) => {
    expect(await call()).toMatchObject({ code: 0, error_code: 'Success' });
    expect((await client.describeCollection({ collection_name: quick })).properties).toEqual(expected);
  });

  test.each([
    ['alterCollectionFieldProperties', () => client.alterCollectionFieldProperties({ collection_name: full, field_name: 's', properties: { max_length: 100 } }), 'AlterCollectionField'],
    ['addCollectionField', () => client.addCollectionField({ collection_name: quick, field: { name: 'extra', data_type: DataType.Int64, nullable: true } }), 'AddCollectionField'],
    ['addCollectionFields (stops at the first refusal)', () => client.addCollectionFields({ collection_name: quick, fields: [{ name: 'e1', data_type: DataType.Bool, nullable: true }, { name: 'e2', data_type: DataType.Bool, nullable: true }] }), 'AddCollectionField'],
  ])('%s: Lite answers UNIMPLEMENTED (status code 10), the schema is unchanged', async (_name, call, rpc) => {
    const status = await call();
    expect(status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(status.reason).toContain(rpc);
    expect((await client.describeCollection({ collection_name: quick })).schema.fields.map((f) => f.name)).toEqual(['id', 'vector']);
  });

  test('statistics after flush, rename, truncate, drop (drop_collection, pymilvus\'s name)', async () => {
    const name = uniqueName('col_life');
    const renamed = `${name}_renamed`;
    await client.createCollection({ collection_name: name, dimension: 2 });
    await client.insert({ collection_name: name, data: [1, 2, 3].map((id) => ({ id, vector: [id, 1] })) });
    await client.flush({ collection_names: [name] });
    expect(await client.getCollectionStatistics({ collection_name: name })).toMatchObject({ status: { code: 0 }, stats: [{ key: 'row_count', value: '3' }], data: { row_count: '3' } });
    expect(await client.renameCollection({ collection_name: name, new_collection_name: renamed })).toMatchObject({ code: 0 });
    expect((await client.hasCollection({ collection_name: name })).value).toBe(false);
    expect((await client.getCollectionStats({ collection_name: renamed })).data).toEqual({ row_count: '3' });
    expect((await client.truncateCollection({ collection_name: renamed })).status).toMatchObject({ code: 0 });
    expect((await client.getCollectionStats({ collection_name: renamed })).data).toEqual({ row_count: '0' });
    expect((await client.describeCollection({ collection_name: renamed })).schema.fields.map((f) => f.name)).toEqual(['id', 'vector']);
    expect(await client.drop_collection({ collection_name: renamed })).toMatchObject({ code: 0 });
    expect((await client.hasCollection({ collection_name: renamed })).value).toBe(false);
  });

  test('getPkFieldName / getPkFieldType / getPkField for an Int64 and a VarChar key', async () => {
    expect(await client.getPkFieldName({ collection_name: quick })).toBe('id');
    expect(await client.getPkFieldType({ collection_name: quick })).toBe('Int64');
    expect(await client.getPkFieldName({ collection_name: full })).toBe('pk');
    expect(await client.getPkFieldType({ collection_name: full })).toBe('VarChar');
    expect(await client.getPkField({ collection_name: full })).toMatchObject({ name: 'pk', dataType: DataType.VarChar, max_length: '32' });
  });
});

describe('refusals come back as the server\'s status', () => {
  test.each([
    ['describeCollection', () => client.describeCollection({ collection_name: missing }).then((r) => r.status)],
    ['getCollectionStatistics', () => client.getCollectionStatistics({ collection_name: missing }).then((r) => r.status)],
    ['alterCollectionProperties', () => client.alterCollectionProperties({ collection_name: missing, properties: { a: 1 } })],
    ['dropCollectionProperties', () => client.dropCollectionProperties({ collection_name: missing, properties: ['a'] })],
    ['renameCollection', () => client.renameCollection({ collection_name: missing, new_collection_name: `${missing}_2` })],
    ['truncateCollection', () => client.truncateCollection({ collection_name: missing }).then((r) => r.status)],
  ])('%s of a missing collection: code 100', async (_name, call) => {
    const status = await call();
    expect(status).toMatchObject({ code: 100, error_code: 'CollectionNotExists' });
    expect(status.reason).toBe(`collection '${missing}' does not exist`);
  });

  test('createCollection of an existing name throws its status (as the SDK does); dropCollection of a missing one: Lite says success', async () => {
    const dup = await client.createCollection({ ...fullSchema, index_params: undefined }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ServerError);
    expect(dup).toMatchObject({ serverCode: 1, reason: `collection '${full}' already exists`, error_code: expect.any(String), status: { code: 1 } });
    expect(await client.dropCollection({ collection_name: missing })).toMatchObject({ code: 0 });
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  const noName = {} as { collection_name: string };
  test.each([
    ['createCollection without a name', () => client.createCollection({ dimension: 2 } as never), ERROR_REASONS.CREATE_COLLECTION_CHECK_PARAMS],
    ['createCollection with no fields', () => client.createCollection({ collection_name: 'x', fields: [] }), ERROR_REASONS.CREATE_COLLECTION_CHECK_PARAMS],
    ['createCollection with num_partitions 0', () => client.createCollection({ ...fullSchema, num_partitions: 0 }), ERROR_REASONS.INVALID_PARTITION_NUM],
    ['describeCollection', () => client.describeCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['hasCollection', () => client.hasCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['alterCollectionProperties', () => client.alterCollectionProperties({ ...noName, properties: {} }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['dropCollectionProperties', () => client.dropCollectionProperties({ ...noName, properties: [] }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['alterCollectionFieldProperties', () => client.alterCollectionFieldProperties({ ...noName, field_name: 'f', properties: {} }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['addCollectionField', () => client.addCollectionField({ ...noName, field: { name: 'f', data_type: DataType.Bool } }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getCollectionStatistics', () => client.getCollectionStatistics(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['renameCollection', () => client.renameCollection({ ...noName, new_collection_name: 'y' }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['truncateCollection', () => client.truncateCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['dropCollection', () => client.dropCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});
