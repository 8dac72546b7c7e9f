/**
 * The send loop of a multi-request write: up to `concurrency` batches in flight and one more being
 * prepared, so at most `concurrency + 1` encoded batches exist at a time and the source is pulled only
 * when one of those slots is free. After the first failure it takes nothing more, lets the batches in
 * flight finish, and returns; the ledger holds the outcome (rows never taken are the caller's to record,
 * see `Ledger.unsentUpTo`).
 */
import { cancelledError, MilvusError, toMilvusError } from '../errors.js';
import type { EncodedBatch } from './batch-encoder.js';
import type { Ledger } from './ledger.js';

/** Rows that were read but could not be made into a request (bad input, a failing source). */
export interface UnsendableRows {
  readonly from: number;
  readonly to: number;
  readonly error: MilvusError;
}

/** What the batch source yields. */
export type BatchItem = EncodedBatch | UnsendableRows;

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  readonly concurrency: number;
  readonly ledger: Ledger;
  /** Sends one batch and records its outcome in the ledger. Must not reject. */
  readonly send: (batch: EncodedBatch) => Promise<void>;
  readonly signal?: AbortSignal;
}

type Pulled = { item: IteratorResult<BatchItem> } | { error: unknown };

/**
 * Runs the write to completion or to its first failure. Closes `items` (its `return()`) either way,
 * except when the write stopped while the next batch was still being read: that read is abandoned rather
 * than awaited (a stalled source must not hold up a failed or cancelled write).
 */
export async function runPipeline(items: AsyncIterator<BatchItem> | Iterator<BatchItem>, options: PipelineOptions): Promise<void> {
  const { ledger, concurrency, signal } = options;
  const running = new Set<Promise<void>>();
  // Settled into a value, so a failure while all slots are busy is not an unhandled rejection.
  const pull = (): Promise<Pulled> => Promise.resolve().then(() => items.next()).then((item) => ({ item }), (error) => ({ error }));
  let ahead: Promise<Pulled> | undefined;
  try {
    while (!ledger.stopped) {
      if (signal?.aborted) {
        ledger.stop(cancelledError('write', 'the write was cancelled by its signal', true));
        break;
      }
      ahead ??= pull();
      if (running.size >= concurrency) {
        await Promise.race(running);
        continue;
      }
      const pulled = await unlessAborted(ahead, signal);
      if (pulled === ABORTED) continue;
      ahead = undefined;
      if (!take(pulled, ledger)) break;
      const batch = (pulled as { item: IteratorResult<EncodedBatch> }).item.value;
      const task = options.send(batch).finally(() => running.delete(task));
      running.add(task);
    }
  } finally {
    await Promise.all(running);
    // A read still pending once the write has stopped is abandoned: waiting for a stalled source could
    // mean waiting forever, and its rows are no longer wanted.
    const last = ahead && (ledger.stopped ? await peek(ahead) : await ahead);
    if (last !== PENDING) {
      if (last) settleUnsent(last, ledger);
      await items.return?.();
    }
  }
}

const ABORTED = Symbol('aborted');
const PENDING = Symbol('pending');

/** `promise`'s value if it has settled, else {@link PENDING}. */
function peek<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  return Promise.race([promise, Promise.resolve(PENDING)]);
}

/** `pending`'s value, or {@link ABORTED} as soon as `signal` aborts. `pending` must not reject. */
function unlessAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return pending;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    void pending.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

/** True when `pulled` is a batch to send; otherwise records what it means and returns false. */
function take(pulled: Pulled, ledger: Ledger): boolean {
  if ('error' in pulled) {
    ledger.stop(toMilvusError(pulled.error, { what: 'the write failed unexpectedly' }));
    return false;
  }
  if (pulled.item.done) return false;
  const item = pulled.item.value;
  if ('error' in item) {
    ledger.fail(item, item.error);
    ledger.stop(item.error);
    return false;
  }
  return true;
}

/** Records a batch taken but not sent (or rows that could not be made into one). */
function settleUnsent(pulled: Pulled, ledger: Ledger): void {
  if ('error' in pulled) return ledger.stop(toMilvusError(pulled.error, { what: 'the write failed unexpectedly' }));
  if (pulled.item.done) return;
  const item = pulled.item.value;
  if ('error' in item) {
    ledger.fail(item, item.error);
    ledger.stop(item.error);
  } else {
    ledger.unsent(item);
  }
}
