/**
 * Helpers of the CLI tests: run the built `dist/cli.js` as a real child process, make input files (with
 * the venv's numpy and pyarrow for .npy and Parquet), and read collections back.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensurePythonEnv } from '../../src/lite/index.js';
import { afterAll, beforeAll } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri } from '../setup/milvus-server.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The built CLI (`npm test` builds first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a finished CLI process left. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; stdout and stderr are collected by {@link finished}. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

/** Waits for the process to end; kills it (and fails) after `timeoutMs`. */
export function finished(child: ChildProcess, timeoutMs = 60_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not finish within ${timeoutMs} ms; stderr so far:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // 'exit' can come before the pipes are drained.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    });
  });
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliRun> {
  return finished(startCli(args, env), timeoutMs);
}

/** Runs a Python snippet with the venv (numpy, pyarrow); `argv[1:]` are `args`. */
export async function python(code: string, ...args: string[]): Promise<string> {
  const { python: interpreter } = await ensurePythonEnv();
  const { stdout } = await promisify(execFile)(interpreter, ['-c', code, ...args]);
  return stdout;
}

/** Every row of a collection (strong consistency), sorted by primary key as an exact integer or string. */
export async function allRows(client: MilvusClient, collection: string, pk = 'id', outputFields = ['*']): Promise<Record<string, unknown>[]> {
  const { data } = await client.query({
    collection_name: collection,
    filter: '',
    output_fields: outputFields,
    limit: 16_384,
    consistency_level: 'Strong',
  });
  // Dynamic keys come back under `$meta` (as the official SDK returns them): flatten them for comparison.
  const flat = data.map(({ $meta, ...row }) => ({ ...row, ...($meta as Record<string, unknown> | undefined) }));
  return flat.sort((a, b) => compareKeys(a[pk], b[pk]));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && /^-?\d+$/.test(a) && typeof b === 'string' && /^-?\d+$/.test(b)) {
    const d = BigInt(a) - BigInt(b);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** What a CLI test file shares: a client on the test server, a temp dir, and the collections to drop. */
export interface CliFixture {
  client: MilvusClient;
  dir: string;
  /** Collections created by the tests, dropped after the file. */
  created: string[];
}

/** Registers the file's setup and teardown and returns the fixture they fill in. */
export function useCliFixture(): CliFixture {
  const fx = { created: [] } as unknown as CliFixture;
  let removeDir: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    fx.client = new MilvusClient({ uri: milvusUri() });
    ({ dir: fx.dir, remove: removeDir } = await tempDir('cli'));
  });
  afterAll(async () => {
    for (const name of fx.created) await fx.client.dropCollection({ collection_name: name }).catch(() => undefined);
    await fx.client.close();
    await removeDir();
  });
  return fx;
}
