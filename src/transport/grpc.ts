/**
 * The Node gRPC transport: the only module that imports `@grpc/grpc-js`. It sends pre-encoded request
 * bytes as they are (identity serializers, no copy, no re-encoding) and maps every gRPC failure onto
 * `TransportError`.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { MilvusErrorCode, InvalidInputError, TransportError } from '../errors.js';
import { MILVUS_SERVICE } from '../proto/index.js';
import { channelOptionsWith } from './channel-options.js';
import { cancelledError, closedError, transportErrorForStatus } from './status-map.js';
import type { TlsOptions, Transport, TransportOptions, UnaryCallOptions } from './types.js';

export type { TlsOptions } from './types.js';

/** Options of {@link createGrpcTransport}: `tls` is `true` or settings for TLS, plain-text HTTP/2 when absent or `false`. */
export type GrpcTransportOptions = TransportOptions;

export { MAX_MESSAGE_BYTES } from './channel-options.js';

const sendAsIs = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const receiveAsIs = (b: Buffer): Uint8Array => b;

/** Opens a gRPC channel to a Milvus server. Connecting is lazy: the first call dials. */
export function createGrpcTransport(options: GrpcTransportOptions): Transport {
  const channelOptions = channelOptionsWith(options.channelOptions) as grpc.ChannelOptions;
  const tls = options.tls === true ? {} : options.tls || undefined;
  if (tls?.serverName) channelOptions['grpc.ssl_target_name_override'] = tls.serverName;
  const client = new grpc.Client(options.address, credentialsFor(tls), channelOptions);
  const headers = Object.entries(options.headers ?? {});
  let closed = false;

  return {
    unary(method, request, call) {
      if (closed) return Promise.reject(closedError(method));
      const metadata = new grpc.Metadata();
      for (const [k, v] of headers) metadata.set(k, v);
      for (const [k, v] of Object.entries(call.metadata ?? {})) metadata.set(k, v);
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
  if (signal?.aborted) return Promise.reject(cancelledError(method));
  return new Promise((resolve, reject) => {
    // `request` stays referenced by this closure until the callback runs, i.e. until grpc-js is done with it.
    const pending = client.makeUnaryRequest(
      `/${MILVUS_SERVICE}/${method}`, sendAsIs, receiveAsIs, request, metadata,
      { deadline: timeoutMs === undefined ? Infinity : Date.now() + timeoutMs },
      (err, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(transportErrorForStatus(err.code, err.details, { method, target: address, timeoutMs, cause: err, notSent: neverSent(err) }));
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

/**
 * grpc-js knows whether a failed call ever reached a connection (its internal `progress`) but strips that
 * before reporting; its status texts are the stable trace left. A failed pick ("No connection established":
 * no READY connection, so no stream was opened), a channel closed before the call started, and HTTP/2
 * REFUSED_STREAM (refused before the server application saw it) were never delivered. Anything else,
 * notably "Connection dropped" after the stream opened, may have been applied.
 */
const NEVER_SENT = /^(?:No connection established|Channel closed before call started|Stream refused by server)/;

function neverSent(err: grpc.ServiceError): boolean {
  return err.code === grpc.status.UNAVAILABLE && NEVER_SENT.test(err.details ?? '');
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
