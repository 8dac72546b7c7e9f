/**
 * `milvus-wasm ingest` end to end, one test per input format: a small file is made in a temp dir, the
 * built CLI runs as a child process against the test Milvus, and the collection is read back and
 * compared row by row. Primary keys sit above 2^53, so any rounding on the way would show.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataType, MilvusClient, type FieldType } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { allRows, python, runCli, useCliFixture } from './cli-helpers.js';

const BASE = 2n ** 60n;
const idOf = (i: number) => BASE + BigInt(i) * 1_000_003n;

const fx = useCliFixture();

/** A loaded collection with an Int64 key, a 3-d vector, a JSON field and a VarChar. */
async function richCollection(extra: FieldType[] = []): Promise<string> {
  const name = uniqueName('cli');
  fx.created.push(name);
  await fx.client.createCollection({
    collection_name: name,
    fields: [
      { name: 'id', data_type: DataType.Int64, is_primary_key: true },
      { name: 'vector', data_type: DataType.FloatVector, dim: 3 },
      { name: 'meta', data_type: DataType.JSON },
      { name: 'tag', data_type: DataType.VarChar, max_length: 32 },
      ...extra,
    ],
    index_params: { field_name: 'vector', index_type: 'AUTOINDEX', metric_type: 'L2' },
  });
  return name;
}

// `+ 0` turns -0 into 0, as the text of the file does.
const vectorOf = (i: number) => [i, -i / 2 + 0, 0.25];

describe('ingest from each format', () => {
  test('JSON Lines: exact int64 keys and JSON, blank and CRLF lines, summary on stdout', async () => {
    const collection = await richCollection();
    const n = 40;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      // Integer literals written in full: a JSON.parse-based reader would round both.
      lines.push(`{"id": ${idOf(i)}, "vector": [${vectorOf(i).join(', ')}], "meta": {"big": ${2n ** 62n + BigInt(i)}, "i": ${i}}, "tag": "t${i}"}`);
      if (i === 10) lines.push('');
    }
    const file = join(fx.dir, 'rows.jsonl');
    await writeFile(file, `${lines.join('\r\n')}\n`);

    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--concurrency', '1', '--batch-rows', '7']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^ingested 40 rows into "${collection}" in [\\d.]+ s: [\\d,]+ rows/s, [\\d.]+ MB/s\\n$`));

    const rows = await allRows(fx.client, collection);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => ({ id: String(idOf(i)), vector: vectorOf(i), meta: expect.objectContaining({ i }), tag: `t${i}` })));
    // The server compares the JSON value exactly: it was stored unrounded.
    const { data } = await fx.client.query({ collection_name: collection, filter: `meta["big"] == ${2n ** 62n + 7n}`, output_fields: ['id'], consistency_level: 'Strong' });
    expect(data).toEqual([{ id: String(idOf(7)) }]);
    expect(existsSync(`${file}.milvus-wasm-checkpoint.json`)).toBe(false);
  });

  test('CSV: cells converted by field type (Int64, Bool, Double, JSON and vector text)', async () => {
    const collection = await richCollection([
      { name: 'ok', data_type: DataType.Bool },
      { name: 'score', data_type: DataType.Double },
    ]);
    const n = 25;
    const lines = ['tag,id,vector,meta,ok,score'];
    for (let i = 0; i < n; i++) {
      lines.push(`"t,${i}",${idOf(i)},"[${vectorOf(i).join(',')}]","{""big"": ${2n ** 62n + BigInt(i)}}",${i % 2 === 0 ? 'true' : 'false'},${i / 4}`);
    }
    const file = join(fx.dir, 'rows.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--concurrency', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ingested 25 rows into/);
    const rows = await allRows(fx.client, collection);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => ({
      id: String(idOf(i)), vector: vectorOf(i), meta: expect.any(Object), tag: `t,${i}`, ok: i % 2 === 0, score: i / 4,
    })));
    const { data } = await fx.client.query({ collection_name: collection, filter: `meta["big"] == ${2n ** 62n + 24n}`, output_fields: ['id'], consistency_level: 'Strong' });
    expect(data).toEqual([{ id: String(idOf(24)) }]);
  });

  test('Parquet (zstd, several row groups) with --create inferring the dimension; extra columns become dynamic fields', async () => {
    const collection = uniqueName('cli_pq');
    fx.created.push(collection);
    const file = join(fx.dir, 'rows.parquet');
    const n = 30;
    await python(`
import sys, pyarrow as pa, pyarrow.parquet as pq
n = ${n}
ids = [2**60 + i * 1000003 for i in range(n)]
vectors = [[float(i), -i / 2 + 0.0, 0.25, 1.5] for i in range(n)]
table = pa.table({'id': pa.array(ids, pa.int64()), 'vector': pa.array(vectors, pa.list_(pa.float32())), 'tag': [f't{i}' for i in range(n)]})
pq.write_table(table, sys.argv[1], row_group_size=8, compression='zstd')
`, file);

    const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--create', '--concurrency', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`created collection "${collection}": id (Int64), vector (FloatVector, dim 4), dynamic fields on`);
    expect(run.stdout).toMatch(/^ingested 30 rows into/);
    const { schema } = await fx.client.describeCollection({ collection_name: collection });
    expect(schema.fields.find((f) => f.name === 'vector')?.dim).toBe('4');
    expect(schema.fields.find((f) => f.name === 'id')?.autoID).toBe(false);
    const rows = await allRows(fx.client, collection);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => ({ id: String(idOf(i)), vector: [i, -i / 2 + 0, 0.25, 1.5], tag: `t${i}` })));
  });

  test('NumPy .npy: float64 vectors narrowed to float32, int64 ids from --ids, columnar chunks', async () => {
    const collection = uniqueName('cli_npy');
    fx.created.push(collection);
    const vectors = join(fx.dir, 'vectors.npy');
    const ids = join(fx.dir, 'ids.npy');
    const n = 500;
    await python(`
import sys, numpy as np
n = ${n}
v = np.arange(n * 4, dtype=np.float64).reshape(n, 4) / 8
np.save(sys.argv[1], v)
np.save(sys.argv[2], np.array([2**60 + i * 1000003 for i in range(n)], dtype='<i8'))
`, vectors, ids);

    const run = await runCli(['ingest', vectors, '--ids', ids, '--uri', milvusUri(), '--collection', collection, '--create', '--concurrency', '1', '--batch-bytes', '4096']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('vector (FloatVector, dim 4)');
    expect(run.stdout).toMatch(/^ingested 500 rows into/);
    const rows = await allRows(fx.client, collection);
    expect(rows.length).toBe(n);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => ({ id: String(idOf(i)), vector: [0, 1, 2, 3].map((k) => (i * 4 + k) / 8) })));
  });

  test('NumPy .npy with --id-start numbers the rows from a key above 2^53', async () => {
    const collection = uniqueName('cli_npy_ids');
    fx.created.push(collection);
    const vectors = join(fx.dir, 'f4.npy');
    await python(`
import sys, numpy as np
np.save(sys.argv[1], np.array([[1, 2], [3, 4], [5, 6]], dtype='<f4'))
`, vectors);
    const start = 2n ** 53n + 1n;
    const run = await runCli(['ingest', vectors, '--id-start', String(start), '--uri', milvusUri(), '--collection', collection, '--create']);
    expect(run.code).toBe(0);
    expect(await allRows(fx.client, collection)).toEqual([
      { id: String(start), vector: [1, 2] },
      { id: String(start + 1n), vector: [3, 4] },
      { id: String(start + 2n), vector: [5, 6] },
    ]);
  });

  test('--db writes into the named database, and --token is accepted', async () => {
    const db = uniqueName('clidb');
    await fx.client.createDatabase({ db_name: db });
    const file = join(fx.dir, 'db.jsonl');
    await writeFile(file, '{"id": 1, "vector": [0.5, 1.5]}\n{"id": 2, "vector": [2.5, 3.5]}\n');
    const collection = uniqueName('cli_db');
    try {
      const run = await runCli(['ingest', file, '--uri', milvusUri(), '--db', db, '--token', 'root:Milvus', '--collection', collection, '--create']);
      expect(run.code, run.stderr).toBe(0);
      const inDb = new MilvusClient({ uri: milvusUri(), db_name: db });
      try {
        expect(await allRows(inDb, collection)).toEqual([{ id: '1', vector: [0.5, 1.5] }, { id: '2', vector: [2.5, 3.5] }]);
      } finally {
        await inDb.dropCollection({ collection_name: collection });
        await inDb.close();
      }
      expect((await fx.client.hasCollection({ collection_name: collection })).value).toBe(false);
    } finally {
      await fx.client.dropDatabase({ db_name: db });
    }
  });
});
