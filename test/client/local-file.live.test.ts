/**
 * A local path as `uri` starts an embedded Milvus Lite for that data file (shared by clients of the
 * same path) and `close()` releases it; the data is still there when it is opened again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('local'));
});

afterAll(() => remove());

test('two clients on ./x.db share one embedded server; data survives close and reopen', async () => {
  const dbPath = join(dir, 'local.db');
  const progress: string[] = [];
  const a = new MilvusClient({ uri: dbPath, onLiteProgress: (m) => progress.push(m) });
  const b = new MilvusClient({ uri: dbPath });
  await a.createCollection({ collection_name: 'local_docs', dimension: 2 });
  const res = await b.insert({ collection_name: 'local_docs', data: [{ id: 7, vector: [1, 0] }] });
  expect(res.insert_count).toBe(1);
  expect((await a.get({ collection_name: 'local_docs', ids: [7] })).data).toEqual([{ id: '7', vector: [1, 0], $meta: {} }]);
  await a.close();
  // The server is shared: b still works after a has released its handle.
  expect((await b.getVersion()).version).toMatch(/^milvus_lite/);
  await b.close();
  await expect(b.getVersion()).rejects.toMatchObject({ name: 'TransportError', code: 'CANCELLED' });

  const reopened = new MilvusClient({ uri: dbPath });
  try {
    await reopened.loadCollection({ collection_name: 'local_docs' });
    expect((await reopened.get({ collection_name: 'local_docs', ids: [7], output_fields: ['id'] })).data).toEqual([{ id: '7', $meta: {} }]);
  } finally {
    await reopened.close();
  }
});
