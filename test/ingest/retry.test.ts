/**
 * Retries and their limits, against a sink: rate limiting is retried with backoff until it lands; a
 * request that never left the client is retried; a stalled server costs one attempt and leaves the batch
 * in doubt; a connection lost after sending is resent as an upsert only when the rows carry their own
 * keys. Each time the account matches what the sink received, and every row the sink received is,
 * field by field, the source row it came from (checked after every test).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DataType, MilvusErrorCode, IngestError, MilvusClient, ServerError, TransportError } from '../../src/index.js';
import { pickFreePort } from '../../src/lite/free-port.js';
import { startTcpProxy, type TcpProxy } from '../fakes/tcp-proxy.js';
import { spanOf, startWriteSink, type WriteCall, type WriteSink } from '../fakes/write-sink.js';
import { expectEveryRowOnce, expectRowsAsSent, expectTiling } from './write-checks.js';

const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: '4' }] },
];
const AUTO_ID_FIELDS = [{ ...FIELDS[0], autoID: true }, FIELDS[1]];
const FAST = { attempts: 5, base_ms: 1, cap_ms: 5 };

const rowAt = (r: number, withId = true) => (withId ? { id: r, vec: [r, 0, 0, 1] } : { vec: [r, 0, 0, 1] });
function* rows(n: number, withIds = true) {
  for (let r = 0; r < n; r++) yield rowAt(r, withIds);
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const attemptsOn = (calls: WriteCall[], from: number) => calls.filter((c) => c.pks.length > 0 && Number(c.pks[0]) === from);

let sink: WriteSink;
let client: MilvusClient | undefined;
beforeAll(async () => {
  sink = await startWriteSink({ fields: FIELDS });
});
afterAll(async () => {
  await sink.close();
});
beforeEach(() => sink.reset());
afterEach(async () => {
  await client?.close();
  client = undefined;
  // Every attempt that reached the sink, resends included, carried the source rows as they were.
  expectRowsAsSent(sink.calls, rowAt, FIELDS);
});

describe('rate limiting', () => {
  test.each([
    ['code 8', { code: 8, reason: 'rate limit exceeded[rate=100]' }],
    ['legacy error_code RateLimit (49)', { code: 0, errorCode: 49, reason: 'request is rejected by grpc RateLimiter middleware' }],
  ])('%s three times, then success: retried and landed, four attempts', async (_what, status) => {
    let refused = 0;
    sink.respond((call) => (Number(call.pks[0]) === 200 && refused++ < 3 ? { kind: 'status', ...status } : { kind: 'ok' }));
    client = new MilvusClient({ uri: sink.uri, retry: FAST, concurrency: 1 });
    const res = await client.ingest({ collection_name: 'sunk', source: rows(500), batch_rows: 100 });
    expect(attemptsOn(sink.calls, 200)).toHaveLength(4);
    expect(attemptsOn(sink.calls, 200).every((c) => c.method === 'Insert')).toBe(true);
    expect(sink.calls).toHaveLength(8);
    expect(res.insert_count).toBe(500);
    expect(res.ids).toEqual(range(0, 500).map(String));
  });

  test('insert() retries too', async () => {
    let refused = 0;
    sink.respond(() => (refused++ < 2 ? { kind: 'status', code: 8, reason: 'slow down' } : { kind: 'ok' }));
    client = new MilvusClient({ uri: sink.uri, retry: FAST });
    const res = await client.insert({ collection_name: 'sunk', data: [...rows(10)] });
    expect(sink.calls).toHaveLength(3);
    expect(res.insert_count).toBe(10);
  });

  test('past the attempt limit: failed (certainly not written), not in doubt', async () => {
    sink.respond((call) => (Number(call.pks[0]) === 200 ? { kind: 'status', code: 8, reason: 'rate limit exceeded' } : { kind: 'ok' }));
    client = new MilvusClient({ uri: sink.uri, retry: { ...FAST, attempts: 3 }, concurrency: 1 });
    const err = await client.ingest({ collection_name: 'sunk', source: rows(500), batch_rows: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect(attemptsOn(sink.calls, 200)).toHaveLength(3);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 100], [100, 200]]);
    expect(account.failed[0].from).toBe(200);
    expect(account.failed[0].to).toBe(300);
    expect(account.failed[0].error).toBeInstanceOf(ServerError);
    expect(account.failed[0].error.code).toBe(MilvusErrorCode.RateLimited);
    expect(account.in_doubt).toEqual([]);
    expectTiling(account);
    expect(sink.calls.some((c) => Number(c.pks[0]) >= 300)).toBe(false);
  });
});

describe('a stalled server', () => {
  test('deadline: one attempt, no resend even with caller keys; the batch is in doubt, the rest accounted', async () => {
    sink.respond((call) => (Number(call.pks[0]) === 200 ? { kind: 'never' } : { kind: 'ok' }));
    client = new MilvusClient({ uri: sink.uri, retry: FAST, concurrency: 1, timeout: 400 });
    const started = Date.now();
    const err = await client.ingest({ collection_name: 'sunk', source: rows(1000), batch_rows: 100 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect(attemptsOn(sink.calls, 200)).toHaveLength(1);
    expect(sink.calls.filter((c) => c.method === 'Upsert')).toHaveLength(0);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 100], [100, 200]]);
    expect(account.in_doubt).toHaveLength(1);
    expect(account.in_doubt[0]).toMatchObject({ from: 200, to: 300 });
    expect(account.in_doubt[0].error).toBeInstanceOf(TransportError);
    expect(account.in_doubt[0].error.code).toBe(MilvusErrorCode.Timeout);
    // Read ahead while the stalled batch was out: at most one more batch (and the rows gathering for it).
    expect(account.rows_read).toBeLessThanOrEqual(500);
    expect(account.failed.every((s) => s.error.code === MilvusErrorCode.NotSent)).toBe(true);
    expectTiling(account);
    expect(sink.calls).toHaveLength(3);
  });
});

describe('a connection lost after the request was sent', () => {
  let proxy: TcpProxy;
  beforeEach(async () => {
    proxy = await startTcpProxy(sink.port);
  });
  afterEach(async () => {
    await proxy.close();
  });

  test('caller keys: the batch is resent as an upsert (idempotent), lands once, nothing in doubt', async () => {
    let cut = false;
    sink.respond((call) => {
      if (Number(call.pks[0]) !== 200 || cut) return { kind: 'ok' };
      cut = true;
      setImmediate(() => proxy.cut());
      return { kind: 'never' };
    });
    client = new MilvusClient({ uri: proxy.uri, retry: { attempts: 5, base_ms: 20, cap_ms: 100 }, concurrency: 1 });
    const res = await client.ingest({ collection_name: 'sunk', source: rows(500), batch_rows: 100 });
    expect(attemptsOn(sink.calls, 200).map((c) => c.method)).toEqual(['Insert', 'Upsert']);
    expect(res.insert_count).toBe(500);
    expect(res.ids).toEqual(range(0, 500).map(String));
    const landedOnce = sink.calls.filter((c) => c.method === 'Upsert' || Number(c.pks[0]) !== 200).map(spanOf).sort((a, b) => a.from - b.from);
    expect(landedOnce.map((s) => s.from)).toEqual([0, 100, 200, 300, 400]);
  });

  test('auto_id: no safe resend, so the batch is in doubt and the ingest stops', async () => {
    const autoSink = await startWriteSink({ fields: AUTO_ID_FIELDS });
    const autoProxy = await startTcpProxy(autoSink.port);
    autoSink.respond((call) => {
      if (call.index !== 2) return { kind: 'ok' };
      setImmediate(() => autoProxy.cut());
      return { kind: 'never' };
    });
    client = new MilvusClient({ uri: autoProxy.uri, retry: FAST, concurrency: 1 });
    const err = await client.ingest({ collection_name: 'sunk', source: rows(500, false), batch_rows: 100 }).catch((e: unknown) => e);
    const calls = autoSink.calls.slice();
    await autoProxy.close();
    await autoSink.close();
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect(calls.map((c) => c.method)).toEqual(['Insert', 'Insert', 'Insert']);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 100], [100, 200]]);
    expect(account.landed[0].ids).toEqual(range(1_000_000, 1_000_100).map(String));
    expect(account.in_doubt).toHaveLength(1);
    expect(account.in_doubt[0]).toMatchObject({ from: 200, to: 300 });
    expect(account.in_doubt[0].error).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: false });
    expectTiling(account);
    // No keys on the wire: a row is placed by its vector, whose first value is its source position.
    const spans = expectRowsAsSent(calls, (r) => rowAt(r, false), AUTO_ID_FIELDS, (row) => (row.vec as Float32Array)[0]!);
    expectEveryRowOnce(spans, 300);
  });
});

describe('a request that never left the client', () => {
  /** A client that has the schema cached from a sink on `port`, which is then gone. */
  async function clientOfVanishedSink(port: number, retry: object): Promise<MilvusClient> {
    const gone = await startWriteSink({ fields: FIELDS, port });
    const c = new MilvusClient({ uri: `http://127.0.0.1:${port}`, retry, concurrency: 1 });
    await c.describeCollection({ collection_name: 'sunk' });
    await gone.close();
    await new Promise((r) => setTimeout(r, 200)); // let the client see its connection close
    return c;
  }

  test('nothing listening: retried up to the limit, then failed with "not sent"', async () => {
    const port = await pickFreePort();
    client = await clientOfVanishedSink(port, { attempts: 3, base_ms: 1, cap_ms: 5 });
    const err = await client.insert({ collection_name: 'sunk', data: [...rows(10)] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: true, rpc: 'Insert' });
  });

  test('the server is back after a while: retried until it answers, every batch landed once', async () => {
    const port = await pickFreePort();
    client = await clientOfVanishedSink(port, { attempts: 40, base_ms: 100, cap_ms: 300 });
    let back: WriteSink | undefined;
    const restart = new Promise<void>((resolve) => setTimeout(() => void startWriteSink({ fields: FIELDS, port }).then((s) => {
      back = s;
      resolve();
    }), 300));
    const started = Date.now();
    const res = await client.insert({ collection_name: 'sunk', data: [...rows(400)], batch_rows: 100 });
    await restart;
    const calls = back!.calls.slice();
    await back!.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(res.insert_count).toBe(400);
    expect(res.ids).toEqual(range(0, 400).map(String));
    expect(calls.map((c) => [c.method, spanOf(c).from])).toEqual([['Insert', 0], ['Insert', 100], ['Insert', 200], ['Insert', 300]]);
    expectEveryRowOnce(expectRowsAsSent(calls, rowAt, FIELDS), 400);
  }, 30_000);
});
