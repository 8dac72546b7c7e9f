/**
 * Running the benchmark's child processes: Node case groups (`suite/case-runner.ts`), pymilvus cases
 * (`suite/pymilvus_bench.py`), and long-lived servers that announce `PORT <n>` on stdout (`sink/sink-server.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/`: scripts are named relative to it (`suite/case-runner.ts`); the reports live at its top. */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');

/** The venv Python: `BENCH_PYTHON`, else the managed venv (`MILVUS_WASM_VENV`, default the project's `.venv`, created by `npm run setup:python`). */
export function pythonPath(): string {
  const python = process.env.BENCH_PYTHON ?? join(process.env.MILVUS_WASM_VENV || join(ROOT, '.venv'), 'bin', 'python');
  if (!existsSync(python)) throw new Error(`no Python venv at ${python}: run \`npm run setup:python\` or set BENCH_PYTHON`);
  return python;
}

export interface ChildOutput {
  /** Parsed `RESULT {json}` lines. */
  results: Record<string, unknown>[];
  code: number | null;
  /** The last lines of stderr, for error reports. */
  stderrTail: string;
}

/** Runs a command to completion, collecting its `RESULT` lines; kills it after `timeoutMs`. */
export function runChild(command: string, args: string[], timeoutMs: number): Promise<ChildOutput> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const results: Record<string, unknown>[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let nl: number;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const timer = setTimeout(() => {
      stderr += `\n[bench] killed after ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ results, code, stderrTail: stderr.split('\n').slice(-25).join('\n') });
    });
  });
}

/** Node with the flags every case needs (`--expose-gc`, tsx for the TypeScript sources); `script` is relative to `bench/`. */
export function nodeArgs(script: string, ...args: string[]): string[] {
  return ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, script), ...args];
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Stops the server: closes its stdin, then SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/** Starts a server that prints `PORT <n>` on stdout (the sink), or `ready` resolves the port itself (Milvus Lite). */
export function startServer(command: string, args: string[], options: { timeoutMs: number; ready?: () => Promise<number> }): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    stderr = (stderr + c).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(c);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const announced = new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = out.match(/^PORT (\d+)$/m);
      if (m) resolvePort(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready:\n${stderr}`)));
    setTimeout(() => reject(new Error(`${command} not ready after ${options.timeoutMs} ms:\n${stderr}`)), options.timeoutMs).unref();
  });
  const port = options.ready ? Promise.race([options.ready(), announced]) : announced;
  return port.then(
    (p) => ({ port: p, child, stop }),
    async (err) => {
      await stop();
      throw err;
    },
  );
}
