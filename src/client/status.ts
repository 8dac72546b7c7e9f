/**
 * The one place where a Milvus status becomes an exception. Every RPC response passes through
 * {@link throwIfFailed}; nothing else in the client inspects status codes.
 */
import { ErrorCode, ServerError } from '../errors.js';
import type { WireStatus } from '../proto/messages.js';

/** A successful status in the official Node SDK's shape (`error_code` by name). */
export interface ResStatus {
  error_code: string;
  reason: string;
  code: number;
}

/** `ServerError.code` when the server says the request was built from an outdated schema. */
export const SCHEMA_MISMATCH = 'SCHEMA_MISMATCH';

/** Legacy `common.ErrorCode` values the client reacts to. */
const LEGACY = { CollectionNotExists: 4, CollectionNameNotFound: 28, RateLimit: 49, SchemaMismatch: 62 } as const;
/** Milvus' `merr` code for a missing collection. */
const COLLECTION_NOT_FOUND = 100;
/** Milvus' `merr` code for a request refused by rate limiting (pymilvus retries on it, and on legacy `RateLimit`). */
const RATE_LIMITED = 8;

/** Returned by calls whose RPC answers only with a status, once that status is known to be success. */
export const SUCCESS: ResStatus = Object.freeze({ error_code: 'Success', reason: '', code: 0 });

/**
 * Throws a `ServerError` when `status` reports a failure: Milvus' own code (`code`, falling back to the
 * legacy `error_code`) in `serverCode`, its text in `reason`, and `code` set to `COLLECTION_NOT_FOUND`,
 * {@link SCHEMA_MISMATCH}, `RATE_LIMITED` or `SERVER_ERROR`. A missing status counts as success.
 */
export function throwIfFailed(rpc: string, status: WireStatus | null | undefined): void {
  if (!status) return;
  const code = status.code ?? 0;
  const legacy = status.error_code ?? 0;
  if (code === 0 && legacy === 0) return;
  const reason = status.reason || status.detail || 'no reason given';
  throw new ServerError(code !== 0 ? code : legacy, reason, { rpc }, kindOf(code, legacy));
}

function kindOf(code: number, legacy: number): string {
  if (legacy === LEGACY.SchemaMismatch) return SCHEMA_MISMATCH;
  if (code === RATE_LIMITED || legacy === LEGACY.RateLimit) return ErrorCode.RateLimited;
  if (code === COLLECTION_NOT_FOUND || legacy === LEGACY.CollectionNotExists || legacy === LEGACY.CollectionNameNotFound) {
    return ErrorCode.CollectionNotFound;
  }
  return ErrorCode.Server;
}

/** The status of a response message, whether the message is a `Status` itself or carries one in `status`. */
export function statusOf(response: unknown): WireStatus | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const r = response as { status?: WireStatus | null; error_code?: number };
  if ('status' in r) return r.status ?? undefined;
  if ('error_code' in r) return r as WireStatus;
  return undefined;
}
