/**
 * No secret leaves the CLI: runs with a known token (as `user:password@` in `--uri`, as env `MILVUS_TOKEN`,
 * as `--token`) that land rows, fail part way, start an embedded Milvus Lite, or are refused. Afterwards
 * neither the token nor its base64 form (the `authorization` header) appears on stdout or stderr (progress,
 * log, error and account lines), in the name or the bytes of any file or folder left in the working
 * directory (the checkpoint, Milvus Lite's data dir), or in the command line or environment of any child
 * process the CLI started, read from `/proc` while it ran.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { CLI, finished, type CliRun } from './cli-helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

const SECRET = `S3cr3t-${Math.random().toString(36).slice(2, 10)}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** The token as typed and as sent in the `authorization` header. */
const NEEDLES = [SECRET, b64(`root:${SECRET}`), b64(SECRET)];
const DIM = 4;

let dir: string;
let removeDir: () => Promise<void>;
let client: MilvusClient;
const created: string[] = [];

beforeAll(async () => {
  ({ dir, remove: removeDir } = await tempDir('secrets'));
  client = new MilvusClient({ uri: milvusUri() });
});
afterAll(async () => {
  for (const name of created) await client.dropCollection({ collection_name: name }).catch(() => undefined);
  await client.close();
  await removeDir();
});

/** A child process of the CLI as seen while it ran. */
interface SeenChild {
  cmdline: string;
  environ: string;
}

/** Runs the CLI in `cwd`, recording the command line and environment of every descendant seen meanwhile. */
async function runWatched(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun & { children: SeenChild[] }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const run = finished(child, 120_000);
  // By process and command line: a child caught between fork and exec still shows its parent's command
  // line, and is read again once it runs its own program.
  const seen = new Map<string, SeenChild>();
  let done = false;
  void run.finally(() => (done = true));
  while (!done) {
    for (const pid of descendantsOf(child.pid!)) {
      try {
        const cmdline = readProc(pid, 'cmdline');
        const key = `${pid} ${cmdline}`;
        if (!seen.has(key)) seen.set(key, { cmdline, environ: readProc(pid, 'environ') });
      } catch {
        // It ended while we looked.
      }
    }
    await sleep(20);
  }
  return { ...(await run), children: [...seen.values()] };
}

function readProc(pid: number, file: string): string {
  return readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').join(' ');
}

/** Live descendants of `root`, from each process' parent in `/proc/PID/stat`. */
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while we looked.
    }
  }
  const out: number[] = [];
  const within = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === root) return true;
    return false;
  };
  for (const pid of parentOf.keys()) if (within(pid)) out.push(pid);
  return out;
}

/** Every path under `root` (relative, folders too) and every file's bytes. */
async function leftovers(root: string): Promise<{ paths: string[]; contents: Buffer[] }> {
  const paths: string[] = [];
  const contents: Buffer[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of await readdir(join(root, rel))) {
      const path = join(rel, name);
      paths.push(path);
      if ((await stat(join(root, path))).isDirectory()) await walk(path);
      else contents.push(await readFile(join(root, path)));
    }
  };
  await walk('');
  return { paths, contents };
}

async function expectNoSecretAnywhere(run: CliRun & { children?: SeenChild[] }, cwd: string): Promise<void> {
  const { paths, contents } = await leftovers(cwd);
  for (const needle of NEEDLES) {
    expect(run.stdout).not.toContain(needle);
    expect(run.stderr).not.toContain(needle);
    expect(paths.join('\n')).not.toContain(needle);
    for (const bytes of contents) expect(bytes.includes(needle)).toBe(false);
    for (const c of run.children ?? []) {
      expect(c.cmdline).not.toContain(needle);
      expect(c.environ).not.toContain(needle);
    }
  }
}

async function jsonl(path: string, rows: number, badRow?: number): Promise<void> {
  const lines = Array.from({ length: rows }, (_, i) => JSON.stringify({ id: i + 1, vector: Array.from({ length: i === badRow ? DIM - 1 : DIM }, (_, k) => i + k) }));
  await writeFile(path, `${lines.join('\n')}\n`);
}

test('user:password@ in --uri: a run that lands its rows, then one stopped by a bad row that keeps its checkpoint', async () => {
  const cwd = join(dir, 'remote');
  await mkdir(cwd);
  const collection = uniqueName('cli_secret');
  created.push(collection);
  await jsonl(join(cwd, 'good.jsonl'), 40);
  await jsonl(join(cwd, 'bad.jsonl'), 40, 25);
  const uri = milvusUri().replace('://', `://root:${SECRET}@`);
  const good = await runWatched(['ingest', 'good.jsonl', '--uri', uri, '--collection', collection, '--create'], cwd);
  expect(good.code, good.stderr).toBe(0);
  // The uri's server and credentials were used, not a folder named after them.
  await client.loadCollection({ collection_name: collection });
  const { data } = await client.query({ collection_name: collection, filter: '', output_fields: ['count(*)'], consistency_level: 'Strong' });
  expect(data).toEqual([{ 'count(*)': '40' }]);

  const bad = await runWatched(['ingest', 'bad.jsonl', '--uri', uri, '--collection', collection], cwd);
  expect(bad.code, bad.stderr).toBe(1);
  expect(bad.stderr).toContain('ingest stopped: bad.jsonl line 26: field "vector": expected a vector of 4 values (dim 4), got 3');
  expect(bad.stderr).toContain('checkpoint: bad.jsonl.milvus-wasm-checkpoint.json: run the same command with --resume');
  expect((await readdir(cwd)).sort()).toEqual(['bad.jsonl', 'bad.jsonl.milvus-wasm-checkpoint.json', 'good.jsonl']);
  await expectNoSecretAnywhere(good, cwd);
  await expectNoSecretAnywhere(bad, cwd);
});

test('MILVUS_TOKEN with an embedded Milvus Lite: not in any child\'s command line or environment, progress lines or data dir', async () => {
  const cwd = join(dir, 'local');
  await mkdir(cwd);
  await jsonl(join(cwd, 'rows.jsonl'), 40);
  const run = await runWatched(['ingest', 'rows.jsonl', '--uri', './lite.db', '--collection', 'docs', '--create'], cwd, { MILVUS_TOKEN: SECRET });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^ingested 40 rows into "docs"/);
  expect(run.stderr).toContain('closing the embedded Milvus Lite');
  // The probe saw the server it looks at, so its silence below means something.
  expect(run.children.map((c) => c.cmdline)).toContainEqual(expect.stringMatching(/milvus_lite_server\.py server --data-dir \S+\/local\/lite\.db /));
  expect((await readdir(cwd)).sort()).toEqual(['lite.db', 'rows.jsonl']);
  await expectNoSecretAnywhere(run, cwd);
});

test.each([
  ['an unreachable bare user:password@host:port', (s: string) => ['--uri', `root:${s}@127.0.0.1:1`], 1, /UNAVAILABLE/],
  ['an unreachable server with --token', (s: string) => ['--uri', 'http://127.0.0.1:1', '--token', s], 1, /UNAVAILABLE/],
  ['a refused scheme with one slash', (s: string) => ['--uri', `http:/root:${s}@127.0.0.1:1`], 2, /--uri "http:\/\*\*\*@127\.0\.0\.1:1" needs "\/\/" after "http:"/],
  ['a refused port', (s: string) => ['--uri', `root:${s}@127.0.0.1:0`], 2, /--uri "\*\*\*@127\.0\.0\.1:0" has the port "0"/],
])('%s: the error names no secret, and nothing is left behind', async (_what, target, code, message) => {
  const cwd = join(dir, `failed-${code}-${Math.random().toString(36).slice(2, 7)}`);
  await mkdir(cwd);
  await jsonl(join(cwd, 'rows.jsonl'), 3);
  const run = await runWatched(['ingest', 'rows.jsonl', ...target(SECRET), '--collection', 'c'], cwd);
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(message);
  expect(await readdir(cwd)).toEqual(['rows.jsonl']);
  await expectNoSecretAnywhere(run, cwd);
});
