/**
 * `startMilvusLite`: one embedded Milvus Lite server per data dir in this process, shared by
 * reference count. Across processes Milvus Lite itself allows one server per data dir (it holds a
 * `flock` on `<dataDir>/LOCK`); a second process gets a clear error instead.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MilvusErrorCode, InvalidInputError, MilvusError } from '../errors.js';
import { pickFreePort } from './free-port.js';
import { ensurePythonEnv } from './python-env.js';
import { PortTakenError, startServerProcess, type ServerProcess } from './server-process.js';

/** Options of {@link startMilvusLite}. */
export interface MilvusLiteOptions {
  /**
   * The database path, e.g. `./demo.db`. It is a directory (created if missing, in a folder that must
   * exist), exactly the one pymilvus uses for `MilvusClient("./demo.db")`, so both can open the same data,
   * one at a time. An existing directory must be empty or one Milvus Lite created.
   */
  dbPath: string;
  /**
   * Receives progress lines while the Python environment is created (first use only; minutes).
   * Default: write them to stderr. Pass `() => {}` to silence.
   */
  onProgress?: (message: string) => void;
  /**
   * A Python interpreter that already has milvus-lite and pymilvus. Default: env `MILVUS_LITE_PYTHON`,
   * else the managed venv (env `MILVUS_WASM_VENV`, else `<package root>/.venv`), created if missing.
   */
  python?: string;
  /** How long to wait for the server to answer, in milliseconds. Default 60 000. */
  startTimeoutMs?: number;
}

/** A handle on a running embedded server. */
export interface MilvusLiteServer {
  /** `127.0.0.1:PORT`, for a gRPC client. */
  readonly address: string;
  /** The absolute data directory. */
  readonly dataDir: string;
  /** What the server's GetVersion reports, e.g. `milvus_lite-3.2.2`. */
  readonly version: string;
  /**
   * Gives up this handle. When the last handle on a data dir is released the server stops
   * gracefully (data flushed, lock released); resolves once it has exited. Idempotent.
   */
  release(): Promise<void>;
}

interface Shared {
  refs: number;
  server: Promise<ServerProcess>;
}

const shared = new Map<string, Shared>();
/** Servers being stopped; a new start on the same data dir waits for the old one to let go. */
const stopping = new Map<string, Promise<void>>();
const PORT_ATTEMPTS = 3;

function writeToStderr(message: string): void {
  process.stderr.write(`milvus-wasm: ${message}\n`);
}

/**
 * Starts (or joins) the embedded Milvus Lite server for `dbPath` and resolves once it answers.
 * Callers in one process share a server per data dir; options other than `dbPath` are taken from
 * the call that started it. Servers are stopped on `release()` of the last handle and when this
 * process exits or receives SIGINT/SIGTERM/SIGHUP.
 * @throws InvalidInputError for an empty `dbPath`.
 * @throws MilvusError (`EMBEDDED_SERVER_ERROR`) when the data dir's folder does not exist, the data dir
 *   is a file, a non-empty folder Milvus Lite did not create, or used by another process, when Python is
 *   missing or its setup fails, or when the server exits or times out while starting. Nothing is written
 *   to the data path before its checks pass.
 */
export async function startMilvusLite(options: MilvusLiteOptions): Promise<MilvusLiteServer> {
  if (typeof options?.dbPath !== 'string' || options.dbPath === '') {
    throw new InvalidInputError(`dbPath: expected a non-empty path such as './demo.db', got ${String(options?.dbPath)}`, {
      field: 'dbPath',
    });
  }
  const dataDir = resolve(options.dbPath);
  await stopping.get(dataDir);
  let entry = shared.get(dataDir);
  if (entry === undefined) {
    const created: Shared = { refs: 0, server: launch(dataDir, options) };
    created.server.then(
      (server) => (server.onUnexpectedExit = () => forget(dataDir, created)),
      () => forget(dataDir, created),
    );
    shared.set(dataDir, (entry = created));
  }
  entry.refs++;
  const owner = entry;
  let server: ServerProcess;
  try {
    server = await owner.server;
  } catch (e) {
    owner.refs--;
    throw e;
  }
  let released = false;
  return {
    address: server.address,
    dataDir,
    version: server.version,
    async release() {
      if (released) return;
      released = true;
      if (--owner.refs > 0 || shared.get(dataDir) !== owner) return;
      shared.delete(dataDir);
      const stopped = server.stop().finally(() => stopping.delete(dataDir));
      stopping.set(dataDir, stopped);
      await stopped;
    },
  };
}

function forget(dataDir: string, entry: Shared): void {
  if (shared.get(dataDir) === entry) shared.delete(dataDir);
}

async function launch(dataDir: string, options: MilvusLiteOptions): Promise<ServerProcess> {
  await prepareDataDir(dataDir);
  const env = await ensurePythonEnv({ python: options.python, onProgress: options.onProgress ?? writeToStderr });
  for (let attempt = 1; ; attempt++) {
    const port = await pickFreePort();
    try {
      return await startServerProcess(env, dataDir, port, options.startTimeoutMs ?? 60_000);
    } catch (e) {
      if (!(e instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw e;
    }
  }
}

/** What Milvus Lite 3 keeps in every data dir it has opened (its `flock` target). */
const LITE_MARKER = 'LOCK';

/**
 * Checks the data dir before anything is written, and creates it if missing. As pymilvus, its parent must
 * exist; an existing one must be a Milvus Lite data dir (it has `LOCK`) or empty, so Lite's files never land
 * among a user's own.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  const refuse = (problem: string) => new MilvusError(MilvusErrorCode.EmbeddedServer, `Milvus Lite data path ${dataDir} ${problem}`);
  const parent = await stat(dirname(dataDir)).catch(() => undefined);
  if (parent === undefined || !parent.isDirectory()) {
    throw refuse(`cannot be created: its folder ${dirname(dataDir)} does not exist (create it first, as pymilvus requires)`);
  }
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing === undefined) {
    await mkdir(dataDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return;
  }
  if (!existing.isDirectory()) {
    throw refuse('is a file; expected a directory (Milvus Lite 3 keeps a .db as a directory; a file is from Milvus Lite 2, which this version cannot read)');
  }
  const entries = await readdir(dataDir);
  if (entries.length > 0 && !entries.includes(LITE_MARKER)) {
    const shown = entries.slice(0, 5).map((e) => JSON.stringify(e)).join(', ') + (entries.length > 5 ? ', …' : '');
    throw refuse(`is a folder that is not a Milvus Lite data dir (no ${LITE_MARKER} file; it holds ${shown}): ` +
      'give the path of a new .db, an empty folder, or one Milvus Lite created');
  }
}
