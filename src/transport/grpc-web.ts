/**
 * The gRPC-Web transport, for browsers (and any runtime with `fetch`): each unary call is one POST of
 * `application/grpc-web+proto` to a gRPC-Web proxy in front of Milvus, which itself speaks only gRPC.
 * Request bytes go out as the encoder made them behind a 5-byte frame header; the status comes from the
 * trailer frame, or from the HTTP headers of a trailers-only response, and fails the call through the same
 * mapping as the Node transport. Deadlines are an `AbortSignal` plus a `grpc-timeout` header. It sends the
 * metadata the Node transport's interceptors add (channel metadata, the call's own, `client-request-unixmsec`)
 * itself; it never retries, since a failed `fetch` does not tell whether the request left.
 */
import { MilvusErrorCode, InvalidInputError, MilvusError, TransportError } from '../errors.js';
import { MILVUS_SERVICE } from '../proto/index.js';
import { webCallMetadata } from './call-metadata.js';
import { decodeGrpcMessage, frameMessage, grpcTimeoutHeader, parseResponseFrames } from './grpc-web-frames.js';
import { cancelledError, closedError, GrpcStatus, grpcStatusForHttp, transportErrorForStatus, type FailedCall } from './status-map.js';
import type { Transport, TransportOptions } from './types.js';

/** Options of {@link createGrpcWebTransport}. */
export interface GrpcWebTransportOptions extends TransportOptions {
  /** The `fetch` to call; the global one when omitted. */
  fetch?: typeof fetch;
}

/** setTimeout's largest delay; a longer deadline would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Opens a gRPC-Web transport to the proxy at `address` (`host:port`), over `https` when `tls` is set. In a
 * browser the browser's trust store decides about certificates: TLS settings other than on/off throw
 * `InvalidInputError`, as does an address a browser cannot reach (`unix:`).
 */
export function createGrpcWebTransport(options: GrpcWebTransportOptions): Transport {
  const baseUrl = proxyBaseUrl(options);
  const fetchFn = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchFn) throw new InvalidInputError('the gRPC-Web transport needs fetch, which this runtime does not have');
  let closed = false;
  return {
    unary(method, request, call) {
      if (closed) return Promise.reject(closedError(method));
      return unaryCall(fetchFn, `${baseUrl}/${MILVUS_SERVICE}/${method}`, { method, target: baseUrl, timeoutMs: call.timeoutMs }, request,
        webCallMetadata(options.metadata, call.metadata, Date.now()), call.signal);
    },
    close() {
      closed = true;
    },
  };
}

function proxyBaseUrl({ address, tls }: TransportOptions): string {
  if (address.startsWith('unix:')) throw new InvalidInputError(`a browser cannot reach a unix socket (${JSON.stringify(address)}): give the http(s):// URL of a gRPC-Web proxy`);
  if (typeof tls === 'object' && Object.values(tls).some((v) => v !== undefined)) {
    throw new InvalidInputError('tls: certificates, serverName and skipCertCheck cannot be set over gRPC-Web, where the browser checks certificates: use an https:// uri or tls: true');
  }
  const url = `${tls ? 'https' : 'http'}://${address}`;
  try {
    return new URL(url).origin;
  } catch {
    throw new InvalidInputError(`address must be "host:port", got ${JSON.stringify(address)}`);
  }
}

async function unaryCall(fetchFn: typeof fetch, url: string, call: FailedCall, request: Uint8Array,
  metadata: Record<string, string>, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const { method, timeoutMs } = call;
  if (signal?.aborted) throw cancelledError(method, 'the call was cancelled before it was sent', true);
  const controller = new AbortController();
  let timedOut = false;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.min(timeoutMs, MAX_TIMER_MS));
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: {
        ...metadata,
        'content-type': 'application/grpc-web+proto',
        'x-grpc-web': '1',
        'x-user-agent': 'milvus-wasm',
        ...(timeoutMs === undefined ? {} : { 'grpc-timeout': grpcTimeoutHeader(timeoutMs) }),
      },
      body: frameMessage(request),
      signal: controller.signal,
      cache: 'no-store',
    });
    // Reading the body is part of the call: the deadline and the caller's signal still apply.
    return readUnaryResponse(response, new Uint8Array(await response.arrayBuffer()), call);
  } catch (cause) {
    if (cause instanceof MilvusError) throw cause;
    if (timedOut) throw transportErrorForStatus(GrpcStatus.DEADLINE_EXCEEDED, '', { ...call, cause });
    if (signal?.aborted) throw cancelledError(method);
    // fetch says only "Failed to fetch" for a refused connection, a CORS refusal and a TLS failure alike.
    const reason = `${cause instanceof Error ? cause.message : String(cause)} (is a gRPC-Web proxy listening there, allowing this origin?)`;
    throw transportErrorForStatus(GrpcStatus.UNAVAILABLE, reason, { ...call, cause });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The response message of a finished call, or the error its status (or HTTP status) stands for. */
function readUnaryResponse(response: Response, body: Uint8Array, call: FailedCall): Uint8Array {
  // A trailers-only response (an error before any message) carries its status in the HTTP headers.
  const headerStatus = response.headers.get('grpc-status');
  if (headerStatus !== null) throwIfNotOk(headerStatus, response.headers.get('grpc-message'), call);
  else if (!response.ok) throw transportErrorForStatus(grpcStatusForHttp(response.status), `HTTP ${response.status} ${response.statusText}`.trim(), call);
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^application\/grpc-web(\+proto)?\s*(;|$)/i.test(contentType)) {
    throw malformed(call, `content-type ${JSON.stringify(contentType)} instead of application/grpc-web+proto: is ${call.target} a gRPC-Web proxy?`);
  }
  let frames;
  try {
    frames = parseResponseFrames(body);
  } catch (e) {
    throw malformed(call, (e as Error).message);
  }
  if (headerStatus === null) {
    if (!frames.trailers?.has('grpc-status')) throw malformed(call, 'no grpc-status (the response ended without trailers)');
    throwIfNotOk(frames.trailers.get('grpc-status')!, frames.trailers.get('grpc-message') ?? null, call);
  }
  if (!frames.message) throw new TransportError(MilvusErrorCode.Transport, `${call.method}: the server sent no response message`, { rpc: call.method });
  return frames.message;
}

function throwIfNotOk(status: string, message: string | null, call: FailedCall): void {
  const code = /^\d+$/.test(status.trim()) ? Number(status) : GrpcStatus.UNKNOWN;
  if (code !== GrpcStatus.OK) throw transportErrorForStatus(code, decodeGrpcMessage(message ?? ''), call);
}

function malformed(call: FailedCall, what: string): TransportError {
  return new TransportError(MilvusErrorCode.Transport, `${call.method}: malformed gRPC-Web response from ${call.target}: ${what}`, {
    rpc: call.method,
    grpcCode: GrpcStatus.INTERNAL,
  });
}
