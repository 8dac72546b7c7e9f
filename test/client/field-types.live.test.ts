/**
 * Every field type Milvus Lite accepts, inserted through the client and read back equal: int64 beyond
 * 2^53 (as strings and as bigints), nulls, defaults, dynamic keys, arrays, JSON, sparse vectors,
 * Geometry and Timestamptz.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, MilvusClient, type FieldType } from '../../src/index.js';
import { f32, milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('types');
let client: MilvusClient;
let bigintClient: MilvusClient;

const fields: FieldType[] = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, dim: 4 },
  { name: 'b', data_type: DataType.Bool, nullable: true },
  { name: 'i8', data_type: DataType.Int8, default_value: 7 },
  { name: 'i16', data_type: DataType.Int16 },
  { name: 'i32', data_type: DataType.Int32, nullable: true },
  { name: 'i64', data_type: DataType.Int64, nullable: true },
  { name: 'f', data_type: DataType.Float },
  { name: 'd', data_type: DataType.Double, default_value: 2.5 },
  { name: 's', data_type: DataType.VarChar, max_length: 32, nullable: true },
  { name: 'js', data_type: DataType.JSON, nullable: true },
  { name: 'arr_i64', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 4 },
  { name: 'arr_s', data_type: DataType.Array, element_type: DataType.VarChar, max_capacity: 3, max_length: 8 },
  { name: 'arr_d', data_type: DataType.Array, element_type: DataType.Double, max_capacity: 3, nullable: true },
  { name: 'arr_b', data_type: DataType.Array, element_type: DataType.Bool, max_capacity: 2 },
  { name: 'geo', data_type: DataType.Geometry },
  { name: 'ts', data_type: DataType.Timestamptz },
  { name: 'sp', data_type: DataType.SparseFloatVector },
];

const ID_A = 9007199254740993n; // 2^53 + 1: not representable as a JS number
const ID_MIN = -(2n ** 63n);
const ID_MAX = 2n ** 63n - 1n;

const rows = [
  {
    id: ID_A, vec: [0.5, -1, 2, 0.25], b: true, i8: -128, i16: 32767, i32: -2147483648, i64: 9007199254740995n,
    f: 1.5, d: 0.1, s: 'héllo ✓', js: { a: 1, nested: { list: [1, 'two', null] } },
    arr_i64: [ID_MAX, -1n, 0n], arr_s: ['a', 'bé'], arr_d: [0.5, -2], arr_b: [true, false],
    geo: 'POINT (1 2)', ts: '2025-01-02T03:04:05Z', sp: { 3: 0.5, 1000: 1.25 }, extra: 'dyn', score_boost: 3,
  },
  {
    // nulls for the nullable fields, defaults left to the server
    id: ID_MIN.toString(), vec: [1, 1, 1, 1], b: null, i16: -1, i32: null, i64: null,
    f: -0.25, s: null, js: null, arr_i64: [], arr_s: [], arr_d: null, arr_b: [true],
    geo: 'POINT (-3.5 4)', ts: '1999-12-31T23:59:59Z', sp: new Map([[7, 2]]),
  },
  {
    id: ID_MAX, vec: [0, 0, 1, 0], b: false, i8: 0, i16: 0, i32: 123, i64: '-9223372036854775808',
    f: 0, d: -1e300, s: '', js: [1, 2, 3], arr_i64: [1n], arr_s: ['xyz'], arr_d: [], arr_b: [],
    geo: 'POINT (0 0)', ts: '2000-02-29T12:00:00Z', sp: [[0, 1], [42, 0.125]], extra: { deep: true },
  },
];

/** Query and get rows as the official SDK returns them: dynamic keys under `$meta`. */
const DYNAMIC_KEYS = ['extra', 'score_boost'];
function withMeta(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) (DYNAMIC_KEYS.includes(k) ? meta : out)[k] = v;
  return { ...out, $meta: meta };
}

const expectedString = [
  {
    id: ID_A.toString(), vec: f32(rows[0]!.vec), b: true, i8: -128, i16: 32767, i32: -2147483648, i64: '9007199254740995',
    f: 1.5, d: 0.1, s: 'héllo ✓', js: { a: 1, nested: { list: [1, 'two', null] } },
    arr_i64: [ID_MAX.toString(), '-1', '0'], arr_s: ['a', 'bé'], arr_d: [0.5, -2], arr_b: [true, false],
    geo: 'POINT (1 2)', ts: '2025-01-02T03:04:05Z', sp: { 3: 0.5, 1000: 1.25 }, extra: 'dyn', score_boost: 3,
  },
  {
    id: ID_MIN.toString(), vec: [1, 1, 1, 1], b: null, i8: 7, i16: -1, i32: null, i64: null,
    f: -0.25, d: 2.5, s: null, js: null, arr_i64: [], arr_s: [], arr_d: null, arr_b: [true],
    geo: 'POINT (-3.5 4)', ts: '1999-12-31T23:59:59Z', sp: { 7: 2 },
  },
  {
    id: ID_MAX.toString(), vec: [0, 0, 1, 0], b: false, i8: 0, i16: 0, i32: 123, i64: '-9223372036854775808',
    f: 0, d: -1e300, s: '', js: [1, 2, 3], arr_i64: ['1'], arr_s: ['xyz'], arr_d: [], arr_b: [],
    geo: 'POINT (0 0)', ts: '2000-02-29T12:00:00Z', sp: { 0: 1, 42: 0.125 }, extra: { deep: true },
  },
];

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  bigintClient = new MilvusClient({ uri: milvusUri(), int64: 'bigint' });
  await client.createCollection({
    collection_name: collection,
    fields,
    enable_dynamic_field: true,
    index_params: [
      { field_name: 'vec', index_type: 'AUTOINDEX', metric_type: 'COSINE' },
      { field_name: 'sp', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' },
    ],
  });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await Promise.all([client.close(), bigintClient.close()]);
});

const sortById = <T extends Record<string, unknown>>(list: T[]) => [...list].sort((a, b) => (BigInt(a.id as string) < BigInt(b.id as string) ? -1 : 1));

describe('every field type round-trips', () => {
  test('describeCollection reports the schema in the SDK shape', async () => {
    const d = await client.describeCollection({ collection_name: collection });
    const byName = Object.fromEntries(d.schema.fields.map((f) => [f.name, f]));
    // Type params as own properties, in the text the server sends (as the SDK has them).
    expect(byName.vec).toMatchObject({ data_type: 'FloatVector', dataType: DataType.FloatVector, dim: '4' });
    expect(byName.s).toMatchObject({ data_type: 'VarChar', max_length: '32', nullable: true });
    expect(byName.arr_s).toMatchObject({ data_type: 'Array', element_type: 'VarChar', max_capacity: '3' });
    expect(byName.i8).toMatchObject({ data_type: 'Int8', default_value: 7 });
    expect(byName.d).toMatchObject({ default_value: 2.5 });
    expect(byName.geo!.data_type).toBe('Geometry');
    expect(byName.ts!.data_type).toBe('Timestamptz');
    expect(Object.keys(d.anns_fields).sort()).toEqual(['sp', 'vec']);
    expect(typeof d.update_timestamp).toBe('string');
  });

  test('insert returns the exact int64 ids', async () => {
    const res = await client.insert({ collection_name: collection, data: rows });
    expect(res.insert_count).toBe(3);
    expect(res.ids).toEqual([ID_A.toString(), ID_MIN.toString(), ID_MAX.toString()]);
  });

  test('get returns every value as inserted (int64 as strings)', async () => {
    const { data } = await client.get({ collection_name: collection, ids: [ID_A, ID_MIN.toString(), ID_MAX] });
    expect(sortById(data)).toEqual(sortById(expectedString.map(withMeta)));
  });

  test('query returns the same rows', async () => {
    const { data } = await client.query({ collection_name: collection, filter: 'i16 <= 32767' });
    expect(sortById(data)).toEqual(sortById(expectedString.map(withMeta)));
  });

  test("int64: 'bigint' returns bigints for ids, Int64 fields and Int64 array elements", async () => {
    const { data } = await bigintClient.get({ collection_name: collection, ids: [ID_A, ID_MAX], output_fields: ['id', 'i64', 'arr_i64'] });
    const byId = new Map(data.map((r) => [r.id, r]));
    expect(byId.get(ID_A)).toEqual({ id: ID_A, i64: 9007199254740995n, arr_i64: [ID_MAX, -1n, 0n], $meta: {} });
    expect(byId.get(ID_MAX)).toEqual({ id: ID_MAX, i64: -(2n ** 63n), arr_i64: [1n], $meta: {} });
    const res = await bigintClient.insert({ collection_name: collection, data: [{ ...rows[2], id: 5n }] });
    expect(res.ids).toEqual([5n]);
    await bigintClient.delete({ collection_name: collection, ids: [5n] });
  });

  test('search returns exact ids and the requested fields, dynamic keys included', async () => {
    const { results } = await client.search({ collection_name: collection, anns_field: 'vec', data: [0.5, -1, 2, 0.25], limit: 1, output_fields: ['i64', 'extra'] });
    expect(results).toEqual([{ id: ID_A.toString(), score: expect.closeTo(1, 5), i64: '9007199254740995', extra: 'dyn' }]);
  });

  test('sparse search finds the row with the overlapping index', async () => {
    const { results } = await client.search({ collection_name: collection, anns_field: 'sp', data: { 42: 1 }, limit: 1, output_fields: ['sp'] });
    expect(results).toEqual([{ id: ID_MAX.toString(), score: expect.closeTo(0.125, 6), sp: { 0: 1, 42: 0.125 } }]);
  });

  test('columnar insert (typed arrays) reads back equal', async () => {
    const ids = BigInt64Array.from([100n, 2n ** 60n]);
    const columns = {
      id: ids, vec: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), i16: Int16Array.from([1, 2]), f: Float32Array.from([0.5, 1.5]),
      arr_i64: [[1n], []], arr_s: [['q'], []], arr_b: [[false], [true, true]], geo: ['POINT (1 1)', 'POINT (2 2)'],
      ts: ['2024-05-06T07:08:09Z', '2024-05-06T07:08:10Z'], sp: [{ 1: 1 }, { 2: 2 }],
    };
    const res = await client.insert({ collection_name: collection, columns });
    expect(res.ids).toEqual(['100', (2n ** 60n).toString()]);
    const { data } = await client.get({ collection_name: collection, ids: [100, (2n ** 60n).toString()], output_fields: ['id', 'vec', 'i16', 'f', 'i8', 'b', 'arr_i64'] });
    expect(sortById(data)).toEqual([
      { id: '100', vec: [1, 2, 3, 4], i16: 1, f: 0.5, i8: 7, b: null, arr_i64: ['1'], $meta: {} },
      { id: (2n ** 60n).toString(), vec: [5, 6, 7, 8], i16: 2, f: 1.5, i8: 7, b: null, arr_i64: [], $meta: {} },
    ]);
    await client.delete({ collection_name: collection, ids: [100, (2n ** 60n).toString()] });
  });
});
