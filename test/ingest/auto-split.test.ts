/**
 * `insert`/`upsert` split by encoded size, against a sink that refuses messages over 64 MiB as Milvus
 * does: every request under the limit and the target, every row exactly once and in order with every
 * field as sent (decoded from the requests the sink received), results merged in input order, bad input
 * anywhere found before anything is sent, and an honest account when a later request fails.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DataType, encodeInsertRequest, MilvusErrorCode, IngestError, InvalidInputError, MilvusClient, TransportError } from '../../src/index.js';
import { startWriteSink, type WriteSink } from '../fakes/write-sink.js';
import { expectEveryRowOnce, expectRowsAsSent, expectTiling } from './write-checks.js';

const MiB = 1024 * 1024;
const DIM = 8192;
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: String(DIM) }] },
  { name: 'tag', data_type: DataType.VarChar, type_params: [{ key: 'max_length', value: '65535' }], nullable: true },
];

let sink: WriteSink;
beforeAll(async () => {
  sink = await startWriteSink({ fields: FIELDS });
});
afterAll(async () => {
  await sink.close();
});
beforeEach(() => sink.reset());

/** `n` rows of `DIM` floats as columns; row r's vector starts with r, so rows are told apart cheaply. */
function columns(n: number): { id: BigInt64Array; vec: Float32Array } {
  const id = new BigInt64Array(n);
  const vec = new Float32Array(n * DIM);
  for (let r = 0; r < n; r++) {
    id[r] = BigInt(r);
    vec[r * DIM] = r;
  }
  vec.fill(0.25, 1, DIM); // the rest of row 0; other rows stay 0 beyond their first value
  return { id, vec };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('a 200 MB insert', () => {
  test('goes out in requests under the target and the server limit, every row once, merged in order', async () => {
    const n = 6500;
    const data = columns(n); // 6500 × 8192 × 4 B = 213 MB of vectors
    const client = new MilvusClient({ uri: sink.uri, timeout: 120_000 });
    const res = await client.insert({ collection_name: 'sunk', columns: data });
    await client.close();

    const inserts = sink.calls.filter((c) => c.method === 'Insert');
    expect(inserts).toHaveLength(sink.calls.length);
    expect(inserts.length).toBeGreaterThanOrEqual(Math.ceil((n * DIM * 4) / (16 * MiB)));
    for (const c of inserts) expect(c.bytes).toBeLessThanOrEqual(16 * MiB);
    expect(inserts.reduce((s, c) => s + c.bytes, 0)).toBeGreaterThan(200 * 1000 * 1000);
    // Every row exactly once, every value as sent (the tag column was not given: null in every row).
    const sent = (r: number) => ({ id: data.id[r], vec: data.vec.subarray(r * DIM, (r + 1) * DIM) });
    expectEveryRowOnce(expectRowsAsSent(inserts, sent, FIELDS), n);

    expect(res.insert_count).toBe(n);
    expect(res.insert_cnt).toBe(String(n));
    expect(res.ids).toEqual(range(0, n).map(String));
    expect(res.IDs).toEqual({ int_id: { data: range(0, n).map(String) }, id_field: 'int_id' });
    expect(res.succ_index).toEqual(range(0, n));
    expect(res.err_index).toEqual([]);
    expect(res.timestamp).toBe(String(1000 + inserts.length - 1));
  }, 180_000);

  test('the sink really refuses a message over 64 MiB, as a server would', async () => {
    const client = new MilvusClient({ uri: sink.uri, max_message_bytes: 128 * MiB, batch_bytes: 100 * MiB, timeout: 60_000 });
    const err = await client.insert({ collection_name: 'sunk', columns: columns(2100) }).catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ grpcCode: grpc.status.RESOURCE_EXHAUSTED, rpc: 'Insert' });
    expect(sink.calls).toHaveLength(0); // refused before the handler: nothing recorded
  }, 60_000);
});

describe('rows input', () => {
  const rows = (n: number, dim = DIM) => Array.from({ length: n }, (_, r) => ({ id: r, vec: new Array<number>(dim).fill(r % 7), tag: `t${r}` }));

  test('is cut by batch_bytes per call, results merged in input order, batch_rows respected', async () => {
    const data = rows(700);
    const client = new MilvusClient({ uri: sink.uri, concurrency: 3 });
    const res = await client.insert({ collection_name: 'sunk', data, batch_bytes: 1 * MiB, batch_rows: 25 });
    await client.close();
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 700);
    expect(sink.calls.length).toBeGreaterThanOrEqual(28);
    for (const c of sink.calls) {
      expect(c.numRows).toBeLessThanOrEqual(25);
      expect(c.bytes).toBeLessThanOrEqual(1 * MiB);
    }
    expect(sink.maxInFlight).toBeLessThanOrEqual(3);
    expect(res.ids).toEqual(range(0, 700).map(String));
    expect(res.succ_index).toEqual(range(0, 700));
    expect(res.insert_count).toBe(700);
  });

  test('rows of uneven size: a slice over the target is shrunk and re-encoded; no request over it', async () => {
    // Every 50th row carries a 20 KB tag, so an estimate from the first rows undershoots.
    const data = Array.from({ length: 3000 }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(0), tag: r % 50 === 49 ? 'x'.repeat(20_000) : 'y' }));
    const client = new MilvusClient({ uri: sink.uri });
    const res = await client.insert({ collection_name: 'sunk', data, batch_bytes: 2 * MiB });
    await client.close();
    for (const c of sink.calls) expect(c.bytes).toBeLessThanOrEqual(2 * MiB);
    expect(res.ids).toEqual(range(0, 3000).map(String));
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 3000);
  });

  test('a small call is one request, byte-identical to encodeInsertRequest', async () => {
    const data = rows(100, DIM);
    const client = new MilvusClient({ uri: sink.uri });
    await client.insert({ collection_name: 'sunk', data });
    await client.close();
    const expected = encodeInsertRequest({ collection_name: 'sunk', schema: { fields: FIELDS }, schema_timestamp: '0', data });
    expect(sink.calls).toHaveLength(1);
    const got = sink.calls[0].request;
    // Where the two first differ (-1: nowhere), so a failure points at the byte.
    const firstDifference = got.findIndex((byte, i) => byte !== expected[i]);
    expect({ length: got.length, firstDifference }).toEqual({ length: expected.length, firstDifference: -1 });
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 100);
  });

  test('upsert is split and merged the same way, sent as Upsert', async () => {
    const data = rows(300);
    const client = new MilvusClient({ uri: sink.uri });
    const res = await client.upsert({ collection_name: 'sunk', data, batch_bytes: 256 * 1024 });
    await client.close();
    expect(sink.calls.length).toBeGreaterThan(3);
    expect(sink.calls.every((c) => c.method === 'Upsert')).toBe(true);
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 300);
    expect(res.upsert_count).toBe(300);
    expect(res.ids).toEqual(range(0, 300).map(String));
  });
});

describe('bad input anywhere: nothing is sent', () => {
  test('a bad value in the last batch names its row in the whole input', async () => {
    const data = Array.from({ length: 2000 }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(1) }));
    data[1998].vec = new Array<number>(DIM - 1).fill(1);
    const client = new MilvusClient({ uri: sink.uri });
    const err = await client.insert({ collection_name: 'sunk', data, batch_bytes: 1 * MiB }).catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ row: 1998, field: 'vec' });
    expect((err as Error).message).toContain('row 1998');
    expect(sink.calls).toHaveLength(0);
  });

  test('one row larger than the server limit is refused by row, before anything is sent', async () => {
    const data = Array.from({ length: 400 }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(0), tag: r === 377 ? 'z'.repeat(60_000) : 'ok' }));
    const client = new MilvusClient({ uri: sink.uri, max_message_bytes: 64 * 1024, batch_bytes: 48 * 1024 });
    const err = await client.insert({ collection_name: 'sunk', data }).catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ row: 377 });
    expect((err as Error).message).toMatch(/row 377: it encodes to \d+ bytes, more than the server accepts in one request \(max_message_bytes 65536\)/);
    expect(sink.calls).toHaveLength(0);
  });

  test('a row between batch_bytes and the limit goes alone', async () => {
    const data = Array.from({ length: 10 }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(0), tag: r === 4 ? 'z'.repeat(40_000) : 'ok' }));
    const client = new MilvusClient({ uri: sink.uri, max_message_bytes: 128 * 1024, batch_bytes: 70 * 1024 });
    const res = await client.insert({ collection_name: 'sunk', data });
    await client.close();
    const alone = sink.calls.find((c) => c.pks.includes(4n))!;
    expect(alone.numRows).toBe(1);
    expect(alone.bytes).toBeGreaterThan(70 * 1024);
    expect(res.ids).toEqual(range(0, 10).map(String));
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 10);
  });

  test('batch_bytes above max_message_bytes is refused, per client and per call', async () => {
    expect(() => new MilvusClient({ uri: sink.uri, batch_bytes: 65 * MiB })).toThrow(/batch_bytes \(68157440, client option\) must not exceed max_message_bytes \(67108864\)/);
    const client = new MilvusClient({ uri: sink.uri, max_message_bytes: 8 * MiB });
    const err = await client.insert({ collection_name: 'sunk', data: [{ id: 1, vec: new Array(DIM).fill(0) }], batch_bytes: 9 * MiB }).catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ field: 'batch_bytes' });
    expect(sink.calls).toHaveLength(0);
  });
});

describe('a later request fails', () => {
  test('IngestError: the account says which rows landed, which failed, and nothing is lost', async () => {
    sink.respond((call) => (call.index === 2 ? { kind: 'status', code: 65535, reason: 'disk full' } : { kind: 'ok' }));
    const client = new MilvusClient({ uri: sink.uri, concurrency: 1 });
    const n = 1000;
    const data = Array.from({ length: n }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(0) }));
    const err = await client.insert({ collection_name: 'sunk', data, batch_rows: 100 }).catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect((err as IngestError).code).toBe(MilvusErrorCode.IngestIncomplete);
    expect(((err as IngestError).cause as Error).message).toContain('disk full');
    expect(account.rows_read).toBe(n);
    expect(account.landed.map((s) => [s.from, s.to])).toEqual([[0, 100], [100, 200]]);
    expect(account.landed[1].ids).toEqual(range(100, 200).map(String));
    expect(account.in_doubt).toEqual([]);
    expect(account.failed[0]).toMatchObject({ from: 200, to: 300, error: { code: MilvusErrorCode.Server, serverCode: 65535 } });
    expect(account.failed.slice(1).every((s) => s.error.code === MilvusErrorCode.NotSent)).toBe(true);
    expectTiling(account);
    expect(sink.calls).toHaveLength(3); // stopped after the failure
    // What reached the server, the refused request included, is rows 0..300 as sent.
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 300);
  });

  test('the first of several requests failing, nothing landed: the plain error', async () => {
    sink.respond(() => ({ kind: 'status', code: 65535, reason: 'nope' }));
    const client = new MilvusClient({ uri: sink.uri, concurrency: 1 });
    const data = Array.from({ length: 300 }, (_, r) => ({ id: r, vec: new Array<number>(DIM).fill(0) }));
    const err = await client.insert({ collection_name: 'sunk', data, batch_rows: 100 }).catch((e: unknown) => e);
    await client.close();
    expect(err).not.toBeInstanceOf(IngestError);
    expect(err).toMatchObject({ code: MilvusErrorCode.Server, serverCode: 65535, rpc: 'Insert' });
    expect(sink.calls).toHaveLength(1);
    expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => data[r]!, FIELDS), 100);
  });
});
