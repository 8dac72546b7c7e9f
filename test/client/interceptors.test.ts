/**
 * The grpc-js interceptors of the Node transport, against the recording sink: what every call carries on
 * the wire (authorization, dbname, the server's identifier, client-request-id, client-request-unixmsec),
 * the caller's own interceptors, resends of calls that never reached the server (count and backoff seen on
 * the channel itself, through grpc-js' public `channelFactoryOverride`), no resend of a delivered,
 * timed-out or cancelled call, one retry loop for writes, and trace context with a registered OpenTelemetry
 * propagator (`@opentelemetry/api` is installed here as a dependency of the official SDK) or an injector of
 * one's own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as grpc from '@grpc/grpc-js';
import * as api from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DataType, InvalidInputError, MilvusClient, MilvusErrorCode, TransportError, type MilvusClientOptions } from '../../src/index.js';
import { pickFreePort } from '../../src/lite/free-port.js';
import { createGrpcTransport } from '../../src/transport/grpc.js';
import { grpcChannelOptions } from '../../src/transport/grpc-interceptors.js';
import { traceInjectorFrom } from '../../src/transport/trace-context.js';
import type { TraceInjector } from '../../src/transport/types.js';
import { startTcpProxy } from '../fakes/tcp-proxy.js';
import { describeReply, reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

const COLL = 'sunk';
const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, type_params: [{ key: 'dim', value: '2' }] },
];
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sink: GrpcSink;
const clients: MilvusClient[] = [];
beforeEach(async () => {
  sink = await startSink();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await sink.close();
});

function client(options: MilvusClientOptions): MilvusClient {
  const c = new MilvusClient(options);
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TransportError);
  return err as TransportError;
}

/** Channel options that record every attempt grpc-js starts on the client's channel (one `createCall` each). */
function attemptCounter() {
  const attempts: { method: string; at: number }[] = [];
  const channelFactoryOverride = (address: string, credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions) => {
    const channel = new grpc.Channel(address, credentials, options);
    const createCall = channel.createCall.bind(channel);
    channel.createCall = (...args: Parameters<typeof createCall>) => {
      attempts.push({ method: args[0].slice(args[0].lastIndexOf('/') + 1), at: Date.now() });
      return createCall(...args);
    };
    return channel;
  };
  return { attempts, channelOptions: { channelFactoryOverride } };
}

/** A caller's interceptor recording the metadata it is handed and the final status of each call. */
function recorder() {
  const seen: Record<string, string>[] = [];
  const statuses: number[] = [];
  const interceptor: grpc.Interceptor = (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      seen.push(Object.fromEntries(Object.entries(metadata.getMap()).map(([k, v]) => [k, String(v)])));
      metadata.set('x-app', 'mine');
      next(metadata, {
        onReceiveStatus(status, nextStatus) {
          statuses.push(status.code);
          nextStatus(status);
        },
      });
    },
  });
  return { seen, statuses, interceptor };
}

const nowhere = async () => `http://127.0.0.1:${await pickFreePort()}`;

describe('channelOptions.interceptors', () => {
  test("the SDK's three (metadata, request time, retry), four with trace; the caller's own kept, before retry", () => {
    const mine: grpc.Interceptor = (options, nextCall) => new grpc.InterceptingCall(nextCall(options));
    expect(client({ uri: sink.uri, __SKIP_CONNECT__: true }).channelOptions.interceptors).toHaveLength(3);
    expect(client({ uri: sink.uri, trace: true, __SKIP_CONNECT__: true }).channelOptions.interceptors).toHaveLength(4);
    const c = client({ uri: sink.uri, trace: true, channelOptions: { interceptors: [mine], 'grpc.keepalive_time_ms': 20_000 }, __SKIP_CONNECT__: true });
    const { interceptors } = c.channelOptions as { interceptors: unknown[] };
    expect(interceptors).toHaveLength(5);
    expect(interceptors[3]).toBe(mine);
    expect(interceptors.every((i) => typeof i === 'function')).toBe(true);
    expect(c.channelOptions['grpc.keepalive_time_ms']).toBe(20_000);
    expect(c.config.channelOptions).toEqual({ interceptors: [mine], 'grpc.keepalive_time_ms': 20_000 });
  });

  test.each([
    ['maxRetries: -1', { maxRetries: -1 }, /maxRetries must be a whole number ≥ 0, got -1/],
    ['maxRetries: 1.5', { maxRetries: 1.5 }, /maxRetries/],
    ['retryDelay: "10"', { retryDelay: '10' }, /retryDelay must be a number of milliseconds ≥ 0, got "10"/],
    ['retryDelay: NaN', { retryDelay: Number.NaN }, /retryDelay/],
    ['interceptors not an array', { channelOptions: { interceptors: 'x' } }, /channelOptions.interceptors must be an array/],
    ['an interceptor that is not a function', { channelOptions: { interceptors: [1] } }, /channelOptions.interceptors/],
    ['channelOptions not an object', { channelOptions: 'x' }, /channelOptions must be an object/],
  ] as [string, Record<string, unknown>, RegExp][])('%s: InvalidInputError at construction', (_what, bad, message) => {
    const options = { uri: sink.uri, __SKIP_CONNECT__: true, ...bad } as MilvusClientOptions;
    expect(() => new MilvusClient(options)).toThrow(InvalidInputError);
    expect(() => new MilvusClient(options)).toThrow(message);
  });
});

describe('metadata on the wire', () => {
  test('every call: authorization, dbname, identifier once Connect answered, client-request-unixmsec at issue; client-request-id per call', async () => {
    sink.on('Connect', () => reply('milvus.proto.milvus.ConnectResponse', { status: {}, identifier: '4242' }));
    const before = Date.now();
    const c = client({ uri: sink.uri, token: 'root:Milvus' });
    await c.connectPromise;
    const between = Date.now();
    await c.getVersion({ client_request_id: 'req-1' });
    await c.getVersion({ db_name: 'other' });
    await c.use({ db_name: 'used' });
    await c.getVersion({ 'client-request-id': 'req-3' });
    const after = Date.now();

    const connect = sink.callsOf('Connect')[0]!.metadata;
    const [first, second, third] = sink.callsOf('GetVersion').map((call) => call.metadata);
    expect(connect).toMatchObject({ authorization: b64('root:Milvus'), dbname: 'default' });
    expect(connect.identifier).toBeUndefined();
    expect(first).toMatchObject({ authorization: b64('root:Milvus'), dbname: 'default', identifier: '4242', 'client-request-id': 'req-1' });
    expect(second).toMatchObject({ authorization: b64('root:Milvus'), dbname: 'other', identifier: '4242' });
    expect(second!['client-request-id']).toBeUndefined();
    expect(third).toMatchObject({ dbname: 'used', identifier: '4242', 'client-request-id': 'req-3' });
    const issued = [connect, first!, second!, third!].map((md) => Number(md['client-request-unixmsec']));
    expect(issued[0]).toBeGreaterThanOrEqual(before);
    expect(issued[0]).toBeLessThanOrEqual(between);
    for (const t of issued.slice(1)) {
      expect(t).toBeGreaterThanOrEqual(between);
      expect(t).toBeLessThanOrEqual(after);
    }
    expect(issued).toEqual([...issued].sort((a, b) => a - b));
  });

  test("the caller's interceptors run after the client's metadata, once per call; what they add is sent; providers too", async () => {
    const mine = recorder();
    // grpc-js skips a provider's falsy answer; its type does not say so.
    const provided = ((method: Parameters<grpc.InterceptorProvider>[0]): grpc.Interceptor | undefined => (method.path.endsWith('/GetVersion')
      ? (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
        start(metadata, listener, next) {
          metadata.set('x-provided', 'GetVersion');
          next(metadata, listener);
        },
      })
      : undefined)) as grpc.InterceptorProvider;
    const c = client({ uri: sink.uri, token: 't', __SKIP_CONNECT__: true, channelOptions: { interceptors: [mine.interceptor], interceptor_providers: [provided] } });
    await c.getVersion({ client_request_id: 'r' });
    await c.checkHealth();
    expect(mine.seen).toHaveLength(2);
    expect(mine.seen[0]).toMatchObject({ authorization: b64('t'), dbname: 'default', 'client-request-id': 'r' });
    expect(mine.seen[0]!['client-request-unixmsec']).toMatch(/^\d{13}$/);
    expect(mine.statuses).toEqual([grpc.status.OK, grpc.status.OK]);
    expect(sink.callsOf('GetVersion')[0]!.metadata).toMatchObject({ 'x-app': 'mine', 'x-provided': 'GetVersion' });
    expect(sink.callsOf('CheckHealth')[0]!.metadata).toMatchObject({ 'x-app': 'mine' });
    expect(sink.callsOf('CheckHealth')[0]!.metadata['x-provided']).toBeUndefined();
  });
});

describe('resending a call that never reached the server', () => {
  test('nothing listening: maxRetries resends, the n-th after 2^n · retryDelay ms, then UNAVAILABLE, not sent', async () => {
    const { attempts, channelOptions } = attemptCounter();
    const mine = recorder();
    const c = client({ uri: await nowhere(), retryDelay: 25, __SKIP_CONNECT__: true, channelOptions: { ...channelOptions, interceptors: [mine.interceptor] } });
    const err = await failure(c.getVersion());
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: true, rpc: 'GetVersion' });
    expect(err.message).toMatch(/No connection established.*\(retried 3 times over \d+ ms\)$/);
    expect(attempts.map((a) => a.method)).toEqual(['GetVersion', 'GetVersion', 'GetVersion', 'GetVersion']);
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    [50, 100, 200].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 1));
    // The caller's interceptor sits outside the retry: one call, its final status.
    expect(mine.statuses).toEqual([grpc.status.UNAVAILABLE]);
  });

  test('maxRetries: 0 sends once', async () => {
    const { attempts, channelOptions } = attemptCounter();
    const c = client({ uri: await nowhere(), maxRetries: 0, __SKIP_CONNECT__: true, channelOptions });
    const err = await failure(c.getVersion());
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: true });
    expect(err.message).not.toMatch(/retried/);
    expect(attempts).toHaveLength(1);
  });

  test('the server comes up after the first attempt: a resend lands, once', async () => {
    const uri = await nowhere();
    const { attempts, channelOptions } = attemptCounter();
    // grpc-js paces its own reconnects (1 s at first by default); shortened here so a resend finds the server.
    const c = client({ uri, retryDelay: 50, maxRetries: 6, __SKIP_CONNECT__: true,
      channelOptions: { ...channelOptions, 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 50 } });
    const answer = c.getVersion();
    await sleep(150);
    const late = await startSink(undefined, Number(new URL(uri).port));
    const upAt = Date.now();
    try {
      late.on('GetVersion', () => reply('milvus.proto.milvus.GetVersionResponse', { status: {}, version: 'late' }));
      expect(await answer).toMatchObject({ version: 'late' });
      expect(late.callsOf('GetVersion')).toHaveLength(1);
      expect(attempts[0]!.at).toBeLessThan(upAt);
      expect(attempts.length).toBeGreaterThanOrEqual(2);
    } finally {
      await late.close();
    }
  });

  test('a call the server received is never resent: the connection drops after delivery → UNAVAILABLE, may have been applied', async () => {
    const proxy = await startTcpProxy(Number(new URL(sink.uri).port));
    sink.on('Delete', () => {
      setImmediate(() => proxy.cut());
      return 'never';
    });
    const { attempts, channelOptions } = attemptCounter();
    const c = client({ uri: proxy.uri, __SKIP_CONNECT__: true, channelOptions });
    const err = await failure(c.deleteEntities({ collection_name: COLL, filter: 'id > 0' }));
    await proxy.close();
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: false, rpc: 'Delete' });
    expect(err.message).not.toMatch(/retried/);
    expect(sink.callsOf('Delete')).toHaveLength(1);
    expect(attempts.filter((a) => a.method === 'Delete')).toHaveLength(1);
  });

  test('a call that hangs ends at its deadline (TIMEOUT) and is never resent', async () => {
    sink.on('GetVersion', () => 'never');
    const { attempts, channelOptions } = attemptCounter();
    const c = client({ uri: sink.uri, timeout: 300, __SKIP_CONNECT__: true, channelOptions });
    expect(await failure(c.getVersion())).toMatchObject({ code: MilvusErrorCode.Timeout });
    await sleep(100);
    expect(sink.callsOf('GetVersion')).toHaveLength(1);
    expect(attempts).toHaveLength(1);
  });

  test('the deadline holds across resends: no attempt is made that could not start in time, and the error says why', async () => {
    const { attempts, channelOptions } = attemptCounter();
    // Resends would wait 200, 400, 800 ms ...: the third cannot fit in a 1 s deadline.
    const c = client({ uri: await nowhere(), retryDelay: 100, maxRetries: 10, timeout: 1000, __SKIP_CONNECT__: true, channelOptions });
    const started = Date.now();
    const err = await failure(c.getVersion());
    const elapsed = Date.now() - started;
    // Never sent, so said so (UNAVAILABLE, notSent), not reported as a timeout that might have been applied.
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: true });
    expect(err.message).toMatch(/no further attempt: the deadline is \d+ ms away\)$/);
    expect(elapsed).toBeLessThan(1000);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length).toBeLessThanOrEqual(3);
  });

  test('cancelled while waiting to resend: CANCELLED at once, nothing more is sent', async () => {
    const { attempts, channelOptions } = attemptCounter();
    const c = client({ uri: await nowhere(), retryDelay: 500, __SKIP_CONNECT__: true, channelOptions });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    expect(await failure(c.getVersion({ signal: controller.signal }))).toMatchObject({ code: MilvusErrorCode.Cancelled });
    // The first resend was due at 1 s.
    expect(Date.now() - started).toBeLessThan(900);
    await sleep(1_100);
    expect(attempts).toHaveLength(1);
  });

  test('writes retry on their own `retry` policy only: retry.attempts sends, not × (maxRetries + 1)', async () => {
    const port = await pickFreePort();
    const gone = await startSink(undefined, port);
    gone.on('DescribeCollection', () => describeReply(COLL, FIELDS));
    const { attempts, channelOptions } = attemptCounter();
    const c = client({ uri: `http://127.0.0.1:${port}`, retry: { attempts: 3, base_ms: 1, cap_ms: 5 }, __SKIP_CONNECT__: true, channelOptions });
    await c.describeCollection({ collection_name: COLL });
    await gone.close();
    await sleep(200); // let the client see its connection close
    const err = await failure(c.insert({ collection_name: COLL, data: [{ id: 1, vec: [1, 2] }] }));
    expect(err).toMatchObject({ code: MilvusErrorCode.Unavailable, notSent: true, rpc: 'Insert' });
    expect(err.message).not.toMatch(/retried/);
    expect(attempts.filter((a) => a.method === 'Insert')).toHaveLength(3);
    // Any other call of the same client gets the transport's resends.
    await failure(c.getVersion());
    expect(attempts.filter((a) => a.method === 'GetVersion')).toHaveLength(4);
  });
});

describe('trace', () => {
  test('trace: true sends the W3C context of the active OpenTelemetry context through the registered propagator', async () => {
    // What an OpenTelemetry SDK registers: a context manager over AsyncLocalStorage and a W3C-format propagator.
    const store = new AsyncLocalStorage<api.Context>();
    api.context.setGlobalContextManager({
      active: () => store.getStore() ?? api.ROOT_CONTEXT,
      with: (ctx, fn, thisArg, ...args) => store.run(ctx, () => fn.call(thisArg, ...args)),
      bind: (_ctx, target) => target,
      enable() {
        return this;
      },
      disable() {
        return this;
      },
    });
    api.propagation.setGlobalPropagator({
      inject(ctx, carrier, setter) {
        const span = api.trace.getSpanContext(ctx);
        if (!span) return;
        setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
        setter.set(carrier, 'tracestate', 'vendor=milvus');
      },
      extract: (ctx) => ctx,
      fields: () => ['traceparent', 'tracestate'],
    });
    try {
      const traced = client({ uri: sink.uri, trace: true, __SKIP_CONNECT__: true });
      const plain = client({ uri: sink.uri, __SKIP_CONNECT__: true });
      const inSpan = api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
      await api.context.with(inSpan, () => traced.getVersion());
      await traced.getVersion();
      await api.context.with(inSpan, () => plain.getVersion());
      const [spanned, outside, untraced] = sink.callsOf('GetVersion').map((call) => call.metadata);
      expect(spanned).toMatchObject({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'vendor=milvus', dbname: 'default' });
      expect(outside!.traceparent).toBeUndefined();
      expect(untraced!.traceparent).toBeUndefined();
    } finally {
      api.propagation.disable();
      api.context.disable();
    }
  });

  /** A transport whose channel injects with `inject`, as `trace: true` does with OpenTelemetry's. */
  const tracedTransport = (inject: TraceInjector) => createGrpcTransport({
    address: new URL(sink.uri).host,
    channelOptions: grpcChannelOptions({ metadata: new Map([['dbname', 'd']]), trace: inject, maxRetries: 0, retryDelayMs: 0 }),
  });

  test("an injector of one's own: what it writes is sent; keys grpc-js would refuse are left out, not failing the call", async () => {
    const transport = tracedTransport((carrier) => {
      carrier.traceparent = '00-abc-def-01';
      carrier.tracestate = 'a=1';
      carrier['Not A Key'] = 'x';
      carrier['blob-bin'] = 'x';
    });
    await transport.unary('GetVersion', new Uint8Array(), {});
    transport.close();
    const md = sink.callsOf('GetVersion')[0]!.metadata;
    expect(md).toMatchObject({ traceparent: '00-abc-def-01', tracestate: 'a=1', dbname: 'd' });
    expect(Object.keys(md).filter((k) => /key|-bin$/i.test(k))).toEqual([]);
  });

  test('without @opentelemetry/api, trace does nothing: looked up once, calls go out unchanged', async () => {
    let lookups = 0;
    const transport = tracedTransport(traceInjectorFrom(() => {
      lookups++;
      return null;
    }));
    await transport.unary('GetVersion', new Uint8Array(), {});
    await transport.unary('GetVersion', new Uint8Array(), {});
    transport.close();
    expect(lookups).toBe(1);
    expect(sink.callsOf('GetVersion').map((call) => call.metadata.traceparent)).toEqual([undefined, undefined]);
    expect(sink.callsOf('GetVersion').map((call) => call.metadata.dbname)).toEqual(['d', 'd']);
  });
});
