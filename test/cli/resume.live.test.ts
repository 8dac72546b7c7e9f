/**
 * Crash and resume: the CLI is killed with SIGKILL (no chance to clean up) once its checkpoint shows
 * progress, then run again with `--resume`. Every source row must end up in the collection exactly
 * once, and rows that had landed must not be sent again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { allRows, finished, python, runCli, startCli, useCliFixture } from './cli-helpers.js';

const fx = useCliFixture();

interface Checkpoint {
  landed_through: number;
  landed: { from: number; to: number }[];
  read_through: number;
}

/** Polls the checkpoint until `ready` says so; the rename makes every read see a whole file. */
async function waitForCheckpoint(path: string, ready: (c: Checkpoint) => boolean, timeoutMs: number): Promise<Checkpoint> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(15)) {
    if (!existsSync(path)) continue;
    const c = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
    if (ready(c)) return c;
  }
  throw new Error(`the checkpoint ${path} did not show the expected progress within ${timeoutMs} ms`);
}

const landedRows = (c: Checkpoint) => c.landed_through + c.landed.reduce((n, r) => n + r.to - r.from, 0);
const N = 4_000;
const DIM = 8;
const idOf = (i: number) => 2n ** 60n + BigInt(i) * 7n;

test('SIGKILL mid-run, then --resume: every row exactly once, landed rows skipped, in-doubt rows upserted', async () => {
  const collection = uniqueName('cli_resume');
  fx.created.push(collection);
  const file = join(fx.dir, 'resume.jsonl');
  const checkpoint = `${file}.milvus-wasm-checkpoint.json`;
  const lines = Array.from({ length: N }, (_, i) => `{"id": ${idOf(i)}, "vector": [${Array.from({ length: DIM }, (_, k) => (i + k) % 7).join(',')}], "seq": ${i}}`);
  await writeFile(file, `${lines.join('\n')}\n`);
  // Small batches make a run long enough to be killed part way.
  const args = ['ingest', file, '--uri', milvusUri(), '--collection', collection, '--create', '--batch-rows', '10', '--concurrency', '1', '--no-progress'];

  const child = startCli(args);
  const exited = finished(child, 120_000);
  const seen = await waitForCheckpoint(checkpoint, (c) => c.landed_through >= 200, 60_000);
  child.kill('SIGKILL');
  const killed = await exited;
  expect(killed.signal).toBe('SIGKILL');
  expect(seen.landed_through).toBeLessThan(N);

  const before = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
  expect(before.landed_through).toBeGreaterThanOrEqual(seen.landed_through);
  const skipped = landedRows(before);

  const resumed = await runCli([...args, '--resume'], {}, 120_000);
  expect(resumed.stderr).toMatch(new RegExp(`resuming from .*: ${skipped.toLocaleString('en-US')} rows landed before and are skipped`));
  expect(resumed.code).toBe(0);
  const summary = /^ingested ([\d,]+) rows into "\w+" in .*?(?:skipped ([\d,]+) rows landed by an earlier run)/.exec(resumed.stdout);
  expect(summary, resumed.stdout).not.toBeNull();
  const sent = Number(summary![1]!.replaceAll(',', ''));
  // Nothing landed was sent again, and nothing was left out.
  expect(Number(summary![2]!.replaceAll(',', ''))).toBe(skipped);
  expect(sent + skipped).toBe(N);
  expect(existsSync(checkpoint)).toBe(false);

  const rows = await allRows(fx.client, collection, 'id', ['id', 'seq']);
  expect(rows.length).toBe(N);
  expect(new Set(rows.map((r) => r.id)).size).toBe(N);
  expect(rows).toEqual(Array.from({ length: N }, (_, i) => ({ id: String(idOf(i)), seq: i })));
});

test('auto_id collection: after SIGKILL, in-doubt rows are reported and not re-sent; every other row lands exactly once', async () => {
  const collection = uniqueName('cli_resume_auto');
  fx.created.push(collection);
  await fx.client.createCollection({ collection_name: collection, dimension: DIM, auto_id: true });
  const file = join(fx.dir, 'auto.jsonl');
  const checkpoint = `${file}.milvus-wasm-checkpoint.json`;
  const lines = Array.from({ length: N }, (_, i) => `{"vector": [${Array.from({ length: DIM }, (_, k) => (i + k) % 5).join(',')}], "seq": ${i}}`);
  await writeFile(file, `${lines.join('\n')}\n`);
  const args = ['ingest', file, '--uri', milvusUri(), '--collection', collection, '--batch-rows', '10', '--concurrency', '1', '--no-progress'];

  const child = startCli(args);
  const exited = finished(child, 120_000);
  await waitForCheckpoint(checkpoint, (c) => c.landed_through >= 200, 60_000);
  child.kill('SIGKILL');
  expect((await exited).signal).toBe('SIGKILL');
  const before = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
  const inDoubt = { from: before.landed_through, to: before.read_through };

  const resumed = await runCli([...args, '--resume'], {}, 120_000);
  const seqs = (await allRows(fx.client, collection, 'id', ['seq'])).map((r) => r.seq as number);
  const counts = new Map<number, number>();
  for (const s of seqs) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (let i = 0; i < N; i++) {
    const inside = i >= inDoubt.from && i < inDoubt.to;
    // Outside the doubt: exactly once. Inside: never twice (it was sent at most once, before the kill).
    if (inside) expect(counts.get(i) ?? 0, `seq ${i}`).toBeLessThanOrEqual(1);
    else expect(counts.get(i), `seq ${i}`).toBe(1);
  }
  if (inDoubt.to > inDoubt.from) {
    expect(resumed.code).toBe(1);
    const range = inDoubt.to - inDoubt.from === 1 ? `${inDoubt.from}` : `${inDoubt.from}-${inDoubt.to - 1}`;
    expect(resumed.stderr).toContain(`rows in doubt (${range}) are not re-sent: the collection generates its primary keys`);
    expect(resumed.stderr).toMatch(new RegExp(`^ {2}in doubt: [\\d,]+ rows: ${range} \\(first at line ${inDoubt.from + 1}\\)$`, 'm'));
    expect(resumed.stderr).toContain('  not read: none');
    expect(existsSync(checkpoint)).toBe(true);
  } else {
    expect(resumed.code).toBe(0);
  }
});

test('progress goes to a non-terminal stderr as plain lines with an estimate for JSON Lines', async () => {
  const collection = uniqueName('cli_progress');
  fx.created.push(collection);
  await fx.client.createCollection({ collection_name: collection, dimension: 2 });
  const file = join(fx.dir, 'progress.jsonl');
  await writeFile(file, Array.from({ length: 2_000 }, (_, i) => `{"id": ${i}, "vector": [${i}, 1]}\n`).join(''));
  const run = await runCli(['ingest', file, '--uri', milvusUri(), '--collection', collection, '--batch-rows', '10', '--concurrency', '1'], { MILVUS_WASM_PROGRESS_MS: '25' });
  expect(run.code).toBe(0);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('progress: '));
  expect(lines.length, run.stderr).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).toMatch(/^progress: (?:\[[#-]{24}\] {2}~\d+\.\d% {2}[\d,]+\/~[\d,]+ rows|[\d,]+ rows) {2}[\d,]+ rows\/s(?: {2}ETA \d+:\d\d)?$/);
  }
  expect(run.stdout).toMatch(/^ingested 2,000 rows into/);
});

test('SIGINT stops cleanly: exit 1 with the account, then --resume completes a .npy ingest exactly', async () => {
  const collection = uniqueName('cli_sigint');
  fx.created.push(collection);
  const file = join(fx.dir, 'sigint.npy');
  const checkpoint = `${file}.milvus-wasm-checkpoint.json`;
  await python(`
import sys, numpy as np
np.save(sys.argv[1], (np.arange(${N} * ${DIM}, dtype='<f4').reshape(${N}, ${DIM}) % 11))
`, file);
  const start = 2n ** 60n;
  const args = ['ingest', file, '--id-start', String(start), '--uri', milvusUri(), '--collection', collection, '--create', '--batch-rows', '10', '--concurrency', '1', '--no-progress'];

  const child = startCli(args);
  const exited = finished(child, 120_000);
  await waitForCheckpoint(checkpoint, (c) => c.landed_through >= 200, 60_000);
  child.kill('SIGINT');
  const stopped = await exited;
  expect(stopped.code, stopped.stderr).toBe(1);
  expect(stopped.stderr).toMatch(/ingest stopped: .*cancelled/);
  const landed = /^ {2}landed: {3}[\d,]+ rows: 0-(\d+)$/m.exec(stopped.stderr);
  expect(landed, stopped.stderr).not.toBeNull();
  const notRead = /^ {2}not read: rows (\d+) to the end$/m.exec(stopped.stderr);
  expect(Number(notRead![1])).toBeLessThan(N);
  // The checkpoint after a clean stop holds exactly what the account says.
  const state = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
  expect(state.landed_through).toBe(Number(landed![1]) + 1);
  expect(state.read_through).toBe(Number(notRead![1]));

  const resumed = await runCli([...args, '--resume'], {}, 120_000);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(existsSync(checkpoint)).toBe(false);
  const rows = await allRows(fx.client, collection);
  expect(rows.length).toBe(N);
  expect(rows.map((r) => r.id)).toEqual(Array.from({ length: N }, (_, i) => String(start + BigInt(i))));
  expect(rows[N - 1]!.vector).toEqual(Array.from({ length: DIM }, (_, k) => ((N - 1) * DIM + k) % 11));
});
