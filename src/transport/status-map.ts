/**
 * gRPC status codes and how a failed call becomes a `TransportError`: shared by the Node gRPC transport
 * and the gRPC-Web transport, so the same failure reads the same on both. Pure: no I/O, no gRPC library.
 */
import { MilvusErrorCode, TransportError } from '../errors.js';

export { cancelledError, closedError } from '../errors.js';

/** The gRPC status codes this package reacts to by number (the values of the gRPC spec). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** Names of all gRPC status codes, indexed by code, as the gRPC spec spells them. */
const STATUS_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const;

/** The spec name of a gRPC status code (`'UNAVAILABLE'` for 14), or `undefined` for a code outside the spec. */
export function grpcStatusName(code: number): string | undefined {
  return STATUS_NAMES[code];
}

/** What is known about a failed call when it is turned into an error. */
export interface FailedCall {
  /** RPC name, e.g. `Insert`. */
  method: string;
  /** Where the call went (`host:port`, or a URL), for the message. Never carries credentials. */
  target: string;
  /** The call's deadline in milliseconds, for the timeout message; absent when it had none. */
  timeoutMs?: number | undefined;
  /** The underlying error, kept as `cause`. */
  cause?: unknown;
  /** For `UNAVAILABLE`: the transport knows the request never left this process (see `TransportError.notSent`). */
  notSent?: boolean;
}

/**
 * Statuses with which a server refuses a call before its handler runs: such a call was certainly not
 * applied. Every other failure of a call that went out may have been (`TransportError.maybeApplied`).
 */
const REFUSED_BEFORE_HANDLING: ReadonlySet<number> = new Set([3, 5, 7, 8, 9, 11, 12, 16]);

/**
 * Maps a non-OK gRPC status onto `TransportError`: `UNAVAILABLE` → code `UNAVAILABLE`, `DEADLINE_EXCEEDED`
 * → `TIMEOUT`, `CANCELLED` → `CANCELLED`, anything else → `TRANSPORT_ERROR`. `grpcCode` keeps the status
 * code, `message` the status message (the code's name when the server gave none); `notSent` and
 * `maybeApplied` say what is known of the request's fate, so that callers never read gRPC codes for it.
 */
export function transportErrorForStatus(code: number, message: string, call: FailedCall): TransportError {
  const { method, target, timeoutMs } = call;
  const details = { rpc: method, grpcCode: code, maybeApplied: !REFUSED_BEFORE_HANDLING.has(code), ...(call.cause === undefined ? {} : { cause: call.cause }) };
  const what = message || grpcStatusName(code) || 'unknown error';
  switch (code) {
    case GrpcStatus.UNAVAILABLE:
      return new TransportError(MilvusErrorCode.Unavailable, `${method}: UNAVAILABLE: Milvus at ${target} is unavailable: ${what}`, { ...details, notSent: call.notSent === true });
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new TransportError(MilvusErrorCode.Timeout, `${method}: DEADLINE_EXCEEDED: no answer from ${target} within ${timeoutMs ?? '(no deadline)'} ms`, details);
    case GrpcStatus.CANCELLED:
      return new TransportError(MilvusErrorCode.Cancelled, `${method}: CANCELLED: the call was cancelled`, details);
    default:
      return new TransportError(MilvusErrorCode.Transport, `${method}: gRPC ${grpcStatusName(code) ?? code} from ${target}: ${what}`, details);
  }
}

/**
 * The gRPC status of an HTTP error response that carries none (the gRPC spec's HTTP-to-gRPC mapping), e.g.
 * from a proxy that could not reach Milvus (502/503/504 → UNAVAILABLE) or has no such route (404 → UNIMPLEMENTED).
 */
export function grpcStatusForHttp(httpStatus: number): number {
  switch (httpStatus) {
    case 400: return GrpcStatus.INTERNAL;
    case 401: return GrpcStatus.UNAUTHENTICATED;
    case 403: return GrpcStatus.PERMISSION_DENIED;
    case 404: return GrpcStatus.UNIMPLEMENTED;
    case 429: case 502: case 503: case 504: return GrpcStatus.UNAVAILABLE;
    default: return GrpcStatus.UNKNOWN;
  }
}
