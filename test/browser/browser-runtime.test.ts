/**
 * A client on the browser runtime (gRPC-Web; run in Node with a scripted `fetch`): `channelOptions` has no
 * grpc-js interceptors and refuses the caller's, which would never run; every call carries the metadata the
 * Node transport's interceptors add (authorization, dbname, identifier, client-request-id,
 * client-request-unixmsec).
 */
import { afterEach, expect, test, vi } from 'vitest';
import { browserRuntime } from '../../src/client/browser-runtime.js';
import { installClientRuntime } from '../../src/client/runtime.js';
import { encodeMessage } from '../../src/proto/index.js';
import { InvalidInputError, MilvusClient } from '../../src/public-api.js';

installClientRuntime(browserRuntime);

/** A gRPC-Web response: one data frame with `message`, then trailers with status 0. */
function grpcWebOk(message: Uint8Array): Response {
  const trailer = new TextEncoder().encode('grpc-status: 0\r\n');
  const body = new Uint8Array(10 + message.length + trailer.length);
  const view = new DataView(body.buffer);
  view.setUint32(1, message.length);
  body.set(message, 5);
  body[5 + message.length] = 0x80;
  view.setUint32(6 + message.length, trailer.length);
  body.set(trailer, 10 + message.length);
  return new Response(body, { headers: { 'content-type': 'application/grpc-web+proto' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

test('channelOptions: the defaults and the caller’s options, no interceptors; the caller’s interceptors are refused', () => {
  const c = new MilvusClient({ uri: 'http://proxy.test:8080', __SKIP_CONNECT__: true, trace: true, channelOptions: { 'grpc.keepalive_time_ms': 20_000, interceptors: [] } });
  expect(c.channelOptions).not.toHaveProperty('interceptors');
  expect(c.channelOptions['grpc.keepalive_time_ms']).toBe(20_000);
  expect(c.channelOptions['grpc.keepalive_permit_without_calls']).toBe(1);
  const mine = () => undefined;
  expect(() => new MilvusClient({ uri: 'http://proxy.test:8080', __SKIP_CONNECT__: true, channelOptions: { interceptors: [mine] } }))
    .toThrow(InvalidInputError);
  expect(() => new MilvusClient({ uri: 'http://proxy.test:8080', __SKIP_CONNECT__: true, channelOptions: { interceptor_providers: [mine] } }))
    .toThrow(/interceptors run only in Node/);
});

test('every call carries the same metadata as in Node, client-request-unixmsec included', async () => {
  const sent: { path: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    sent.push({ path, headers: init.headers as Record<string, string> });
    return grpcWebOk(path.endsWith('/Connect') ? encodeMessage('milvus.proto.milvus.ConnectResponse', { status: {}, identifier: '77' }) : new Uint8Array());
  });
  const before = Date.now();
  const c = new MilvusClient({ uri: 'http://proxy.test:8080', token: 'root:Milvus' });
  await c.connectPromise;
  await c.getVersion({ client_request_id: 'r-1', db_name: 'other' });
  await c.getVersion();
  const after = Date.now();
  const [connect, first, second] = sent.map((s) => s.headers);
  const auth = Buffer.from('root:Milvus').toString('base64');
  expect(connect).toMatchObject({ authorization: auth, dbname: 'default' });
  expect(connect!.identifier).toBeUndefined();
  expect(first).toMatchObject({ authorization: auth, dbname: 'other', identifier: '77', 'client-request-id': 'r-1' });
  expect(second).toMatchObject({ authorization: auth, dbname: 'default', identifier: '77' });
  expect(second!['client-request-id']).toBeUndefined();
  for (const headers of [connect!, first!, second!]) {
    expect(Number(headers['client-request-unixmsec'])).toBeGreaterThanOrEqual(before);
    expect(Number(headers['client-request-unixmsec'])).toBeLessThanOrEqual(after);
  }
  await c.close();
});
