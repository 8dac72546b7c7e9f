/**
 * Client options and how they resolve: where the server is (remote address or a local Milvus Lite data
 * file), the `authorization` header, and the defaults. Pure: no I/O.
 */
import type { Engine } from '../codec/types.js';
import { InvalidInputError, describeValue } from '../errors.js';
import type { IngestClientOptions } from '../ingest/settings.js';
import type { TlsOptions } from '../transport/types.js';
import type { Int64Mode } from './int64.js';

/** Options of `new MilvusClient(...)`; `batch_bytes`, `concurrency`, `retry` and the like shape `insert`, `upsert` and `ingest`. */
export interface MilvusClientOptions extends IngestClientOptions {
  /**
   * Where Milvus is: `http://host:port`, `https://host[:port]`, `tcp://host:port`, `host:port`, or a local
   * file path such as `./demo.db`, which starts (or shares) an embedded Milvus Lite server for that file.
   * `user:password@` in an http(s) URI is used as the token and a path segment as the database.
   */
  uri?: string;
  /** `host:port` of a remote server; the official Node SDK's name for `uri`. */
  address?: string;
  /** An API key or `user:password`; sent as `authorization: base64(token)`. Wins over `user`/`password`. */
  token?: string;
  user?: string;
  /** Alias of `user` (the official Node SDK's name). */
  username?: string;
  password?: string;
  /** Database for every call (overridable per call). Default: the server's default database. */
  db_name?: string;
  /** Default deadline of each RPC in milliseconds. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeout?: number;
  /** TLS for remote servers; implied by `https://`. */
  tls?: boolean | TlsOptions;
  /** How int64 values (ids, Int64 fields, timestamps) are returned. Default `'string'`. */
  int64?: Int64Mode;
  /** Which insert encoder runs. Default `'auto'` (WebAssembly when available). */
  engine?: Engine;
  /** Progress messages while an embedded Milvus Lite server starts (local `uri` only). */
  onProgress?: (message: string) => void;
}

/** Default per-RPC deadline: 30 s. Long enough for index builds and loads on a small server, short enough to notice a hung one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Where the client connects: a remote server, or a local data file served by Milvus Lite. */
export type Endpoint =
  | { kind: 'remote'; address: string; tls: boolean; token?: string; dbName?: string }
  | { kind: 'local'; dbPath: string };

const DEFAULT_PORT = 19530;
const HOST_PORT = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

/** Works out the endpoint from `uri`/`address`. Throws `InvalidInputError` for an unusable value. */
export function resolveEndpoint(options: MilvusClientOptions): Endpoint {
  const target = options.uri ?? options.address;
  if (typeof target !== 'string' || target.trim() === '') {
    throw new InvalidInputError('MilvusClient needs `uri` (e.g. "http://localhost:19530" or "./demo.db") or `address`');
  }
  const uri = target.trim();
  if (/^(https?|tcp):\/\//i.test(uri)) return parseUrl(uri);
  if (HOST_PORT.test(uri) || uri.startsWith('unix:')) return { kind: 'remote', address: uri, tls: false };
  if (options.address !== undefined && options.uri === undefined) {
    throw new InvalidInputError(`address must be "host:port", got ${describeValue(redact(String(uri)))}`);
  }
  return { kind: 'local', dbPath: uri };
}

function parseUrl(uri: string): Endpoint {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidInputError(`uri is not a valid URL: ${JSON.stringify(redact(uri))}`);
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const port = url.port || (scheme === 'https' ? '443' : String(DEFAULT_PORT));
  const user = decodeUriPart(url.username, uri);
  const password = decodeUriPart(url.password, uri);
  const dbName = url.pathname.split('/').find((s) => s !== '');
  return {
    kind: 'remote',
    address: `${url.hostname}:${port}`,
    tls: scheme === 'https',
    ...(user ? { token: password ? `${user}:${password}` : user } : {}),
    ...(dbName ? { dbName: decodeURIComponent(dbName) } : {}),
  };
}

/** Hides the user-info part of a URI so it can appear in an error message. */
function redact(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, '//***@');
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

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Checks a timeout in milliseconds (client-wide or per call). */
export function checkTimeout(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(`${what} must be a positive number of milliseconds, got ${describeValue(value)}`);
  }
  return value;
}

/** Percent-decodes the user or password of a uri; a malformed escape is bad input, never a URIError. */
function decodeUriPart(part: string, uri: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new InvalidInputError(`uri has a malformed percent-escape in its user or password: ${JSON.stringify(redact(uri))}`);
  }
}
