/**
 * The one seam between the client and the wire. The client hands a transport finished protobuf
 * bytes and gets the response bytes back; it never sees gRPC or gRPC-Web itself.
 */

/** Per-call options of a unary RPC. */
export interface UnaryCallOptions {
  /**
   * How long the call may take, in milliseconds, counted from when it is issued. Absent: no deadline, the
   * call waits for the server (as pymilvus' `timeout=None` and the official Node SDK's writes do).
   */
  timeoutMs?: number;
  /**
   * This call's own metadata (a `dbname` naming another database, a `client-request-id`). It wins over the
   * channel metadata of the same key ({@link TransportOptions.metadata}).
   */
  metadata?: Readonly<Record<string, string>>;
  /** Cancels the call; it then rejects with a `TransportError` of code `CANCELLED`. */
  signal?: AbortSignal;
  /**
   * `false`: never resend this call, not even when it certainly never left the client (the Node transport's
   * retry interceptor otherwise resends it up to `maxRetries` times). For callers that retry on their own
   * policy, so the two do not multiply.
   */
  retryNeverSent?: boolean;
}

/**
 * A unary-RPC transport to one Milvus server.
 *
 * Implementations must reject only with `TransportError` (code `UNAVAILABLE`, `TIMEOUT`, `CANCELLED` or
 * `TRANSPORT_ERROR`, with `rpc` set), and must never put credentials into an error message. They set
 * `notSent` only when the request certainly never left this process: writes are resent on it blindly.
 */
export interface Transport {
  /**
   * Calls `MilvusService/<method>` with an already-serialized request message and resolves to the
   * serialized response message (no framing on either side). The transport never re-encodes `request`
   * (gRPC sends it as it is; gRPC-Web copies it once, behind its frame header): the caller must leave
   * those bytes untouched until the promise settles.
   */
  unary(method: string, request: Uint8Array, options: UnaryCallOptions): Promise<Uint8Array>;
  /** Releases the connection; later calls reject with `CANCELLED`. Safe to call twice. */
  close(): void;
}

/**
 * TLS settings (the official Node SDK's names), for the Node gRPC transport. PEM given inline (`rootCert`) or
 * as a file (`rootCertPath`). In a browser the browser's own trust store decides: only `tls: true` (or an
 * `https://` uri) applies there.
 */
export interface TlsOptions {
  /** CA certificate(s) that sign the server's certificate; the system roots when omitted. */
  rootCert?: string | Uint8Array;
  rootCertPath?: string;
  /** Client key and certificate chain, for mutual TLS. */
  privateKey?: string | Uint8Array;
  privateKeyPath?: string;
  certChain?: string | Uint8Array;
  certChainPath?: string;
  /** Overrides the host name checked against the server's certificate. */
  serverName?: string;
  /** Accept any server certificate. For testing only. */
  skipCertCheck?: boolean;
}

/** Where a transport connects and what it sends with every call. */
export interface TransportOptions {
  /** `host:port` of the server (for gRPC-Web: of the gRPC-Web proxy). */
  address: string;
  /** `true` or settings for TLS; plain text when absent or `false`. */
  tls?: boolean | TlsOptions;
  /**
   * The channel metadata (`authorization`, `dbname`, the server's `identifier`), read as each call starts, so
   * a change reaches later calls. Values are never put into errors. gRPC-Web sends it itself; the Node
   * transport sends it through the metadata interceptor in `channelOptions`.
   */
  metadata?: ReadonlyMap<string, string>;
  /**
   * Node: the complete grpc-js channel options, as `ClientRuntime.channelOptions` made them (defaults, the
   * caller's options and the interceptors, which send `metadata`); when absent, the defaults and interceptors
   * for `metadata`. Ignored by gRPC-Web.
   */
  channelOptions?: Readonly<Record<string, unknown>>;
}

/** Fills `carrier` with the trace context of the current call (e.g. `traceparent`, `tracestate`). Must not throw. */
export type TraceInjector = (carrier: Record<string, string>) => void;

/** What a client's calls carry and how they are retried: what a runtime makes its channel options from. */
export interface ChannelSettings {
  /** The caller's channel options (`config.channelOptions`), laid over the defaults. */
  given?: Readonly<Record<string, unknown>>;
  /** The channel metadata, read as each call starts (see {@link TransportOptions.metadata}). */
  metadata: ReadonlyMap<string, string>;
  /**
   * Add trace context to every call (Node): `true` for the active OpenTelemetry context when
   * `@opentelemetry/api` is installed (nothing otherwise), or an injector of one's own.
   */
  trace: boolean | TraceInjector;
  /** Resends of a call that certainly never reached the server (Node), after `2^n · retryDelayMs` ms. */
  maxRetries: number;
  retryDelayMs: number;
}

/** Opens a transport; throws `InvalidInputError` for options it cannot honour. Connecting is lazy. */
export type TransportFactory = (options: TransportOptions) => Transport;
