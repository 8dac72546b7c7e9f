/**
 * `ingest` from every kind of source against a sink: all rows once and in source order, progress after
 * every landed batch, bounded read-ahead (backpressure), concurrency, and how it stops on a bad row, a
 * failing source, a throwing callback and an abort. After every test, each row that reached the sink
 * is decoded and checked, every field, against the source row it came from.
 */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { DataType, MilvusErrorCode, IngestError, InvalidInputError, type IngestProgress } from '../../src/index.js';
import { spanOf } from '../fakes/write-sink.js';
import { abortAtCall, useWriteSink } from './sink-fixture.js';
import { expectTiling } from './write-checks.js';

const DIM = 4;
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: String(DIM) }] },
];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const row = (r: number) => ({ id: r, vec: [r, 1, 2, 3] });
function* gen(n: number, start = 0) {
  for (let r = start; r < start + n; r++) yield row(r);
}
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const fixture = useWriteSink(FIELDS, row, { retry: { attempts: 3, base_ms: 1, cap_ms: 5 } });

describe('sources', () => {
  const columnsOf = (from: number, to: number) => ({
    columns: { id: BigInt64Array.from(range(from, to), BigInt), vec: Float32Array.from(range(from, to).flatMap((r) => row(r).vec)) },
  });
  test.each([
    ['an array', () => [...gen(2500)]],
    ['a generator', () => gen(2500)],
    ['an async generator', () => (async function* () {
      for (let r = 0; r < 2500; r++) {
        if (r % 500 === 0) await delay(1);
        yield row(r);
      }
    })()],
    ['an object-mode Readable', () => Readable.from(gen(2500))],
    ['columnar chunks, mixed with rows', () => [columnsOf(0, 1000), ...gen(300, 1000), columnsOf(1300, 1310), columnsOf(1310, 2500)]],
  ])('%s: every row once, ids in source order', async (_what, source) => {
    const res = await fixture.client.ingest({ collection_name: 'sunk', source: source() as Iterable<never>, batch_rows: 400 });
    expect(res.insert_count).toBe(2500);
    expect(res.ids).toEqual(range(0, 2500).map(String));
    expect(res.batches).toBe(fixture.sink.calls.length);
    expect(res.bytes).toBe(fixture.sink.calls.reduce((s, c) => s + c.bytes, 0));
    for (const c of fixture.sink.calls) expect(c.numRows).toBeLessThanOrEqual(400);
    fixture.expectEveryRowOnce(2500);
  });

  test('upsert: true sends Upsert requests', async () => {
    const res = await fixture.client.ingest({ collection_name: 'sunk', source: gen(300), upsert: true, batch_rows: 100 });
    expect(fixture.sink.calls.map((c) => c.method)).toEqual(['Upsert', 'Upsert', 'Upsert']);
    expect(res.insert_count).toBe(300);
    fixture.expectEveryRowOnce(300);
  });

  test('batch_bytes sizes streamed batches too', async () => {
    const res = await fixture.client.ingest({ collection_name: 'sunk', source: gen(20_000), batch_bytes: 64 * 1024 });
    expect(fixture.sink.calls.length).toBeGreaterThan(5);
    for (const c of fixture.sink.calls) expect(c.bytes).toBeLessThanOrEqual(64 * 1024);
    // Batches after the first are filled close to the target, not left small.
    const middle = fixture.sink.calls.slice(1, -1).map((c) => c.bytes);
    expect(Math.min(...middle)).toBeGreaterThan(0.8 * 64 * 1024);
    expect(res.ids).toEqual(range(0, 20_000).map(String));
    fixture.expectEveryRowOnce(20_000);
  });

  test('a byte stream is refused before anything is read', async () => {
    const bytes = Readable.from([Buffer.from('{"id":1}\n')], { objectMode: false });
    await expect(fixture.client.ingest({ collection_name: 'sunk', source: bytes as never })).rejects.toThrow(/object mode/);
    expect(fixture.sink.calls).toHaveLength(0);
  });
});

describe('progress', () => {
  test('after every landed batch: running totals, rate, eta when the total is known, the batch span', async () => {
    const seen: IngestProgress[] = [];
    await fixture.client.ingest({ collection_name: 'sunk', source: gen(1000), total_rows: 1000, batch_rows: 250, concurrency: 1, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.rows)).toEqual([250, 500, 750, 1000]);
    expect(seen.map((p) => p.batches)).toEqual([1, 2, 3, 4]);
    expect(seen.map((p) => p.batch)).toEqual([{ from: 0, to: 250 }, { from: 250, to: 500 }, { from: 500, to: 750 }, { from: 750, to: 1000 }]);
    expect(seen.at(-1)!.bytes).toBe(fixture.sink.calls.reduce((s, c) => s + c.bytes, 0));
    for (const p of seen) {
      expect(p.rows_per_second).toBeGreaterThan(0);
      expect(p.elapsed_ms).toBeGreaterThan(0);
      expect(p.eta_seconds).toBeCloseTo((1000 - p.rows) / p.rows_per_second, 6);
    }
    expect(seen.at(-1)!.eta_seconds).toBe(0);
    fixture.expectEveryRowOnce(1000);
  });

  test('no eta when the total is unknown (a generator without total_rows)', async () => {
    const seen: IngestProgress[] = [];
    await fixture.client.ingest({ collection_name: 'sunk', source: gen(200), batch_rows: 100, onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(2);
    expect(seen.every((p) => p.eta_seconds === undefined)).toBe(true);
  });
});

describe('backpressure and concurrency', () => {
  test.each([1, 2, 4])('concurrency %i: that many requests at once, the source read at most concurrency + 1 batches ahead', async (concurrency) => {
    const batchRows = 100;
    let pulled = 0;
    let maxAhead = 0;
    fixture.sink.respond(async () => {
      await delay(15);
      return { kind: 'ok' };
    });
    const acknowledged = () => fixture.sink.calls.length - fixture.sink.inFlight;
    const source = (function* () {
      for (let r = 0; r < 3000; r++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - acknowledged() * batchRows);
        yield row(r);
      }
    })();
    const res = await fixture.client.ingest({ collection_name: 'sunk', source, batch_rows: batchRows, concurrency });
    expect(res.insert_count).toBe(3000);
    fixture.expectEveryRowOnce(3000);
    expect(fixture.sink.maxInFlight).toBe(concurrency);
    // In flight, one encoded and waiting, one being gathered: never more.
    expect(maxAhead).toBeLessThanOrEqual((concurrency + 2) * batchRows);
    expect(maxAhead).toBeGreaterThan(concurrency * batchRows);
  });
});

describe('stopping', () => {
  test('a bad row mid-stream: earlier batches landed, the bad row named by its source index, no later batch sent', async () => {
    const source = (function* () {
      for (let r = 0; r < 5000; r++) yield r === 1234 ? { id: r, vec: [1, 2] } : row(r);
    })();
    const err = await fixture.client.ingest({ collection_name: 'sunk', source, batch_rows: 500, concurrency: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 500], [500, 1000]]);
    const bad = account.failed.find((s) => s.error instanceof InvalidInputError)!;
    expect(bad.from).toBe(1000);
    expect(bad.to).toBeGreaterThan(1234);
    expect(bad.error).toMatchObject({ row: 1234, field: 'vec' });
    expect(bad.error.message).toContain('row 1234');
    expectTiling(account);
    expect(fixture.sink.calls.map((c) => spanOf(c).from)).toEqual([0, 500]);
    expect(((err as IngestError).cause as Error)).toBe(bad.error);
  });

  test('a failing source: the rows read before it are sent, the cause is the source error', async () => {
    const source = (async function* () {
      yield* gen(750);
      throw new Error('disk read error');
    })();
    const err = await fixture.client.ingest({ collection_name: 'sunk', source, batch_rows: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect((err as IngestError).cause).toMatchObject({ code: MilvusErrorCode.SourceFailed });
    expect(((err as IngestError).cause as Error).message).toContain('the source failed after 750 rows: disk read error');
    expect(account.rows_read).toBe(750);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 300], [300, 600], [600, 750]]);
    expect(account.failed).toEqual([]);
    expect(fixture.sink.calls.map((c) => spanOf(c).from)).toEqual([0, 300, 600]);
    expectTiling(account);
  });

  test('onProgress throwing stops the ingest and closes the source', async () => {
    let closed = false;
    const source = (function* () {
      try {
        yield* gen(10_000);
      } finally {
        closed = true;
      }
    })();
    const err = await fixture.client.ingest({
      collection_name: 'sunk', source, batch_rows: 100, concurrency: 1,
      onProgress: (p) => {
        if (p.batches === 3) throw new Error('dashboard down');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).cause).toMatchObject({ code: MilvusErrorCode.CallbackFailed });
    expect(closed).toBe(true);
    const { account } = err as IngestError;
    expect(account.landed).toHaveLength(3);
    expect(account.rows_read).toBeLessThan(10_000);
    expectTiling(account);
  });

  test('abort: in-flight work is cancelled and reported, nothing more is read', async () => {
    const signal = abortAtCall(fixture.sink, 2);
    const err = await fixture.client.ingest({ collection_name: 'sunk', source: gen(100_000), batch_rows: 100, signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect((err as IngestError).cause).toMatchObject({ code: MilvusErrorCode.Cancelled });
    expect(account.rows_read).toBeLessThan(1000);
    expect(account.in_doubt.length).toBeGreaterThanOrEqual(1);
    expect(account.in_doubt.every((s) => s.error.code === MilvusErrorCode.Cancelled)).toBe(true);
    expectTiling(account);
  });

  test('abort while the source is stalled: rejects at once, the stream is destroyed, what was read is accounted', async () => {
    const stalled = new Readable({ objectMode: true, read() {} });
    for (let r = 0; r < 150; r++) stalled.push(row(r));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const err = await fixture.client.ingest({ collection_name: 'sunk', source: stalled, batch_rows: 100, signal: controller.signal }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).cause).toMatchObject({ code: MilvusErrorCode.Cancelled });
    const { account } = err as IngestError;
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 100]]);
    expect(account.rows_read).toBe(150);
    expect(account.failed).toMatchObject([{ from: 100, to: 150, error: { code: MilvusErrorCode.NotSent } }]);
    expectTiling(account);
    expect(stalled.destroyed).toBe(true);
  });
});
