/**
 * Loading and partitions against the real Milvus Lite: load (waiting or not), refresh, release, load state
 * by name, loading progress, replicas; partitions created, listed, counted, read, dropped. Lite 3.2.2 has
 * no partition-level load or release and no replica service: those answer UNIMPLEMENTED, which the client
 * hands back as a status with code 10 (the waiting `loadPartitionsSync` throws it, like `loadCollection`).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_REASONS, InvalidInputError, LoadState, MilvusClient, ServerError } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('lp');
const missing = uniqueName('lp_missing');
let client: MilvusClient;

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 2 });
  await client.insert({ collection_name: collection, data: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

const stateOf = async (partition_names?: string[]) =>
  (await client.getLoadState({ collection_name: collection, ...(partition_names ? { partition_names } : {}) })).state;
const idsIn = async (partition_names?: string[]) =>
  (await client.query({ collection_name: collection, filter: 'id > 0', output_fields: ['id'], ...(partition_names ? { partition_names } : {}) })).data.map((r) => r.id).sort();

describe('load, release, state, progress', () => {
  test('releaseCollection: NotLoad, progress 0, reads refused with code 101; loadCollection waits until Loaded', async () => {
    expect(await client.releaseCollection({ collection_name: collection })).toMatchObject({ code: 0, error_code: 'Success' });
    expect(await stateOf()).toBe(LoadState.LoadStateNotLoad);
    expect(await client.getLoadingProgress({ collection_name: collection })).toMatchObject({ status: { code: 0 }, progress: '0' });
    const refused = await client.query({ collection_name: collection, filter: 'id > 0' });
    expect(refused.status).toMatchObject({ code: 101 });
    expect(refused.status.reason).toContain('call load()');
    expect(await client.loadCollection({ collection_name: collection })).toMatchObject({ code: 0 });
    expect(await stateOf()).toBe(LoadState.LoadStateLoaded);
    expect(await client.getLoadingProgress({ collection_name: collection })).toMatchObject({ status: { code: 0 }, progress: '100' });
    expect(await idsIn()).toEqual(['1', '2']);
  });

  test('loadCollectionSync loads and waits; loadCollectionAsync returns at once and the state gets to Loaded', async () => {
    await client.releaseCollection({ collection_name: collection });
    expect(await client.loadCollectionSync({ collection_name: collection })).toMatchObject({ code: 0 });
    expect(await stateOf()).toBe(LoadState.LoadStateLoaded);
    await client.releaseCollection({ collection_name: collection });
    expect(await client.loadCollectionAsync({ collection_name: collection })).toMatchObject({ code: 0 });
    let state = await stateOf();
    for (let i = 0; i < 50 && state !== LoadState.LoadStateLoaded; i++) {
      expect(state).toBe(LoadState.LoadStateLoading);
      await new Promise((r) => setTimeout(r, 100));
      state = await stateOf();
    }
    expect(state).toBe(LoadState.LoadStateLoaded);
  });

  test('refreshLoad on a loaded collection: success, rows written since are readable', async () => {
    await client.insert({ collection_name: collection, data: [{ id: 3, vector: [1, 1] }] });
    expect(await client.refreshLoad({ collection_name: collection })).toMatchObject({ code: 0 });
    expect(await stateOf()).toBe(LoadState.LoadStateLoaded);
    expect(await idsIn()).toEqual(['1', '2', '3']);
    await client.delete({ collection_name: collection, ids: [3] });
  });

  test('getLoadState of a missing collection: LoadStateNotExist with a success status (Lite\'s answer)', async () => {
    expect(await client.getLoadState({ collection_name: missing })).toMatchObject({ status: { code: 0 }, state: LoadState.LoadStateNotExist });
  });

  test.each([
    ['getReplicas', () => client.getReplicas({ collectionID: 1 }), 'GetReplicas'],
    ['describeReplicas', () => client.describeReplicas({ collectionID: '1', with_shard_nodes: true }), 'GetReplicas'],
  ])('%s: Lite answers UNIMPLEMENTED, a status with code 10 and no replicas', async (_name, call, rpc) => {
    const res = await call();
    expect(res.status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(res.status.reason).toContain(rpc);
    expect(res.replicas).toEqual([]);
  });

  test.each([
    ['loadCollectionAsync', () => client.loadCollectionAsync({ collection_name: missing })],
    ['refreshLoad', () => client.refreshLoad({ collection_name: missing })],
    ['releaseCollection', () => client.releaseCollection({ collection_name: missing })],
    ['getLoadingProgress', () => client.getLoadingProgress({ collection_name: missing }).then((r) => r.status)],
  ])('%s of a missing collection: status code 100', async (_name, call) => {
    expect(await call()).toMatchObject({ code: 100, error_code: 'CollectionNotExists', reason: `collection '${missing}' does not exist` });
  });

  test.each([
    ['loadCollection', () => client.loadCollection({ collection_name: missing })],
    ['loadCollectionSync', () => client.loadCollectionSync({ collection_name: missing })],
  ])('%s of a missing collection waits for nothing: rejects with ServerError 100 (as the SDK throws)', async (_name, call) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 100, rpc: 'LoadCollection' });
  });
});

describe('partitions', () => {
  test('create, has, list / show with `data`, insert into, statistics after flush, query by partition, drop', async () => {
    expect(await client.createPartition({ collection_name: collection, partition_name: 'p1' })).toMatchObject({ code: 0 });
    expect((await client.hasPartition({ collection_name: collection, partition_name: 'p1' })).value).toBe(true);
    expect(await client.hasPartition({ collection_name: collection, partition_name: 'p9' })).toMatchObject({ status: { code: 0 }, value: false });
    const listed = await client.listPartitions({ collection_name: collection });
    expect(listed.partition_names).toEqual(['_default', 'p1']);
    expect(listed.data.map((p) => [p.name, p.loadedPercentage])).toEqual([['_default', '100'], ['p1', '100']]);
    expect((await client.showPartitions({ collection_name: collection })).partition_names).toEqual(['_default', 'p1']);

    await client.insert({ collection_name: collection, partition_name: 'p1', data: [{ id: 10, vector: [1, 0] }, { id: 11, vector: [0, 1] }, { id: 12, vector: [1, 1] }] });
    await client.flush({ collection_names: [collection] });
    expect(await client.getPartitionStatistics({ collection_name: collection, partition_name: 'p1' })).toMatchObject({ status: { code: 0 }, stats: [{ key: 'row_count', value: '3' }], data: { row_count: '3' } });
    expect((await client.getPartitionStats({ collection_name: collection, partition_name: '_default' })).data).toEqual({ row_count: '2' });
    expect(await idsIn(['p1'])).toEqual(['10', '11', '12']);
    expect(await idsIn(['_default'])).toEqual(['1', '2']);

    expect(await client.dropPartition({ collection_name: collection, partition_name: 'p1' })).toMatchObject({ code: 0 });
    expect((await client.hasPartition({ collection_name: collection, partition_name: 'p1' })).value).toBe(false);
    expect(await idsIn()).toEqual(['1', '2']);
  });

  test.each([
    ['loadPartitions', () => client.loadPartitions({ collection_name: collection, partition_names: ['_default'] }), 'LoadPartitions'],
    ['releasePartitions', () => client.releasePartitions({ collection_name: collection, partition_names: ['_default'] }), 'ReleasePartitions'],
  ])('%s: Lite answers UNIMPLEMENTED (status code 10); the collection stays loaded', async (_name, call, rpc) => {
    const status = await call();
    expect(status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(status.reason).toContain(rpc);
    expect(status.detail).toContain('partition-level');
    expect(await stateOf()).toBe(LoadState.LoadStateLoaded);
  });

  test('loadPartitionsSync: the refusal rejects with ServerError code 10 (it would otherwise wait forever)', async () => {
    const err = await client.loadPartitionsSync({ collection_name: collection, partition_names: ['_default'] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 10, rpc: 'LoadPartitions' });
  });

  test.each([
    ['createPartition that exists', () => client.createPartition({ collection_name: collection, partition_name: '_default' }), { code: 1, reason: '_default' }],
    ['createPartition in a missing collection', () => client.createPartition({ collection_name: missing, partition_name: 'p' }), { code: 100 }],
    ['hasPartition in a missing collection', () => client.hasPartition({ collection_name: missing, partition_name: 'p' }).then((r) => r.status), { code: 100 }],
    ['listPartitions of a missing collection', () => client.listPartitions({ collection_name: missing }).then((r) => r.status), { code: 100 }],
    ['getPartitionStatistics of a missing partition', () => client.getPartitionStatistics({ collection_name: collection, partition_name: 'p9' }).then((r) => r.status), { code: 200, reason: 'p9' }],
    ['dropPartition of a missing partition', () => client.dropPartition({ collection_name: collection, partition_name: 'p9' }), { code: 200, reason: 'p9' }],
    ['dropPartition of _default', () => client.dropPartition({ collection_name: collection, partition_name: '_default' }), { code: 6, reason: "cannot remove default partition '_default'" }],
  ])('%s: the server\'s status', async (_name, call, expected) => {
    expect(await call()).toMatchObject(expected);
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  const c = { collection_name: collection };
  const noName = {} as { collection_name: string };
  test.each([
    ['loadCollection', () => client.loadCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['loadCollectionSync', () => client.loadCollectionSync(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['loadCollectionAsync', () => client.loadCollectionAsync(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['refreshLoad', () => client.refreshLoad(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['releaseCollection', () => client.releaseCollection(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getLoadState', () => client.getLoadState(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getLoadingProgress', () => client.getLoadingProgress(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['getReplicas', () => client.getReplicas({} as never), ERROR_REASONS.COLLECTION_ID_IS_REQUIRED],
    ['createPartition', () => client.createPartition(c as never), ERROR_REASONS.COLLECTION_PARTITION_NAME_ARE_REQUIRED],
    ['hasPartition', () => client.hasPartition({ ...noName, partition_name: 'p' }), ERROR_REASONS.COLLECTION_PARTITION_NAME_ARE_REQUIRED],
    ['getPartitionStatistics', () => client.getPartitionStatistics(c as never), ERROR_REASONS.COLLECTION_PARTITION_NAME_ARE_REQUIRED],
    ['dropPartition', () => client.dropPartition({ ...c, partition_name: '' }), ERROR_REASONS.COLLECTION_PARTITION_NAME_ARE_REQUIRED],
    ['listPartitions', () => client.listPartitions(noName), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['loadPartitions without partition_names', () => client.loadPartitions(c as never), ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED],
    ['loadPartitionsSync with none', () => client.loadPartitionsSync({ ...c, partition_names: [] }), ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED],
    ['releasePartitions without partition_names', () => client.releasePartitions(c as never), ERROR_REASONS.PARTITION_NAMES_IS_REQUIRED],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});
