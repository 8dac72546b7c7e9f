/** Shared helpers of the launcher tests: the pymilvus driver, port checks, child processes. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensurePythonEnv } from '../../src/lite/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** Runs `pymilvus-driver.py COMMAND URI ARGS` with the launcher's interpreter; resolves with its trimmed stdout. */
export async function pymilvus(command: string, uri: string, ...args: string[]): Promise<string> {
  const { python } = await ensurePythonEnv();
  const { stdout } = await promisify(execFile)(python, [join(FIXTURES, 'pymilvus-driver.py'), command, uri, ...args]);
  return stdout.trim();
}

/** Starts `pymilvus-driver.py hold DBPATH` and resolves once pymilvus has the data dir open. */
export async function holdWithPymilvus(dbPath: string): Promise<ChildProcess> {
  const { python } = await ensurePythonEnv();
  const child = spawn(python, [join(FIXTURES, 'pymilvus-driver.py'), 'hold', dbPath], { stdio: 'pipe' });
  await firstLine(child);
  return child;
}

/** Runs a TypeScript fixture in a separate Node process (through tsx). */
export function runFixture(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, name), ...args], { stdio: 'pipe', env });
}

/** Resolves with the first line a child writes to stdout; rejects with its stderr if it exits first. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before a line: ${err}`)));
  });
}

/** Resolves with everything a child writes to stdout, once it exits with code 0. */
export function allOutput(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

/** Whether something accepts TCP connections on `host:port`. */
export function isListening(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host!);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Polls until nothing listens on `address` any more; false if it still does after `timeoutMs`. */
export async function stopsListening(address: string, timeoutMs = 20_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (!(await isListening(address))) return true;
  }
  return false;
}
