/**
 * Iterators, sessions and the server calls against the real Milvus Lite: `queryIterator` and
 * `searchIterator` (batch sizes, limit, NO_LIMIT, filters, `external_filter_fn`), `session(clusterId)`
 * (reads go through, and carry `cluster_id` on the wire: checked with the recording sink), `getVersion`,
 * `checkHealth`, and `runAnalyzer`, which Lite 3.2.2 answers UNIMPLEMENTED (code 10).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ERROR_REASONS, InvalidInputError, MilvusClient, NO_LIMIT, ServerError, type SearchResultData } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { describeReply, startSink } from '../fakes/grpc-sink.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('iter');
let client: MilvusClient;

const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, vector: [Math.cos(i / 10), Math.sin(i / 10)], n: i }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 2, metric_type: 'L2', index_params: { index_type: 'FLAT' } });
  await client.insert({ collection_name: collection, data: rows });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

async function batches(iterator: AsyncIterable<Record<string, unknown>[]>): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const batch of iterator) out.push(batch.map((r) => r.id));
  return out;
}

describe('queryIterator', () => {
  test.each([
    ['every row, 10 at a time', { batchSize: 10 }, [range(1, 10), range(11, 20), range(21, 25)]],
    ['a filter and a limit', { batchSize: 4, limit: 9, filter: 'n >= 5' }, [range(6, 9), range(10, 13), ['14']]],
    ['NO_LIMIT', { batchSize: 7, limit: NO_LIMIT }, [range(1, 7), range(8, 14), range(15, 21), range(22, 25)]],
    ['a batch larger than the result', { batchSize: 100, expr: 'id <= 3' }, [range(1, 3)]],
  ])('%s', async (_name, req, expected) => {
    expect(await batches(await client.queryIterator({ collection_name: collection, output_fields: ['id'], ...req }))).toEqual(expected);
  });

  test('rows carry the fields asked for', async () => {
    const got: Record<string, unknown>[] = [];
    for await (const batch of await client.queryIterator({ collection_name: collection, batchSize: 2, limit: 3, output_fields: ['n'] })) got.push(...batch);
    // `n` is a dynamic key of the quick-setup collection: it comes back under $meta.
    expect(got).toEqual([{ id: '1', $meta: { n: 0 } }, { id: '2', $meta: { n: 1 } }, { id: '3', $meta: { n: 2 } }]);
  });
});

describe('searchIterator', () => {
  const search = { collection_name: collection, data: [1, 0], output_fields: ['id'] };

  test('batches of the nearest hits, best first, each hit once (Lite has no iterator token: pages by offset)', async () => {
    const got = await batches(await client.searchIterator({ ...search, batchSize: 5, limit: 12 }));
    expect(got).toEqual([range(1, 5), range(6, 10), range(11, 12)]);
    const single = await client.search({ ...search, limit: 12 });
    expect(got.flat()).toEqual((single.results as SearchResultData[]).map((h) => h.id));
  });

  test.each([
    ['NO_LIMIT: every row', { batchSize: 10, limit: NO_LIMIT }, [range(1, 10), range(11, 20), range(21, 25)]],
    ['a filter', { batchSize: 4, limit: 6, filter: 'n >= 10' }, [range(11, 14), range(15, 16)]],
    ['external_filter_fn keeps what it accepts (the limit counts every hit)', { batchSize: 5, limit: 10, external_filter_fn: (r: SearchResultData) => Number(r.id) % 2 === 0 }, [['2', '4'], ['6', '8', '10']]],
  ])('%s', async (_name, req, expected) => {
    expect(await batches(await client.searchIterator({ ...search, ...req }))).toEqual(expected);
  });
});

describe('iterator refusals and checks', () => {
  test.each([
    ['queryIterator', () => client.queryIterator({ collection_name: `${collection}_missing`, batchSize: 5 })],
    ['searchIterator', () => client.searchIterator({ collection_name: `${collection}_missing`, data: [1, 0], batchSize: 5 })],
  ])('%s of a missing collection rejects with ServerError 100 (it cannot page through a refusal)', async (_name, call) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ serverCode: 100 });
  });

  test.each([
    ['queryIterator without collection_name', () => client.queryIterator({ batchSize: 5 } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['searchIterator without collection_name', () => client.searchIterator({ data: [1, 0], batchSize: 5 } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['queryIterator with batchSize 0', () => client.queryIterator({ collection_name: collection, batchSize: 0 }), 'queryIterator: batchSize must be a positive integer, got 0'],
    ['searchIterator with batchSize 2.5', () => client.searchIterator({ collection_name: collection, data: [1, 0], batchSize: 2.5 }), 'searchIterator: batchSize must be a positive integer, got 2.5'],
  ])('%s', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});

describe('session(clusterId)', () => {
  test('reads through a session give the client\'s results, and pass cluster_id to the client\'s reads', async () => {
    const session = client.session('cluster-a');
    const spy = vi.spyOn(client, 'query');
    try {
      const viaSession = await session.query({ collection_name: collection, filter: 'id <= 3', output_fields: ['n'] });
      expect(viaSession).toEqual(await client.query({ collection_name: collection, filter: 'id <= 3', output_fields: ['n'] }));
      expect(spy.mock.calls[0]![0]).toMatchObject({ collection_name: collection, cluster_id: 'cluster-a' });
      expect(spy.mock.calls[1]![0]).not.toHaveProperty('cluster_id');
    } finally {
      spy.mockRestore();
    }
    expect((await session.get({ collection_name: collection, ids: [4], output_fields: ['n'] })).data).toEqual([{ id: '4', $meta: { n: 3 } }]);
    const hits = (await session.search({ collection_name: collection, data: [1, 0], limit: 2 })).results as SearchResultData[];
    expect(hits.map((h) => h.id)).toEqual(['1', '2']);
    const hybrid = await session.hybridSearch({ collection_name: collection, data: [{ data: [1, 0], anns_field: 'vector' }], limit: 2 });
    expect((hybrid.results as SearchResultData[]).map((h) => h.id)).toEqual(['1', '2']);
    expect(await batches(await session.queryIterator({ collection_name: collection, batchSize: 2, limit: 3, output_fields: ['id'] }))).toEqual([['1', '2'], ['3']]);
    expect(await batches(await session.searchIterator({ collection_name: collection, data: [1, 0], batchSize: 2, limit: 3 }))).toEqual([['1', '2'], ['3']]);
  });

  test('cluster_id on the wire: query_params of Query, search_params of Search, rank_params of HybridSearch (recording sink)', async () => {
    const sink = await startSink();
    sink.on('DescribeCollection', () => describeReply('c', [
      { name: 'id', data_type: 5, is_primary_key: true },
      { name: 'v', data_type: 101, type_params: [{ key: 'dim', value: '2' }] },
    ]));
    const offline = new MilvusClient({ uri: sink.uri });
    const session = offline.session('cluster-b');
    const sentParams = (method: string, type: string, key: string) =>
      (decodeMessage<Record<string, { key: string; value: string }[]>>(`milvus.proto.milvus.${type}`, sink.callsOf(method)[0]!.request)[key] ?? [])
        .filter((p) => p.key === 'cluster_id').map((p) => p.value);
    try {
      await session.query({ collection_name: 'c', filter: 'id > 0' });
      await session.search({ collection_name: 'c', data: [1, 0] });
      await session.hybridSearch({ collection_name: 'c', data: [{ data: [1, 0], anns_field: 'v' }] });
      expect(sentParams('Query', 'QueryRequest', 'query_params')).toEqual(['cluster-b']);
      expect(sentParams('Search', 'SearchRequest', 'search_params')).toEqual(['cluster-b']);
      expect(sentParams('HybridSearch', 'HybridSearchRequest', 'rank_params')).toEqual(['cluster-b']);
    } finally {
      await offline.close();
      await sink.close();
    }
  });

  test('a closed session refuses reads; an empty cluster id is refused at once', async () => {
    const session = client.session('cluster-c');
    session.close();
    expect(() => session.query({ collection_name: collection, filter: 'id > 0' })).toThrow('MilvusClient session is closed');
    expect(() => client.session('')).toThrow(InvalidInputError);
    expect(() => client.session('')).toThrow('clusterId must be a non-empty string');
  });
});

describe('server', () => {
  test('getVersion: Lite\'s version string', async () => {
    expect(await client.getVersion()).toMatchObject({ status: { code: 0, error_code: 'Success' }, version: 'milvus_lite-3.2.2' });
  });

  test('checkHealth: healthy, no reasons', async () => {
    expect(await client.checkHealth()).toMatchObject({ status: { code: 0 }, isHealthy: true, reasons: [], quota_states: [] });
  });

  test('runAnalyzer: Lite answers UNIMPLEMENTED, a status with code 10 and no results', async () => {
    const res = await client.runAnalyzer({ text: 'Hello World', analyzer_params: { tokenizer: 'standard' } });
    expect(res.status).toMatchObject({ code: 10, error_code: 'UnexpectedError' });
    expect(res.status.reason).toContain('RunAnalyzer');
    expect(res.results).toEqual([]);
  });

  test('runAnalyzer on the wire: the texts as bytes, the analyzer params as JSON (recording sink)', async () => {
    const sink = await startSink();
    const offline = new MilvusClient({ uri: sink.uri });
    try {
      await offline.runAnalyzer({ text: ['Hello World', 'é'], analyzer_params: { tokenizer: 'standard' }, with_detail: true });
      const sent = decodeMessage<{ analyzer_params: string; placeholder: Uint8Array[]; with_detail: boolean }>('milvus.proto.milvus.RunAnalyzerRequest', sink.callsOf('RunAnalyzer')[0]!.request);
      expect(JSON.parse(sent.analyzer_params)).toEqual({ tokenizer: 'standard' });
      expect(sent.placeholder.map((b) => new TextDecoder().decode(b))).toEqual(['Hello World', 'é']);
      expect(sent.with_detail).toBe(true);
    } finally {
      await offline.close();
      await sink.close();
    }
  });
});
