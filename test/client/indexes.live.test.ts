/**
 * Indexes against the real Milvus Lite: `createIndex` in its three forms (settings at the top level, in
 * `extra_params`, an array), describe, list, drop, and the calls Lite 3.2.2 does not serve (index state,
 * build progress, statistics, alter and drop of index properties), whose UNIMPLEMENTED comes back as a
 * status with code 10. Lite names every index after its field, so `index_name` is checked on the wire.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, ERROR_REASONS, InvalidInputError, MilvusClient } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { startSink } from '../fakes/grpc-sink.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('idx');
const missing = uniqueName('idx_missing');
let client: MilvusClient;

const fields = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'v', data_type: DataType.FloatVector, dim: 4 },
  { name: 'w', data_type: DataType.FloatVector, dim: 4 },
  { name: 'n', data_type: DataType.Int64 },
  { name: 'tag', data_type: DataType.VarChar, max_length: 16 },
  { name: 'sparse', data_type: DataType.SparseFloatVector },
];

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, fields });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

/** An index's params as an object, its JSON `params` parsed (Lite re-serializes it with spaces). */
async function indexOf(field_name: string): Promise<Record<string, unknown>> {
  const res = await client.describeIndex({ collection_name: collection, field_name });
  expect(res.status.code).toBe(0);
  expect(res.index_descriptions).toHaveLength(1);
  const params: Record<string, unknown> = Object.fromEntries(res.index_descriptions[0]!.params.map((p) => [p.key, p.value]));
  if (typeof params.params === 'string') params.params = JSON.parse(params.params);
  return { ...params, field_name: res.index_descriptions[0]!.field_name, state: res.index_descriptions[0]!.state };
}

describe('createIndex', () => {
  test('settings at the top level: index_type, metric_type and params (as JSON)', async () => {
    const res = await client.createIndex({ collection_name: collection, field_name: 'v', index_name: 'v_idx', index_type: 'HNSW', metric_type: 'L2', params: { M: 8, efConstruction: 64 } });
    expect(res).toMatchObject({ code: 0, error_code: 'Success' });
    expect(await indexOf('v')).toEqual({ field_name: 'v', state: 'Finished', index_type: 'HNSW', metric_type: 'L2', params: { M: 8, efConstruction: 64 } });
  });

  test('settings in extra_params, params as JSON text', async () => {
    const res = await client.createIndex({ collection_name: collection, field_name: 'w', extra_params: { index_type: 'IVF_FLAT', metric_type: 'IP', params: JSON.stringify({ nlist: 16 }) } });
    expect(res).toMatchObject({ code: 0 });
    expect(await indexOf('w')).toEqual({ field_name: 'w', state: 'Finished', index_type: 'IVF_FLAT', metric_type: 'IP', params: { nlist: 16 } });
  });

  test('an array: each created in turn; the result is the first refusal, and the others are still built', async () => {
    const ok = await client.createIndex([
      { collection_name: collection, field_name: 'tag', index_type: 'INVERTED' },
      { collection_name: collection, field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' },
    ]);
    expect(ok).toMatchObject({ code: 0 });
    expect(await indexOf('tag')).toMatchObject({ index_type: 'INVERTED' });
    expect(await indexOf('sparse')).toMatchObject({ index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' });
    const refused = await client.createIndex([
      { collection_name: collection, field_name: 'n', index_type: 'STL_SORT' },
      { collection_name: collection, field_name: 'n', index_type: 'INVERTED' },
    ]);
    expect(refused).toMatchObject({ code: 6, reason: "scalar index_type 'STL_SORT' is not implemented; supported: INVERTED" });
    expect(await indexOf('n')).toMatchObject({ index_type: 'INVERTED' });
  });

  test('both forms send index_type (and the name) on the wire (recording sink)', async () => {
    const sink = await startSink();
    const offline = new MilvusClient({ uri: sink.uri });
    try {
      await offline.createIndex({ collection_name: 'c', field_name: 'v', index_name: 'v_idx', index_type: 'HNSW', metric_type: 'L2', params: { M: 8 } });
      await offline.createIndex({ collection_name: 'c', field_name: 'w', extra_params: { index_type: 'FLAT', metric_type: 'IP' } });
      const sent = sink.callsOf('CreateIndex').map((c) => decodeMessage<{ index_name: string; extra_params: { key: string; value: string }[] }>('milvus.proto.milvus.CreateIndexRequest', c.request));
      expect(sent.map((r) => [r.index_name, Object.fromEntries(r.extra_params.map((p) => [p.key, p.value]))])).toEqual([
        ['v_idx', { index_type: 'HNSW', metric_type: 'L2', params: '{"M":8}' }],
        ['', { index_type: 'FLAT', metric_type: 'IP' }],
      ]);
    } finally {
      await offline.close();
      await sink.close();
    }
  });
});

describe('describeIndex, listIndexes', () => {
  test('describeIndex of the whole collection and listIndexes: every index, named after its field', async () => {
    const all = await client.describeIndex({ collection_name: collection });
    expect(all.index_descriptions.map((d) => [d.index_name, d.field_name]).sort()).toEqual([['n', 'n'], ['sparse', 'sparse'], ['tag', 'tag'], ['v', 'v'], ['w', 'w']]);
    expect(await client.listIndexes({ collection_name: collection })).toEqual({ status: all.status, indexes: all.index_descriptions.map((d) => d.index_name) });
  });
});

describe('what Lite 3.2.2 does not serve: a status with code 10', () => {
  const base = { collection_name: collection, index_name: 'v' };
  test.each([
    ['getIndexState', () => client.getIndexState({ ...base, field_name: 'v' }).then((r) => [r.status, r.state]), 'GetIndexState', 'IndexStateNone'],
    ['getIndexBuildProgress', () => client.getIndexBuildProgress({ ...base, field_name: 'v' }).then((r) => [r.status, r.total_rows]), 'GetIndexBuildProgress', '0'],
    ['getIndexStatistics', () => client.getIndexStatistics(base).then((r) => [r.status, r.index_descriptions]), 'GetIndexStatistics', []],
    ['alterIndexProperties', () => client.alterIndexProperties({ ...base, params: { 'mmap.enabled': true } }).then((s) => [s, undefined]), 'AlterIndex', undefined],
    ['alterIndex', () => client.alterIndex({ ...base, params: { 'mmap.enabled': false } }).then((s) => [s, undefined]), 'AlterIndex', undefined],
    ['dropIndexProperties', () => client.dropIndexProperties({ ...base, properties: ['mmap.enabled'] }).then((s) => [s, undefined]), 'AlterIndex', undefined],
  ] as const)('%s', async (_name, call, rpc, defaultValue) => {
    const [status, value] = await call();
    expect(status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect((status as { reason: string }).reason).toContain(rpc);
    expect(value).toEqual(defaultValue);
  });

  test('the index is unchanged after the refused alterations', async () => {
    expect(await indexOf('v')).toEqual({ field_name: 'v', state: 'Finished', index_type: 'HNSW', metric_type: 'L2', params: { M: 8, efConstruction: 64 } });
  });
});

describe('refusals come back as the server\'s status', () => {
  test.each([
    ['createIndex on a missing collection', () => client.createIndex({ collection_name: missing, field_name: 'v', index_type: 'FLAT', metric_type: 'L2' }), { code: 100 }],
    ['createIndex on an unknown field', () => client.createIndex({ collection_name: collection, field_name: 'nofield', index_type: 'FLAT', metric_type: 'L2' }), { code: 6, reason: "unknown field 'nofield' for create_index" }],
    ['describeIndex of a missing collection', () => client.describeIndex({ collection_name: missing }).then((r) => r.status), { code: 100 }],
    ['listIndexes of a missing collection', () => client.listIndexes({ collection_name: missing }), { status: { code: 100 }, indexes: [] }],
    ['dropIndex on a missing collection', () => client.dropIndex({ collection_name: missing, field_name: 'v' }), { code: 100 }],
  ])('%s', async (_name, call, expected) => {
    expect(await call()).toMatchObject(expected);
  });
});

describe('dropIndex (last: it takes the indexes away)', () => {
  test('dropIndex: refused while loaded (code 6), done after release; by index_name alone Lite drops every index', async () => {
    const loaded = await client.dropIndex({ collection_name: collection, field_name: 'tag' });
    expect(loaded).toMatchObject({ code: 6, reason: 'index cannot be dropped on loaded collection; call release() first' });
    await client.releaseCollection({ collection_name: collection });
    expect(await client.dropIndex({ collection_name: collection, field_name: 'tag' })).toMatchObject({ code: 0 });
    expect((await client.listIndexes({ collection_name: collection })).indexes.sort()).toEqual(['n', 'sparse', 'v', 'w']);
    // Lite matches on field_name only, and an empty one matches all (the SDK sends the same request).
    expect(await client.dropIndex({ collection_name: collection, index_name: 'n' })).toMatchObject({ code: 0 });
    const none = await client.listIndexes({ collection_name: collection });
    expect(none).toMatchObject({ status: { code: 700, reason: `no index on collection '${collection}'` }, indexes: [] });
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  const noName = {} as { collection_name: string };
  test.each([
    ['createIndex', () => client.createIndex({ ...noName, field_name: 'v', index_type: 'FLAT' })],
    ['createIndex (array)', () => client.createIndex([{ ...noName, field_name: 'v' }])],
    ['describeIndex', () => client.describeIndex(noName)],
    ['listIndexes', () => client.listIndexes(noName)],
    ['getIndexState', () => client.getIndexState(noName)],
    ['getIndexBuildProgress', () => client.getIndexBuildProgress(noName)],
    ['getIndexStatistics', () => client.getIndexStatistics(noName)],
    ['dropIndex', () => client.dropIndex(noName)],
    ['alterIndexProperties', () => client.alterIndexProperties({ ...noName, index_name: 'v', params: {} })],
    ['alterIndex', () => client.alterIndex({ ...noName, index_name: 'v', params: {} })],
    ['dropIndexProperties', () => client.dropIndexProperties({ ...noName, index_name: 'v', properties: [] })],
  ])('%s without collection_name', async (_name, call) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED);
  });
});
