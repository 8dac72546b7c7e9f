/**
 * The CLI's contract at its edges: usage errors exit 2 with a message saying what was expected, a file
 * the reader cannot read exits 1 naming the line or row and printing the account of rows.
 */
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { CLI, allRows, runCli } from './cli-helpers.js';

let dir: string;
let removeDir: () => Promise<void>;
let client: MilvusClient;
let collection: string;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await tempDir('cli'));
  client = new MilvusClient({ uri: milvusUri() });
  collection = uniqueName('cli_usage');
  await client.createCollection({ collection_name: collection, dimension: 3 });
  await writeFile(join(dir, 'ok.jsonl'), '{"id": 1, "vector": [1, 2, 3]}\n');
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection }).catch(() => undefined);
  await client.close();
  await removeDir();
});

describe('usage errors exit 2', () => {
  const cases: [string, (d: string) => string[], RegExp][] = [
    ['no command', () => [], /missing command/],
    ['an unknown command', () => ['load', 'x.jsonl'], /unknown command "load": expected "ingest"/],
    ['no file', () => ['ingest', '--uri', 'http://127.0.0.1:1', '--collection', 'c'], /missing the input file/],
    ['no --uri', (d) => ['ingest', join(d, 'ok.jsonl'), '--collection', 'c'], /--uri is required/],
    ['a --uri that is no accepted form', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'http:/127.0.0.1:19530', '--collection', 'c'], /^milvus-wasm: --uri "http:\/127\.0\.0\.1:19530" needs "\/\/" after "http:"; expected a remote Milvus as /],
    ['a --uri path not ending in .db', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', './milvus', '--collection', 'c'], /--uri "\.\/milvus" is a path, but only a path ending in \.db is a local Milvus Lite file/],
    ['no --collection', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'http://127.0.0.1:1'], /--collection is required/],
    ['an unknown option', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'u', '--collection', 'c', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['an unknown extension', (d) => ['ingest', join(d, 'data.xml'), '--uri', 'u', '--collection', 'c'], /cannot tell the format of ".*data\.xml" from its extension: pass --format jsonl\|csv\|parquet\|npy/],
    ['a bad --format', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'u', '--collection', 'c', '--format', 'xls'], /--format must be one of jsonl, csv, parquet, npy, got "xls"/],
    ['a bad --batch-bytes', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'u', '--collection', 'c', '--batch-bytes', '1k'], /--batch-bytes must be an integer from 1 to \d+, got "1k"/],
    ['--ids for JSON Lines', (d) => ['ingest', join(d, 'ok.jsonl'), '--uri', 'u', '--collection', 'c', '--ids', 'x.npy'], /--ids and --id-start apply to \.npy input only/],
    ['a missing file', (d) => ['ingest', join(d, 'absent.jsonl'), '--uri', 'u', '--collection', 'c'], /input file ".*absent\.jsonl" does not exist/],
  ];
  test.each(cases)('%s', async (_name, args, message) => {
    const run = await runCli(args(dir));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Run `milvus-wasm --help` for the options.');
    expect(run.stdout).toBe('');
  });

  test('a missing collection without --create', async () => {
    const run = await runCli(['ingest', join(dir, 'ok.jsonl'), '--uri', milvusUri(), '--collection', uniqueName('absent')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/collection "absent_\w+" does not exist: pass --create/);
  });

  test('a leftover checkpoint without --resume', async () => {
    const file = join(dir, 'left.jsonl');
    await writeFile(file, '{"id": 1, "vector": [1, 2, 3]}\n');
    await writeFile(`${file}.milvus-wasm-checkpoint.json`, JSON.stringify({ version: 1, landed_through: 0 }));
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('records an interrupted run: pass --resume to continue it, or delete it to start over');
  });

  test('--resume with a checkpoint of a file that has changed since', async () => {
    const file = join(dir, 'changed.jsonl');
    await writeFile(file, '{"id": 1, "vector": [1, 2, 3]}\n');
    const { size, mtimeMs } = await stat(file);
    await writeFile(`${file}.milvus-wasm-checkpoint.json`, JSON.stringify({
      version: 2, file: { path: file, size: size + 1, mtime_ms: Math.trunc(mtimeMs), sha256: '0'.repeat(64) }, format: 'jsonl', collection, db: '', pk_supplied: true,
      landed_through: 1, landed: [], read_through: 1, in_doubt: [], failed: [], updated_at: new Date().toISOString(),
    }));
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--resume']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} changed since the checkpoint was written (${size + 1} bytes then, ${size} now)`);
  });

  test('--help prints the usage and exits 0; the built CLI is an executable with a shebang', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: milvus-wasm ingest <file> --uri <uri> --collection <name>/);
    const version = await runCli(['--version']);
    expect(version.stdout).toBe(`${JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`);
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((await stat(CLI)).mode & 0o111).not.toBe(0);
  });
});

describe('a bad input file exits 1, naming the line or row', () => {
  test('JSON Lines: the message names the bad line; the rows before it landed, only it failed, the rest was not read', async () => {
    const file = join(dir, 'bad.jsonl');
    const lines = Array.from({ length: 120 }, (_, i) => `{"id": ${1000 + i}, "vector": [1, 2, 3]}`);
    lines.splice(50, 0, ''); // a blank line: row 100 is on line 102
    lines.splice(101, 1, '{"id": 1100, "vector": [1, 2, 3]');
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--batch-rows', '10', '--concurrency', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ingest stopped: bad\.jsonl line 102: not a JSON object: /);
    expect(run.stderr).toContain('  landed:   100 rows: 0-99 (first at line 1)\n');
    expect(run.stderr).toContain('  failed:   1 row: 100 (first at line 102)\n');
    expect(run.stderr).toMatch(/^ {12}row 100: .*bad\.jsonl line 102: not a JSON object: /m);
    expect(run.stderr).toContain('  in doubt: none');
    expect(run.stderr).toContain('  not read: rows 101 to the end');
    expect(run.stderr).toContain(`checkpoint: ${file}.milvus-wasm-checkpoint.json`);
    const present = (await allRows(client, collection, 'id', ['id'])).map((r) => Number(r.id)).filter((id) => id >= 1000 && id < 1200);
    expect(present).toEqual(Array.from({ length: 100 }, (_, i) => 1000 + i));
  });

  test('JSON Lines: a vector of the wrong length names its line and field', async () => {
    const file = join(dir, 'dim.jsonl');
    await writeFile(file, '{"id": 21, "vector": [1, 2, 3]}\n{"id": 22, "vector": [1, 2]}\n');
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dim.jsonl line 2: field "vector": expected a vector of 3 values (dim 3), got 2');
  });

  test('CSV: a cell that is not an Int64 names its line and field', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'id,vector\n31,"[1,2,3]"\nabc,"[1,2,3]"\n');
    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.csv line 3: field "id": expected an Int64 integer, got "abc"');
    expect(run.stderr).toContain('  failed:   ');
  });

  test('an unreachable server: exit 1 with the transport error, no checkpoint left', async () => {
    const run = await runCli(['ingest', join(dir, 'ok.jsonl'), '--uri', 'http://127.0.0.1:1', '--collection', 'c']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^milvus-wasm: DescribeCollection: UNAVAILABLE: Milvus at 127\.0\.0\.1:1 is unavailable/);
    expect(existsSync(join(dir, 'ok.jsonl.milvus-wasm-checkpoint.json'))).toBe(false);
  });

  test('NumPy: a file without the .npy magic is refused before anything is sent', async () => {
    const file = join(dir, 'bad.npy');
    await writeFile(file, 'this is not numpy');
    const run = await runCli(['ingest', file, '--id-start', '0', '--uri', milvusUri(), '--collection', collection]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.npy header: not a NumPy .npy file (the magic \\x93NUMPY is missing)');
    expect(existsSync(`${file}.milvus-wasm-checkpoint.json`)).toBe(false);
  });
});
