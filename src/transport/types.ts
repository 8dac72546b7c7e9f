/**
 * The one seam between the client and the wire. The client hands a transport finished protobuf
 * bytes and gets the response bytes back; it never sees gRPC (or, later, gRPC-Web) itself.
 */

/** Per-call options of a unary RPC. */
export interface UnaryCallOptions {
  /** How long the call may take, in milliseconds, counted from when it is issued. Required: no call waits forever. */
  timeoutMs: number;
  /** Extra request metadata (e.g. `dbname`), sent in addition to the transport's own headers. */
  metadata?: Readonly<Record<string, string>>;
  /** Cancels the call; it then rejects with a `TransportError` of code `CANCELLED`. */
  signal?: AbortSignal;
}

/**
 * A unary-RPC transport to one Milvus server.
 *
 * Implementations must reject only with `TransportError` (code `UNAVAILABLE`, `TIMEOUT`, `CANCELLED` or
 * `TRANSPORT_ERROR`, with `rpc` set), and must never put credentials into an error message.
 */
export interface Transport {
  /**
   * Calls `MilvusService/<method>` with an already-serialized request message and resolves to the
   * serialized response message (no framing on either side). The transport neither copies nor
   * re-encodes `request`: the caller must leave those bytes untouched until the promise settles.
   */
  unary(method: string, request: Uint8Array, options: UnaryCallOptions): Promise<Uint8Array>;
  /** Releases the connection; later calls reject with `CANCELLED`. Safe to call twice. */
  close(): void;
}
