/**
 * The one error family of milvus-wasm. Every failure surfaces as a `MilvusError`; the subclasses
 * tell the cause apart: bad input found before anything is sent, a status returned by the server,
 * or a transport failure (unreachable, deadline).
 */

/** Stable, machine-readable error codes. Server errors keep Milvus' own numeric code in `serverCode`. */
export const MilvusErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  Server: 'SERVER_ERROR',
  Unavailable: 'UNAVAILABLE',
  Timeout: 'TIMEOUT',
  Cancelled: 'CANCELLED',
  Transport: 'TRANSPORT_ERROR',
  CollectionNotFound: 'COLLECTION_NOT_FOUND',
  EmbeddedServer: 'EMBEDDED_SERVER_ERROR',
  Internal: 'INTERNAL',
  /** The server refused a write built from an outdated schema (legacy `SchemaMismatch` 62): describe the collection again. */
  SchemaMismatch: 'SCHEMA_MISMATCH',
  /** The server refused the request because of its rate limits (Milvus code 8, legacy `RateLimit` 49); nothing was written. */
  RateLimited: 'RATE_LIMITED',
  /** A multi-request write (auto-split `insert`/`upsert`, or `ingest`) stopped before all rows landed: see `IngestError.account`. */
  IngestIncomplete: 'INGEST_INCOMPLETE',
  /** Rows were read but never sent, because the write stopped on an earlier failure. */
  NotSent: 'NOT_SENT',
  /** The source `ingest` read from threw. */
  SourceFailed: 'SOURCE_FAILED',
  /** A callback given by the caller (e.g. `onProgress`) threw. */
  CallbackFailed: 'CALLBACK_FAILED',
} as const;
export type MilvusErrorCode = (typeof MilvusErrorCode)[keyof typeof MilvusErrorCode];

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
  readonly code: MilvusErrorCode | string;
  readonly field?: string;
  readonly row?: number;
  readonly rpc?: string;

  constructor(code: MilvusErrorCode | string, message: string, details: MilvusErrorDetails = {}) {
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
    super(MilvusErrorCode.InvalidInput, message, details);
  }
}

/** A Milvus status as the official Node SDK returns it (`error_code` by name). */
export interface StatusLike {
  error_code: string | number;
  reason: string;
  code?: number;
  [other: string]: unknown;
}

/**
 * The server answered with a non-success status. `serverCode` is Milvus' code, `reason` its text, and
 * `status` the status itself in the SDK's shape (code written for the SDK reads `err.status.reason`).
 */
export class ServerError extends MilvusError {
  override name = 'ServerError';
  readonly serverCode: number;
  readonly reason: string;
  readonly status: StatusLike;
  constructor(serverCode: number, reason: string, details: MilvusErrorDetails & { status?: StatusLike } = {}, code: MilvusErrorCode | string = MilvusErrorCode.Server) {
    super(code, `${details.rpc ?? 'request'} failed: server error ${serverCode}: ${reason}`, details);
    this.serverCode = serverCode;
    this.reason = reason;
    this.status = details.status ?? { error_code: serverCode, reason, code: serverCode };
  }
  /** The status' `error_code`, so code written against the SDK's thrown statuses (`e.error_code`) reads it here too. */
  get error_code(): string | number | undefined {
    return this.status.error_code;
  }
}

/** The request could not be completed on the wire (unreachable server, deadline, cancellation). */
export class TransportError extends MilvusError {
  override name = 'TransportError';
  /** gRPC status code, when the failure came from gRPC. */
  readonly grpcCode?: number;
  /**
   * `true` only when the transport knows the request never left this process (no connection could be
   * established), so sending it again cannot apply it twice. `false` means "unknown": the server may have
   * received and applied it (connection lost mid-call, deadline, cancellation).
   */
  readonly notSent: boolean;
  /**
   * Whether the server may have applied the request: `false` only when the transport knows it did not (it
   * never left, or the server refused it before handling it, e.g. UNIMPLEMENTED or UNAUTHENTICATED). Writes
   * decide from this and `notSent` whether a resend is safe; the default is the cautious `true`.
   */
  readonly maybeApplied: boolean;
  constructor(code: MilvusErrorCode | string, message: string, details: MilvusErrorDetails & { grpcCode?: number; notSent?: boolean; maybeApplied?: boolean } = {}) {
    super(code, message, details);
    if (details.grpcCode !== undefined) this.grpcCode = details.grpcCode;
    this.notSent = details.notSent === true;
    this.maybeApplied = !this.notSent && details.maybeApplied !== false;
  }
}

/** Context for {@link toMilvusError}: the code and what was going on, for an error that is not a `MilvusError` yet. */
export interface FailureContext extends MilvusErrorDetails {
  code?: MilvusErrorCode;
  /** What failed, e.g. `Insert failed unexpectedly`: the message reads `<what>: <reason>`. */
  what: string;
}

/**
 * The one conversion of anything thrown into a `MilvusError`: a `MilvusError` passes unchanged; anything else
 * becomes one with `context.code` (default `INTERNAL`), a message naming what failed and why, and the
 * original as `cause`.
 */
export function toMilvusError(err: unknown, context: FailureContext): MilvusError {
  if (err instanceof MilvusError) return err;
  const { code = MilvusErrorCode.Internal, what, ...details } = context;
  const reason = err instanceof Error ? err.message : String(err);
  return new MilvusError(code, `${what}: ${reason}`, { ...details, cause: err });
}

/** The error of a call cancelled by the caller (its `AbortSignal`); `notSent` when it was cancelled before it went out. */
export function cancelledError(rpc: string, detail = 'the call was cancelled', notSent = false): TransportError {
  return new TransportError(MilvusErrorCode.Cancelled, `${rpc}: CANCELLED: ${detail}`, { rpc, grpcCode: 1, notSent });
}

/** The error of a call made after the client was closed: it never went out. */
export function closedError(rpc: string): TransportError {
  return new TransportError(MilvusErrorCode.Cancelled, `${rpc}: CANCELLED: the client is closed`, { rpc, notSent: true });
}

/** A range of rows, `from` inclusive to `to` exclusive, numbered from 0 in the caller's input or source. */
export interface RowSpan {
  from: number;
  to: number;
}

/** Rows the server acknowledged, with their primary keys in row order (strings, or bigints with `int64: 'bigint'`). */
export interface LandedSpan extends RowSpan {
  ids: (string | bigint)[];
}

/** Rows that did not land, or may have: the error that decided it. */
export interface FailedSpan extends RowSpan {
  error: MilvusError;
}

/**
 * What became of every row a multi-request write read, each list in row order. Every row below
 * `rows_read` is in exactly one span:
 * - `landed`: acknowledged by the server;
 * - `failed`: certainly not written (rejected, never sent, or refused before it was sent);
 * - `in_doubt`: the server may or may not hold them (connection lost after sending, deadline
 *   exceeded, cancelled), and they could not be retried safely. Resend them with `upsert` when the
 *   collection has caller-supplied primary keys; otherwise check the server before resending.
 *
 * Rows at or beyond `rows_read` were never taken from the source: resume from there.
 */
export interface IngestAccount {
  landed: LandedSpan[];
  failed: FailedSpan[];
  in_doubt: FailedSpan[];
  rows_read: number;
}

/**
 * A multi-request write stopped early. `account` says exactly which rows landed, failed or are in
 * doubt, so the caller can resume; `cause` is the failure that stopped it.
 */
export class IngestError extends MilvusError {
  override name = 'IngestError';
  readonly account: IngestAccount;
  constructor(message: string, account: IngestAccount, details: MilvusErrorDetails = {}) {
    super(MilvusErrorCode.IngestIncomplete, message, details);
    this.account = account;
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
