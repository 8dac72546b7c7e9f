/**
 * A fresh Milvus Lite per run, on an empty data dir and a free loopback port.
 *
 * Started through the project's own launcher (`startMilvusLite` in the built dist/): it runs
 * `milvus-lite server --data-dir DIR --host 127.0.0.1 --port PORT` with the project's Python (env
 * MILVUS_LITE_PYTHON, else the managed venv, created on first use), waits until GetVersion answers,
 * and stops it with SIGTERM, then SIGKILL after a grace period; it also stops it if this script dies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Starts a server whose data lives in a new directory under `scratchDir`.
 * @param projectRoot the milvus-wasm checkout; its `dist/` must be built.
 * @returns `{ address, version, stop }`; `stop()` resolves once the server has exited and its data
 *   dir is deleted.
 * @throws the launcher's MilvusError when Python is missing or the server does not come up.
 */
export async function startFreshLite(projectRoot, scratchDir, log) {
  const { startMilvusLite } = await import(pathToFileURL(join(projectRoot, 'dist', 'index.js')).href);
  const dataRoot = await mkdtemp(join(scratchDir, 'lite-'));
  let server;
  try {
    server = await startMilvusLite({ dbPath: join(dataRoot, 'data'), onProgress: (line) => log(`python: ${line}`) });
  } catch (error) {
    await rm(dataRoot, { recursive: true, force: true });
    throw error;
  }
  return {
    address: server.address,
    version: server.version,
    async stop() {
      await server.release();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}
