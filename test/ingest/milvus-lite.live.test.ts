/**
 * `ingest` against real Milvus Lite: a million generated rows with the heap bounded, and a server
 * SIGKILLed mid-ingest whose data after restart matches the account exactly, then a resume from that
 * account to the exact source. Each ends by reading the whole collection back: exactly the source's
 * keys, each row with the vector it was sent with. Milvus Lite does not support concurrent writes to
 * one collection (see NOTES.md), so these run with `concurrency: 1`; concurrency is covered against sinks.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DataType, MilvusErrorCode, IngestError, MilvusClient, type IngestAccount, type RowSpan } from '../../src/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { f32, milvusUri, uniqueName } from '../setup/milvus-server.js';
import { expectTiling } from './write-checks.js';
import { startLiteProcess, type LiteProcess } from './lite-process.js';

const DIM = 8;
const row = (r: number) => ({ id: r, vector: [r % 97, 1, 2, 3, 4, 5, 6, 7] });

async function countWhere(client: MilvusClient, collection: string, filter: string): Promise<number> {
  const res = await client.query({ collection_name: collection, filter, output_fields: ['count(*)'] });
  return Number((res.data[0] as Record<string, unknown>)['count(*)']);
}
const inSpan = (s: RowSpan) => `id >= ${s.from} and id < ${s.to}`;

/**
 * Reads every row of `collection` back (id and vector, in two large queries: Milvus Lite pays about the
 * same per query whatever it returns) and checks that it holds exactly the source rows 0..n-1, once
 * each, every one with the vector it was sent with.
 */
async function expectHoldsSource(client: MilvusClient, collection: string, n: number): Promise<void> {
  const seen = new Uint8Array(n);
  const problems: string[] = [];
  const half = Math.ceil(n / 2);
  for (const span of [{ from: 0, to: half }, { from: half, to: n }]) {
    // One more than the span holds, so a row stored twice would show.
    const res = await client.query({ collection_name: collection, filter: inSpan(span), output_fields: ['id', 'vector'], limit: span.to - span.from + 1 });
    for (const got of res.data as { id: string; vector: number[] }[]) {
      const id = Number(got.id);
      if (!(Number.isInteger(id) && id >= span.from && id < span.to)) {
        problems.push(`id ${got.id} outside ${span.from}..${span.to}`);
        continue;
      }
      seen[id]++;
      const sent = f32(row(id).vector);
      if (got.vector.length !== sent.length || got.vector.some((v, i) => !Object.is(v, sent[i]))) problems.push(`row ${id}: vector [${got.vector}], sent [${sent}]`);
    }
  }
  const missing = seen.reduce((k, c) => k + (c === 0 ? 1 : 0), 0);
  const twice = seen.reduce((k, c) => k + (c > 1 ? 1 : 0), 0);
  expect({ missing, twice, problems: problems.slice(0, 20) }).toEqual({ missing: 0, twice: 0, problems: [] });
}

/**
 * A collection without a vector index: Milvus Lite queries it all the same, and does not spend minutes
 * building (and, on drop or stop, waiting for) an index over a million rows that no test searches.
 */
async function createUnindexed(client: MilvusClient, name: string): Promise<void> {
  await client.createCollection({
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vector', data_type: DataType.FloatVector, dim: DIM },
    ],
  });
}

describe('a million rows from a generator into Milvus Lite', () => {
  const collection = uniqueName('ingest_1m');
  let client: MilvusClient;
  beforeAll(async () => {
    client = new MilvusClient({ uri: milvusUri(), timeout: 120_000 });
    await createUnindexed(client, collection);
  });
  afterAll(async () => {
    await client.dropCollection({ collection_name: collection });
    await client.close();
  });

  test('count(*) equals the source; the heap stays bounded; the rows never all existed', async () => {
    const N = 1_000_000;
    let pulled = 0;
    let landed = 0;
    let maxUnlanded = 0;
    function* source() {
      for (let r = 0; r < N; r++) {
        pulled++;
        if (pulled - landed > maxUnlanded) maxUnlanded = pulled - landed;
        yield row(r);
      }
    }
    let heapHigh = process.memoryUsage().heapUsed;
    const sample = () => {
      heapHigh = Math.max(heapHigh, process.memoryUsage().heapUsed);
    };
    const sampler = setInterval(sample, 20);
    let res;
    try {
      res = await client.ingest({
        collection_name: collection, source: source(), concurrency: 1, batch_rows: 50_000,
        onProgress: (p) => {
          landed = p.rows;
          sample();
        },
      });
    } finally {
      clearInterval(sampler);
    }
    expect(res.insert_count).toBe(N);
    expect(res.batches).toBe(20);
    expect(res.ids).toHaveLength(N);
    expect(res.ids[0]).toBe('0');
    expect(res.ids[N - 1]).toBe(String(N - 1));
    expect(pulled).toBe(N);
    // Never more than the batch in flight, one encoded and waiting, and one being gathered.
    expect(maxUnlanded).toBeLessThanOrEqual(3 * 50_000);
    expect(heapHigh).toBeLessThan(300 * 1024 * 1024);
    expect(await countWhere(client, collection, '')).toBe(N);
    await expectHoldsSource(client, collection, N);
  }, 360_000);
});

describe('the server is killed mid-ingest', () => {
  const N = 200_000;
  const BATCH = 20_000;
  const collection = 'killed';
  let dataDir: string;
  let removeDataDir: () => Promise<void>;
  let lite: LiteProcess | undefined;
  beforeAll(async () => {
    ({ dir: dataDir, remove: removeDataDir } = await tempDir('kill'));
  });
  afterAll(async () => {
    await lite?.stop();
    await removeDataDir();
  });

  test('the account matches what the server holds after restart; resuming from it gives the exact source', async () => {
    const dbPath = join(dataDir, 'kill.db');
    lite = await startLiteProcess(dbPath);
    const first = new MilvusClient({ uri: lite.uri, retry: { attempts: 4, base_ms: 50, cap_ms: 200 }, timeout: 60_000 });
    await createUnindexed(first, collection);
    const killed = lite;
    let killing: Promise<void> | undefined;
    const err = await first.ingest({
      collection_name: collection, source: (function* () {
        for (let r = 0; r < N; r++) yield row(r);
      })(), batch_rows: BATCH, concurrency: 1,
      onProgress: (p) => {
        if (p.batches === 4) killing = killed.kill();
      },
    }).catch((e: unknown) => e);
    await killing;
    await first.close();
    expect(err).toBeInstanceOf(IngestError);
    const account = (err as IngestError).account;
    expectTiling(account);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 20_000], [20_000, 40_000], [40_000, 60_000], [60_000, 80_000]]);
    expect(account.landed[3].ids[0]).toBe('60000');
    expect(account.rows_read).toBeLessThan(N);
    expect(account.failed.length + account.in_doubt.length).toBeGreaterThan(0);
    // In doubt only because a connection dropped after sending; failed only if never sent (or not tried).
    for (const s of account.in_doubt) expect(s.error).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: false });
    for (const s of account.failed) expect([MilvusErrorCode.Unavailable, MilvusErrorCode.NotSent]).toContain(s.error.code);

    lite = await startLiteProcess(dbPath);
    const client = new MilvusClient({ uri: lite.uri, timeout: 60_000 });
    try {
      await expectServerMatches(client, account);
      await resume(client, account);
      expect(await countWhere(client, collection, '')).toBe(N);
      await expectHoldsSource(client, collection, N);
    } finally {
      await client.close();
    }
  }, 240_000);

  /** Every landed row is there, no failed row is, an in-doubt batch is all there or all absent. */
  async function expectServerMatches(client: MilvusClient, account: IngestAccount): Promise<void> {
    for (const s of account.landed) expect(await countWhere(client, collection, inSpan(s)), `landed ${s.from}..${s.to}`).toBe(s.to - s.from);
    for (const s of account.failed) expect(await countWhere(client, collection, inSpan(s)), `failed ${s.from}..${s.to}`).toBe(0);
    for (const s of account.in_doubt) expect([0, s.to - s.from]).toContain(await countWhere(client, collection, inSpan(s)));
    expect(await countWhere(client, collection, `id >= ${account.rows_read}`)).toBe(0);
  }

  /** What a caller does with the account: upsert what failed or is in doubt (safe either way), insert the unread rest. */
  async function resume(client: MilvusClient, account: IngestAccount): Promise<void> {
    const redo = [...account.failed, ...account.in_doubt];
    await client.ingest({
      collection_name: collection, upsert: true, concurrency: 1,
      source: (function* () {
        for (const s of redo) for (let r = s.from; r < s.to; r++) yield row(r);
      })(),
    });
    await client.ingest({
      collection_name: collection, concurrency: 1, batch_rows: BATCH,
      source: (function* () {
        for (let r = account.rows_read; r < N; r++) yield row(r);
      })(),
    });
  }
});
