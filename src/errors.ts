/**
 * The one error family of milvus-wasm. Every failure surfaces as a `MilvusError`; the subclasses
 * tell the cause apart: bad input found before anything is sent, a status returned by the server,
 * or a transport failure (unreachable, deadline).
 */

/** Stable, machine-readable error codes. Server errors keep Milvus' own numeric code in `serverCode`. */
export const ErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  Server: 'SERVER_ERROR',
  Unavailable: 'UNAVAILABLE',
  Timeout: 'TIMEOUT',
  Cancelled: 'CANCELLED',
  Transport: 'TRANSPORT_ERROR',
  CollectionNotFound: 'COLLECTION_NOT_FOUND',
  EmbeddedServer: 'EMBEDDED_SERVER_ERROR',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Where an error happened, as far as it is known. */
export interface MilvusErrorDetails {
  /** Field (column) name the error is about. */
  field?: string;
  /** Zero-based index of the offending row in the caller's input. */
  row?: number;
  /** RPC name, e.g. `Insert`, for errors raised by a call. */
  rpc?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error this package throws. */
export class MilvusError extends Error {
  override name = 'MilvusError';
  readonly code: ErrorCode | string;
  readonly field?: string;
  readonly row?: number;
  readonly rpc?: string;

  constructor(code: ErrorCode | string, message: string, details: MilvusErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.field !== undefined) this.field = details.field;
    if (details.row !== undefined) this.row = details.row;
    if (details.rpc !== undefined) this.rpc = details.rpc;
  }
}

/** The caller's input breaks a rule (schema, type, range, size). Nothing was encoded or sent. */
export class InvalidInputError extends MilvusError {
  override name = 'InvalidInputError';
  constructor(message: string, details: MilvusErrorDetails = {}) {
    super(ErrorCode.InvalidInput, message, details);
  }
}

/** The server answered with a non-success status. `serverCode` is Milvus' code, `reason` its text. */
export class ServerError extends MilvusError {
  override name = 'ServerError';
  readonly serverCode: number;
  readonly reason: string;
  constructor(serverCode: number, reason: string, details: MilvusErrorDetails = {}, code: ErrorCode | string = ErrorCode.Server) {
    super(code, `${details.rpc ?? 'request'} failed: server error ${serverCode}: ${reason}`, details);
    this.serverCode = serverCode;
    this.reason = reason;
  }
}

/** The request could not be completed on the wire (unreachable server, deadline, cancellation). */
export class TransportError extends MilvusError {
  override name = 'TransportError';
  /** gRPC status code, when the failure came from gRPC. */
  readonly grpcCode?: number;
  constructor(code: ErrorCode | string, message: string, details: MilvusErrorDetails & { grpcCode?: number } = {}) {
    super(code, message, details);
    if (details.grpcCode !== undefined) this.grpcCode = details.grpcCode;
  }
}

/** Renders a value for an error message: short, type-revealing, never huge. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (value instanceof Map) return `a Map of size ${value.size}`;
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'Object') : typeof value}`;
}
