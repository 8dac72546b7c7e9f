/**
 * Client options and how they resolve: where the server is (remote address or a local Milvus Lite data
 * file), the `authorization` header, and the defaults. Pure: no I/O.
 */
import type { Engine } from '../codec/types.js';
import { InvalidInputError, describeValue } from '../errors.js';
import type { IngestClientOptions } from '../ingest/settings.js';
import type { TlsOptions } from '../transport/types.js';
import { TLS_MODE } from '../constants.js';
import { ERROR_REASONS } from '../error-reasons.js';
import type { Int64Mode } from './int64.js';
import { parseUri, type Endpoint } from './uri.js';

export type { Endpoint } from './uri.js';

/**
 * Options of `new MilvusClient(...)`: the official Node SDK's `ClientConfig` (`address`, `token`, `username`,
 * `password`, `ssl`, `tls`, `database`, `timeout`, `channelOptions`, ...) plus milvus-wasm's own (`uri`, `int64`,
 * `engine`, and `batch_bytes`, `concurrency`, `retry` and the like for `insert`, `upsert` and `ingest`).
 */
export interface MilvusClientOptions extends IngestClientOptions {
  /**
   * Where Milvus is. Remote: `http://host[:port]`, `https://…` (TLS, port 443 by default), `tcp://…`,
   * `grpc://…`, `host[:port]`, `[::1]:port` (port 19530 by default) or `unix:/path`; `user:password@` before
   * the host is used as the token, and a `/db_name` path segment as the database. Local: only a path ending
   * in `.db` (`./demo.db`, `/abs/demo.db`), which starts (or shares) an embedded Milvus Lite server for that
   * file. Anything else throws `InvalidInputError`; nothing is guessed.
   */
  uri?: string;
  /** Where Milvus is (the official Node SDK's name): any form `uri` takes; `uri` wins when both are given. */
  address?: string;
  /** An API key or `user:password`; sent as `authorization: base64(token)`. Wins over `username`/`password`. */
  token?: string;
  username?: string;
  /** Alias of `username`. */
  user?: string;
  password?: string;
  /** TLS with the system's root certificates (the SDK's flag); `tls` gives certificates. */
  ssl?: boolean;
  /** TLS for remote servers; implied by `https://` and `ssl: true`. */
  tls?: boolean | TlsOptions;
  /** Database for every call (overridable per call, and by `use`). Default: the server's default database. */
  database?: string;
  /** Alias of `database`. */
  db_name?: string;
  /**
   * Default deadline of each RPC in milliseconds, or a duration such as `'30s'`, `'5m'`, `'1h'`. Default: none;
   * a call waits for the server unless it sets its own `timeout` (as pymilvus' `timeout=None`).
   */
  timeout?: number | string;
  /**
   * gRPC channel options (Node), merged over the SDK's defaults (keepalive every 10 s, no size limits). Its
   * `interceptors` (grpc-js) run on every call after the client's metadata and trace interceptors, before its
   * retry; browsers refuse them (gRPC-Web has none).
   */
  channelOptions?: Record<string, unknown>;
  /** Identifier of this client (the SDK's `id`); a random UUID when omitted. */
  id?: string;
  /** Extra client information sent with `Connect` (the SDK's `option`). */
  option?: Record<string, string>;
  /** Do not send `Connect` when constructed (the SDK's test switch). */
  __SKIP_CONNECT__?: boolean;
  /** Accepted for compatibility with the SDK; milvus-wasm does not log. */
  logLevel?: string;
  /** Accepted for compatibility with the SDK; milvus-wasm does not log. */
  logPrefix?: string;
  /**
   * Resends of a call that certainly never reached the server (Node; default 3, 0 = none). Narrower than the
   * SDK, which retries nearly any failure: nothing that may have been delivered is resent. `insert`, `upsert`
   * and `ingest` follow `retry` instead.
   */
  maxRetries?: number;
  /** Base delay of those resends in milliseconds (default 10): the n-th waits `2^n · retryDelay`. */
  retryDelay?: number;
  /** Add the W3C trace context of the active OpenTelemetry context to every call (Node, when `@opentelemetry/api` is installed). */
  trace?: boolean;
  /** How int64 values (ids, Int64 fields, timestamps) are returned. Default `'string'` (as the SDK). */
  int64?: Int64Mode;
  /** Which insert encoder runs. Default `'auto'` (WebAssembly when available). */
  engine?: Engine;
  /**
   * Progress messages while an embedded Milvus Lite server starts (local `uri` only; creating its Python
   * environment on first use takes minutes). Not to be confused with `ingest`'s `onProgress`.
   */
  onLiteProgress?: (message: string) => void;
  [sdkOption: string]: unknown;
}

/**
 * The options object of the SDK's positional form `new MilvusClient(address, ssl, username, password,
 * channelOptions)`, or the options object itself. Throws the SDK's `MILVUS_ADDRESS_IS_REQUIRED` when
 * neither `uri` nor `address` is given.
 */
export function clientOptionsFrom(configOrAddress: unknown, ssl?: boolean, username?: string, password?: string,
  channelOptions?: Record<string, unknown>): MilvusClientOptions {
  const config: MilvusClientOptions = typeof configOrAddress === 'string'
    ? { address: configOrAddress, ssl, username, password, channelOptions }
    : (configOrAddress as MilvusClientOptions);
  if (typeof config !== 'object' || config === null || (!config.uri && !config.address)) {
    throw new InvalidInputError(ERROR_REASONS.MILVUS_ADDRESS_IS_REQUIRED, { field: 'address' });
  }
  return config;
}

/** How the client secures its channel (the SDK's `tlsMode`), from `uri`/`address`, `ssl` and `tls`. */
export function tlsModeOf(options: MilvusClientOptions, endpointTls: boolean): TLS_MODE {
  const tls = typeof options.tls === 'object' && options.tls !== null ? options.tls : undefined;
  if (tls?.skipCertCheck) return TLS_MODE.UNAUTHORIZED;
  if (tls?.privateKey || tls?.privateKeyPath) return TLS_MODE.TWO_WAY;
  if (tls?.rootCert || tls?.rootCertPath || endpointTls || options.ssl === true || options.tls === true) return TLS_MODE.ONE_WAY;
  return TLS_MODE.DISABLED;
}

/** `'30s'`, `'5m'`, `'1h'`, `'2d'`, `'1w'`, `'1M'`, `'1Y'` in milliseconds (the SDK's `parseTimeToken`). */
export function parseTimeToken(token: string): number {
  const units: Record<string, number> = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, M: 2.592e9, Y: 3.1536e10 };
  const unit = units[token.slice(-1)];
  const n = Number.parseInt(token.slice(0, -1), 10);
  if (unit === undefined || !Number.isFinite(n)) throw new InvalidInputError(`Invalid time token: ${token} (expected a number and one of s, m, h, d, w, M, Y)`);
  return n * unit;
}

/**
 * Works out the endpoint from `uri`, else `address` (both take the same forms; see `parseUri`).
 * Throws `InvalidInputError` for a missing or unusable value, naming it without its credentials.
 */
export function resolveEndpoint(options: MilvusClientOptions): Endpoint {
  const what = options.uri !== undefined && options.uri !== '' ? 'uri' : 'address';
  const target = what === 'uri' ? options.uri : options.address;
  if (typeof target !== 'string' || target.trim() === '') {
    throw new InvalidInputError(`MilvusClient needs \`uri\` (e.g. "http://localhost:19530" or "./demo.db") or \`address\`, got ${describeValue(target)}`, { field: what });
  }
  return parseUri(target, what);
}

/**
 * The `authorization` metadata value, exactly as pymilvus and the official Node SDK send it:
 * base64 of the token if there is one, else of `user:password` when both are given, else none.
 */
export function authorizationHeader(token: string | undefined, user: string | undefined, password: string | undefined): string | undefined {
  if (token) return base64Utf8(token);
  if (user && password) return base64Utf8(`${user}:${password}`);
  return undefined;
}

/** Base64 of the UTF-8 bytes of `text` (works in Node and browsers alike). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Checks a timeout in milliseconds (client-wide or per call); a client-wide one may be a duration such as `'1h'`. */
export function checkTimeout(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return parseTimeToken(value);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(`${what} must be a positive number of milliseconds, got ${describeValue(value)}`);
  }
  return value;
}

/** Checks the `engine` option: `'auto'` (default), `'wasm'` or `'js'`. */
export function checkEngine(engine: unknown): Engine {
  if (engine === undefined || engine === 'auto' || engine === 'wasm' || engine === 'js') return engine ?? 'auto';
  throw new InvalidInputError(`engine must be 'auto', 'wasm' or 'js', got ${describeValue(engine)}`, { field: 'engine' });
}
