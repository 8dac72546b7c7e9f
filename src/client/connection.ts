/**
 * One client's link to its server: resolves the endpoint (starting an embedded Milvus Lite for a local
 * path, where the runtime can), owns the transport, and runs every RPC through encode → send → decode →
 * status check. The transport comes from the installed runtime (gRPC in Node, gRPC-Web in browsers).
 */
import type { Engine } from '../codec/types.js';
import { ErrorCode, InvalidInputError, MilvusError, TransportError, describeValue } from '../errors.js';
import { decodeResponse, encodeRequest, type MilvusMethod } from '../proto/index.js';
import type { Transport } from '../transport/types.js';
import type { Int64Mode } from './int64.js';
import { authorizationHeader, checkTimeout, DEFAULT_TIMEOUT_MS, resolveEndpoint, type MilvusClientOptions } from './options.js';
import { clientRuntime } from './runtime.js';
import { statusOf, throwIfFailed } from './status.js';

/** Options every operation accepts. */
export interface CallOptions {
  /** Deadline of each RPC of this call in milliseconds; the client's `timeout` when omitted. */
  timeout?: number;
  /** Database for this call; the client's current database when omitted. */
  db_name?: string;
  /** Aborts the call; it then rejects with a `TransportError` of code `CANCELLED`. */
  signal?: AbortSignal;
}

interface Server {
  transport: Transport;
  release?: () => Promise<void>;
}

/** The connection behind a `MilvusClient`. Internal: not exported from the package. */
export class Connection {
  readonly int64: Int64Mode;
  readonly engine: Engine;
  readonly timeoutMs: number;
  /** The database calls go to unless they name one; `''` means the server's default. */
  dbName: string;
  private readonly server: Promise<Server>;
  private closing: Promise<void> | undefined;

  constructor(options: MilvusClientOptions) {
    const endpoint = resolveEndpoint(options);
    this.timeoutMs = checkTimeout(options.timeout, 'timeout') ?? DEFAULT_TIMEOUT_MS;
    this.int64 = checkInt64Mode(options.int64);
    this.engine = options.engine ?? 'auto';
    this.dbName = options.db_name ?? (endpoint.kind === 'remote' ? endpoint.dbName : undefined) ?? '';
    const token = options.token ?? (endpoint.kind === 'remote' ? endpoint.token : undefined);
    const authorization = authorizationHeader(token, options.user ?? options.username, options.password);
    const headers = authorization ? { authorization } : undefined;
    // TLS settings win; otherwise `https://` (or `tls: true`) means TLS with the system roots.
    const tls = typeof options.tls === 'object' ? options.tls : options.tls === true || (endpoint.kind === 'remote' && endpoint.tls);
    const runtime = clientRuntime();
    if (endpoint.kind === 'remote') {
      this.server = Promise.resolve({ transport: runtime.openTransport({ address: endpoint.address, tls, headers }) });
    } else if (runtime.startLocalServer) {
      this.server = runtime.startLocalServer({ dbPath: endpoint.dbPath, headers, onProgress: options.onProgress });
    } else {
      throw new InvalidInputError(`uri ${JSON.stringify(endpoint.dbPath)} is a local path, which runs an embedded Milvus Lite server and needs Node; ` +
        'in a browser, give the http(s):// URL of a gRPC-Web proxy in front of Milvus');
    }
    // A failed start is reported by the first call; do not let it surface as an unhandled rejection.
    this.server.catch(() => undefined);
  }

  /**
   * Runs one RPC: `request` is a plain object (encoded with the Milvus descriptor) or already-encoded
   * bytes (sent as they are). Resolves to the decoded response once its status is known to be success.
   */
  async rpc<T>(method: MilvusMethod, request: object | Uint8Array, options: CallOptions = {}): Promise<T> {
    const timeoutMs = checkTimeout(options.timeout, 'timeout') ?? this.timeoutMs;
    const bytes = request instanceof Uint8Array ? request : encodeRequest(method, request);
    const { transport } = await this.ready(method);
    const dbName = options.db_name ?? this.dbName;
    const response = await transport.unary(method, bytes, {
      timeoutMs,
      ...(dbName ? { metadata: { dbname: dbName } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const decoded = decodeResponse<T>(method, response);
    throwIfFailed(method, statusOf(decoded));
    return decoded;
  }

  /** Closes the transport and releases an embedded server. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.server.then(
      async ({ transport, release }) => {
        transport.close();
        await release?.();
      },
      () => undefined,
    );
    return this.closing;
  }

  private async ready(method: string): Promise<Server> {
    if (this.closing) throw new TransportError(ErrorCode.Cancelled, `${method}: the client is closed`, { rpc: method });
    try {
      return await this.server;
    } catch (cause) {
      if (cause instanceof MilvusError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new TransportError(ErrorCode.Unavailable, `${method}: the embedded Milvus Lite server did not start: ${reason}`, { rpc: method, cause });
    }
  }
}

function checkInt64Mode(mode: unknown): Int64Mode {
  if (mode === undefined || mode === 'string' || mode === 'bigint') return mode ?? 'string';
  throw new InvalidInputError(`int64 must be 'string' or 'bigint', got ${describeValue(mode)}`);
}
