/**
 * Vitest global setup: one Milvus server for the whole run.
 *
 * If `MILVUS_URI` is set (e.g. `http://127.0.0.1:19530`) that server is used as is. Otherwise one
 * embedded Milvus Lite is started on a free 127.0.0.1 port with a throwaway data dir (creating the
 * managed Python venv first if needed) and stopped after the run.
 *
 * A test reads the URI with `inject`, or from the environment (the forks inherit it):
 *
 *     import { inject } from 'vitest';
 *     const uri = inject('milvusUri');          // 'http://127.0.0.1:PORT'
 *     // or: process.env.MILVUS_URI
 *
 * Tests share this server: use unique collection names and drop what you create.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMilvusLite } from '../../src/lite/index.js';
import { tempDir } from '../helpers/temp-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the Milvus server the tests talk to. */
    milvusUri: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env.MILVUS_URI;
  if (given !== undefined && given !== '') {
    project.provide('milvusUri', given);
    return;
  }
  const { dir: dataDir, remove } = await tempDir('test');
  const server = await startMilvusLite({
    dbPath: join(dataDir, 'test.db'),
    onProgress: (message) => process.stderr.write(`[global-setup] ${message}\n`),
  });
  const uri = `http://${server.address}`;
  project.provide('milvusUri', uri);
  // Test workers are forked after global setup, so they inherit this.
  process.env.MILVUS_URI = uri;
  return async () => {
    delete process.env.MILVUS_URI;
    await server.release();
    await remove();
  };
}
