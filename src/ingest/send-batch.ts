/**
 * Sends one encoded batch, retrying what is safe to retry, and says what became of it: landed, failed
 * (certainly not written) or in doubt (perhaps written, not safely retryable).
 */
import { cancelledError, MilvusError, toMilvusError } from '../errors.js';
import type { WireMutationResult } from '../proto/messages.js';
import { backoffMs, classifyFailure, sleep } from './retry.js';
import type { RetryPolicy } from './settings.js';
import type { SendCall, WriteTarget } from './target.js';

/** How a batch is sent. */
export interface SendPolicy {
  /** The write is an upsert: resending it is idempotent. */
  readonly upsert: boolean;
  /**
   * The rows carry their own primary keys (no auto_id): after an ambiguous failure an insert may be
   * resent as an upsert, which cannot duplicate them. (An insert request's bytes are a valid
   * `UpsertRequest`: the two messages share fields 1–8, and the encoder writes nothing beyond them.)
   */
  readonly callerKeys: boolean;
  readonly retry: RetryPolicy;
  /** Deadline, database and cancellation of each attempt. */
  readonly call: SendCall;
}

/** What became of one batch. */
export type BatchOutcome =
  | { kind: 'landed'; response: WireMutationResult; upserted: boolean }
  | { kind: 'failed' | 'in_doubt'; error: MilvusError };

/**
 * Sends `bytes` as an Insert (or Upsert), with up to `retry.attempts` attempts: rate-limited and
 * never-sent attempts are retried after a backoff; after an ambiguous one (connection lost after
 * sending) only an idempotent resend is made, as an Upsert; a deadline, a cancellation or a rejection
 * ends the batch at once. Never throws.
 *
 * This loop is the only one for writes: the target sends each attempt once (see `WriteTarget.send`), so
 * `retry` alone decides how often and when a batch goes out again (not `retry.attempts` times the
 * transport's `maxRetries + 1`).
 */
export async function sendBatch(target: WriteTarget, bytes: Uint8Array, policy: SendPolicy): Promise<BatchOutcome> {
  let method: 'Insert' | 'Upsert' = policy.upsert ? 'Upsert' : 'Insert';
  // The failure after which the rows may be on the server: what an in-doubt outcome reports.
  let doubt: MilvusError | undefined;
  const signal = policy.call.signal;
  for (let attempt = 1; ; attempt++) {
    let error: MilvusError;
    try {
      const response = await target.send(method, bytes, policy.call);
      return { kind: 'landed', response, upserted: method === 'Upsert' };
    } catch (err) {
      error = toMilvusError(err, { what: `${method} failed unexpectedly`, rpc: method });
    }
    const kind = classifyFailure(error);
    if (kind === 'ambiguous') {
      doubt ??= error;
      if (!policy.upsert && !policy.callerKeys) return { kind: 'in_doubt', error };
      method = 'Upsert';
    } else if (kind !== 'retry') {
      return kind === 'in_doubt' || doubt ? { kind: 'in_doubt', error: doubt ?? error } : { kind: 'failed', error };
    }
    if (signal?.aborted || attempt >= policy.retry.attempts) return settle(doubt, error);
    await sleep(backoffMs(attempt, policy.retry), signal);
    if (signal?.aborted) {
      return settle(doubt, cancelledError(method, `cancelled while waiting to retry after: ${error.message}`, true));
    }
  }
}

/** The end of a batch that ran out of attempts: in doubt (reporting why) if an attempt may have landed, else failed. */
function settle(doubt: MilvusError | undefined, last: MilvusError): BatchOutcome {
  return doubt ? { kind: 'in_doubt', error: doubt } : { kind: 'failed', error: last };
}
