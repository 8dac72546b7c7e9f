/**
 * What a `uri` (or the SDK's `address`) names, decided by its text alone and never guessed: a local Milvus
 * Lite data file only when it is a path ending in `.db` (pymilvus' rule), otherwise a remote Milvus parsed as
 * pymilvus parses it, otherwise an `InvalidInputError` that lists the accepted forms. Credentials in the text
 * (`user:password@`) become the token and never appear in an error message. Pure: no I/O.
 */
import { InvalidInputError } from '../errors.js';

/** Where the client connects: a remote server, or a local data file served by Milvus Lite. */
export type Endpoint =
  | { kind: 'remote'; address: string; tls: boolean; token?: string; dbName?: string }
  | { kind: 'local'; dbPath: string };

/** The forms {@link parseUri} accepts, as error messages list them. */
export const ACCEPTED_URI_FORMS =
  'a remote Milvus as http://host[:port][/db_name], https://…, tcp://…, grpc://…, host[:port][/db_name] or ' +
  '[IPv6]:port (each may carry user:password@ before the host), or unix:/path/to/socket; ' +
  'or a local Milvus Lite file ending in .db (./x.db, ../x.db, /abs/x.db, x.db)';

/** Milvus' port, used when a remote form names none (as pymilvus: 443 for https://). */
export const DEFAULT_PORT = 19530;

/** Schemes of a remote Milvus, and whether each means TLS. */
const SCHEMES: Readonly<Record<string, boolean>> = { http: false, https: true, tcp: false, grpc: false };
const SCHEME_WITH_SLASHES = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** A known scheme not followed by `//` (`http:/host`, `tcp:host`); `http:19530` is left to host:port. */
const SCHEME_WITHOUT_SLASHES = /^(https?|tcp|grpc):(?!\/\/)(?!\d+(?:\/|$))/i;
const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;
/** Text that can only be a path: `/…`, `./…`, `../…`, `~…`. */
const PATH = /^(?:\.{0,2}[\\/]|~)/;
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

/**
 * Parses `text` (the value of option `what`, `uri` or `address`) into an endpoint.
 * @throws InvalidInputError, naming the value without its credentials, when it is none of {@link ACCEPTED_URI_FORMS}:
 *   an unknown scheme, a scheme with one slash, an empty or malformed host, a port outside 1–65535, an
 *   empty user before `@`, a query or fragment, or a malformed percent-escape.
 */
export function parseUri(text: string, what = 'uri'): Endpoint {
  const uri = text.trim();
  const refuse = (problem: string): InvalidInputError =>
    new InvalidInputError(`${what} ${JSON.stringify(redactUri(uri))} ${problem}; expected ${ACCEPTED_URI_FORMS}`, { field: what });
  if (uri === '') throw refuse('is empty');
  if (isLocalFile(uri)) return { kind: 'local', dbPath: uri };
  if (PATH.test(uri) || WINDOWS_DRIVE.test(uri)) throw refuse('is a path, but only a path ending in .db is a local Milvus Lite file');
  if (/^unix:/i.test(uri)) {
    if (uri.length === 'unix:'.length) throw refuse('names no socket path');
    return { kind: 'remote', address: uri, tls: false };
  }
  const scheme = SCHEME_WITH_SLASHES.exec(uri);
  if (scheme !== null) {
    const name = scheme[1]!.toLowerCase();
    if (!Object.hasOwn(SCHEMES, name)) throw refuse(`has the scheme "${name}://", which is not one of http, https, tcp, grpc`);
    return remote(uri.slice(scheme[0].length), name === 'https', SCHEMES[name]!, refuse);
  }
  const oneSlash = SCHEME_WITHOUT_SLASHES.exec(uri);
  if (oneSlash !== null) throw refuse(`needs "//" after "${oneSlash[1]!.toLowerCase()}:"`);
  return remote(uri, false, false, refuse);
}

/**
 * Whether `uri` is unmistakably a local data file: it ends in `.db` and has no scheme, no `host:port` and no
 * `user@` in front (a `:` appears only as a Windows drive letter, an `@` only after the first path separator).
 */
function isLocalFile(uri: string): boolean {
  if (!uri.endsWith('.db')) return false;
  const path = WINDOWS_DRIVE.test(uri) ? uri.slice(2) : uri;
  if (path.includes(':')) return false;
  const firstSegment = path.split(/[\\/]/, 1)[0]!;
  return !firstSegment.includes('@');
}

/** `[user[:password]@]host[:port][/db_name[/…]]`, after the scheme if there was one. */
function remote(rest: string, https: boolean, tls: boolean, refuse: (problem: string) => InvalidInputError): Endpoint {
  // A password may hold `/`, `?` or `#` unescaped: the host starts after the last `@` (db names cannot hold `@`).
  const at = rest.lastIndexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : undefined;
  const afterUser = rest.slice(at + 1);
  const end = afterUser.search(/[/?#]/);
  const hostPort = end >= 0 ? afterUser.slice(0, end) : afterUser;
  const tail = end >= 0 ? afterUser.slice(end) : '';
  if (/[?#]/.test(tail)) throw refuse('has a query or fragment (?… or #…), which Milvus does not use');
  const address = hostAndPort(hostPort, https, refuse);
  const token = userinfo === undefined ? undefined : tokenOf(userinfo, refuse);
  const dbName = tail.split('/').find((segment) => segment !== '');
  return {
    kind: 'remote',
    address,
    tls,
    ...(token !== undefined ? { token } : {}),
    ...(dbName !== undefined ? { dbName: decodePart(dbName, refuse) } : {}),
  };
}

function hostAndPort(hostPort: string, https: boolean, refuse: (problem: string) => InvalidInputError): string {
  let host: string;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    host = close > 0 ? hostPort.slice(1, close) : '';
    const after = close > 0 ? hostPort.slice(close + 1) : '';
    if (close < 0 || !IPV6.test(host)) throw refuse('has a malformed IPv6 address (expected e.g. [::1]:19530)');
    if (after !== '' && !after.startsWith(':')) throw refuse('has text after its IPv6 address');
    port = after === '' ? undefined : after.slice(1);
    host = `[${host}]`;
  } else {
    const colon = hostPort.indexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    port = colon >= 0 ? hostPort.slice(colon + 1) : undefined;
    if (host === '') throw refuse('has no host');
    if (!HOST_NAME.test(host)) throw refuse(`has ${JSON.stringify(host)} where a host name or IP address belongs`);
  }
  if (port === undefined) return `${host}:${https ? 443 : DEFAULT_PORT}`;
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65_535)) throw refuse(`has the port ${JSON.stringify(port)}; expected a number from 1 to 65535`);
  return `${host}:${n}`;
}

/** `user:password` (or an API key alone) from the text before `@`, percent-decoded as a URL's would be. */
function tokenOf(userinfo: string, refuse: (problem: string) => InvalidInputError): string {
  const colon = userinfo.indexOf(':');
  const user = decodePart(colon >= 0 ? userinfo.slice(0, colon) : userinfo, refuse);
  const password = colon >= 0 ? decodePart(userinfo.slice(colon + 1), refuse) : '';
  if (user === '') throw refuse('has an empty user name before "@"');
  return password === '' ? user : `${user}:${password}`;
}

function decodePart(part: string, refuse: (problem: string) => InvalidInputError): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw refuse('has a malformed percent-escape');
  }
}

/**
 * `uri` with anything that may be a credential hidden: the text between its scheme (a known one, with or
 * without slashes; else its start) and the last `@` becomes `***`. Safe for error messages and logs.
 */
export function redactUri(uri: string): string {
  const at = uri.lastIndexOf('@');
  if (at < 0) return uri;
  const scheme = SCHEME_WITH_SLASHES.exec(uri)?.[0] ?? /^(?:https?|tcp|grpc|unix):\/?/i.exec(uri)?.[0] ?? '';
  return `${scheme}***${uri.slice(at)}`;
}
