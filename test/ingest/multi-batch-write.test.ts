/**
 * `insert`/`upsert` of several batches: nothing is sent for bad input in the last batch, every row is read
 * once (what is sent is what was validated), requests go out in row order with every row once, and when
 * the write stops part-way (a refused or unanswered batch, an abort) the account says exactly which rows
 * landed, failed or are in doubt.
 */
import { describe, expect, test } from 'vitest';
import { DataType, IngestError, InvalidInputError, MilvusErrorCode } from '../../src/index.js';
import { spanOf } from '../fakes/write-sink.js';
import { abortAtCall, useWriteSink } from './sink-fixture.js';
import { expectTiling } from './write-checks.js';

const DIM = 16;
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: String(DIM) }] },
];
const ROWS = 1000;
/** Ten batches of 100 rows. */
const BATCH_ROWS = 100;
const row = (r: number): { id: number; vec: number[] } => ({ id: r, vec: Array.from({ length: DIM }, (_, k) => r + k / 16) });
const input = () => Array.from({ length: ROWS }, (_, r) => row(r));
const spans = (list: readonly { from: number; to: number }[]) => list.map((s) => [s.from, s.to]);
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const fixture = useWriteSink(FIELDS, row, { retry: { attempts: 1 } });

describe('bad input in the last batch', () => {
  test.each(['insert', 'upsert'] as const)('%s: refused by row and field, nothing sent', async (method) => {
    const data = input();
    data[ROWS - 2]!.vec = data[ROWS - 2]!.vec.slice(1);
    const err = await fixture.client[method]({ collection_name: 'sunk', data, batch_rows: BATCH_ROWS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ row: ROWS - 2, field: 'vec' });
    expect(fixture.sink.calls).toHaveLength(0);
  });
});

test('several batches go out in row order, every row once, the result merged in input order', async () => {
  const res = await fixture.client.insert({ collection_name: 'sunk', data: input(), batch_rows: BATCH_ROWS, concurrency: 1 });
  expect(fixture.sink.calls.map(spanOf)).toEqual(Array.from({ length: 10 }, (_, b) => ({ from: b * BATCH_ROWS, to: (b + 1) * BATCH_ROWS })));
  fixture.expectEveryRowOnce(ROWS);
  expect(res.insert_count).toBe(ROWS);
  expect(res.ids).toEqual(Array.from({ length: ROWS }, (_, r) => String(r)));
});

test('each row is read once: a value that changes after it was read is sent as validated', async () => {
  const data = input();
  const good = data[950]!.vec;
  let reads = 0;
  Object.defineProperty(data[950], 'vec', { enumerable: true, get: () => (reads++ === 0 ? good : good.slice(1)) });
  const res = await fixture.client.insert({ collection_name: 'sunk', data, batch_rows: BATCH_ROWS, concurrency: 1 });
  expect(reads).toBe(1);
  expect(res.insert_count).toBe(ROWS);
  fixture.expectEveryRowOnce(ROWS);
});

describe('the write stops part-way', () => {
  test('batch 1 refused while batch 0 is in flight and batch 2 taken: 0 landed, 1 failed, 2 and the rest not sent', async () => {
    fixture.sink.respond(async (call) => {
      if (call.pks[0] === 100n) return { kind: 'status', code: 65535, reason: 'disk full' };
      await delay(50);
      return { kind: 'ok' };
    });
    const err = await fixture.client.insert({ collection_name: 'sunk', data: input(), batch_rows: BATCH_ROWS, concurrency: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    expect(spans(account.landed)).toEqual([[0, 100]]);
    expect(account.failed[0]).toMatchObject({ from: 100, to: 200, error: { code: MilvusErrorCode.Server, serverCode: 65535 } });
    // Batch 2 was taken (ready to go) while 0 and 1 were on the wire, and then not sent.
    expect(spans(account.failed.slice(1))).toEqual([[200, 300], [300, 1000]]);
    expect(account.failed.slice(1).map((s) => s.error.code)).toEqual([MilvusErrorCode.NotSent, MilvusErrorCode.NotSent]);
    expect(account.in_doubt).toEqual([]);
    expectTiling(account);
    expect(fixture.sink.calls.map(spanOf)).toEqual([{ from: 0, to: 100 }, { from: 100, to: 200 }]);
  });

  test('batch 1 unanswered past its deadline: in doubt, not failed; the batches around it landed', async () => {
    fixture.sink.respond((call) => (call.pks[0] === 100n ? { kind: 'never' } : { kind: 'ok' }));
    const err = await fixture.client.insert({ collection_name: 'sunk', data: input(), batch_rows: BATCH_ROWS, concurrency: 2, timeout: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const { account } = err as IngestError;
    // The other slot kept sending while batch 1 hung: every later batch landed before its deadline.
    expect(spans(account.landed)).toEqual([[0, 100], ...Array.from({ length: 8 }, (_, b) => [(b + 2) * BATCH_ROWS, (b + 3) * BATCH_ROWS])]);
    expect(spans(account.in_doubt)).toEqual([[100, 200]]);
    expect(account.in_doubt[0]!.error.code).toBe(MilvusErrorCode.Timeout);
    expect(account.failed).toEqual([]);
    expectTiling(account);
  });

  test('abort mid-way: nothing more is sent, in-flight batches in doubt, every row accounted', async () => {
    const signal = abortAtCall(fixture.sink, 2);
    const err = await fixture.client.insert({ collection_name: 'sunk', data: input(), batch_rows: BATCH_ROWS, concurrency: 2, signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).cause).toMatchObject({ code: MilvusErrorCode.Cancelled });
    const { account } = err as IngestError;
    expect(account.rows_read).toBe(ROWS);
    expect(account.in_doubt.length).toBeGreaterThanOrEqual(1);
    expect(account.in_doubt.every((s) => s.error.code === MilvusErrorCode.Cancelled)).toBe(true);
    expect(account.failed.at(-1)).toMatchObject({ to: ROWS, error: { code: MilvusErrorCode.NotSent } });
    expectTiling(account);
    expect(fixture.sink.calls.length).toBeLessThanOrEqual(4);
  });
});
