/**
 * Vector search against the real Milvus Lite: one query and several, filters, index and range params,
 * output fields, group_by_field, round_decimal, text on a BM25 output, and `hybridSearch` over a
 * FloatVector and a SparseFloatVector with `RRFRanker()` and `WeightedRanker([...])`, whose scores are
 * checked against the sub-searches they merge. Expected L2 scores come from the data itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DataType, ERROR_REASONS, FunctionType, InvalidInputError, MilvusClient, RRFRanker, ServerError, WeightedRanker,
  type SearchResultData,
} from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('srch');
let client: MilvusClient;

const angle = (id: number) => (id - 1) / 3;
const rows = Array.from({ length: 10 }, (_, i) => ({
  id: i + 1, vec: [Math.cos(i / 3), Math.sin(i / 3)], sparse: { [i % 4]: 1 + i / 10, 7: 0.5 }, n: i * 10, tag: i % 2 ? 'odd' : 'even', text: `word${i} common`,
}));
/** Squared L2 distance from [1, 0] to row `id` (both on the unit circle): what Lite reports for L2. */
const l2FromX = (id: number) => 2 - 2 * Math.cos(angle(id));

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({
    collection_name: collection,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vec', data_type: DataType.FloatVector, dim: 2 },
      { name: 'sparse', data_type: DataType.SparseFloatVector },
      { name: 'n', data_type: DataType.Int64 },
      { name: 'tag', data_type: DataType.VarChar, max_length: 8 },
      { name: 'text', data_type: DataType.VarChar, max_length: 64, enable_analyzer: true },
      { name: 'bm', data_type: DataType.SparseFloatVector },
    ],
    functions: [{ name: 'bm25', type: FunctionType.BM25, input_field_names: ['text'], output_field_names: ['bm'], params: {} }],
    index_params: [
      { field_name: 'vec', index_type: 'FLAT', metric_type: 'L2' },
      { field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' },
      { field_name: 'bm', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' },
    ],
  });
  await client.insert({ collection_name: collection, data: rows });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

const base = { collection_name: collection, anns_field: 'vec' };
const idsOf = (hits: SearchResultData[]) => hits.map((h) => String(h.id));

describe('search', () => {
  test('one query: a flat list of hits, nearest first, with the L2 scores and output fields', async () => {
    const res = await client.search({ ...base, data: [1, 0], limit: 3, output_fields: ['n', 'tag'] });
    expect(res.status).toMatchObject({ code: 0, error_code: 'Success' });
    const hits = res.results as SearchResultData[];
    expect(hits.map(({ score: _s, ...rest }) => rest)).toEqual([{ id: '1', n: '0', tag: 'even' }, { id: '2', n: '10', tag: 'odd' }, { id: '3', n: '20', tag: 'even' }]);
    hits.forEach((h) => expect(h.score).toBeCloseTo(l2FromX(Number(h.id)), 5));
    expect(res.collection_name).toBe(collection);
  });

  test('several queries: one list per query', async () => {
    const res = await client.search({ ...base, data: [[1, 0], [Math.cos(3), Math.sin(3)]], limit: 2, output_fields: ['id'] });
    expect((res.results as SearchResultData[][]).map(idsOf)).toEqual([['1', '2'], ['10', '9']]);
  });

  test.each([
    ['filter', { filter: 'tag == "odd"' }, ['2', '4', '6']],
    ['expr (the older name of filter)', { expr: 'n >= 50' }, ['6', '7', '8']],
    ['offset', { offset: 2 }, ['3', '4', '5']],
    ['range params (radius / range_filter)', { params: { radius: 0.5, range_filter: 0.05 } }, ['2', '3']],
    ['topk (the older name of limit)', { topk: 2, limit: undefined }, ['1', '2']],
  ])('%s', async (_name, extra, expected) => {
    const res = await client.search({ ...base, data: [1, 0], limit: 3, output_fields: ['id'], ...extra });
    expect(res.status.code).toBe(0);
    expect(idsOf(res.results as SearchResultData[])).toEqual(expected);
  });

  test('round_decimal (in params, or in the older search_params) rounds the scores', async () => {
    // Lite rounds (0.1101 → 0.11, 0.4282 → 0.43) into float32, and the client cuts the digits as the SDK's
    // formatNumberPrecision does: float32 0.11 is 0.1099999994, hence 0.1 (the SDK returns the same).
    const viaParams = await client.search({ ...base, data: [1, 0], limit: 3, params: { round_decimal: 2 } });
    expect((viaParams.results as SearchResultData[]).map((h) => h.score)).toEqual([0, 0.1, 0.43]);
    const viaSearchParams = await client.search({ collection_name: collection, data: [1, 0], search_params: { anns_field: 'vec', topk: 2, metric_type: 'L2', params: '{}', round_decimal: 1 } });
    expect((viaSearchParams.results as SearchResultData[]).map((h) => h.score)).toEqual([0, 0.1]);
  });

  test('group_by_field: one hit per group, best first', async () => {
    const res = await client.search({ ...base, data: [1, 0], limit: 3, group_by_field: 'tag', output_fields: ['tag'] });
    expect((res.results as SearchResultData[]).map((h) => [h.id, h.tag])).toEqual([['1', 'even'], ['2', 'odd']]);
  });

  test('a sparse query on the SparseFloatVector field (IP)', async () => {
    const res = await client.search({ collection_name: collection, anns_field: 'sparse', data: { 1: 1 }, limit: 3 });
    expect((res.results as SearchResultData[]).map((h) => [h.id, Number(h.score.toFixed(4))])).toEqual([['10', 1.9], ['6', 1.5], ['2', 1.1]]);
  });

  test('text on the BM25 output field finds the row holding the word', async () => {
    const res = await client.search({ collection_name: collection, anns_field: 'bm', data: 'word3', limit: 1, output_fields: ['text'] });
    expect(res.results).toMatchObject([{ id: '4', text: 'word3 common' }]);
  });

  test('search by ids: Lite refuses it (no placeholder group), returned as its status with code 6', async () => {
    const res = await client.search({ ...base, ids: [1], limit: 2 });
    expect(res).toMatchObject({ status: { code: 6, reason: 'SearchRequest is missing placeholder_group' }, results: [], session_ts: -1 });
  });

  test('a filter that does not parse: the server\'s status, no hits', async () => {
    const res = await client.search({ ...base, data: [1, 0], filter: 'n >' });
    expect(res.status.code).toBe(6);
    expect(res.results).toEqual([]);
  });

  test('a missing collection: the schema is needed first, so it rejects with ServerError 100', async () => {
    const err = await client.search({ collection_name: `${collection}_missing`, data: [1, 0] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 100, rpc: 'DescribeCollection' });
  });
});

describe('hybridSearch', () => {
  const subs = [{ data: [1, 0], anns_field: 'vec' }, { data: { 1: 1 }, anns_field: 'sparse' }];
  const single = async (sub: (typeof subs)[number], limit: number) =>
    idsOf((await client.search({ collection_name: collection, ...sub, limit })).results as SearchResultData[]);

  test('RRFRanker(): each hit scores Σ 1/(k + rank) over the sub-searches it appears in', async () => {
    const res = await client.hybridSearch({ collection_name: collection, data: subs, rerank: RRFRanker(), limit: 3, output_fields: ['id'] });
    expect(res.status.code).toBe(0);
    const expected = new Map<string, number>();
    for (const sub of subs) (await single(sub, 3)).forEach((id, i) => expected.set(id, (expected.get(id) ?? 0) + 1 / (60 + i + 1)));
    const hits = res.results as SearchResultData[];
    expect(hits).toHaveLength(3);
    hits.forEach((h) => expect(h.score).toBeCloseTo(expected.get(String(h.id))!, 6));
    expect(hits.map((h) => h.score)).toEqual([...expected.values()].sort((a, b) => b - a).slice(0, 3).map((s) => expect.closeTo(s, 6)));
    expect(hits[0]!.id).toBe('2');
  });

  test('WeightedRanker([...]): weights apply to the sub-searches in order', async () => {
    // Three hits per sub-search (a sub-search's own limit), all of them in the merged result.
    const run = (weights: number[]) => client.hybridSearch({ collection_name: collection, data: subs.map((sub) => ({ ...sub, limit: 3 })), rerank: WeightedRanker(weights), limit: 10 });
    const scores = async (weights: number[]) => new Map((((await run(weights)).results) as SearchResultData[]).map((h) => [h.id, h.score]));
    const [a, b] = [await scores([0.8, 0.2]), await scores([0.2, 0.8])];
    expect([...a.keys()].sort()).toEqual(['1', '10', '2', '3', '6']);
    // Row 1 is an exact vector match (normalized score 1) and absent from the sparse hits: its score is the first weight.
    expect(a.get('1')).toBeCloseTo(0.8, 6);
    expect(b.get('1')).toBeCloseTo(0.2, 6);
    // Row 10 is the best sparse hit and far from [1, 0]: only the second weight counts, so 0.8 / 0.2 = 4.
    expect(b.get('10')! / a.get('10')!).toBeCloseTo(4, 3);
  });

  test('without a reranker: RRF, as the SDK defaults', async () => {
    const [withRrf, withDefault] = await Promise.all([
      client.hybridSearch({ collection_name: collection, data: subs, rerank: RRFRanker(), limit: 4 }),
      client.hybridSearch({ collection_name: collection, data: subs, limit: 4 }),
    ]);
    expect(withDefault.results).toEqual(withRrf.results);
  });

  test('a sub-search filter applies to that sub-search', async () => {
    const res = await client.hybridSearch({ collection_name: collection, data: [{ ...subs[0]!, filter: 'tag == "odd"' }, { ...subs[1]!, filter: 'tag == "odd"' }], limit: 3 });
    expect(idsOf(res.results as SearchResultData[]).every((id) => Number(id) % 2 === 0)).toBe(true);
  });
});

describe('client-side checks reject with the SDK\'s ERROR_REASONS text', () => {
  test.each([
    ['search without collection_name', () => client.search({ data: [1, 0] } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['search without vectors or ids', () => client.search({ collection_name: collection }), ERROR_REASONS.VECTORS_OR_VECTOR_IS_MISSING],
    ['search on a field that is not a vector field', () => client.search({ collection_name: collection, anns_field: 'n', data: [1, 0] }), ERROR_REASONS.NO_ANNS_FEILD_FOUND_IN_SEARCH],
    ['hybridSearch without collection_name', () => client.hybridSearch({ data: [{ data: [1, 0], anns_field: 'vec' }] } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});
