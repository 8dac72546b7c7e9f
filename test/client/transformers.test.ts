/**
 * The SDK's `transformers` against the in-process gRPC sink: on insert/upsert the caller's float16/bfloat16
 * conversion replaces the client's own (top-level fields and Array-of-Struct members), without touching the
 * caller's rows; on query/get/search the caller's decoding replaces the default for float16, bfloat16, int8
 * and sparse vectors, with the inputs the SDK documents (a row's bytes, its Int8Array, its sparse object).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DataType, f32ArrayToBf16Bytes, f32ArrayToF16Bytes, InvalidInputError, MilvusClient } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { describeReply, reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

let sink: GrpcSink;
let client: MilvusClient;
const COLL = 'transformed';
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'h', data_type: DataType.Float16Vector, type_params: [{ key: 'dim', value: '2' }] },
  { name: 'b', data_type: DataType.BFloat16Vector, type_params: [{ key: 'dim', value: '2' }] },
];
/** Doubles the values before packing them: a conversion the client's own would not make. */
const doubledF16 = (v: number[] | Uint8Array) => f32ArrayToF16Bytes(Array.from(v, (x) => x * 2));
const doubledBf16 = (v: number[] | Uint8Array) => f32ArrayToBf16Bytes(Array.from(v, (x) => x * 2));
const mutation = (n: number) => reply('milvus.proto.milvus.MutationResult', { status: {}, IDs: { int_id: { data: Array.from({ length: n }, (_, i) => String(i + 1)) } }, insert_cnt: String(n), succ_index: Array.from({ length: n }, (_, i) => i) });
const insertBytes = (i: number) => sink.callsOf('Insert')[i]!.request;

beforeAll(async () => {
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  await client?.close();
  sink.calls.length = 0;
  sink.on('DescribeCollection', () => describeReply(COLL, FIELDS));
  sink.on('Insert', (req) => mutation(decodeMessage<{ num_rows: number }>('milvus.proto.milvus.InsertRequest', req).num_rows));
  sink.on('Upsert', (req) => mutation(decodeMessage<{ num_rows: number }>('milvus.proto.milvus.UpsertRequest', req).num_rows));
  client = new MilvusClient({ uri: sink.uri });
});

describe('insert and upsert transformers', () => {
  test('convert number arrays of float16/bfloat16 fields; packed bytes pass as they are; rows stay unchanged', async () => {
    const rows = [{ id: 1, h: [1, 2], b: [0.5, -1] }, { id: 2, h: f32ArrayToF16Bytes([7, 8]), b: [3, 4] }];
    const before = structuredClone(rows);
    await client.insert({ collection_name: COLL, data: rows, transformers: { [DataType.Float16Vector]: doubledF16, [DataType.BFloat16Vector]: doubledBf16 } });
    expect(rows).toEqual(before);
    // The same request as sending the doubled values, except the row that came packed.
    await client.insert({ collection_name: COLL, data: [{ id: 1, h: [2, 4], b: [1, -2] }, { id: 2, h: [7, 8], b: [6, 8] }] });
    expect(Buffer.from(insertBytes(0)).equals(insertBytes(1))).toBe(true);
  });

  test('a field without a transformer keeps the client\'s conversion; upsert takes them too', async () => {
    await client.upsert({ collection_name: COLL, data: [{ id: 1, h: [1, 2], b: [1, 2] }], transformers: { [DataType.BFloat16Vector]: doubledBf16 } });
    await client.upsert({ collection_name: COLL, data: [{ id: 1, h: [1, 2], b: [2, 4] }] });
    const [a, b] = sink.callsOf('Upsert');
    expect(Buffer.from(a!.request).equals(b!.request)).toBe(true);
  });

  test('members of an Array-of-Struct field are converted per element', async () => {
    sink.on('DescribeCollection', () => reply('milvus.proto.milvus.DescribeCollectionResponse', {
      status: {},
      collection_name: COLL,
      schema: {
        name: COLL,
        fields: [FIELDS[0], { name: 'v', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: '2' }] }],
        struct_array_fields: [{
          name: 'parts', type_params: [{ key: 'max_capacity', value: '4' }],
          fields: [{ name: 'e', data_type: DataType.ArrayOfVector, element_type: DataType.Float16Vector, type_params: [{ key: 'dim', value: '2' }, { key: 'max_capacity', value: '4' }] }],
        }],
      },
    }));
    const rows = [{ id: 1, v: [0, 1], parts: [{ e: [1, 2] }, { e: [3, 4] }] }];
    await client.insert({ collection_name: COLL, data: rows, transformers: { [DataType.Float16Vector]: doubledF16 } });
    await client.insert({ collection_name: COLL, data: [{ id: 1, v: [0, 1], parts: [{ e: [2, 4] }, { e: [6, 8] }] }] });
    expect(rows[0]!.parts[0]!.e).toEqual([1, 2]);
    expect(Buffer.from(insertBytes(0)).equals(insertBytes(1))).toBe(true);
  });

  test('columns with transformers are refused before anything is sent', async () => {
    const err = await client.insert({ collection_name: COLL, columns: { id: [1], h: [[1, 2]], b: [[1, 2]] }, transformers: { [DataType.Float16Vector]: doubledF16 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).message).toMatch(/transformers apply to rows/);
    expect(sink.callsOf('Insert')).toHaveLength(0);
  });
});

describe('query and search transformers', () => {
  const halves = (bits: number[]) => Buffer.from(new Uint16Array(bits).buffer);
  const sparseRow = Buffer.from(new Uint8Array([7, 0, 0, 0, 0, 0, 0x80, 0x3f]));
  const columns = [
    { type: DataType.Int64, field_name: 'id', scalars: { long_data: { data: ['1', '2'] } } },
    { type: DataType.Float16Vector, field_name: 'h', vectors: { dim: 2, float16_vector: halves([0x3c00, 0xc100, 0x0000, 0x8000]) } },
    { type: DataType.BFloat16Vector, field_name: 'b', vectors: { dim: 2, bfloat16_vector: halves([0x3f80, 0xc020, 0x4049, 0x0000]) } },
    { type: DataType.Int8Vector, field_name: 'i8', vectors: { dim: 2, int8_vector: Buffer.from([0x7f, 0x80, 0xff, 0]) } },
    { type: DataType.SparseFloatVector, field_name: 'sp', vectors: { sparse_float_vector: { contents: [sparseRow, sparseRow] } } },
  ];
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const transformers = {
    [DataType.Float16Vector]: (bytes: Uint8Array) => [bytes instanceof Uint8Array ? 1 : 0, bytes.length, ...bytes],
    [DataType.BFloat16Vector]: (bytes: Uint8Array) => new Uint8Array(bytes),
    [DataType.Int8Vector]: (v: Int8Array) => [v instanceof Int8Array ? 1 : 0, ...v],
    [DataType.SparseFloatVector]: (dict: { [key: string]: number }) => Object.entries(dict).map(([index, value]) => ({ index: Number(index), value })),
  };

  test('query and get: each row\'s vector through the caller\'s function', async () => {
    sink.on('Query', () => reply('milvus.proto.milvus.QueryResults', { status: {}, output_fields: columns.map((c) => c.field_name), fields_data: columns }));
    const { data } = await client.query({ collection_name: COLL, filter: 'id > 0', transformers });
    const got = await client.get({ collection_name: COLL, ids: [1, 2], transformers });
    expect(got.data).toEqual(data);
    expect(data.map((row) => row.h)).toEqual([[1, 4, 0x00, 0x3c, 0x00, 0xc1], [1, 4, 0, 0, 0x00, 0x80]]);
    expect(data.map((row) => hex(row.b))).toEqual(['803f20c0', '49400000']);
    expect(data.map((row) => row.i8)).toEqual([[1, 127, -128], [1, -1, 0]]);
    expect(data.map((row) => row.sp)).toEqual([[{ index: 7, value: 1 }], [{ index: 7, value: 1 }]]);
    // Without transformers: the defaults (numbers, and the sparse object).
    const plain = await client.query({ collection_name: COLL, filter: 'id > 0' });
    expect(plain.data[0]).toMatchObject({ h: [1, -2.5], b: [1, -2.5], i8: [127, -128], sp: { 7: 1 } });
  });

  test('a transformer may keep its bytes: later rows do not overwrite them', async () => {
    sink.on('Query', () => reply('milvus.proto.milvus.QueryResults', { status: {}, output_fields: ['id', 'b'], fields_data: [columns[0], columns[2]] }));
    const kept: Uint8Array[] = [];
    await client.query({ collection_name: COLL, filter: 'id > 0', transformers: { [DataType.BFloat16Vector]: (bytes) => (kept.push(bytes), [0]) } });
    expect(kept.map(hex)).toEqual(['803f20c0', '49400000']);
    expect(kept[0]!.buffer).not.toBe(kept[1]!.buffer);
  });

  test('search hits', async () => {
    sink.on('DescribeCollection', () => describeReply(COLL, [FIELDS[0], FIELDS[1], { name: 'i8', data_type: DataType.Int8Vector, type_params: [{ key: 'dim', value: '2' }] }]));
    sink.on('Search', () => reply('milvus.proto.milvus.SearchResults', {
      status: {},
      results: { topks: [2], scores: [0.9, 0.8], ids: { int_id: { data: ['1', '2'] } }, output_fields: ['h', 'i8'], fields_data: [columns[1], columns[3]] },
    }));
    const res = await client.search({ collection_name: COLL, anns_field: 'h', data: [1, 2], output_fields: ['h', 'i8'], transformers });
    expect(res.results.map((hit) => [hit.h, hit.i8])).toEqual([[[1, 4, 0x00, 0x3c, 0x00, 0xc1], [1, 127, -128]], [[1, 4, 0, 0, 0x00, 0x80], [1, -1, 0]]]);
  });
});
