/**
 * What `--resume` trusts, and what a bad row costs. A real checkpoint is made by a run that stops at a bad
 * line; then each way a checkpoint can be wrong (beyond the file, fractional, negative, a key missing, an
 * older layout, the file's bytes changed at the same size) must be refused with a message saying what is
 * wrong, before anything is sent. And a value a CSV or Parquet reader cannot read fails that one row: the
 * rows read before it land, the rows after it are not read.
 */
import { readFileSync, statSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DataType } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { allRows, python, runCli, useCliFixture } from './cli-helpers.js';

const fx = useCliFixture();

const N = 40;
const BAD = 30;
const line = (i: number) => `{"id": ${5000 + i}, "vector": [${i}, 1, 2]}`;
type Checkpoint = Record<string, any>;

describe('--resume refuses a checkpoint it cannot trust', () => {
  let collection: string;
  let file: string;
  let checkpointPath: string;
  let genuine: Checkpoint;
  const args = () => ['ingest', file, '--uri', milvusUri(), '--collection', collection, '--batch-rows', '8', '--concurrency', '1', '--no-progress'];

  beforeAll(async () => {
    collection = uniqueName('cli_trust');
    fx.created.push(collection);
    file = join(fx.dir, 'trust.jsonl');
    checkpointPath = `${file}.milvus-wasm-checkpoint.json`;
    const lines = Array.from({ length: N }, (_, i) => (i === BAD ? '{"id": 1, "vector": [' : line(i)));
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await runCli([...args(), '--create']);
    expect(run.code, run.stderr).toBe(1);
    genuine = JSON.parse(readFileSync(checkpointPath, 'utf8')) as Checkpoint;
    expect(genuine).toMatchObject({ version: 2, landed_through: BAD, failed: [{ from: BAD, to: BAD + 1 }] });
    expect(genuine.file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  /** Each case edits a copy of the genuine checkpoint, or returns what to write instead. */
  const cases: [string, (c: Checkpoint) => unknown, RegExp][] = [
    ['landed_through beyond the file', (c) => (c.landed_through = 1_000_000), /it accounts for rows 40-999999, but .*trust\.jsonl has 40 rows/],
    ['a landed range beyond the file', (c) => void (c.landed = [{ from: 39, to: 41 }]), /it accounts for rows 40, but .* has 40 rows/],
    ['an in-doubt range beyond the file', (c) => void (c.in_doubt = [{ from: 45, to: 50 }]), /it accounts for rows 45-49, but .* has 40 rows/],
    ['a fractional landed_through', (c) => (c.landed_through = 12.5), /expected "landed_through" to be a whole number of rows ≥ 0, got 12\.5/],
    ['a negative landed_through', (c) => (c.landed_through = -5), /expected "landed_through" to be a whole number of rows ≥ 0, got -5/],
    ['landed_through as a string', (c) => (c.landed_through = '30'), /expected "landed_through" to be a whole number of rows ≥ 0, got "30"/],
    ['landed missing', (c) => delete c.landed, /expected "landed" to be a list of row ranges, got nothing \(the key is missing\)/],
    ['read_through missing', (c) => delete c.read_through, /expected "read_through" to be a whole number of rows ≥ 0, got nothing/],
    ['the file hash missing', (c) => delete c.file.sha256, /expected "file\.sha256" to be a SHA-256 in hex, got nothing/],
    ['a range that ends before it starts', (c) => void (c.failed = [{ from: 7, to: 3 }]), /expected "failed\[0\]" to be \{ "from": row, "to": a later row \}/],
    ['the layout of an earlier version', (c) => (c.version = 1), /written by an earlier milvus-wasm, which kept no hash of the file/],
    ['an unknown version', (c) => (c.version = 'x'), /expected "version": 2, got "x"/],
    ['a list instead of an object', (c) => [c], /expected a JSON object, got an array/],
  ];

  test.each(cases)('%s: exit 2, the reason, nothing sent, the checkpoint kept', async (_name, edit, reason) => {
    const tampered = structuredClone(genuine);
    const replaced = edit(tampered);
    const text = JSON.stringify(Array.isArray(replaced) ? replaced : tampered);
    await writeFile(checkpointPath, text);
    const before = (await allRows(fx.client, collection, 'id', ['id'])).length;
    const run = await runCli([...args(), '--resume']);
    expect(run.stderr).toMatch(new RegExp(`^milvus-wasm: cannot resume from ${checkpointPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toMatch(/delete (it|the checkpoint) to start over/);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect((await allRows(fx.client, collection, 'id', ['id'])).length).toBe(before);
    expect(readFileSync(checkpointPath, 'utf8')).toBe(text);
  });

  test('the file changed in place, same size and time: refused by its hash', async () => {
    const original = readFileSync(file);
    const { mtime } = statSync(file);
    await writeFile(checkpointPath, JSON.stringify(genuine));
    // Row 3's vector [3, 1, 2] becomes [3, 1, 3]: same length, other bytes.
    await writeFile(file, original.toString().replace(line(3), line(3).replace('1, 2]', '1, 3]')));
    await utimes(file, mtime, mtime);
    try {
      const run = await runCli([...args(), '--resume']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${file} changed since the checkpoint was written (same size, different bytes (SHA-256))`);
    } finally {
      await writeFile(file, original);
    }
  });

  test('a touched file (same bytes, new time) resumes; read_through past the end adds no phantom rows in doubt', async () => {
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    await writeFile(checkpointPath, JSON.stringify({ ...genuine, read_through: N + 500 }));
    const run = await runCli([...args(), '--resume']);
    // Rows 31-39 were never read: taken ahead, they count as in doubt, but only those in the file.
    expect(run.stderr).toContain(`: ${BAD} rows landed before and are skipped; ${N - BAD - 1} rows in doubt (${BAD + 1}-${N - 1}) are re-sent with upsert`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`  failed:   1 row: ${BAD} (first at line ${BAD + 1})`);
    const ids = (await allRows(fx.client, collection, 'id', ['id'])).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => 5000 + i).filter((id) => id !== 5000 + BAD));
  });
});

describe('a value the reader cannot read fails that row only', () => {
  /** Runs the CLI on `file` into a new collection (Int64 ids); checks the account and what landed. */
  async function expectOneBadRow(file: string, where: string, message: RegExp): Promise<void> {
    const collection = uniqueName('cli_badrow');
    fx.created.push(collection);
    await fx.client.createCollection({
      collection_name: collection,
      fields: [{ name: 'id', data_type: DataType.Int64, is_primary_key: true }, { name: 'vector', data_type: DataType.FloatVector, dim: 3 }],
      index_params: { field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' },
    });
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--batch-rows', '8', '--concurrency', '1', '--no-progress']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(new RegExp(`^ {2}landed: {3}${BAD} rows: 0-${BAD - 1}\\b`, 'm'));
    expect(run.stderr).toMatch(new RegExp(`^ {2}failed: {3}1 row: ${BAD}\\b`, 'm'));
    expect(run.stderr).toMatch(new RegExp(`^ {12}row ${BAD}: .*${where}`, 'm'));
    expect(run.stderr).toContain(`  not read: rows ${BAD + 1} to the end`);
    const ids = (await allRows(fx.client, collection, 'id', ['id'])).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: BAD }, (_, i) => 7000 + i));
  }

  test('CSV: a cell that is not an Int64', async () => {
    const file = join(fx.dir, 'badrow.csv');
    const lines = ['id,vector', ...Array.from({ length: N }, (_, i) => `${i === BAD ? 'abc' : 7000 + i},"[${i},1,2]"`)];
    await writeFile(file, `${lines.join('\n')}\n`);
    await expectOneBadRow(file, `line ${BAD + 2}`, new RegExp(`ingest stopped: badrow\\.csv line ${BAD + 2}: field "id": expected an Int64 integer, got "abc"`));
  });

  test('Parquet: a string id that is not an integer', async () => {
    const file = join(fx.dir, 'badrow.parquet');
    await python(`
import sys, pyarrow as pa, pyarrow.parquet as pq
ids = [str(7000 + i) if i != ${BAD} else 'abc' for i in range(${N})]
vectors = [[float(i), 1.0, 2.0] for i in range(${N})]
pq.write_table(pa.table({'id': ids, 'vector': pa.array(vectors, pa.list_(pa.float32()))}), sys.argv[1], row_group_size=16)
`, file);
    await expectOneBadRow(file, `row ${BAD}`, new RegExp(`ingest stopped: badrow\\.parquet row ${BAD}: `));
  });
});
