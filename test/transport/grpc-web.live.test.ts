/**
 * The gRPC-Web transport in Node (fetch is global there too): its wire format and failure mapping against
 * a scripted `fetch`, then against the real grpcwebproxy in front of the test Milvus, where every outcome
 * must match what the Node gRPC transport reports for the same call.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { MilvusErrorCode, TransportError } from '../../src/errors.js';
import { encodeRequest, decodeResponse } from '../../src/proto/index.js';
import { createGrpcTransport } from '../../src/transport/grpc.js';
import { decodeGrpcMessage, grpcTimeoutHeader } from '../../src/transport/grpc-web-frames.js';
import { createGrpcWebTransport } from '../../src/transport/grpc-web.js';
import type { Transport } from '../../src/transport/types.js';
import { milvusUri } from '../setup/milvus-server.js';
import { startGrpcWebProxy, type RunningProxy } from '../browser/fixtures/grpc-web-proxy.js';
import { browserTools } from '../browser/fixtures/tools.js';

/** A 5-byte gRPC-Web frame header followed by `payload`. */
function frame(flags: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}
const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => Uint8Array.from(parts.flatMap((p) => [...p]));
const trailers = (text: string) => frame(0x80, new TextEncoder().encode(text));
const GRPC_WEB = { 'content-type': 'application/grpc-web+proto' };

interface Sent {
  url: string;
  init: RequestInit;
}

/** A transport whose fetch answers with `respond` and records what was sent. */
function scripted(respond: (sent: Sent) => Response | Promise<Response>, metadata?: Map<string, string>) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return respond({ url, init });
  }) as unknown as typeof globalThis.fetch;
  return { sent, transport: createGrpcWebTransport({ address: 'proxy.test:8080', ...(metadata ? { metadata } : {}), fetch }) };
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (e) {
    return e as TransportError;
  }
  throw new Error('expected the call to fail');
}

describe('against a scripted fetch', () => {
  const message = new Uint8Array([8, 1, 18, 3, 97, 98, 99]);

  test('a call: POST of the framed bytes with the gRPC-Web headers and metadata; the data frame comes back', async () => {
    const reply = new Uint8Array([10, 0]);
    const channel = new Map([['authorization', 'cm9vdDpNaWx2dXM='], ['dbname', 'default'], ['identifier', '42']]);
    const { sent, transport } = scripted(() => new Response(concat(frame(0, reply), trailers('grpc-status: 0\r\ngrpc-message: \r\n')), { headers: GRPC_WEB }),
      channel);
    const before = Date.now();
    const got = await transport.unary('Insert', message, { timeoutMs: 1500, metadata: { dbname: 'analytics', 'client-request-id': 'req-7' } });
    expect([...got]).toEqual([...reply]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('http://proxy.test:8080/milvus.proto.milvus.MilvusService/Insert');
    expect(sent[0]!.init.method).toBe('POST');
    const { 'client-request-unixmsec': issuedAt, ...headers } = sent[0]!.init.headers as Record<string, string>;
    // The call's own dbname wins over the channel's; the channel metadata is read as the call starts.
    expect(headers).toEqual({
      authorization: 'cm9vdDpNaWx2dXM=', dbname: 'analytics', identifier: '42', 'client-request-id': 'req-7',
      'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1', 'x-user-agent': 'milvus-wasm', 'grpc-timeout': '1500m',
    });
    expect(Number(issuedAt)).toBeGreaterThanOrEqual(before);
    expect(Number(issuedAt)).toBeLessThanOrEqual(Date.now());
    expect([...(sent[0]!.init.body as Uint8Array)]).toEqual([0, 0, 0, 0, 7, ...message]);

    channel.set('dbname', 'later');
    await transport.unary('Insert', message, {});
    expect((sent[1]!.init.headers as Record<string, string>).dbname).toBe('later');
  });

  test('tls: true or an empty TLS object means https; certificate settings are refused', async () => {
    const fetch = (async () => new Response(concat(frame(0, new Uint8Array()), trailers('grpc-status:0')), { headers: GRPC_WEB })) as unknown as typeof globalThis.fetch;
    const urls: string[] = [];
    const spy = (async (url: string) => (urls.push(url), fetch(url))) as unknown as typeof globalThis.fetch;
    await createGrpcWebTransport({ address: 'h:443', tls: true, fetch: spy }).unary('GetVersion', new Uint8Array(), { timeoutMs: 1000 });
    await createGrpcWebTransport({ address: 'h:8443', tls: {}, fetch: spy }).unary('GetVersion', new Uint8Array(), { timeoutMs: 1000 });
    expect(urls).toEqual(['https://h/milvus.proto.milvus.MilvusService/GetVersion', 'https://h:8443/milvus.proto.milvus.MilvusService/GetVersion']);
    expect(() => createGrpcWebTransport({ address: 'h:1', tls: { rootCertPath: '/ca.pem' }, fetch })).toThrow(/browser checks certificates/);
    expect(() => createGrpcWebTransport({ address: 'unix:/tmp/milvus.sock', fetch })).toThrow(/unix socket/);
  });

  test.each([
    ['a trailer frame with a status', () => new Response(trailers('grpc-status: 5\r\ngrpc-message: collection%20not%20found%3A%20%E2%9C%93'), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, grpcCode: 5, message: 'Insert: gRPC NOT_FOUND from http://proxy.test:8080: collection not found: ✓' }],
    ['a trailers-only response (status in the HTTP headers)', () => new Response(null, { headers: { ...GRPC_WEB, 'grpc-status': '14', 'grpc-message': 'no%20backend' } }),
      { code: MilvusErrorCode.Unavailable, grpcCode: 14, message: 'Insert: UNAVAILABLE: Milvus at http://proxy.test:8080 is unavailable: no backend' }],
    ['a trailers-only DEADLINE_EXCEEDED', () => new Response(null, { headers: { ...GRPC_WEB, 'grpc-status': '4' } }),
      { code: MilvusErrorCode.Timeout, grpcCode: 4, message: 'Insert: DEADLINE_EXCEEDED: no answer from http://proxy.test:8080 within 1000 ms' }],
    ['a trailers-only UNIMPLEMENTED without a message', () => new Response('', { headers: { ...GRPC_WEB, 'grpc-status': '12' } }),
      { code: MilvusErrorCode.Transport, grpcCode: 12, message: 'Insert: gRPC UNIMPLEMENTED from http://proxy.test:8080: UNIMPLEMENTED' }],
    ['HTTP 503 from the proxy, no gRPC status', () => new Response('down', { status: 503, statusText: 'Service Unavailable' }),
      { code: MilvusErrorCode.Unavailable, grpcCode: 14, message: 'Insert: UNAVAILABLE: Milvus at http://proxy.test:8080 is unavailable: HTTP 503 Service Unavailable' }],
    ['HTTP 404 (no such route)', () => new Response('nope', { status: 404 }),
      { code: MilvusErrorCode.Transport, grpcCode: 12 }],
    ['a page that is not gRPC-Web', () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
      { code: MilvusErrorCode.Transport, grpcCode: 13, message: expect.stringContaining('content-type "text/html" instead of application/grpc-web+proto') }],
    ['a truncated frame', () => new Response(frame(0, new Uint8Array(10)).subarray(0, 9), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, grpcCode: 13, message: expect.stringContaining('a frame of 10 bytes at byte 0 with only 4 left') }],
    ['a body without trailers', () => new Response(frame(0, new Uint8Array([1])), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, grpcCode: 13, message: expect.stringContaining('no grpc-status') }],
    ['two messages', () => new Response(concat(frame(0, new Uint8Array([1])), frame(0, new Uint8Array([2])), trailers('grpc-status: 0')), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, message: expect.stringContaining('more than one message') }],
    ['a compressed message', () => new Response(concat(frame(1, new Uint8Array([1])), trailers('grpc-status: 0')), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, message: expect.stringContaining('compressed') }],
    ['OK without a message', () => new Response(trailers('grpc-status: 0'), { headers: GRPC_WEB }),
      { code: MilvusErrorCode.Transport, message: 'Insert: the server sent no response message' }],
    ['fetch failing (nothing listening, CORS refused)', () => Promise.reject(new TypeError('Failed to fetch')),
      { code: MilvusErrorCode.Unavailable, grpcCode: 14, message: expect.stringContaining('unavailable: Failed to fetch') }],
  ])('%s', async (_name, respond, expected) => {
    const { transport } = scripted(respond);
    const err = await failure(transport.unary('Insert', message, { timeoutMs: 1000 }));
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ rpc: 'Insert', ...expected });
  });

  /** A fetch that never answers, but rejects as fetch does when its signal aborts. */
  const hanging = ({ init }: Sent) => new Promise<Response>((_, reject) => {
    init.signal!.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });

  test('the deadline aborts the request: TIMEOUT (gRPC 4), as in Node', async () => {
    const { transport } = scripted(hanging);
    const started = Date.now();
    const err = await failure(transport.unary('Search', message, { timeoutMs: 150 }));
    expect(err).toMatchObject({ code: MilvusErrorCode.Timeout, grpcCode: 4, rpc: 'Search', message: 'Search: DEADLINE_EXCEEDED: no answer from http://proxy.test:8080 within 150 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("the caller's AbortSignal cancels: CANCELLED, before or during the call", async () => {
    const { transport, sent } = scripted(hanging);
    const controller = new AbortController();
    const pending = failure(transport.unary('Query', message, { timeoutMs: 10_000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ code: MilvusErrorCode.Cancelled, grpcCode: 1, message: 'Query: CANCELLED: the call was cancelled' });
    expect(await failure(transport.unary('Query', message, { timeoutMs: 10_000, signal: controller.signal }))).toMatchObject({ code: MilvusErrorCode.Cancelled });
    expect(sent).toHaveLength(1);
  });

  test('after close() calls reject with CANCELLED and send nothing', async () => {
    const { transport, sent } = scripted(hanging);
    transport.close();
    transport.close();
    expect(await failure(transport.unary('Query', message, { timeoutMs: 1000 }))).toMatchObject({ code: MilvusErrorCode.Cancelled, message: 'Query: CANCELLED: the client is closed' });
    expect(sent).toHaveLength(0);
  });

  test.each([
    ['plain text', 'plain text'],
    ['100%25 done', '100% done'],
    ['%E6%97%A5%E6%9C%AC', '日本'],
    ['bad %zz escape and a lone %', 'bad %zz escape and a lone %'],
    ['cut %E6%97', 'cut \uFFFD'],
  ])('grpc-message %j decodes to %j', (raw, decoded) => {
    expect(decodeGrpcMessage(raw)).toBe(decoded);
  });

  test.each([
    [1, '1m'], [0.2, '1m'], [30_000, '30000m'], [99_999_999, '99999999m'], [100_000_000, '100000S'], [1e12, '277778H'], [1e15, '99999999H'],
  ])('a %d ms deadline is grpc-timeout %s', (ms, header) => {
    expect(grpcTimeoutHeader(ms)).toBe(header);
  });
});

describe('through grpcwebproxy, against the Node gRPC transport', () => {
  let proxy: RunningProxy | undefined;
  const transports: Transport[] = [];
  afterAll(async () => {
    for (const t of transports) t.close();
    await proxy?.stop();
  });

  async function both(): Promise<{ web: Transport; grpc: Transport }> {
    proxy ??= await startGrpcWebProxy(browserTools().grpcwebproxy, new URL(milvusUri()).host);
    const web = createGrpcWebTransport({ address: new URL(proxy.url).host });
    const grpc = createGrpcTransport({ address: new URL(milvusUri()).host });
    transports.push(web, grpc);
    return { web, grpc };
  }

  test('the same request bytes give the same response bytes', async () => {
    const { web, grpc } = await both();
    const request = encodeRequest('ShowCollections', {});
    const [a, b] = await Promise.all([web.unary('ShowCollections', request, { timeoutMs: 10_000 }), grpc.unary('ShowCollections', request, { timeoutMs: 10_000 })]);
    expect(decodeResponse('ShowCollections', a)).toEqual(decodeResponse('ShowCollections', b));
    const version = decodeResponse<{ version: string }>('GetVersion', await web.unary('GetVersion', encodeRequest('GetVersion', {}), { timeoutMs: 10_000 }));
    expect(version.version).toMatch(/^milvus_lite/);
  });

  test('a method the server lacks fails the same way: TRANSPORT_ERROR with gRPC UNIMPLEMENTED (12)', async () => {
    const { web, grpc } = await both();
    const [viaWeb, viaGrpc] = await Promise.all([
      failure(web.unary('NoSuchMethod', new Uint8Array(), { timeoutMs: 10_000 })),
      failure(grpc.unary('NoSuchMethod', new Uint8Array(), { timeoutMs: 10_000 })),
    ]);
    const shape = (e: TransportError) => ({ name: e.name, code: e.code, grpcCode: e.grpcCode, rpc: e.rpc });
    expect(shape(viaWeb)).toEqual(shape(viaGrpc));
    expect(shape(viaWeb)).toEqual({ name: 'TransportError', code: MilvusErrorCode.Transport, grpcCode: 12, rpc: 'NoSuchMethod' });
  });

  test('a request bigger than 4 MiB (the proxy default) goes through', async () => {
    const { web } = await both();
    // An invalid 6 MiB Insert: the server must receive it whole to reject it with its own status.
    const request = encodeRequest('Insert', { collection_name: 'no_such_collection_xyz', num_rows: 1, fields_data: [{ field_name: 'v', type: 101, vectors: { dim: 1, float_vector: { data: new Array(1_500_000).fill(0.5) } } }] });
    expect(request.length).toBeGreaterThan(6_000_000);
    const reply = decodeResponse<{ status: { code: number } }>('Insert', await web.unary('Insert', request, { timeoutMs: 30_000 }));
    expect(reply.status.code).toBe(100);
  });
});
