/**
 * One `milvus-lite server` child process: spawn it on a given port, wait until it answers GetVersion,
 * and stop it gracefully. Knows nothing of sharing; see `launcher.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MilvusErrorCode, MilvusError } from '../errors.js';
import { childEnv } from './child-env.js';
import { OutputTail } from './output-tail.js';
import { serverScript } from './package-paths.js';
import { trackChild } from './process-cleanup.js';
import { getVersion } from './readiness.js';
import type { PythonEnv } from './python-env.js';

const PROBE_INTERVAL_MS = 150;
const PROBE_TIMEOUT_MS = 2_000;
/** The server drains in-flight requests for up to 5 s on SIGTERM; past this it is killed. */
const STOP_GRACE_MS = 15_000;

/** A running, ready server. */
export interface ServerProcess {
  /** `127.0.0.1:PORT`. */
  readonly address: string;
  /** What GetVersion reported, e.g. `milvus_lite-3.2.2`. */
  readonly version: string;
  /** Stops the server gracefully (SIGTERM, then SIGKILL after 15 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** Called at most once, if the process exits without `stop()` having been called. */
  onUnexpectedExit?: (code: number | null) => void;
}

/** The port was taken between choosing it and binding it; the caller should pick another. */
export class PortTakenError extends MilvusError {
  override name = 'PortTakenError';
}

/**
 * Starts `python python/milvus_lite_server.py server --data-dir DIR --host 127.0.0.1 --port PORT`
 * and resolves once it answers GetVersion.
 * @throws MilvusError (`EMBEDDED_SERVER_ERROR`) if it exits first or is not ready within
 *   `timeoutMs`, with its last output lines; `PortTakenError` if the port was taken.
 */
export async function startServerProcess(
  env: PythonEnv,
  dataDir: string,
  port: number,
  timeoutMs: number,
): Promise<ServerProcess> {
  const address = `127.0.0.1:${port}`;
  const args = [serverScript(), 'server', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)];
  // stdin stays an open pipe: the script stops the server when it closes, i.e. when we die.
  const child = spawn(env.python, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnv({ PYTHONUNBUFFERED: '1' }),
  });
  const tail = new OutputTail(30);
  child.stdout!.on('data', (c: Buffer) => tail.push(c));
  child.stderr!.on('data', (c: Buffer) => tail.push(c));
  const exited = new Promise<{ code: number | null; spawnError?: Error }>((resolve) => {
    child.once('error', (spawnError) => resolve({ code: null, spawnError }));
    child.once('exit', (code) => resolve({ code }));
  });
  trackChild(child);

  let exitedEarly: { code: number | null; spawnError?: Error } | undefined;
  void exited.then((r) => (exitedEarly = r));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitedEarly) throw startFailure(env, dataDir, address, exitedEarly, tail.text());
    try {
      const version = await getVersion(address, PROBE_TIMEOUT_MS);
      return running(child, address, version, exited);
    } catch {
      // Not listening yet: expected for the first few hundred milliseconds.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new MilvusError(
        MilvusErrorCode.EmbeddedServer,
        `Milvus Lite (${env.python}, data dir ${dataDir}) did not answer GetVersion on ${address} ` +
          `within ${timeoutMs} ms; its last output:\n${tail.text()}`,
      );
    }
    await Promise.race([sleep(PROBE_INTERVAL_MS), exited]);
  }
}

function running(
  child: ChildProcess,
  address: string,
  version: string,
  exited: Promise<{ code: number | null }>,
): ServerProcess {
  let stopping: Promise<void> | undefined;
  // A forgotten release() must not keep the user's process alive; the exit hook still stops us.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref();
  const server: ServerProcess = {
    address,
    version,
    stop() {
      stopping ??= (async () => {
        child.ref();
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
  void exited.then(({ code }) => {
    if (stopping === undefined) server.onUnexpectedExit?.(code);
  });
  return server;
}

function startFailure(
  env: PythonEnv,
  dataDir: string,
  address: string,
  exit: { code: number | null; spawnError?: Error },
  output: string,
): MilvusError {
  const error = (message: string) => new MilvusError(MilvusErrorCode.EmbeddedServer, message, { cause: exit.spawnError });
  if (exit.spawnError) {
    return error(
      `cannot run the Python interpreter ${env.python} (from ${env.source}): ${exit.spawnError.message}. ` +
        'Point it at a Python that has milvus-lite and pymilvus, or unset it to use the managed venv',
    );
  }
  if (output.includes('DataDirLockedError')) {
    return error(
      `Milvus Lite data dir ${dataDir} is in use by another process (Milvus Lite allows one process per ` +
        'data dir): close the other milvus-wasm or pymilvus client that has it open, or use another path',
    );
  }
  const missing = /No module named '(milvus_lite|pymilvus|grpc)'/.exec(output);
  if (missing) {
    return error(
      `${env.python} (from ${env.source}) cannot import ${missing[1]}: run \`${env.python} -m pip install ` +
        `milvus-lite pymilvus\`, or unset it so milvus-wasm manages its own venv`,
    );
  }
  if (output.includes('Failed to bind to address')) {
    return new PortTakenError(MilvusErrorCode.EmbeddedServer, `port ${address} was taken before Milvus Lite could bind it`);
  }
  return error(`Milvus Lite (${env.python}, data dir ${dataDir}) exited with code ${exit.code} before it was ready; its last output:\n${output}`);
}
