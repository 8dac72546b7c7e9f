/** Recording what became of a batch. */
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
