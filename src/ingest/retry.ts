/**
 * Which failures of a write request may be retried, and how long to wait before the next attempt.
 * Pure apart from timers; knows errors only through `MilvusError` codes, never gRPC itself.
 */
import { MilvusErrorCode, MilvusError, ServerError, TransportError } from '../errors.js';
import type { RetryPolicy } from './settings.js';

/**
 * What a failed attempt means for its rows:
 * - `retry`: certainly not applied (rate limited, or never sent): send again after a backoff;
 * - `ambiguous`: perhaps applied (connection lost after sending): only an idempotent resend is safe;
 * - `in_doubt`: perhaps applied, and not to be resent (deadline exceeded, cancelled, a server crash);
 * - `rejected`: certainly not applied (bad input, a refusing status): resending cannot help.
 */
export type FailureKind = 'retry' | 'ambiguous' | 'in_doubt' | 'rejected';

/**
 * Classifies one failed attempt of a write request, from what the transport knows of its fate
 * (`notSent`, `maybeApplied`), never from gRPC codes.
 */
export function classifyFailure(error: MilvusError): FailureKind {
  if (error instanceof ServerError) return error.code === MilvusErrorCode.RateLimited ? 'retry' : 'rejected';
  if (!(error instanceof TransportError)) return 'rejected';
  // Never sent: again after a backoff, unless the caller cancelled it or closed the client.
  if (error.notSent) return error.code === MilvusErrorCode.Cancelled ? 'rejected' : 'retry';
  if (!error.maybeApplied) return 'rejected';
  // A lost connection after sending may be resent idempotently; a deadline, a cancellation or a server
  // failure mid-handling means a server that may still apply it: never pile a resend on top.
  return error.code === MilvusErrorCode.Unavailable ? 'ambiguous' : 'in_doubt';
}

/**
 * Backoff before attempt `attempt + 1` (attempts count from 1): "full jitter", uniformly random between 0
 * and `base · 2^(attempt-1)` capped at `cap`, so that many clients refused at once do not return at once.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or less if `signal` aborts (it then resolves early; the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
