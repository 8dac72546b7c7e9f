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
  /** Extra request metadata (e.g. `dbname`), sent in addition to the transport's own headers. */
  metadata?: Readonly<Record<string, string>>;
  /** Cancels the call; it then rejects with a `TransportError` of code `CANCELLED`. */
  signal?: AbortSignal;
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
  /** Metadata sent with every call, e.g. `authorization`. Values are never put into errors. */
  headers?: Readonly<Record<string, string>>;
  /** gRPC channel options laid over the defaults (Node only; ignored by gRPC-Web). */
  channelOptions?: Readonly<Record<string, unknown>>;
}

/** Opens a transport; throws `InvalidInputError` for options it cannot honour. Connecting is lazy. */
export type TransportFactory = (options: TransportOptions) => Transport;
