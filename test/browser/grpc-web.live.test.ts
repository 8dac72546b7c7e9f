/**
 * The browser client end to end: Chromium → gRPC-Web proxy → the test setup's Milvus Lite. Rows inserted
 * in the browser read back exactly (in the browser and from Node over plain gRPC), on a normal page (the
 * WebAssembly encoder) and under a strict CSP that refuses WebAssembly (the TypeScript encoder); server
 * and transport failures arrive as the same `MilvusError`s as in Node.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';
import { openPage } from './fixtures/chromium.js';
import { browserEnv, closeBrowserEnv } from './fixtures/environment.js';

afterAll(closeBrowserEnv);

/** Opens a harness page (`index.html` or the strict-CSP `strict.html`) once its script has loaded. */
async function harness(file: 'index.html' | 'strict.html') {
  const env = await browserEnv();
  const opened = await openPage(env.browser, `${env.pages.origin}/${file}`);
  await opened.page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 15_000 });
  return { ...env, ...opened };
}

/** What an error looks like from outside, so a browser error and a Node error can be compared. */
interface ErrorShape {
  isMilvusError: boolean;
  name: string;
  code: string;
  message: string;
  rpc?: string;
  serverCode?: number;
  grpcCode?: number;
}

async function nodeError(call: (client: MilvusClient) => Promise<unknown>, uri = milvusUri()): Promise<ErrorShape> {
  const client = new MilvusClient({ uri, timeout: 10_000 });
  try {
    await call(client);
    throw new Error('expected the call to fail');
  } catch (e) {
    const err = e as ErrorShape & Error;
    return { isMilvusError: err.constructor !== Error, name: err.name, code: err.code, message: err.message, rpc: err.rpc, serverCode: err.serverCode, grpcCode: err.grpcCode };
  } finally {
    await client.close();
  }
}

const EXPECTED_ROWS = [
  { id: '-9223372036854775808', vec: [1, 1, 1, 1], flag: false, n32: 7, d: -1e300, title: '', meta: [1, 2, 3], tags: [] },
  { id: '42', vec: [0, 0, 1, 0], flag: true, n32: 0, d: 2.5, title: 'x'.repeat(64), meta: { deep: { deeper: true } }, tags: ['1'] },
  { id: '9007199254740993', vec: [0.5, -1, 2, 0.25], flag: true, n32: -2147483648, d: 0.1, title: 'héllo ✓', meta: { a: 1, nested: { list: [1, 'two', null] } }, tags: ['9223372036854775807', '-1'] },
];

describe.each([
  ['index.html', 'wasm'],
  ['strict.html', 'js'],
] as const)('%s', (file, engine) => {
  test(`the encoder in use is '${engine}'`, async () => {
    const { page, problems } = await harness(file);
    try {
      const seen = await page.evaluate(async () => {
        await window.pageTask();
        const refused = (f: () => unknown) => { try { f(); return false; } catch { return true; } };
        return {
          engine: window.mw.activeEngine(),
          wasmRefused: refused(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
          evalRefused: refused(() => new Function('return 1')),
        };
      });
      const strict = file === 'strict.html';
      expect(seen).toEqual({ engine, wasmRefused: strict, evalRefused: strict });
      // A strict page logs the CSP's refusal of WebAssembly (once, when the encoder is chosen), nothing else.
      expect(problems.filter((p) => !/WebAssembly|wasm-unsafe-eval|unsafe-eval/.test(p))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test(`loading the client causes no CSP violation report; choosing the encoder ${file === 'strict.html' ? 'causes exactly one, its WebAssembly probe\'s' : 'none'}`, async () => {
    const { page } = await harness(file);
    try {
      const reports = await page.evaluate(async () => {
        // Violation events are dispatched in a task of their own: let those of each step arrive.
        const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
        await window.pageTask();
        await settle();
        const atLoad = [...window.cspReports];
        window.mw.activeEngine();
        window.mw.activeEngine();
        await settle();
        return { atLoad, afterChoosing: window.cspReports.slice(atLoad.length) };
      });
      expect(reports.atLoad).toEqual([]);
      const probe = { directive: 'script-src', blocked: 'wasm-eval' };
      expect(reports.afterChoosing.map(({ directive, blocked }) => ({ directive, blocked }))).toEqual(file === 'strict.html' ? [probe] : []);
    } finally {
      await page.close();
    }
  });

  test(`the synchronous encodeInsertRequest ${file === 'strict.html' ? 'asks for loadJsEncoder() until it is awaited, then encodes' : 'encodes at once'}`, async () => {
    const { page } = await harness(file);
    try {
      const seen = await page.evaluate(async () => {
        await window.pageTask();
        const input = { collection_name: 'c', schema: { fields: [{ name: 'id', data_type: 'Int64', is_primary_key: true }, { name: 'v', data_type: 'FloatVector', dim: 2 }] }, data: [{ id: 1, v: [1, 2] }] };
        const attempt = () => {
          try {
            return window.mw.encodeInsertRequest(input).length;
          } catch (e) {
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        };
        const before = attempt();
        await window.mw.loadJsEncoder();
        return { before, after: attempt() };
      });
      if (file === 'strict.html') expect(seen.before).toMatch(/^MilvusError: the TypeScript encoder is not loaded \(WebAssembly is refused here .*call `await loadJsEncoder\(\)` once before encoding/);
      else expect(seen.before).toBeTypeOf('number');
      expect(seen.after).toBeTypeOf('number');
      expect(seen.after).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  test('rows inserted through the gRPC-Web proxy read back exactly, in the browser and from Node', async () => {
    const { page, proxy, problems } = await harness(file);
    const collection = uniqueName(`browser_${engine}`);
    const node = new MilvusClient({ uri: milvusUri() });
    try {
      const got = await page.evaluate(async ({ uri, collection }) => {
        await window.pageTask();
        const { MilvusClient, DataType } = window.mw;
        const client = new MilvusClient({ uri });
        try {
          await client.createCollection({
            collection_name: collection,
            fields: [
              { name: 'id', data_type: DataType.Int64, is_primary_key: true },
              { name: 'vec', data_type: DataType.FloatVector, dim: 4 },
              { name: 'flag', data_type: DataType.Bool },
              { name: 'n32', data_type: DataType.Int32 },
              { name: 'd', data_type: DataType.Double },
              { name: 'title', data_type: DataType.VarChar, max_length: 64 },
              { name: 'meta', data_type: DataType.JSON },
              { name: 'tags', data_type: DataType.Array, element_type: DataType.Int64, max_capacity: 4 },
            ],
            index_params: { field_name: 'vec', index_type: 'AUTOINDEX', metric_type: 'L2' },
          });
          const inserted = await client.insert({
            collection_name: collection,
            data: [
              { id: 9007199254740993n, vec: [0.5, -1, 2, 0.25], flag: true, n32: -2147483648, d: 0.1, title: 'héllo ✓', meta: { a: 1, nested: { list: [1, 'two', null] } }, tags: [9223372036854775807n, -1n] },
              { id: '-9223372036854775808', vec: [1, 1, 1, 1], flag: false, n32: 7, d: -1e300, title: '', meta: [1, 2, 3], tags: [] },
              { id: 42, vec: new Float32Array([0, 0, 1, 0]), flag: true, n32: 0, d: 2.5, title: 'x'.repeat(64), meta: { deep: { deeper: true } }, tags: ['1'] },
            ],
          });
          // A bigger columnar batch, so the request spans many proxy reads.
          const n = 4000;
          const dim = 4;
          const bulk = await client.insert({
            collection_name: collection,
            columns: {
              id: BigInt64Array.from({ length: n }, (_, i) => BigInt(1000 + i)),
              vec: Float32Array.from({ length: n * dim }, (_, k) => (k % 97) / 8),
              flag: Array.from({ length: n }, (_, i) => i % 2 === 0),
              n32: Int32Array.from({ length: n }, (_, i) => -i),
              d: Float64Array.from({ length: n }, (_, i) => i / 3),
              title: Array.from({ length: n }, (_, i) => `bulk ${i}`),
              meta: Array.from({ length: n }, (_, i) => ({ i })),
              tags: Array.from({ length: n }, (_, i) => [BigInt(i)]),
            },
          });
          const small = await client.get({ collection_name: collection, ids: ['9007199254740993', '-9223372036854775808', '42'] });
          const sample = await client.get({ collection_name: collection, ids: [1000, 2999, 4999], output_fields: ['id', 'vec', 'd', 'title', 'meta', 'tags'] });
          return { inserted: [inserted.insert_count, inserted.ids], bulk: bulk.insert_count, small: small.data, sample: sample.data };
        } finally {
          await client.close();
        }
      }, { uri: proxy.url, collection });

      const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (BigInt(a.id as string) < BigInt(b.id as string) ? -1 : 1);
      expect(got.inserted).toEqual([3, ['9007199254740993', '-9223372036854775808', '42']]);
      expect(got.bulk).toBe(4000);
      expect([...got.small].sort(byId)).toEqual(EXPECTED_ROWS);
      const bulkRow = (i: number) => ({
        id: String(1000 + i), vec: Array.from({ length: 4 }, (_, j) => ((i * 4 + j) % 97) / 8), d: i / 3, title: `bulk ${i}`, meta: { i }, tags: [String(i)],
      });
      expect([...got.sample].sort(byId)).toEqual([bulkRow(0), bulkRow(1999), bulkRow(3999)]);

      // Node, over plain gRPC, reads what the browser wrote.
      const fromNode = await node.get({ collection_name: collection, ids: ['9007199254740993', '-9223372036854775808', '42'] });
      expect([...fromNode.data].sort(byId)).toEqual(EXPECTED_ROWS);
      expect(problems.filter((p) => !/WebAssembly|wasm-unsafe-eval|unsafe-eval/.test(p))).toEqual([]);
    } finally {
      await page.close();
      await node.dropCollection({ collection_name: collection }).catch(() => undefined);
      await node.close();
    }
  });
});

describe('errors', () => {
  /** Runs `call` (source text of `(client) => promise`) against a browser client and returns the error's shape. */
  async function browserError(uri: string, call: string, args: Record<string, unknown> = {}): Promise<ErrorShape> {
    const { page } = await harness('index.html');
    try {
      return await page.evaluate(async ({ uri, call, args }) => {
        await window.pageTask();
        const client = new window.mw.MilvusClient({ uri, timeout: 10_000 });
        try {
          await (0, eval)(call)(client, args);
          throw new Error('expected the call to fail');
        } catch (e) {
          const err = e as ErrorShape & Error;
          return { isMilvusError: err instanceof window.mw.MilvusError, name: err.name, code: err.code, message: err.message, rpc: err.rpc, serverCode: err.serverCode, grpcCode: err.grpcCode };
        } finally {
          await client.close();
        }
      }, { uri, call, args });
    } finally {
      await page.close();
    }
  }

  test('an insert into an unknown collection: ServerError COLLECTION_NOT_FOUND with Milvus code 100, as in Node', async () => {
    const { proxy } = await browserEnv();
    const missing = uniqueName('missing');
    const inBrowser = await browserError(proxy.url, '(c, a) => c.insert({ collection_name: a.missing, data: [{ id: 1, vector: [1, 2] }] })', { missing });
    const inNode = await nodeError((c) => c.insert({ collection_name: missing, data: [{ id: 1, vector: [1, 2] }] }));
    expect(inBrowser).toEqual(inNode);
    expect(inBrowser).toMatchObject({ isMilvusError: true, name: 'ServerError', code: 'COLLECTION_NOT_FOUND', serverCode: 100, rpc: 'DescribeCollection' });
    expect(inBrowser.message).toContain(missing);
  });

  test('a query that does not parse: the same status (Milvus code 6) as in Node', async () => {
    const { page, proxy } = await harness('index.html');
    const collection = uniqueName('errs');
    const node = new MilvusClient({ uri: milvusUri() });
    await node.createCollection({ collection_name: collection, dimension: 4 });
    try {
      const inBrowser = await page.evaluate(async ({ uri, collection }) => {
        await window.pageTask();
        const client = new window.mw.MilvusClient({ uri });
        try {
          return await client.query({ collection_name: collection, filter: 'id >>> 1' });
        } finally {
          await client.close();
        }
      }, { uri: proxy.url, collection });
      const inNode = await node.query({ collection_name: collection, filter: 'id >>> 1' });
      expect(inBrowser).toEqual(inNode);
      expect(inBrowser.status).toMatchObject({ code: 6 });
      expect(inBrowser.data).toEqual([]);
    } finally {
      await page.close();
      await node.dropCollection({ collection_name: collection });
      await node.close();
    }
  });

  test('nothing listening: TransportError UNAVAILABLE (gRPC code 14), as in Node', async () => {
    const inBrowser = await browserError('http://127.0.0.1:1', '(c) => c.getVersion()');
    const inNode = await nodeError((c) => c.getVersion(), 'http://127.0.0.1:1');
    const shape = (e: ErrorShape) => ({ isMilvusError: e.isMilvusError, name: e.name, code: e.code, grpcCode: e.grpcCode, rpc: e.rpc });
    expect(shape(inBrowser)).toEqual(shape(inNode));
    expect(shape(inBrowser)).toEqual({ isMilvusError: true, name: 'TransportError', code: 'UNAVAILABLE', grpcCode: 14, rpc: 'GetVersion' });
    expect(inBrowser.message).toContain('http://127.0.0.1:1 is unavailable');
  });

  test('a local path uri: InvalidInputError pointing to a gRPC-Web proxy (no embedded server in browsers)', async () => {
    const { page } = await harness('index.html');
    try {
      const err = await page.evaluate(async () => {
        await window.pageTask();
        try {
          new window.mw.MilvusClient({ uri: './demo.db' });
          return null;
        } catch (e) {
          return { isInvalidInput: e instanceof window.mw.InvalidInputError, message: (e as Error).message };
        }
      });
      expect(err).toEqual({ isInvalidInput: true, message: expect.stringMatching(/local path.*needs Node.*gRPC-Web proxy/) });
    } finally {
      await page.close();
    }
  });
});

test('db_name travels as metadata through the proxy: a browser client of one database writes where Node reads it', async () => {
  const { page, proxy } = await harness('index.html');
  const db = uniqueName('db');
  const collection = uniqueName('in_db');
  const node = new MilvusClient({ uri: milvusUri() });
  try {
    await node.createDatabase({ db_name: db });
    await page.evaluate(async ({ uri, db, collection }) => {
      await window.pageTask();
      const client = new window.mw.MilvusClient({ uri, db_name: db });
      try {
        await client.createCollection({ collection_name: collection, dimension: 2 });
        await client.insert({ collection_name: collection, data: [{ id: 1, vector: [0.5, 0.25] }] });
      } finally {
        await client.close();
      }
    }, { uri: proxy.url, db, collection });
    expect((await node.hasCollection({ collection_name: collection })).value).toBe(false);
    const { data } = await node.get({ collection_name: collection, ids: [1], output_fields: ['id', 'vector'], db_name: db });
    expect(data).toEqual([{ id: '1', vector: [0.5, 0.25], $meta: {} }]);
  } finally {
    await page.close();
    await node.dropCollection({ collection_name: collection, db_name: db }).catch(() => undefined);
    await node.dropDatabase({ db_name: db }).catch(() => undefined);
    await node.close();
  }
});
