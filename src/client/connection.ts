/**
 * One client's link to its server: resolves the endpoint (starting an embedded Milvus Lite for a local
 * path, where the runtime can), owns the transport, and runs every RPC through encode → send → decode.
 * The transport comes from the installed runtime (gRPC in Node, gRPC-Web in browsers).
 */
import { DEFAULT_DB } from '../constants.js';
import { MilvusErrorCode, InvalidInputError, MilvusError, TransportError, closedError, describeValue } from '../errors.js';
import { decodeResponse, encodeRequest, type MilvusMethod } from '../proto/index.js';
import { AUTHORIZATION_KEY, DATABASE_KEY, REQUEST_ID_KEY } from '../transport/call-metadata.js';
import { GrpcStatus } from '../transport/status-map.js';
import type { Transport, UnaryCallOptions } from '../transport/types.js';
import { channelSettingsOf } from './channel-settings.js';
import type { Int64Mode } from './int64.js';
import { authorizationHeader, checkTimeout, resolveEndpoint, type MilvusClientOptions } from './options.js';
import { clientRuntime } from './runtime.js';
import { statusOf, throwIfFailed } from './status.js';

/** Options every operation accepts. */
export interface CallOptions {
  /** Deadline of each RPC of this call in milliseconds; the client's `timeout` (default: none) when omitted. */
  timeout?: number;
  /** Database for this call; the client's current database when omitted. */
  db_name?: string;
  /** Aborts the call; it then rejects with a `TransportError` of code `CANCELLED`. */
  signal?: AbortSignal;
  /** A request id for tracing, sent as `client-request-id` metadata. */
  client_request_id?: string;
  'client-request-id'?: string;
}

/** {@link CallOptions} plus what only the client's own layers set. */
export interface RpcOptions extends CallOptions {
  /** `false`: the transport must not resend this call (its caller retries on its own policy). */
  retryNeverSent?: boolean;
}

interface Server {
  transport: Transport;
  release?: () => Promise<void>;
}

/** The connection behind a `MilvusClient`. Internal: not exported from the package. */
export class Connection {
  readonly int64: Int64Mode;
  /** Default deadline of each RPC; `undefined` means none. */
  readonly timeoutMs: number | undefined;
  /** Whether this connection reaches an embedded Milvus Lite (started here for a local path). */
  readonly embedded: boolean;
  /**
   * The channel metadata, read by the transport as each call starts: `authorization` (when credentials were
   * given), `dbname` (follows {@link dbName}) and, once `Connect` answered, the server's `identifier`.
   */
  readonly metadata = new Map<string, string>();
  /** The channel options in effect (`client.channelOptions`): in Node with the grpc-js interceptors. */
  readonly channelOptions: Record<string, unknown>;
  private currentDb = '';
  private readonly server: Promise<Server>;
  private liteCheck: Promise<boolean> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;

  constructor(options: MilvusClientOptions) {
    const endpoint = resolveEndpoint(options);
    this.timeoutMs = checkTimeout(options.timeout, 'timeout');
    this.int64 = checkInt64Mode(options.int64);
    this.embedded = endpoint.kind === 'local';
    const token = options.token ?? (endpoint.kind === 'remote' ? endpoint.token : undefined);
    const authorization = authorizationHeader(token, options.username ?? options.user, options.password);
    if (authorization) this.metadata.set(AUTHORIZATION_KEY, authorization);
    this.dbName = options.database ?? options.db_name ?? (endpoint.kind === 'remote' ? endpoint.dbName : undefined) ?? '';
    // TLS settings win; otherwise `https://`, `ssl: true` or `tls: true` mean TLS with the system roots.
    const tls = typeof options.tls === 'object' && options.tls !== null
      ? options.tls
      : options.tls === true || options.ssl === true || (endpoint.kind === 'remote' && endpoint.tls);
    const runtime = clientRuntime();
    this.channelOptions = runtime.channelOptions(channelSettingsOf(options, this.metadata));
    const wire = { metadata: this.metadata, channelOptions: this.channelOptions };
    if (endpoint.kind === 'remote') {
      this.server = Promise.resolve({ transport: runtime.openTransport({ address: endpoint.address, tls, ...wire }) });
    } else if (runtime.startLocalServer) {
      this.server = runtime.startLocalServer({ dbPath: endpoint.dbPath, onProgress: options.onLiteProgress, ...wire });
    } else {
      throw new InvalidInputError(`uri ${JSON.stringify(endpoint.dbPath)} is a local path, which runs an embedded Milvus Lite server and needs Node; ` +
        'in a browser, give the http(s):// URL of a gRPC-Web proxy in front of Milvus');
    }
    // A failed start is reported by the first call; do not let it surface as an unhandled rejection.
    this.server.catch(() => undefined);
  }

  /** The database calls go to unless they name one; `''` means the server's default. */
  get dbName(): string {
    return this.currentDb;
  }

  set dbName(name: string) {
    this.currentDb = name;
    this.metadata.set(DATABASE_KEY, name || DEFAULT_DB);
  }

  /** Whether `close()` has been called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs one RPC and resolves to its decoded response as the official Node SDK returns it (enums by name,
   * int64 as decimal strings or bigints), whatever its status says: a refusal by the server is data here,
   * as in the SDK. `request` is a plain object, encoded with the Milvus descriptor (unknown keys ignored).
   * Rejects with `InvalidInputError` when `request` cannot be encoded, and `TransportError` on the wire.
   */
  async call<T>(method: MilvusMethod, request: object, options: CallOptions = {}): Promise<T> {
    let response: Uint8Array;
    try {
      response = await this.send(method, this.encode(method, request), options);
    } catch (err) {
      if (!(err instanceof TransportError && err.grpcCode === GrpcStatus.UNIMPLEMENTED)) throw err;
      return unimplemented<T>(method, err, this.int64);
    }
    return decodeResponse<T>(method, response, { style: 'sdk', int64: this.int64 });
  }

  /**
   * Runs one RPC for the client's own use: resolves to the decoded response (enums as numbers) once its
   * status is known to be success, and throws `ServerError` otherwise. `request` may be bytes already
   * encoded (sent as they are).
   */
  async rpc<T>(method: MilvusMethod, request: object | Uint8Array, options: RpcOptions = {}): Promise<T> {
    const bytes = request instanceof Uint8Array ? request : this.encode(method, request);
    const decoded = decodeResponse<T>(method, await this.send(method, bytes, options));
    throwIfFailed(method, statusOf(decoded));
    return decoded;
  }

  /** Sends encoded request bytes and resolves to the response bytes. */
  async send(method: MilvusMethod, bytes: Uint8Array, options: RpcOptions = {}): Promise<Uint8Array> {
    const call = this.unaryOptions(options);
    const { transport } = await this.ready(method);
    return transport.unary(method, bytes, call);
  }

  /**
   * Whether the server is a Milvus Lite: the embedded one, or one whose `GetVersion` says so (Milvus Lite
   * 3.2.2 answers `milvus_lite-3.2.2`). Asked once per connection; `false` when it cannot be told.
   */
  async isMilvusLite(options: CallOptions = {}): Promise<boolean> {
    if (this.embedded) return true;
    this.liteCheck ??= this.call<{ version?: string }>('GetVersion', {}, options).then((res) => /lite/i.test(res.version ?? ''));
    try {
      return await this.liteCheck;
    } catch {
      // Unreachable, cancelled: ask again next time; the write itself reports the failure.
      this.liteCheck = undefined;
      return false;
    }
  }

  /** Closes the transport and releases an embedded server. Idempotent. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.server.then(
      async ({ transport, release }) => {
        transport.close();
        await release?.();
      },
      () => undefined,
    );
    return this.closing;
  }

  /** Waits for the server (an embedded one may still be starting). Rejects like any call would. */
  async whenReady(method = 'Connect'): Promise<void> {
    await this.ready(method);
  }

  private encode(method: MilvusMethod, request: object): Uint8Array {
    if (typeof request !== 'object' || request === null) {
      throw new InvalidInputError(`${method}: expected a request object, got ${describeValue(request)}`);
    }
    return encodeRequest(method, request);
  }

  /** The call's own settings; the channel metadata (in {@link metadata}) is added by the transport. */
  private unaryOptions(options: RpcOptions): UnaryCallOptions {
    const call: UnaryCallOptions = {};
    const timeoutMs = checkTimeout(options.timeout, 'timeout') ?? this.timeoutMs;
    if (timeoutMs !== undefined) call.timeoutMs = timeoutMs;
    if (options.signal) call.signal = options.signal;
    if (options.retryNeverSent === false) call.retryNeverSent = false;
    const requestId = options.client_request_id ?? options['client-request-id'];
    if (options.db_name || requestId !== undefined) {
      call.metadata = {
        ...(options.db_name ? { [DATABASE_KEY]: options.db_name } : {}),
        ...(requestId !== undefined ? { [REQUEST_ID_KEY]: String(requestId) } : {}),
      };
    }
    return call;
  }

  private async ready(method: string): Promise<Server> {
    if (this.closed) throw closedError(method);
    try {
      return await this.server;
    } catch (cause) {
      if (cause instanceof MilvusError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new TransportError(MilvusErrorCode.Unavailable, `${method}: UNAVAILABLE: the embedded Milvus Lite server did not start: ${reason}`, { rpc: method, cause, notSent: true });
    }
  }
}

/** Milvus' `merr` code for a service the server does not implement. */
const SERVICE_UNIMPLEMENTED = 10;

/**
 * The answer to a method the server does not implement (gRPC UNIMPLEMENTED, e.g. RBAC on Milvus Lite): a
 * response with every field at its default and a failed status that says so, the way the SDK hands servers'
 * refusals back as data (the SDK itself turns UNIMPLEMENTED into an empty success-less answer).
 */
function unimplemented<T>(method: MilvusMethod, err: TransportError, mode: Int64Mode): T {
  const decoded = decodeResponse<Record<string, unknown>>(method, new Uint8Array(0), { style: 'sdk', int64: mode });
  const status = {
    extra_info: {}, error_code: 'UnexpectedError', code: SERVICE_UNIMPLEMENTED, retriable: false, detail: err.message,
    reason: `${method} is not implemented by this server (gRPC UNIMPLEMENTED)`,
  };
  if ('status' in decoded) return { ...decoded, status } as T;
  return { ...decoded, ...status } as T;
}

function checkInt64Mode(mode: unknown): Int64Mode {
  if (mode === undefined || mode === 'string' || mode === 'bigint') return mode ?? 'string';
  throw new InvalidInputError(`int64 must be 'string' or 'bigint', got ${describeValue(mode)}`);
}
