/**
 * The one way tests make temporary directories: under the OS temp dir, named `milvus-wasm-<purpose>-XXXXXX`
 * (so a leftover says which test left it), each with the function that removes it again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty directory and the function that removes it with everything in it. */
export interface TempDir {
  dir: string;
  /** Removes the directory recursively; never throws if it is already gone. */
  remove: () => Promise<void>;
}

/** Creates a fresh directory for `purpose` (a short word, e.g. `cli`, `kill`, `oracle`). The caller removes it. */
export async function tempDir(purpose: string): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), `milvus-wasm-${purpose}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
