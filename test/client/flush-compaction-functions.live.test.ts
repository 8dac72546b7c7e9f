/**
 * Flush, compaction and schema functions against the real Milvus Lite. Lite 3.2.2 serves Flush,
 * GetFlushState, ManualCompaction and GetCompactionState; it answers FlushAll, GetFlushAllState,
 * GetCompactionStateWithPlans and the Add/Alter/DropCollectionFunction calls with UNIMPLEMENTED, which the
 * client hands back as a status with code 10 (and `flushAllSync`, which waits, rejects with it).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, ERROR_REASONS, FunctionType, InvalidInputError, MilvusClient, ServerError } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('fcf');
const missing = uniqueName('fcf_missing');
let client: MilvusClient;

const bm25 = { name: 'bm', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['sparse'], params: {} };

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({
    collection_name: collection,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vector', data_type: DataType.FloatVector, dim: 2 },
      { name: 'text', data_type: DataType.VarChar, max_length: 64, enable_analyzer: true },
      { name: 'sparse', data_type: DataType.SparseFloatVector },
    ],
    index_params: { field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' },
  });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

const rowCount = async () => (await client.getCollectionStatistics({ collection_name: collection })).data.row_count;

describe('flush', () => {
  test('flush seals what was written: the statistics count it', async () => {
    await client.insert({ collection_name: collection, data: [{ id: 1, vector: [1, 0], text: 'a', sparse: { 1: 1 } }, { id: 2, vector: [0, 1], text: 'b', sparse: { 2: 1 } }] });
    const res = await client.flush({ collection_names: [collection] });
    expect(res).toMatchObject({ status: { code: 0, error_code: 'Success' }, db_name: '', coll_segIDs: {} });
    expect(await rowCount()).toBe('2');
  });

  test('flushSync resolves once flushed: { flushed: true }', async () => {
    await client.insert({ collection_name: collection, data: [{ id: 3, vector: [1, 1], text: 'c', sparse: { 3: 1 } }] });
    expect(await client.flushSync({ collection_names: [collection] })).toMatchObject({ status: { code: 0 }, flushed: true });
    expect(await rowCount()).toBe('3');
  });

  test.each([
    ['segment ids', { segmentIDs: [1, 2] }],
    ['a collection and a flush time', { collection_name: collection, flush_ts: 1 }],
  ])('getFlushState by %s', async (_name, req) => {
    expect(await client.getFlushState(req)).toMatchObject({ status: { code: 0 }, flushed: true });
  });

  test('flush of a missing collection: Lite says success', async () => {
    expect((await client.flush({ collection_names: [missing] })).status).toMatchObject({ code: 0 });
  });

  test.each([
    ['flushAll', () => client.flushAll().then((r) => [r.status, r.flush_all_ts]), 'FlushAll', '0'],
    ['getFlushAllState', () => client.getFlushAllState({ flush_all_ts: 1 }).then((r) => [r.status, r.flushed]), 'GetFlushAllState', false],
  ] as const)('%s: Lite answers UNIMPLEMENTED, status code 10', async (_name, call, rpc, defaultValue) => {
    const [status, value] = await call();
    expect(status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect((status as { reason: string }).reason).toContain(rpc);
    expect(value).toBe(defaultValue);
  });

  test('flushAllSync: the refusal rejects with ServerError code 10 (it would otherwise wait forever)', async () => {
    const err = await client.flushAllSync().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 10, rpc: 'FlushAll' });
  });
});

describe('compaction', () => {
  test('compact starts one (Lite: id 0, no plans); getCompactionState reports it Completed', async () => {
    const res = await client.compact({ collection_name: collection });
    expect(res).toEqual({ status: expect.objectContaining({ code: 0, error_code: 'Success' }), compactionID: '0', compactionPlanCount: 0 });
    const state = await client.getCompactionState({ compactionID: res.compactionID });
    expect(state).toMatchObject({ status: { code: 0 }, state: 'Completed', executingPlanNo: '0', failedPlanNo: '0' });
    expect(await rowCount()).toBe('3');
  });

  test('getCompactionStateWithPlans: Lite answers UNIMPLEMENTED, status code 10 and no plans', async () => {
    const res = await client.getCompactionStateWithPlans({ compactionID: 1 });
    expect(res.status).toMatchObject({ code: 10 });
    expect(res.status.reason).toContain('GetCompactionStateWithPlans');
    expect(res.mergeInfos).toEqual([]);
  });

  test('compact of a missing collection: the describe\'s refusal, in compact\'s own result shape', async () => {
    const res = await client.compact({ collection_name: missing });
    expect(res).toEqual({ status: expect.objectContaining({ code: 100, reason: `collection '${missing}' does not exist` }), compactionID: '0', compactionPlanCount: 0 });
  });
});

describe('schema functions', () => {
  test.each([
    ['addCollectionFunction', () => client.addCollectionFunction({ collection_name: collection, function: bm25 }), 'AddCollectionFunction'],
    ['alterCollectionFunction', () => client.alterCollectionFunction({ collection_name: collection, function_name: 'bm', function: bm25 }), 'AlterCollectionFunction'],
    ['dropCollectionFunction', () => client.dropCollectionFunction({ collection_name: collection, function_name: 'bm' }), 'DropCollectionFunction'],
  ])('%s: Lite answers UNIMPLEMENTED (status code 10); the schema keeps no function', async (_name, call, rpc) => {
    const status = await call();
    expect(status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(status.reason).toContain(rpc);
    expect((await client.describeCollection({ collection_name: collection })).schema.functions).toEqual([]);
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  const noName = {} as { collection_name: string };
  test.each([
    ['flush without collection_names', () => client.flush({} as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['flush with none', () => client.flush({ collection_names: [] }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['flushSync with none', () => client.flushSync({ collection_names: [] }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getFlushState with nothing to ask about', () => client.getFlushState({}), ERROR_REASONS.GET_FLUSH_STATE_CHECK_PARAMS],
    ['getFlushAllState without a timestamp', () => client.getFlushAllState({}), ERROR_REASONS.GET_FLUSH_ALL_STATE_CHECK_PARAMS],
    ['compact', () => client.compact(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getCompactionState', () => client.getCompactionState({} as never), ERROR_REASONS.COMPACTION_ID_IS_REQUIRED],
    ['getCompactionStateWithPlans', () => client.getCompactionStateWithPlans({} as never), ERROR_REASONS.COMPACTION_ID_IS_REQUIRED],
    ['addCollectionFunction without collection_name', () => client.addCollectionFunction({ ...noName, function: bm25 }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['addCollectionFunction without function', () => client.addCollectionFunction({ collection_name: collection } as never), ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED],
    ['alterCollectionFunction without function_name', () => client.alterCollectionFunction({ collection_name: collection, function: bm25 } as never), ERROR_REASONS.FUNCTION_NAME_IS_REQUIRED],
    ['alterCollectionFunction without function', () => client.alterCollectionFunction({ collection_name: collection, function_name: 'bm' } as never), ERROR_REASONS.FUNCTION_SCHEMA_IS_REQUIRED],
    ['dropCollectionFunction without function_name', () => client.dropCollectionFunction({ collection_name: collection } as never), ERROR_REASONS.FUNCTION_NAME_IS_REQUIRED],
    ['dropCollectionFunction without collection_name', () => client.dropCollectionFunction({ ...noName, function_name: 'bm' }), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});
