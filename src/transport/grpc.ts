/**
 * The Node gRPC transport: with its interceptors (`grpc-interceptors.ts`, `grpc-retry.ts`), the only code that
 * imports `@grpc/grpc-js`. It sends pre-encoded request bytes as they are (identity serializers, no copy, no
 * re-encoding) and maps every gRPC failure onto `TransportError`. The channel metadata and retries are the
 * interceptors' work; a call adds only its own metadata.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { MilvusErrorCode, InvalidInputError, TransportError } from '../errors.js';
import { MILVUS_SERVICE } from '../proto/index.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_MS } from './channel-options.js';
import { grpcChannelOptions } from './grpc-interceptors.js';
import { NO_RETRY, neverSent, type RetryCallOptions } from './grpc-retry.js';
import { cancelledError, closedError, transportErrorForStatus } from './status-map.js';
import type { TlsOptions, Transport, TransportOptions, UnaryCallOptions } from './types.js';

export type { TlsOptions } from './types.js';

/** Options of {@link createGrpcTransport}: `tls` is `true` or settings for TLS, plain-text HTTP/2 when absent or `false`. */
export type GrpcTransportOptions = TransportOptions;

export { MAX_MESSAGE_BYTES } from './channel-options.js';

const sendAsIs = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const receiveAsIs = (b: Buffer): Uint8Array => b;

/**
 * Opens a gRPC channel to a Milvus server with `options.channelOptions` (when absent: the defaults and the
 * interceptors for `options.metadata`, with the SDK's retry settings). Connecting is lazy: the first call dials.
 */
export function createGrpcTransport(options: GrpcTransportOptions): Transport {
  const channelOptions = { ...(options.channelOptions ?? grpcChannelOptions({
    metadata: options.metadata ?? new Map(), trace: false, maxRetries: DEFAULT_MAX_RETRIES, retryDelayMs: DEFAULT_RETRY_DELAY_MS,
  })) } as grpc.ClientOptions;
  const tls = options.tls === true ? {} : options.tls || undefined;
  if (tls?.serverName) channelOptions['grpc.ssl_target_name_override'] = tls.serverName;
  const client = new grpc.Client(options.address, credentialsFor(tls), channelOptions);
  let closed = false;

  return {
    unary(method, request, call) {
      if (closed) return Promise.reject(closedError(method));
      const metadata = new grpc.Metadata();
      if (call.metadata) for (const key in call.metadata) metadata.set(key, call.metadata[key]!);
      return unaryCall(client, options.address, method, request, metadata, call);
    },
    close() {
      closed = true;
      client.close();
    },
  };
}

function unaryCall(client: grpc.Client, address: string, method: string, request: Uint8Array, metadata: grpc.Metadata, call: UnaryCallOptions): Promise<Uint8Array> {
  const { timeoutMs, signal } = call;
  if (signal?.aborted) return Promise.reject(cancelledError(method, 'the call was cancelled before it was sent', true));
  const callOptions: RetryCallOptions = { deadline: timeoutMs === undefined ? Infinity : Date.now() + timeoutMs };
  if (call.retryNeverSent === false) callOptions[NO_RETRY] = true;
  return new Promise((resolve, reject) => {
    // `request` stays referenced by this closure until the callback runs, i.e. until grpc-js is done with it
    // (a resend by the retry interceptor included).
    const pending = client.makeUnaryRequest(
      `/${MILVUS_SERVICE}/${method}`, sendAsIs, receiveAsIs, request, metadata, callOptions,
      (err, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(transportErrorForStatus(err.code, err.details, { method, target: address, timeoutMs, cause: err, notSent: neverSent(err.code, err.details) }));
        else if (response) resolve(response);
        else reject(new TransportError(MilvusErrorCode.Transport, `${method}: the server sent no response message`, { rpc: method }));
      },
    );
    function onAbort() {
      pending.cancel();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function credentialsFor(tls: TlsOptions | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  const pem = (inline: string | Uint8Array | undefined, path: string | undefined, what: string): Buffer | null => {
    if (inline !== undefined) return Buffer.from(inline);
    if (path === undefined) return null;
    try {
      return readFileSync(path);
    } catch (cause) {
      throw new InvalidInputError(`tls.${what}Path: cannot read ${JSON.stringify(path)}`, { cause });
    }
  };
  const verify = tls.skipCertCheck ? { checkServerIdentity: () => undefined, rejectUnauthorized: false } : undefined;
  return grpc.credentials.createSsl(
    pem(tls.rootCert, tls.rootCertPath, 'rootCert'),
    pem(tls.privateKey, tls.privateKeyPath, 'privateKey'),
    pem(tls.certChain, tls.certChainPath, 'certChain'),
    verify,
  );
}
