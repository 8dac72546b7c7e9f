/**
 * 10 000 malformed writes (rows, columns, options, sources), generated from a fixed seed: each must
 * end in a `MilvusError`, quickly, and not one Insert or Upsert may reach the server. Then a good write
 * on the same client must arrive whole, every field of every row as sent: the sink was listening.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DataType, IngestError, MilvusClient, MilvusError } from '../../src/index.js';
import { startWriteSink, type WriteSink } from '../fakes/write-sink.js';
import { prng } from '../helpers/prng.js';
import { expectEveryRowOnce, expectRowsAsSent } from './write-checks.js';

const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: '4' }] },
  { name: 'tag', data_type: DataType.VarChar, type_params: [{ key: 'max_length', value: '8' }] },
  { name: 'score', data_type: DataType.Float, nullable: true },
];
const CASES = 10_000;
const SEED = 0x5eed_1234;
const HANG_MS = 10_000;

const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

type Row = Record<string, unknown>;
const goodRow = (r: number): Row => ({ id: r, vec: [0.5, r, -1, 2], tag: `t${r % 1000}`, score: r % 3 === 0 ? null : r / 2 });

/** Ways to spoil one row; every one is invalid for FIELDS. */
const ROW_DEFECTS: [string, (row: Row) => unknown][] = [
  ['not an object', () => pick([null, 42, 'row', [1, 2, 3], true, undefined])],
  ['a required field missing', (row) => (delete row[pick(['id', 'vec', 'tag'])], row)],
  ['a bad id', (row) => ((row.id = pick(['abc', 1.5, NaN, Infinity, {}, [], true, 2n ** 64n, -(2n ** 63n) - 1n, '9223372036854775808', 2 ** 53 + 2, '', ' 1'])), row)],
  ['a bad vector', (row) => ((row.vec = pick([[1, 2, 3], [1, 2, 3, 4, 5], [], 'abcd', { 0: 1 }, null, [1, 2, 'x', 4], [NaN, 0, 0, 0], [0, Infinity, 0, 0], new Float32Array(3), [1, 2, 3, undefined], [1e40, 0, 0, 0], [1n, 2, 3, 4]])), row)],
  ['a bad tag', (row) => ((row.tag = pick(['x'.repeat(9), 'ééééé', 12, null, {}, ['a'], '\uD800'])), row)],
  ['a bad score', (row) => ((row.score = pick(['high', {}, [1], NaN, 1n, 1e40])), row)],
  ['a field not in the schema', (row) => ((row[pick(['extra', '$meta', 'Id', 'vector'])] = 1), row)],
];

function spoiledRows(n: number): { rows: unknown[]; what: string } {
  const rows: unknown[] = Array.from({ length: n }, (_, r) => goodRow(r));
  const at = int(n);
  const [what, spoil] = pick(ROW_DEFECTS);
  rows[at] = spoil(goodRow(at));
  return { rows, what: `${what} at row ${at} of ${n}` };
}

/** Ways to spoil columns; every one is invalid for FIELDS. */
function spoiledColumns(n: number): { columns: unknown; what: string } {
  const good = () => ({
    id: BigInt64Array.from({ length: n }, (_, r) => BigInt(r)),
    vec: new Float32Array(n * 4).fill(0.5),
    tag: Array.from({ length: n }, (_, r) => `t${r % 100}`),
  });
  const c: Record<string, unknown> = good();
  const at = int(n);
  const defect = int(9);
  switch (defect) {
    case 0: return { columns: pick([null, 5, 'cols', [], {}]), what: 'not a column object' };
    case 1: c.vec = new Float32Array(n * 4 + 1 + int(3)); break;
    case 2: c.id = BigInt64Array.from({ length: n + 1 }, (_, r) => BigInt(r)); break;
    case 3: c.tag = pick(['abc', 7, { length: n }, new DataView(new ArrayBuffer(8))]); break;
    case 4: (c.vec as Float32Array)[at * 4 + int(4)] = pick([NaN, Infinity, -Infinity]); break;
    case 5: (c.tag as string[])[at] = 'y'.repeat(9 + int(20)); break;
    case 6: c[pick(['extra', 'vector', 'ID'])] = new Array(n).fill(1); break;
    case 7: delete c[pick(['id', 'vec', 'tag'])]; break;
    default: c.id = Array.from({ length: n }, (_, r) => (r === at ? pick(['x', 1.5, null, {}]) : r)); break;
  }
  return { columns: c, what: `column defect ${defect} at row ${at} of ${n}` };
}

const BAD_BATCHING: Record<string, unknown[]> = {
  batch_bytes: [0, -1, 1.5, NaN, '16', 2 ** 40, Infinity, {}, 65 * 1024 * 1024],
  batch_rows: [0, -3, 2.5, 'x', 1e12, null],
  concurrency: [0, 65, 1.5, '2', null, -1],
};
const BAD_CALL: Record<string, unknown[]> = {
  ...BAD_BATCHING,
  timeout: [-1, 0, 'x', NaN],
  collection_name: ['', 7, null, undefined],
};
const BAD_INGEST: Record<string, unknown[]> = {
  ...BAD_CALL,
  source: [5, 'rows', null, undefined, {}, new Uint8Array(4), Readable.from([Buffer.from('{}')], { objectMode: false })],
  onProgress: ['x', {}, 1],
  total_rows: [-1, 1.5, 'x'],
  upsert: ['yes', 1],
  partial_update: [true, 'no'],
  signal: [{}, 'x', 1],
  partition_name: [5, {}],
};
const BAD_CLIENT: Record<string, unknown[]> = {
  ...BAD_BATCHING,
  max_message_bytes: [0, 100, -5, '64', 2 ** 40],
  retry: ['often', 5, { attempts: 0 }, { attempts: 1.5 }, { base_ms: -1 }, { base_ms: 100, cap_ms: 10 }, { cap_ms: 'x' }],
};

function badOption(table: Record<string, unknown[]>): { key: string; value: unknown } {
  const key = pick(Object.keys(table));
  return { key, value: pick(table[key]) };
}

let sink: WriteSink;
let client: MilvusClient;
beforeAll(async () => {
  sink = await startWriteSink({ fields: FIELDS });
  client = new MilvusClient({ uri: sink.uri, retry: { attempts: 2, base_ms: 1, cap_ms: 2 } });
});
afterAll(async () => {
  await client.close();
  await sink.close();
});

/** One malformed operation, described; it runs the operation and returns how it ended. */
function makeCase(): { what: string; run: () => Promise<unknown> } {
  const kind = int(10);
  const n = 1 + int(kind < 4 ? 300 : 40);
  const split = rand() < 0.5 ? { batch_bytes: 1024 + int(4096) } : {};
  if (kind < 3) {
    const { rows, what } = spoiledRows(n);
    const op = rand() < 0.7 ? 'insert' : 'upsert';
    return { what: `${op} rows: ${what}`, run: () => client[op]({ collection_name: 'sunk', data: rows as Row[], ...split }) };
  }
  if (kind < 5) {
    const { columns, what } = spoiledColumns(n);
    return { what: `insert columns: ${what}`, run: () => client.insert({ collection_name: 'sunk', columns: columns as Record<string, unknown>, ...split }) };
  }
  if (kind < 7) {
    // Streamed: the bad row within the first batch, so nothing may be sent before it is found.
    const { rows, what } = spoiledRows(n);
    const source = pick(['array', 'generator', 'readable']);
    const make = () => (source === 'array' ? rows : source === 'generator' ? (function* () { yield* rows; })() : Readable.from(rows.map((r) => r ?? 0)));
    if (source === 'readable' && rows.some((r) => r === null || r === undefined)) return { what: `ingest (array): ${what}`, run: () => client.ingest({ collection_name: 'sunk', source: rows as Row[] }) };
    return { what: `ingest (${source}): ${what}`, run: () => client.ingest({ collection_name: 'sunk', source: make() as Iterable<Row> }) };
  }
  if (kind === 7) {
    const { key, value } = badOption(BAD_CALL);
    const rows = Array.from({ length: n }, (_, r) => goodRow(r));
    return { what: `insert with ${key}: ${String(value)}`, run: () => client.insert({ collection_name: 'sunk', data: rows, [key]: value } as never) };
  }
  if (kind === 8) {
    const { key, value } = badOption(BAD_INGEST);
    const rows = Array.from({ length: n }, (_, r) => goodRow(r));
    return { what: `ingest with ${key}: ${String(value)}`, run: () => client.ingest({ collection_name: 'sunk', source: rows, [key]: value } as never) };
  }
  const { key, value } = badOption(BAD_CLIENT);
  return {
    what: `client with ${key}: ${JSON.stringify(value)}`,
    run: async () => {
      const c = new MilvusClient({ uri: sink.uri, [key]: value } as never);
      await c.close();
    },
  };
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('HANG'), HANG_MS)));
  try {
    return await Promise.race([Promise.resolve().then(run).then(() => 'RESOLVED', (e: unknown) => e), hang]);
  } finally {
    clearTimeout(timer);
  }
}

test(`${CASES} malformed writes: each a MilvusError, none hangs, nothing reaches the server`, async () => {
  const kinds = new Map<string, number>();
  for (let i = 0; i < CASES; i++) {
    const { what, run } = makeCase();
    const result = await outcome(run);
    const label = `case ${i} (seed ${SEED}): ${what}`;
    if (!(result instanceof MilvusError)) expect.fail(`${label}: expected a MilvusError, got ${result instanceof Error ? `${result.name}: ${result.message}` : String(result)}`);
    if (result instanceof IngestError) expect(result.account.landed, label).toEqual([]);
    if (sink.calls.length > 0) expect.fail(`${label}: ${sink.calls.length} write(s) reached the server`);
    kinds.set(result.name, (kinds.get(result.name) ?? 0) + 1);
  }
  expect(sink.calls).toHaveLength(0);
  expect(kinds.get('InvalidInputError')).toBeGreaterThan(CASES / 2);
  expect(kinds.get('IngestError')).toBeGreaterThan(CASES / 20);
}, 240_000);

test('after them, good rows on the same client reach the sink whole, every field as sent', async () => {
  const rows = Array.from({ length: 300 }, (_, r) => goodRow(r));
  const res = await client.insert({ collection_name: 'sunk', data: rows, batch_bytes: 4096 });
  expect(res.insert_count).toBe(300);
  expect(sink.calls.length).toBeGreaterThan(1);
  expectEveryRowOnce(expectRowsAsSent(sink.calls, (r) => rows[r]!, FIELDS), 300);
});
