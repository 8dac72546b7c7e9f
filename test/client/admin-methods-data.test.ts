/**
 * Segments, metrics, bulk import, snapshots, external-collection refresh and file resources against the
 * in-process sink: the exact request each method sends (decoded from the bytes received), the `dbname`
 * header, SDK-shaped results (enums by name, int64 exact), and the SDK's messages for missing arguments,
 * with nothing sent. RBAC and resource groups are in `admin-methods.test.ts`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ERROR_REASONS, ImportState, InvalidInputError, MilvusClient, RefreshExternalCollectionState, RestoreSnapshotState } from '../../src/index.js';
import { decodeMessage, encodeMessage } from '../../src/proto/index.js';
import { reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

const M = 'milvus.proto.milvus.';
const OK = { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
const BIG = '9007199254740993'; // 2^53 + 1: wrong if it ever passed through a JS number

let sink: GrpcSink;
let client: MilvusClient;

beforeAll(async () => {
  sink = await startSink();
  client = new MilvusClient({ uri: sink.uri, __SKIP_CONNECT__: true });
});
afterAll(async () => {
  await client.close();
  await sink.close();
});
beforeEach(() => {
  sink.calls.length = 0;
});

const received = (method: string, type: string) => sink.callsOf(method).map((c) => decodeMessage(M + type, c.request));
const asSent = (type: string, payload: object) => decodeMessage(M + type, encodeMessage(M + type, payload));

type Case = [label: string, call: (c: MilvusClient) => Promise<unknown>, method: string, type: string, expected: object];

const cases: Case[] = [
  ['getQuerySegmentInfo', (c) => c.getQuerySegmentInfo({ collectionName: 'docs', dbName: 'sales' }), 'GetQuerySegmentInfo', 'GetQuerySegmentInfoRequest', { collectionName: 'docs', dbName: 'sales' }],
  ['getPersistentSegmentInfo', (c) => c.getPersistentSegmentInfo({ collectionName: 'docs' }), 'GetPersistentSegmentInfo', 'GetPersistentSegmentInfoRequest', { collectionName: 'docs' }],
  ['loadBalance', (c) => c.loadBalance({ src_nodeID: 3, dst_nodeIDs: [4, 5], sealed_segmentIDs: [BIG], collectionName: 'docs', db_name: 'sales' }), 'LoadBalance', 'LoadBalanceRequest',
    { src_nodeID: '3', dst_nodeIDs: ['4', '5'], sealed_segmentIDs: [BIG], collectionName: 'docs', db_name: 'sales' }],
  ['getMetric (the request as JSON text)', (c) => c.getMetric({ request: { metric_type: 'system_info' } }), 'GetMetrics', 'GetMetricsRequest', { request: '{"metric_type":"system_info"}' }],
  ['bulkInsert (options default to none)', (c) => c.bulkInsert({ collection_name: 'docs', files: ['a.json', 'b.json'] }), 'Import', 'ImportRequest',
    { collection_name: 'docs', files: ['a.json', 'b.json'] }],
  ['bulkInsert (options as pairs, or an object)', (c) => c.bulkInsert({ collection_name: 'docs', db_name: 'sales', partition_name: 'p1', channel_names: ['ch'], files: ['a.json'], options: { timeout: 60, skip: true } }),
    'Import', 'ImportRequest',
    { collection_name: 'docs', db_name: 'sales', partition_name: 'p1', channel_names: ['ch'], files: ['a.json'], options: [{ key: 'timeout', value: '60' }, { key: 'skip', value: 'true' }] }],
  ['listImportTasks (all by default)', (c) => c.listImportTasks({ collection_name: 'docs' }), 'ListImportTasks', 'ListImportTasksRequest', { collection_name: 'docs', limit: '0' }],
  ['listImportTasks with a limit', (c) => c.listImportTasks({ collection_name: 'docs', db_name: 'sales', limit: 5 }), 'ListImportTasks', 'ListImportTasksRequest', { collection_name: 'docs', db_name: 'sales', limit: '5' }],
  ['getImportState', (c) => c.getImportState({ task: BIG }), 'GetImportState', 'GetImportStateRequest', { task: BIG }],
  ['createSnapshot (snapshot_name sent as name)', (c) => c.createSnapshot({ collection_name: 'docs', db_name: 'sales', snapshot_name: 'snap1', description: 'nightly', compaction_protection_seconds: 600 }),
    'CreateSnapshot', 'CreateSnapshotRequest', { name: 'snap1', description: 'nightly', db_name: 'sales', collection_name: 'docs', compaction_protection_seconds: '600' }],
  ['dropSnapshot', (c) => c.dropSnapshot({ collection_name: 'docs', snapshot_name: 'snap1' }), 'DropSnapshot', 'DropSnapshotRequest', { name: 'snap1', collection_name: 'docs' }],
  ['listSnapshots', (c) => c.listSnapshots({ collection_name: 'docs', db_name: 'sales' }), 'ListSnapshots', 'ListSnapshotsRequest', { collection_name: 'docs', db_name: 'sales' }],
  ['describeSnapshot', (c) => c.describeSnapshot({ collection_name: 'docs', snapshot_name: 'snap1' }), 'DescribeSnapshot', 'DescribeSnapshotRequest', { name: 'snap1', collection_name: 'docs' }],
  ['restoreSnapshot (source as db_name/collection_name)', (c) => c.restoreSnapshot({
    snapshot_name: 'snap1', source_collection_name: 'docs', source_db_name: 'sales', target_collection_name: 'docs_copy', target_db_name: 'archive',
  }), 'RestoreSnapshot', 'RestoreSnapshotRequest', { name: 'snap1', db_name: 'sales', collection_name: 'docs', target_db_name: 'archive', target_collection_name: 'docs_copy' }],
  ['getRestoreSnapshotState', (c) => c.getRestoreSnapshotState({ job_id: BIG }), 'GetRestoreSnapshotState', 'GetRestoreSnapshotStateRequest', { job_id: BIG }],
  ['getRestoreSnapshotState (job id 0 is given, as in the SDK)', (c) => c.getRestoreSnapshotState({ job_id: 0 }), 'GetRestoreSnapshotState', 'GetRestoreSnapshotStateRequest', { job_id: '0' }],
  ['listRestoreSnapshotJobs (all)', (c) => c.listRestoreSnapshotJobs(), 'ListRestoreSnapshotJobs', 'ListRestoreSnapshotJobsRequest', {}],
  ['listRestoreSnapshotJobs of a collection', (c) => c.listRestoreSnapshotJobs({ collection_name: 'docs_copy', db_name: 'archive' }), 'ListRestoreSnapshotJobs', 'ListRestoreSnapshotJobsRequest',
    { collection_name: 'docs_copy', db_name: 'archive' }],
  ['pinSnapshotData', (c) => c.pinSnapshotData({ collection_name: 'docs', snapshot_name: 'snap1', ttl_seconds: 60 }), 'PinSnapshotData', 'PinSnapshotDataRequest',
    { name: 'snap1', collection_name: 'docs', ttl_seconds: '60' }],
  ['unpinSnapshotData', (c) => c.unpinSnapshotData({ pin_id: BIG }), 'UnpinSnapshotData', 'UnpinSnapshotDataRequest', { pin_id: BIG }],
  ['refreshExternalCollection', (c) => c.refreshExternalCollection({ collection_name: 'ext', db_name: 'sales', external_source: 's3://bucket/new/', external_spec: '{"format":"parquet"}' }),
    'RefreshExternalCollection', 'RefreshExternalCollectionRequest',
    { collection_name: 'ext', db_name: 'sales', external_source: 's3://bucket/new/', external_spec: '{"format":"parquet"}' }],
  ['getRefreshExternalCollectionProgress', (c) => c.getRefreshExternalCollectionProgress({ job_id: 42 }), 'GetRefreshExternalCollectionProgress', 'GetRefreshExternalCollectionProgressRequest',
    { job_id: '42' }],
  ['listRefreshExternalCollectionJobs', (c) => c.listRefreshExternalCollectionJobs({ collection_name: 'ext' }), 'ListRefreshExternalCollectionJobs', 'ListRefreshExternalCollectionJobsRequest',
    { collection_name: 'ext' }],
  ['addFileResource', (c) => c.addFileResource({ name: 'dict', path: 's3://bucket/dict.txt' }), 'AddFileResource', 'AddFileResourceRequest', { name: 'dict', path: 's3://bucket/dict.txt' }],
  ['removeFileResource', (c) => c.removeFileResource({ name: 'dict' }), 'RemoveFileResource', 'RemoveFileResourceRequest', { name: 'dict' }],
  ['listFileResources', (c) => c.listFileResources(), 'ListFileResources', 'ListFileResourcesRequest', {}],
];

describe('requests sent', () => {
  test.each(cases)('%s', async (_label, call, method, type, expected) => {
    await call(client);
    expect(sink.calls.map((c) => c.method)).toEqual([method]);
    expect(received(method, type)).toEqual([asSent(type, expected)]);
  });

  test('the dbname header follows the request database (the source one for a restore)', async () => {
    await client.createSnapshot({ collection_name: 'docs', db_name: 'sales', snapshot_name: 's' });
    await client.restoreSnapshot({ snapshot_name: 's', source_collection_name: 'docs', source_db_name: 'sales', target_collection_name: 'c', target_db_name: 'archive' });
    await client.listImportTasks({ collection_name: 'docs', db_name: 'sales' });
    await client.listSnapshots({ collection_name: 'docs' });
    expect(sink.calls.map((c) => [c.method, c.metadata.dbname])).toEqual([
      ['CreateSnapshot', 'sales'], ['RestoreSnapshot', 'sales'], ['ListImportTasks', 'sales'], ['ListSnapshots', 'default'],
    ]);
  });
});

describe('missing arguments: the SDK message, nothing sent', () => {
  const coll = ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED;
  test.each([
    ['getQuerySegmentInfo', (c: MilvusClient) => c.getQuerySegmentInfo({ collection_name: 'docs' } as never), coll],
    ['getPersistentSegmentInfo', (c: MilvusClient) => c.getPersistentSegmentInfo({} as never), coll],
    ['loadBalance', (c: MilvusClient) => c.loadBalance({} as never), ERROR_REASONS.LOAD_BALANCE_CHECK_PARAMS],
    ['getMetric', (c: MilvusClient) => c.getMetric({ request: {} } as never), ERROR_REASONS.GET_METRIC_CHECK_PARAMS],
    ['bulkInsert without collection', (c: MilvusClient) => c.bulkInsert({ files: ['a.json'] } as never), coll],
    ['bulkInsert without files', (c: MilvusClient) => c.bulkInsert({ collection_name: 'docs' } as never), ERROR_REASONS.IMPORT_FILE_CHECK],
    ['listImportTasks', (c: MilvusClient) => c.listImportTasks({} as never), coll],
    ['createSnapshot without collection', (c: MilvusClient) => c.createSnapshot({} as never), coll],
    ['createSnapshot without name', (c: MilvusClient) => c.createSnapshot({ collection_name: 'docs' } as never), 'The `snapshot_name` property is missing.'],
    ['dropSnapshot without collection', (c: MilvusClient) => c.dropSnapshot({} as never), coll],
    ['dropSnapshot without name', (c: MilvusClient) => c.dropSnapshot({ collection_name: 'docs' } as never), 'The `snapshot_name` property is missing.'],
    ['listSnapshots', (c: MilvusClient) => c.listSnapshots({} as never), coll],
    ['describeSnapshot without collection', (c: MilvusClient) => c.describeSnapshot({} as never), coll],
    ['describeSnapshot without name', (c: MilvusClient) => c.describeSnapshot({ collection_name: 'docs' } as never), 'The `snapshot_name` property is missing.'],
    ['restoreSnapshot without name', (c: MilvusClient) => c.restoreSnapshot({} as never), 'The `snapshot_name` property is missing.'],
    ['restoreSnapshot without source', (c: MilvusClient) => c.restoreSnapshot({ snapshot_name: 's' } as never), 'The `source_collection_name` property is missing.'],
    ['restoreSnapshot without target', (c: MilvusClient) => c.restoreSnapshot({ snapshot_name: 's', source_collection_name: 'docs' } as never),
      'The `target_collection_name` property is missing.'],
    ['getRestoreSnapshotState', (c: MilvusClient) => c.getRestoreSnapshotState({} as never), 'The `job_id` property is missing.'],
    ['pinSnapshotData without collection', (c: MilvusClient) => c.pinSnapshotData({} as never), coll],
    ['pinSnapshotData without name', (c: MilvusClient) => c.pinSnapshotData({ collection_name: 'docs' } as never), 'The `snapshot_name` property is missing.'],
    ['unpinSnapshotData', (c: MilvusClient) => c.unpinSnapshotData({} as never), 'The `pin_id` property is missing.'],
    ['refreshExternalCollection', (c: MilvusClient) => c.refreshExternalCollection({} as never), coll],
    ['getRefreshExternalCollectionProgress', (c: MilvusClient) => c.getRefreshExternalCollectionProgress({} as never), 'The `job_id` property is missing.'],
  ])('%s', async (_label, call, message) => {
    await expect(call(client)).rejects.toThrow(InvalidInputError);
    const err = await call(client).catch((e: Error) => e);
    expect((err as Error).message).toEqual(message);
    expect(sink.calls).toEqual([]);
  });
});

describe('results', () => {
  test('getQuerySegmentInfo: ids exact, state and level by name', async () => {
    sink.on('GetQuerySegmentInfo', () => reply(`${M}GetQuerySegmentInfoResponse`, {
      status: {},
      infos: [{ segmentID: BIG, collectionID: '7', partitionID: '8', mem_size: '1024', num_rows: '2', index_name: 'vec_idx', indexID: '9', nodeID: '1', state: 3, nodeIds: ['1', '2'], level: 2, is_sorted: true, storage_version: '2' }],
    }));
    const res = await client.getQuerySegmentInfo({ collectionName: 'docs' });
    expect(res).toEqual({
      status: OK,
      infos: [{ segmentID: BIG, collectionID: '7', partitionID: '8', mem_size: '1024', num_rows: '2', index_name: 'vec_idx', indexID: '9', nodeID: '1', state: 'Sealed', nodeIds: ['1', '2'], level: 'L1', is_sorted: true, storage_version: '2' }],
    });
  });

  test('getPersistentSegmentInfo: the persisted segments', async () => {
    sink.on('GetPersistentSegmentInfo', () => reply(`${M}GetPersistentSegmentInfoResponse`, {
      status: {}, infos: [{ segmentID: '11', collectionID: '7', partitionID: '8', num_rows: '100', state: 4, level: 1, is_sorted: false, storage_version: '0' }],
    }));
    const res = await client.getPersistentSegmentInfo({ collectionName: 'docs' });
    expect(res.infos).toEqual([{ segmentID: '11', collectionID: '7', partitionID: '8', num_rows: '100', state: 'Flushed', level: 'L0', is_sorted: false, storage_version: '0' }]);
  });

  test('getMetric parses the JSON answer', async () => {
    const metrics = { nodes_info: [{ infos: { type: 'querynode', name: 'qn-1' } }], quota: 0.5 };
    sink.on('GetMetrics', () => reply(`${M}GetMetricsResponse`, { status: {}, response: JSON.stringify(metrics), component_name: 'proxy1' }));
    await expect(client.getMetric({ request: { metric_type: 'system_info' } })).resolves.toEqual({ status: OK, response: metrics, component_name: 'proxy1' });
  });

  test('getMetric: a refusal keeps its status and gives an empty response object', async () => {
    sink.on('GetMetrics', () => reply(`${M}GetMetricsResponse`, { status: { error_code: 1, code: 1100, reason: 'bad metric type' } }));
    const res = await client.getMetric({ request: { metric_type: 'nope' } });
    expect(res.status).toMatchObject({ code: 1100, reason: 'bad metric type' });
    expect(res.response).toEqual({});
  });

  test('bulkInsert → task ids; getImportState and listImportTasks → state by name', async () => {
    sink.on('Import', () => reply(`${M}ImportResponse`, { status: {}, tasks: [BIG] }));
    const task = { status: {}, state: 6, row_count: '10', id_list: [], infos: [{ key: 'progress_percent', value: '100' }], id: BIG, collection_id: '7', segment_ids: ['11', '12'], create_ts: '1700000000' };
    sink.on('GetImportState', () => reply(`${M}GetImportStateResponse`, task));
    sink.on('ListImportTasks', () => reply(`${M}ListImportTasksResponse`, { status: {}, tasks: [task, { ...task, id: '5', state: 1 }] }));
    const started = await client.bulkInsert({ collection_name: 'docs', files: ['a.json'] });
    expect(started).toEqual({ status: OK, tasks: [BIG] });
    const state = await client.getImportState({ task: started.tasks[0] as string });
    expect(state).toEqual({ ...task, status: OK, state: ImportState.ImportCompleted });
    const list = await client.listImportTasks({ collection_name: 'docs' });
    expect(list.tasks.map((t) => [t.id, t.state])).toEqual([[BIG, 'ImportCompleted'], ['5', 'ImportFailed']]);
  });

  test('snapshots: list, describe, restore job, job state by name', async () => {
    sink.on('ListSnapshots', () => reply(`${M}ListSnapshotsResponse`, { status: {}, snapshots: ['snap1', 'snap2'] }));
    sink.on('DescribeSnapshot', () => reply(`${M}DescribeSnapshotResponse`, {
      status: {}, name: 'snap1', description: 'nightly', collection_name: 'docs', partition_names: ['_default'], create_ts: BIG, s3_location: 's3://b/snap1',
    }));
    sink.on('RestoreSnapshot', () => reply(`${M}RestoreSnapshotResponse`, { status: {}, job_id: BIG }));
    const info = { job_id: BIG, snapshot_name: 'snap1', db_name: 'default', collection_name: 'docs_copy', state: 3, progress: 100, reason: '', start_time: '1700000000', time_cost: '1500' };
    sink.on('GetRestoreSnapshotState', () => reply(`${M}GetRestoreSnapshotStateResponse`, { status: {}, info }));
    sink.on('ListRestoreSnapshotJobs', () => reply(`${M}ListRestoreSnapshotJobsResponse`, { status: {}, jobs: [info, { ...info, job_id: '3', state: 2, progress: 40 }] }));

    expect(await client.listSnapshots({ collection_name: 'docs' })).toEqual({ status: OK, snapshots: ['snap1', 'snap2'] });
    expect(await client.describeSnapshot({ collection_name: 'docs', snapshot_name: 'snap1' })).toEqual({
      status: OK, name: 'snap1', description: 'nightly', collection_name: 'docs', partition_names: ['_default'], create_ts: BIG, s3_location: 's3://b/snap1',
    });
    const { job_id } = await client.restoreSnapshot({ snapshot_name: 'snap1', source_collection_name: 'docs', target_collection_name: 'docs_copy' });
    expect(job_id).toBe(BIG);
    const state = await client.getRestoreSnapshotState({ job_id });
    expect(state.info).toEqual({ ...info, state: RestoreSnapshotState.RestoreSnapshotCompleted });
    expect(received('GetRestoreSnapshotState', 'GetRestoreSnapshotStateRequest')).toEqual([asSent('GetRestoreSnapshotStateRequest', { job_id: BIG })]);
    const jobs = await client.listRestoreSnapshotJobs();
    expect(jobs.jobs.map((j) => [j.job_id, j.state, j.progress])).toEqual([[BIG, 'RestoreSnapshotCompleted', 100], ['3', 'RestoreSnapshotExecuting', 40]]);
  });

  test("pin and unpin with int64: 'bigint': the pin id comes back as a bigint and goes out exact", async () => {
    const big = new MilvusClient({ uri: sink.uri, __SKIP_CONNECT__: true, int64: 'bigint' });
    sink.on('PinSnapshotData', () => reply(`${M}PinSnapshotDataResponse`, { status: {}, pin_id: BIG }));
    const pin = await big.pinSnapshotData({ collection_name: 'docs', snapshot_name: 'snap1' });
    expect(pin.pin_id).toBe(BigInt(BIG));
    await expect(big.unpinSnapshotData({ pin_id: pin.pin_id })).resolves.toEqual(OK);
    await big.close();
    expect(received('UnpinSnapshotData', 'UnpinSnapshotDataRequest')).toEqual([asSent('UnpinSnapshotDataRequest', { pin_id: BIG })]);
  });

  test('external collection refresh: job id, progress and jobs with state by name', async () => {
    sink.on('RefreshExternalCollection', () => reply(`${M}RefreshExternalCollectionResponse`, { status: {}, job_id: '77' }));
    const job = { job_id: '77', collection_name: 'ext', state: 1, progress: '55', reason: '', external_source: 's3://b/', start_time: '1700000000', end_time: '0', external_spec: '' };
    sink.on('GetRefreshExternalCollectionProgress', () => reply(`${M}GetRefreshExternalCollectionProgressResponse`, { status: {}, job_info: job }));
    sink.on('ListRefreshExternalCollectionJobs', () => reply(`${M}ListRefreshExternalCollectionJobsResponse`, { status: {}, jobs: [job, { ...job, job_id: '78', state: 2 }] }));
    const { job_id } = await client.refreshExternalCollection({ collection_name: 'ext' });
    expect(job_id).toBe('77');
    const progress = await client.getRefreshExternalCollectionProgress({ job_id });
    expect(progress).toEqual({ status: OK, job_info: { ...job, state: RefreshExternalCollectionState.RefreshInProgress } });
    const jobs = await client.listRefreshExternalCollectionJobs();
    expect(jobs.jobs.map((j) => [j.job_id, j.state])).toEqual([['77', 'RefreshInProgress'], ['78', 'RefreshCompleted']]);
  });

  test('listFileResources: id, name and path', async () => {
    sink.on('ListFileResources', () => reply(`${M}ListFileResourcesResponse`, { status: {}, resources: [{ id: BIG, name: 'dict', path: 's3://b/dict.txt' }] }));
    await expect(client.listFileResources()).resolves.toEqual({ status: OK, resources: [{ id: BIG, name: 'dict', path: 's3://b/dict.txt' }] });
  });

  test('a refused snapshot call resolves with the server status', async () => {
    sink.on('CreateSnapshot', () => reply('milvus.proto.common.Status', { error_code: 1, code: 100, reason: 'collection not found[collection=docs]' }));
    await expect(client.createSnapshot({ collection_name: 'docs', snapshot_name: 's' })).resolves.toMatchObject({ error_code: 'UnexpectedError', code: 100, reason: 'collection not found[collection=docs]' });
  });
});
