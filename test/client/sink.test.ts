/**
 * The client against an in-process gRPC sink that records what arrives: metadata (authorization,
 * dbname), insert bytes byte-identical to `encodeInsertRequest`, the schema cache and its refresh,
 * deadlines, and decoding of answers Milvus Lite cannot produce (half-precision, binary and int8
 * vectors, compact nullable vectors).
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DataType, ERROR_REASONS, encodeInsertRequest, encodeUpsertRequest, MilvusErrorCode, InvalidInputError, MilvusClient, ServerError, TransportError } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { describeReply, reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

let sink: GrpcSink;
const COLL = 'sunk';
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: '3' }] },
  { name: 'tag', data_type: DataType.VarChar, type_params: [{ key: 'max_length', value: '16' }], nullable: true },
];
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const mutation = (n: number, ids: string[]) => reply('milvus.proto.milvus.MutationResult', { status: {}, IDs: { int_id: { data: ids } }, insert_cnt: String(n), upsert_cnt: String(n), succ_index: ids.map((_, i) => i) });

beforeAll(async () => {
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
});
beforeEach(() => {
  sink.calls.length = 0;
  sink.on('DescribeCollection', () => describeReply(COLL, FIELDS, { dynamic: true, updateTimestamp: '458812345678901234' }));
  sink.on('Insert', (req) => {
    const n = (decodeMessage<{ num_rows: number }>('milvus.proto.milvus.InsertRequest', req)).num_rows;
    return mutation(n, Array.from({ length: n }, (_, i) => String(i + 1)));
  });
});

describe('request metadata', () => {
  test.each([
    ['token', { token: 'root:Milvus' }, b64('root:Milvus')],
    ['an API key token', { token: 'abc123-api-key' }, b64('abc123-api-key')],
    ['user and password', { user: 'alice', password: 'pä:ss' }, b64('alice:pä:ss')],
    ['token over user/password', { token: 'tok', user: 'u', password: 'p' }, b64('tok')],
  ])('authorization from %s is base64 as pymilvus sends it', async (_what, creds, expected) => {
    const c = new MilvusClient({ uri: sink.uri, ...creds });
    await c.getVersion();
    await c.close();
    expect(sink.callsOf('GetVersion')[0]!.metadata.authorization).toBe(expected);
  });

  test('no credentials → no authorization header; no database → dbname "default" (as the SDK sends it)', async () => {
    const c = new MilvusClient({ uri: sink.uri });
    await c.getVersion();
    await c.close();
    const md = sink.callsOf('GetVersion')[0]!.metadata;
    expect(md.authorization).toBeUndefined();
    expect(md.dbname).toBe('default');
  });

  test('dbname from the option, the URI path, a per-call override and useDatabase', async () => {
    const port = new URL(sink.uri).port;
    const fromUri = new MilvusClient({ uri: `http://bob:secret@127.0.0.1:${port}/analytics` });
    await fromUri.getVersion();
    await fromUri.close();
    const c = new MilvusClient({ uri: sink.uri, db_name: 'db_opt' });
    await c.getVersion();
    await c.getVersion({ db_name: 'db_call' });
    await c.useDatabase({ db_name: 'db_used' });
    await c.getVersion();
    await c.close();
    const seen = sink.callsOf('GetVersion').map((call) => [call.metadata.dbname, call.metadata.authorization]);
    expect(seen).toEqual([['analytics', b64('bob:secret')], ['db_opt', undefined], ['db_call', undefined], ['db_used', undefined]]);
  });
});

describe('uri forms reach the server they name', () => {
  test.each([
    ['host:port', (port: string) => `127.0.0.1:${port}`, 'default', undefined],
    ['grpc:// with a database', (port: string) => `grpc://127.0.0.1:${port}/db_grpc`, 'db_grpc', undefined],
    ['tcp://', (port: string) => `tcp://127.0.0.1:${port}`, 'default', undefined],
    ['bare user:password@host:port/db', (port: string) => `root:S3cr3t@127.0.0.1:${port}/db_bare`, 'db_bare', b64('root:S3cr3t')],
    ['percent-escaped password', (port: string) => `http://alice:p%40ss@127.0.0.1:${port}`, 'default', b64('alice:p@ss')],
  ])('%s', async (_what, uriFor, dbname, authorization) => {
    const c = new MilvusClient({ uri: uriFor(new URL(sink.uri).port) });
    await c.getVersion();
    await c.close();
    expect(sink.callsOf('GetVersion').map((call) => [call.metadata.dbname, call.metadata.authorization])).toEqual([[dbname, authorization]]);
  });
});

describe('insert bytes', () => {
  const rows = [
    { id: 9007199254740993n, vec: [0.5, -1, 2], tag: 'a', extra: { k: [1, 2] } },
    { id: '42', vec: [1, 2, 3], tag: null },
  ];

  test('arrive byte-identical to encodeInsertRequest, with the described schema timestamp', async () => {
    const c = new MilvusClient({ uri: sink.uri, token: 'root:Milvus', db_name: 'prod' });
    const res = await c.insert({ collection_name: COLL, data: rows, partition_name: 'p1' });
    const description = await c.describeCollection({ collection_name: COLL });
    await c.close();
    expect(res).toMatchObject({ insert_count: 2, ids: ['1', '2'] });
    const [insert] = sink.callsOf('Insert');
    const expected = encodeInsertRequest({ collection_name: COLL, partition_name: 'p1', schema: description.schema, schema_timestamp: '458812345678901234', data: rows });
    expect(Buffer.compare(insert!.request, Buffer.from(expected))).toBe(0);
    expect(insert!.metadata).toMatchObject({ authorization: b64('root:Milvus'), dbname: 'prod' });
    const decoded = decodeMessage<Record<string, unknown>>('milvus.proto.milvus.InsertRequest', insert!.request);
    expect(decoded).toMatchObject({ collection_name: COLL, partition_name: 'p1', num_rows: 2, schema_timestamp: '458812345678901234' });
  });

  test('upsert bytes are encodeUpsertRequest’s, partial_update included', async () => {
    sink.on('Upsert', () => mutation(1, ['7']));
    const c = new MilvusClient({ uri: sink.uri });
    const res = await c.upsert({ collection_name: COLL, data: [{ id: 7, vec: [1, 1, 1] }], partial_update: true });
    const description = await c.describeCollection({ collection_name: COLL });
    await c.close();
    expect(res).toMatchObject({ upsert_count: 1, ids: ['7'] });
    const expected = encodeUpsertRequest({ collection_name: COLL, schema: description.schema, schema_timestamp: '458812345678901234', data: [{ id: 7, vec: [1, 1, 1] }], partial_update: true });
    expect(Buffer.compare(sink.callsOf('Upsert')[0]!.request, Buffer.from(expected))).toBe(0);
  });

  test('a wrong dimension is rejected and no Insert is sent', async () => {
    const c = new MilvusClient({ uri: sink.uri });
    await expect(c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3, 4] }] })).rejects.toMatchObject({ name: 'InvalidInputError', field: 'vec', row: 0 });
    await c.close();
    expect(sink.callsOf('Insert')).toEqual([]);
  });

  test('an empty insert is refused with the SDK\'s message and sends nothing', async () => {
    const c = new MilvusClient({ uri: sink.uri, __SKIP_CONNECT__: true });
    await expect(c.insert({ collection_name: COLL, data: [] })).rejects.toThrow(ERROR_REASONS.INSERT_CHECK_FIELD_DATA_IS_REQUIRED);
    await c.close();
    expect(sink.calls).toEqual([]);
  });
});

describe('schema cache', () => {
  test('one DescribeCollection per collection; dropCollection forgets it', async () => {
    const c = new MilvusClient({ uri: sink.uri });
    await c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }] });
    await c.insert({ collection_name: COLL, data: [{ id: 2, vec: [1, 2, 3] }] });
    await c.search({ collection_name: COLL, data: [1, 2, 3] });
    expect(sink.callsOf('DescribeCollection')).toHaveLength(1);
    await c.dropCollection({ collection_name: COLL });
    await c.insert({ collection_name: COLL, data: [{ id: 3, vec: [1, 2, 3] }] });
    await c.close();
    expect(sink.callsOf('DescribeCollection')).toHaveLength(2);
  });

  test("the server's SchemaMismatch refreshes the schema and retries once", async () => {
    let inserts = 0;
    sink.on('Insert', () => (++inserts === 1
      ? reply('milvus.proto.milvus.MutationResult', { status: { error_code: 62, reason: 'schema mismatch' } })
      : mutation(1, ['5'])));
    let describes = 0;
    sink.on('DescribeCollection', () => describeReply(COLL, FIELDS, { dynamic: true, updateTimestamp: String(100 + ++describes) }));
    const c = new MilvusClient({ uri: sink.uri });
    const res = await c.insert({ collection_name: COLL, data: [{ id: 5, vec: [1, 2, 3] }] });
    await c.close();
    expect(res.insert_count).toBe(1);
    const stamps = sink.callsOf('Insert').map((call) => decodeMessage<{ schema_timestamp: string }>('milvus.proto.milvus.InsertRequest', call.request).schema_timestamp);
    expect(stamps).toEqual(['101', '102']);
  });

  test('a second SchemaMismatch is thrown', async () => {
    sink.on('Insert', () => reply('milvus.proto.milvus.MutationResult', { status: { error_code: 62, reason: 'schema mismatch' } }));
    const c = new MilvusClient({ uri: sink.uri });
    await expect(c.insert({ collection_name: COLL, data: [{ id: 5, vec: [1, 2, 3] }] })).rejects.toMatchObject({ name: 'ServerError', code: 'SCHEMA_MISMATCH', serverCode: 62 });
    await c.close();
    expect(sink.callsOf('Insert')).toHaveLength(2);
  });

  test('a cached schema that rejects the input is refreshed before giving up', async () => {
    const c = new MilvusClient({ uri: sink.uri });
    await c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }] });
    // The collection is recreated elsewhere with dim 4.
    const dim4 = FIELDS.map((f) => (f.name === 'vec' ? { ...f, type_params: [{ key: 'dim', value: '4' }] } : f));
    sink.on('DescribeCollection', () => describeReply(COLL, dim4, { dynamic: true }));
    const res = await c.insert({ collection_name: COLL, data: [{ id: 2, vec: [1, 2, 3, 4] }] });
    await c.close();
    expect(res.insert_count).toBe(1);
    expect(sink.callsOf('DescribeCollection')).toHaveLength(2);
    expect(sink.callsOf('Insert')).toHaveLength(2);
  });
});

describe('deadlines and server status', () => {
  test('a server that never answers → TransportError TIMEOUT after the per-call timeout', async () => {
    sink.on('Insert', () => 'never');
    const c = new MilvusClient({ uri: sink.uri, timeout: 10_000 });
    const started = Date.now();
    const err = await c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }], timeout: 300 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    await c.close();
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: MilvusErrorCode.Timeout, rpc: 'Insert', grpcCode: 4 });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5_000);
  });

  test('the client-wide timeout applies when the call gives none', async () => {
    sink.on('GetVersion', () => 'never');
    const c = new MilvusClient({ uri: sink.uri, timeout: 200 });
    await expect(c.getVersion()).rejects.toMatchObject({ name: 'TransportError', code: MilvusErrorCode.Timeout, rpc: 'GetVersion' });
    await c.close();
  });

  test.each([
    [grpc.status.UNAVAILABLE, MilvusErrorCode.Unavailable],
    [grpc.status.DEADLINE_EXCEEDED, MilvusErrorCode.Timeout],
    [grpc.status.CANCELLED, MilvusErrorCode.Cancelled],
    [grpc.status.PERMISSION_DENIED, MilvusErrorCode.Transport],
  ])('gRPC status %i → TransportError %s, rpc set, no credentials in it', async (grpcCode, code) => {
    sink.on('ListDatabases', () => ({ grpcCode, details: 'denied by the sink' }));
    const c = new MilvusClient({ uri: sink.uri, user: 'admin', password: 'Sup3rSecret' });
    const err = (await c.listDatabases().catch((e: unknown) => e)) as TransportError;
    await c.close();
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code, grpcCode, rpc: 'ListDatabases' });
    expect(`${err.message} ${String(err.stack)}`).not.toMatch(/Sup3rSecret|YWRtaW46U3VwM3JTZWNyZXQ/);
  });

  test('gRPC UNIMPLEMENTED → a failed status naming the method (the SDK does not throw either); writes still throw', async () => {
    sink.on('ListDatabases', () => ({ grpcCode: grpc.status.UNIMPLEMENTED, details: 'Method not implemented!' }));
    sink.on('Insert', () => ({ grpcCode: grpc.status.UNIMPLEMENTED, details: 'Method not implemented!' }));
    const c = new MilvusClient({ uri: sink.uri });
    const res = await c.listDatabases();
    const err = await c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }] }).catch((e: unknown) => e);
    await c.close();
    expect(res).toMatchObject({ db_names: [], status: { error_code: 'UnexpectedError', code: 10, reason: 'ListDatabases is not implemented by this server (gRPC UNIMPLEMENTED)' } });
    expect(err).toMatchObject({ name: 'TransportError', grpcCode: grpc.status.UNIMPLEMENTED, rpc: 'Insert' });
  });

  test('a refusal is returned as the status by name; a refused write throws, status.code winning over error_code', async () => {
    sink.on('CreatePartition', () => reply('milvus.proto.common.Status', { error_code: 1, code: 65535, reason: 'boom' }));
    sink.on('Insert', () => reply('milvus.proto.milvus.MutationResult', { status: { error_code: 1, code: 65535, reason: 'boom' } }));
    sink.on('Upsert', () => reply('milvus.proto.milvus.MutationResult', { status: { error_code: 5, reason: 'legacy only' } }));
    const c = new MilvusClient({ uri: sink.uri });
    const status = await c.createPartition({ collection_name: COLL, partition_name: 'p' });
    const a = await c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }] }).catch((e: unknown) => e);
    const b = await c.upsert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2, 3] }] }).catch((e: unknown) => e);
    await c.close();
    expect(status).toMatchObject({ error_code: 'UnexpectedError', code: 65535, reason: 'boom' });
    expect(a).toBeInstanceOf(ServerError);
    expect(a).toMatchObject({ serverCode: 65535, reason: 'boom', rpc: 'Insert', code: MilvusErrorCode.Server, status: { code: 65535, reason: 'boom' } });
    expect(b).toMatchObject({ serverCode: 5, reason: 'legacy only', rpc: 'Upsert' });
  });
});

describe('decoding answers', () => {
  const half = (bits: number[]) => Buffer.from(new Uint16Array(bits).buffer);

  test('every vector type, compact and full-length nullable columns, int64 as bigint', async () => {
    sink.on('Query', () => reply('milvus.proto.milvus.QueryResults', {
      status: {},
      output_fields: ['id', 'f16', 'bf16', 'bin', 'i8v', 'nv', 'nsp', 'nfull', 'ts', 'geo', 'extra'],
      fields_data: [
        { type: DataType.Int64, field_name: 'id', scalars: { long_data: { data: ['9223372036854775807', '-5', '3'] } } },
        { type: DataType.Float16Vector, field_name: 'f16', vectors: { dim: 2, float16_vector: half([0x3c00, 0xc100, 0x7bff, 0x0001, 0x0000, 0x8000]) } },
        { type: DataType.BFloat16Vector, field_name: 'bf16', vectors: { dim: 2, bfloat16_vector: half([0x3f80, 0xc020, 0x4049, 0x0000, 0x7f80, 0xbf80]) } },
        { type: DataType.BinaryVector, field_name: 'bin', vectors: { dim: 16, binary_vector: Buffer.from([1, 2, 3, 4, 255, 0]) } },
        { type: DataType.Int8Vector, field_name: 'i8v', vectors: { dim: 2, int8_vector: Buffer.from([0x7f, 0x80, 0xff, 0, 1, 2]) } },
        // compact: only the valid rows' vectors
        { type: DataType.FloatVector, field_name: 'nv', vectors: { dim: 2, float_vector: { data: [1, 2, 5, 6] } }, valid_data: [true, false, true] },
        { type: DataType.SparseFloatVector, field_name: 'nsp', vectors: { sparse_float_vector: { contents: [Buffer.from(new Uint8Array([7, 0, 0, 0, 0, 0, 0x80, 0x3f]))] } }, valid_data: [false, true, false] },
        // full length: a value slot for every row
        { type: DataType.Double, field_name: 'nfull', scalars: { double_data: { data: [0.5, 0, 1.5] } }, valid_data: [true, false, true] },
        { type: DataType.Timestamptz, field_name: 'ts', scalars: { timestamptz_data: { data: ['1700000000000000', '0', '-1'] } } },
        { type: DataType.Geometry, field_name: 'geo', scalars: { geometry_data: { data: [Buffer.from([1]), Buffer.from([2]), Buffer.from([3])] } } },
        { type: DataType.JSON, field_name: '$meta', is_dynamic: true, scalars: { json_data: { data: [Buffer.from('{"extra":1,"hidden":2}'), Buffer.from('{}'), Buffer.from('{"extra":[true]}')] } } },
      ],
    }));
    const c = new MilvusClient({ uri: sink.uri, int64: 'bigint' });
    const { data } = await c.query({ collection_name: COLL, filter: 'id != 0' });
    await c.close();
    // As the SDK: binary vectors as byte values, dynamic keys under `$meta`.
    expect(data).toEqual([
      { id: 2n ** 63n - 1n, f16: [1, -2.5], bf16: [1, -2.5], bin: [1, 2], i8v: [127, -128], nv: [1, 2], nsp: null, nfull: 0.5, ts: 1700000000000000n, geo: Buffer.from([1]), $meta: { extra: 1, hidden: 2 } },
      { id: -5n, f16: [65504, 2 ** -24], bf16: [3.140625, 0], bin: [3, 4], i8v: [-1, 0], nv: null, nsp: { 7: 1 }, nfull: null, ts: 0n, geo: Buffer.from([2]), $meta: {} },
      { id: 3n, f16: [0, -0], bf16: [Infinity, -1], bin: [255, 0], i8v: [1, 2], nv: [5, 6], nsp: null, nfull: 1.5, ts: -1n, geo: Buffer.from([3]), $meta: { extra: [true] } },
    ]);
  });

  test('search: hits split per query by topks, exact ids, scores', async () => {
    sink.on('Search', () => reply('milvus.proto.milvus.SearchResults', {
      status: {},
      results: {
        num_queries: 3, top_k: 2, topks: [2, 0, 1], scores: [0.9, 0.8, 0.7],
        ids: { int_id: { data: ['9007199254740993', '2', '3'] } },
        output_fields: ['tag'],
        fields_data: [{ type: DataType.VarChar, field_name: 'tag', scalars: { string_data: { data: ['a', 'b', 'c'] } } }],
      },
    }));
    const c = new MilvusClient({ uri: sink.uri });
    const res = await c.search({ collection_name: COLL, data: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], limit: 2, output_fields: ['tag'], filter: 'id > 0', params: { ef: 64 } });
    await c.close();
    expect(res.results).toEqual([
      [{ id: '9007199254740993', score: expect.closeTo(0.9, 6), tag: 'a' }, { id: '2', score: expect.closeTo(0.8, 6), tag: 'b' }],
      [],
      [{ id: '3', score: expect.closeTo(0.7, 6), tag: 'c' }],
    ]);
    const req = decodeMessage<{ nq: string; dsl: string; placeholder_group: Uint8Array; search_params: { key: string; value: string }[] }>('milvus.proto.milvus.SearchRequest', sink.callsOf('Search')[0]!.request);
    expect(req).toMatchObject({ nq: '3', dsl: 'id > 0' });
    const params = Object.fromEntries(req.search_params.map((p) => [p.key, p.value]));
    expect(params).toMatchObject({ anns_field: 'vec', topk: '2', params: '{"ef":64}', ef: '64' });
    const group = decodeMessage<{ placeholders: { tag: string; type: number; values: Uint8Array[] }[] }>('milvus.proto.common.PlaceholderGroup', req.placeholder_group);
    expect(group.placeholders[0]!.type).toBe(DataType.FloatVector);
    expect(group.placeholders[0]!.values.map((v) => Array.from(new Float32Array(new Uint8Array(v).buffer)))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  test('search on half-precision and sparse fields packs the right placeholder bytes', async () => {
    sink.on('DescribeCollection', () => describeReply(COLL, [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'h', data_type: DataType.Float16Vector, type_params: [{ key: 'dim', value: '2' }] },
      { name: 'sp', data_type: DataType.SparseFloatVector },
    ]));
    sink.on('Search', () => reply('milvus.proto.milvus.SearchResults', { status: {}, results: { topks: [0] } }));
    const c = new MilvusClient({ uri: sink.uri });
    expect((await c.search({ collection_name: COLL, anns_field: 'h', data: [1, -2.5] })).results).toEqual([]);
    await c.search({ collection_name: COLL, anns_field: 'sp', data: { 9: 0.5, 2: 1 } });
    await expect(c.search({ collection_name: COLL, anns_field: 'nope', data: [1, 2] })).rejects.toBeInstanceOf(InvalidInputError);
    await c.close();
    const groups = sink.callsOf('Search').map((call) => {
      const req = decodeMessage<{ placeholder_group: Uint8Array }>('milvus.proto.milvus.SearchRequest', call.request);
      return decodeMessage<{ placeholders: { type: number; values: Uint8Array[] }[] }>('milvus.proto.common.PlaceholderGroup', req.placeholder_group).placeholders[0]!;
    });
    expect(groups[0]!.type).toBe(DataType.Float16Vector);
    expect(Buffer.from(groups[0]!.values[0]!).toString('hex')).toBe('003c00c1');
    expect(groups[1]!.type).toBe(DataType.SparseFloatVector);
    expect(Buffer.from(groups[1]!.values[0]!).toString('hex')).toBe('020000000000803f090000000000003f');
  });
});
