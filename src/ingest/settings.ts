/**
 * How multi-request writes are sized, paced and retried: the client-wide options, their defaults and
 * checks, and per-call overrides. Pure: no I/O.
 */
import { describeValue, InvalidInputError } from '../errors.js';

/** Retry settings: exponential backoff with full jitter, `base_ms · 2^attempt` capped at `cap_ms`. */
export interface RetryOptions {
  /** Attempts per batch, the first included (1 = never retry). Default 5. */
  attempts?: number;
  /** Backoff base in milliseconds. Default 100. */
  base_ms?: number;
  /** Longest backoff in milliseconds. Default 5 000. */
  cap_ms?: number;
}

/** Client-wide options of `insert`, `upsert` and `ingest` (part of `MilvusClientOptions`). */
export interface IngestClientOptions {
  /**
   * Target size of one request in bytes: a larger write is split into requests of about this size.
   * Default 16 MiB. Must not exceed `max_message_bytes`.
   */
  batch_bytes?: number;
  /** Most rows in one request. Default 100 000. */
  batch_rows?: number;
  /**
   * The server's limit on one request message in bytes. Default 64 MiB. No request is ever larger; a
   * single row that encodes larger is rejected before anything is sent.
   */
  max_message_bytes?: number;
  /**
   * Requests in flight at once. Default 2. Any Milvus Lite (embedded for a local `uri`, or reached over
   * `http://` and recognised by its version) gets one at a time whatever this says: overlapping writes
   * lose acknowledged rows there when it is killed.
   */
  concurrency?: number;
  /** Retries on rate limiting and on failures before a request was sent. */
  retry?: RetryOptions;
}

/** Per-call overrides. */
export interface IngestCallOptions {
  batch_bytes?: number;
  batch_rows?: number;
  concurrency?: number;
}

/** Resolved, checked settings. */
export interface IngestSettings {
  readonly batchBytes: number;
  readonly batchRows: number;
  readonly maxMessageBytes: number;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
}

/** Resolved retry settings. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

const MiB = 1024 * 1024;
/** Default request size target: big enough to amortise per-request costs, a quarter of the server's limit. */
export const DEFAULT_BATCH_BYTES = 16 * MiB;
/** Milvus' default limit on a received message. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * MiB;
export const DEFAULT_BATCH_ROWS = 100_000;
export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ attempts: 5, baseMs: 100, capMs: 5_000 });
/** grpc-js sends at most 512 MiB (see the transport); beyond that no server limit can be honoured. */
const MAX_MESSAGE_CEILING = 512 * MiB;
const MAX_CONCURRENCY = 64;

/** Resolves and checks the client-wide options. Throws `InvalidInputError` for unusable values. */
export function resolveIngestSettings(options: IngestClientOptions, embedded: boolean): IngestSettings {
  const maxMessageBytes = integerIn(options.max_message_bytes, 'max_message_bytes', 1024, MAX_MESSAGE_CEILING) ?? DEFAULT_MAX_MESSAGE_BYTES;
  const retry = options.retry;
  if (retry !== undefined && (typeof retry !== 'object' || retry === null)) {
    throw new InvalidInputError(`retry must be an object like { attempts: 5, base_ms: 100, cap_ms: 5000 }, got ${describeValue(retry)}`, { field: 'retry' });
  }
  const baseMs = numberIn(retry?.base_ms, 'retry.base_ms', 0, 60_000) ?? DEFAULT_RETRY.baseMs;
  const capMs = numberIn(retry?.cap_ms, 'retry.cap_ms', 0, 600_000) ?? Math.max(DEFAULT_RETRY.capMs, baseMs);
  if (capMs < baseMs) throw new InvalidInputError(`retry.cap_ms (${capMs}) must not be below retry.base_ms (${baseMs})`, { field: 'retry.cap_ms' });
  const base: IngestSettings = {
    batchBytes: DEFAULT_BATCH_BYTES,
    batchRows: DEFAULT_BATCH_ROWS,
    maxMessageBytes,
    concurrency: embedded ? 1 : DEFAULT_CONCURRENCY,
    retry: {
      attempts: integerIn(retry?.attempts, 'retry.attempts', 1, 100) ?? DEFAULT_RETRY.attempts,
      baseMs,
      capMs,
    },
  };
  return withCallOptions(base, options, 'client');
}

/**
 * The client's settings with a call's overrides applied. A `batch_bytes` above the server's limit is an
 * error rather than silently lowered: the caller asked for something the server would refuse.
 */
export function withCallOptions(base: IngestSettings, call: IngestCallOptions, where = 'call'): IngestSettings {
  if (typeof call !== 'object' || call === null) return base;
  const batchBytes = integerIn(call.batch_bytes, 'batch_bytes', 1, MAX_MESSAGE_CEILING) ?? Math.min(base.batchBytes, base.maxMessageBytes);
  if (batchBytes > base.maxMessageBytes) {
    throw new InvalidInputError(
      `batch_bytes (${batchBytes}, ${where} option) must not exceed max_message_bytes (${base.maxMessageBytes}), the server's limit on one request`,
      { field: 'batch_bytes' },
    );
  }
  return {
    ...base,
    batchBytes,
    batchRows: integerIn(call.batch_rows, 'batch_rows', 1, 10_000_000) ?? base.batchRows,
    concurrency: integerIn(call.concurrency, 'concurrency', 1, MAX_CONCURRENCY) ?? base.concurrency,
  };
}

function integerIn(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}`, { field: name });
  }
  return value;
}

function numberIn(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(`${name} must be a number from ${min} to ${max}, got ${describeValue(value)}`, { field: name });
  }
  return value;
}
