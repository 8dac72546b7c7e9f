/** Recording what became of a batch, and the error that reports an incomplete write. */
import { IngestError } from '../errors.js';
import type { EncodedBatch } from './batch-encoder.js';
import type { Ledger } from './ledger.js';
import type { BatchOutcome } from './send-batch.js';

/** Records one batch's outcome; a failed or doubtful batch stops the write. */
export function recordOutcome(ledger: Ledger, batch: EncodedBatch, outcome: BatchOutcome): void {
  if (outcome.kind === 'landed') {
    ledger.land(batch, outcome.response, outcome.upserted);
    return;
  }
  if (outcome.kind === 'failed') ledger.fail(batch, outcome.error);
  else ledger.doubt(batch, outcome.error);
  ledger.stop(outcome.error);
}

/** The `IngestError` of a write that stopped: counts in the message, spans in `account`, the stopping failure as `cause`. */
export function incompleteError(operation: string, collection: string, ledger: Ledger, rowsRead: number): IngestError {
  const account = ledger.account(rowsRead);
  const rows = (spans: { from: number; to: number }[]) => spans.reduce((n, s) => n + s.to - s.from, 0);
  const cause = ledger.stopCause;
  const message =
    `${operation} into "${collection}" stopped after reading ${rowsRead} rows: ${rows(account.landed)} landed, ` +
    `${rows(account.failed)} failed, ${rows(account.in_doubt)} in doubt` +
    (cause ? `; first failure: ${cause.message}` : '');
  return new IngestError(message, account, cause ? { cause } : {});
}
