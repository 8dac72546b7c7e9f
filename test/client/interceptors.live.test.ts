/**
 * The interceptors against Milvus Lite: with `trace: true` and a caller's interceptor recording what every
 * call carries, the server's `identifier` from Connect goes out on every later call, `dbname` follows the call
 * and `use`, and the server acts on it (a collection created in another database is listed there only).
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const db = uniqueName('icpt_db');
const coll = uniqueName('icpt');
const calls: { method: string; metadata: Record<string, string>; code?: number }[] = [];
const recorder: grpc.Interceptor = (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
  start(metadata, listener, next) {
    const call: (typeof calls)[number] = {
      method: options.method_definition.path.slice(options.method_definition.path.lastIndexOf('/') + 1),
      metadata: Object.fromEntries(Object.entries(metadata.getMap()).map(([k, v]) => [k, String(v)])),
    };
    calls.push(call);
    next(metadata, {
      onReceiveStatus(status, nextStatus) {
        call.code = status.code;
        nextStatus(status);
      },
    });
  },
});
const client = new MilvusClient({ uri: milvusUri(), trace: true, channelOptions: { interceptors: [recorder] } });

afterAll(async () => {
  await client.use({ db_name: 'default' });
  await client.dropCollection({ collection_name: coll, db_name: db });
  await client.dropDatabase({ db_name: db });
  await client.close();
});

test('identifier after Connect, dbname per call and after use(), on every call; the server honours dbname', async () => {
  await client.connectPromise;
  expect(client.channelOptions.interceptors).toHaveLength(5);
  await client.createDatabase({ db_name: db });
  await client.createCollection({ collection_name: coll, dimension: 2, db_name: db });
  const inDefault = (await client.listCollections()).data.map((c) => c.name);
  await client.use({ db_name: db });
  const inDb = (await client.listCollections()).data.map((c) => c.name);
  expect(inDefault).not.toContain(coll);
  expect(inDb).toEqual([coll]);

  const identifier = calls[0]!.metadata.identifier;
  expect(calls[0]).toMatchObject({ method: 'Connect', code: grpc.status.OK });
  expect(identifier).toBeUndefined();
  const later = calls.slice(1);
  // createCollection's quick setup also creates the index and loads: all of it in `db`.
  const creating = later.slice(1, -2);
  expect(creating.map((c) => c.method)).toContain('CreateCollection');
  expect(creating.every((c) => c.metadata.dbname === db)).toBe(true);
  expect([later[0], ...later.slice(-2)].map((c) => [c!.method, c!.metadata.dbname])).toEqual([
    ['CreateDatabase', 'default'], ['ShowCollections', 'default'], ['ShowCollections', db],
  ]);
  for (const call of later) {
    // One identifier, the server's, on every call after Connect.
    expect(call.metadata.identifier).toBe(later[0]!.metadata.identifier);
    expect(call.code).toBe(grpc.status.OK);
    expect(call.metadata.identifier).toMatch(/^\d+$/);
    expect(Number(call.metadata['client-request-unixmsec'])).toBeGreaterThan(Date.now() - 120_000);
  }
});
