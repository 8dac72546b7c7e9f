/**
 * The one place where a Milvus status becomes an exception. Every RPC response passes through
 * {@link throwIfFailed}; nothing else in the client inspects status codes.
 */
import { MilvusErrorCode, ServerError } from '../errors.js';
import { enumValue } from '../proto/index.js';
import type { WireStatus } from '../proto/messages.js';

/** A Milvus status in the official Node SDK's shape: `error_code` by name (`'Success'`), Milvus' `code`, and `reason`. */
export interface ResStatus {
  error_code: string | number;
  reason: string;
  code?: number;
  retriable: boolean;
  detail: string;
  extra_info: Record<string, unknown>;
}

/** `ServerError.code` when the server says the request was built from an outdated schema (`MilvusErrorCode.SchemaMismatch`). */
export const SCHEMA_MISMATCH = MilvusErrorCode.SchemaMismatch;

/** Legacy `common.MilvusErrorCode` values the client reacts to. */
const LEGACY = { CollectionNotExists: 4, CollectionNameNotFound: 28, RateLimit: 49, SchemaMismatch: 62 } as const;
/** Milvus' `merr` code for a missing collection. */
const COLLECTION_NOT_FOUND = 100;
/** Milvus' `merr` code for a request refused by rate limiting (pymilvus retries on it, and on legacy `RateLimit`). */
const RATE_LIMITED = 8;

/** A success status, for results the client builds itself. */
export const SUCCESS: ResStatus = Object.freeze({ error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: Object.freeze({}) });

/**
 * Throws a `ServerError` when `status` reports a failure: Milvus' own code (`code`, falling back to the
 * legacy `error_code`) in `serverCode`, its text in `reason`, and `code` set to `COLLECTION_NOT_FOUND`,
 * {@link SCHEMA_MISMATCH}, `RATE_LIMITED` or `SERVER_ERROR`. A missing status counts as success.
 */
export function throwIfFailed(rpc: string, status: WireStatus | ResStatus | null | undefined): void {
  if (!status) return;
  const code = status.code ?? 0;
  const legacy = legacyCode(status.error_code);
  if (code === 0 && legacy === 0) return;
  const reason = status.reason || status.detail || (typeof status.error_code === 'string' ? status.error_code : '') || 'no reason given';
  const sdkStatus = { ...status, error_code: status.error_code ?? legacy, reason, code };
  throw new ServerError(code !== 0 ? code : legacy, reason, { rpc, status: sdkStatus }, kindOf(code, legacy));
}

/** The legacy `common.ErrorCode` as a number, whether decoded by number or by name. */
function legacyCode(errorCode: number | string | undefined): number {
  if (errorCode === undefined) return 0;
  if (typeof errorCode === 'number') return errorCode;
  return enumValue('milvus.proto.common.ErrorCode', errorCode) ?? (errorCode === 'Success' ? 0 : 1);
}

function kindOf(code: number, legacy: number): string {
  if (legacy === LEGACY.SchemaMismatch) return SCHEMA_MISMATCH;
  if (code === RATE_LIMITED || legacy === LEGACY.RateLimit) return MilvusErrorCode.RateLimited;
  if (code === COLLECTION_NOT_FOUND || legacy === LEGACY.CollectionNotExists || legacy === LEGACY.CollectionNameNotFound) {
    return MilvusErrorCode.CollectionNotFound;
  }
  return MilvusErrorCode.Server;
}

/** The status of a response message, whether the message is a `Status` itself or carries one in `status`. */
export function statusOf(response: unknown): WireStatus | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const r = response as { status?: WireStatus | null; error_code?: number };
  if ('status' in r) return r.status ?? undefined;
  if ('error_code' in r) return r as WireStatus;
  return undefined;
}
