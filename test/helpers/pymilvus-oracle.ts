/**
 * Runs the corpus through pymilvus against the capturing sink (`test/fakes/capture_sink.py`) and
 * returns, per collection, the exact request bytes pymilvus sent and the gRPC metadata of the call.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { managedVenvDir } from '../../src/lite/index.js';
import { decodeInsert, decodeUpsert } from './decode-request.js';
import { tempDir } from './temp-dir.js';

const ORACLE_DIR = fileURLToPath(new URL('../oracle/', import.meta.url));
const FAKES_DIR = fileURLToPath(new URL('../fakes/', import.meta.url));

/** The Python with pymilvus: `$MILVUS_WASM_PYTHON`, else the launcher's managed venv (`$MILVUS_WASM_VENV`, else the repository's `.venv`). */
export function oraclePython(): string {
  const python = process.env.MILVUS_WASM_PYTHON ?? join(managedVenvDir(), 'bin', 'python');
  if (!existsSync(python)) throw new Error(`no Python for the pymilvus oracle at ${python} (run \`npm run setup:python\` or set MILVUS_WASM_PYTHON)`);
  return python;
}

/** One request pymilvus sent. */
export interface Capture {
  method: 'Insert' | 'Upsert';
  bytes: Uint8Array;
  /** gRPC metadata of the call, e.g. `dbname`. */
  metadata: Record<string, string>;
}

/** What one run of the corpus produced. */
export interface OracleRun {
  /** Captured requests by collection name. */
  captures: Map<string, Capture>;
  /** pymilvus' outcome per collection: its result or the error it raised. */
  outcomes: Map<string, { ok: boolean; result?: unknown; error?: string }>;
  /** Lines pymilvus_insert.py wrote to stderr that start with `NOTE`. */
  notes: string[];
  /** RPCs the sink saw, in order, and any it did not handle. */
  calls: string[];
}

function startSink(python: string, corpus: string, outDir: string): Promise<{ port: number; stop: () => Promise<string> }> {
  const sink = spawn(python, [join(FAKES_DIR, 'capture_sink.py'), corpus, outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  sink.stderr.on('data', (d) => (stderr += d));
  const stop = () => new Promise<string>((resolve) => {
    if (sink.exitCode !== null) return resolve(stderr);
    sink.once('exit', () => resolve(stderr));
    sink.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => { void stop(); reject(new Error(`capture sink did not start in 30 s: ${stderr}`)); }, 30_000);
    sink.stdout.on('data', (d) => {
      stdout += d;
      const m = /PORT (\d+)/.exec(stdout);
      if (m) { clearTimeout(timer); resolve({ port: Number(m[1]), stop }); }
    });
    sink.once('exit', (code) => { clearTimeout(timer); reject(new Error(`capture sink exited with ${code}: ${stderr}`)); });
  });
}

/** Replays the corpus at `corpusPath` through pymilvus and collects what the sink captured. */
export async function runPymilvusOracle(corpusPath: string): Promise<OracleRun> {
  const python = oraclePython();
  const { dir: outDir, remove } = await tempDir('oracle');
  try {
    const sink = await startSink(python, corpusPath, outDir);
    const run = spawnSync(python, [join(ORACLE_DIR, 'pymilvus_insert.py'), corpusPath, String(sink.port)], { encoding: 'utf8', timeout: 120_000 });
    const sinkLog = await sink.stop();
    if (run.status !== 0) throw new Error(`pymilvus_insert.py failed (${run.status}): ${run.stderr}`);
    const outcomes = new Map<string, { ok: boolean; result?: unknown; error?: string }>();
    for (const line of run.stdout.split('\n').filter(Boolean)) {
      const { collection_name, ...outcome } = JSON.parse(line) as { collection_name: string; ok: boolean };
      outcomes.set(collection_name, outcome);
    }
    const captures = new Map<string, Capture>();
    for (const file of readdirSync(outDir).filter((f) => f.endsWith('.bin'))) {
      const method = file.includes('.Upsert.') ? 'Upsert' : 'Insert';
      const bytes = new Uint8Array(readFileSync(join(outDir, file)));
      const name = (method === 'Upsert' ? decodeUpsert(bytes) : decodeInsert(bytes)).collection_name as string;
      const pairs = JSON.parse(readFileSync(join(outDir, file.replace(/\.bin$/, '.meta.json')), 'utf8')) as [string, string][];
      if (captures.has(name)) throw new Error(`pymilvus sent two requests for collection "${name}"`);
      captures.set(name, { method, bytes, metadata: Object.fromEntries(pairs) });
    }
    const notes = run.stderr.split('\n').filter((l) => l.startsWith('NOTE'));
    const calls = sinkLog.split('\n').filter((l) => /^(CALL|UNHANDLED) /.test(l));
    return { captures, outcomes, notes, calls };
  } finally {
    await remove();
  }
}
