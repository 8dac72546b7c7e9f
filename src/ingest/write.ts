/**
 * `insert` / `upsert` of rows held in memory, split into requests by encoded size: every batch is
 * encoded (and so validated) before the first is sent, then they go out `concurrency` at a time. The
 * report keeps the server's answers in row order; the caller makes the result of them.
 */
import { prepareCore } from '../codec/engine.js';
import { InvalidInputError, MilvusErrorCode } from '../errors.js';
import { BatchSizer, encodeFitting, type EncodedBatch } from './batch-encoder.js';
import { Ledger, type WriteReport } from './ledger.js';
import { writeConcurrency } from './lite-limit.js';
import { recordOutcome } from './outcome.js';
import { runPipeline } from './pipeline.js';
import { sendBatch } from './send-batch.js';
import type { IngestSettings } from './settings.js';
import type { SendCall, WriteTarget } from './target.js';
import { callerKeys, planPart, templateFor, type RowsOrColumns, type WriteSpec } from './template.js';

/** One in-memory write. */
export interface WriteRequest extends WriteSpec {
  rows: RowsOrColumns;
  call: SendCall;
}

/** The report of a write, with the number of requests it was cut into. */
export interface InMemoryWriteReport extends WriteReport {
  readonly requests: number;
}

/**
 * Writes the rows. Throws `InvalidInputError` (nothing sent) for bad input anywhere, including a row
 * over the server's limit. Otherwise resolves to the report, whose `cause` is set when the write stopped:
 * a cached schema found stale (bad input, or the server's schema-mismatch refusal before anything was
 * written) is described afresh and the write planned again once.
 */
export async function writeInBatches(target: WriteTarget, settings: IngestSettings, req: WriteRequest): Promise<InMemoryWriteReport> {
  await prepareCore(target.engine);
  for (let attempt = 0; ; attempt++) {
    const description = await target.describe(attempt > 0);
    let batches: EncodedBatch[];
    try {
      batches = encodeAll(planPart(templateFor(description, req, target.engine), req.rows, 0), settings);
    } catch (err) {
      // The cached schema may be stale (collection recreated): check against a fresh one once.
      if (err instanceof InvalidInputError && !description.fresh && attempt === 0) continue;
      throw err;
    }
    const rows = batches.length === 0 ? 0 : batches[batches.length - 1]!.to;
    const ledger = await sendAll(target, batches, settings, req, callerKeys(description));
    if (ledger.stopped) ledger.unsentUpTo(rows);
    const report = ledger.report(rows);
    if (attempt === 0 && report.cause?.code === MilvusErrorCode.SchemaMismatch && ledger.nothingWritten) continue;
    return { ...report, requests: batches.length };
  }
}

/** Every batch of the planned input, each fitting `batch_bytes` (a lone larger row up to the server's limit). */
function encodeAll(plan: ReturnType<typeof planPart>, settings: IngestSettings): EncodedBatch[] {
  const sizer = new BatchSizer(settings);
  sizer.calibrate(plan, 0, plan.rows);
  const batches: EncodedBatch[] = [];
  for (let from = 0; from < plan.rows;) {
    const batch = encodeFitting(plan, from, plan.rows, sizer, settings, 0);
    batches.push(batch);
    from = batch.to;
  }
  return batches;
}

async function sendAll(target: WriteTarget, batches: EncodedBatch[], settings: IngestSettings, req: WriteRequest, keys: boolean): Promise<Ledger> {
  const ledger = new Ledger();
  const policy = { upsert: req.upsert, callerKeys: keys, retry: settings.retry, call: req.call };
  await runPipeline(releasing(batches), {
    concurrency: batches.length > 1 ? await writeConcurrency(target, settings, req.call) : 1,
    ledger,
    ...(req.call.signal !== undefined ? { signal: req.call.signal } : {}),
    send: async (batch) => recordOutcome(ledger, batch, await sendBatch(target, batch.bytes, policy)),
  });
  return ledger;
}

/** Yields the batches, dropping each from the list as it is taken, so sent bytes can be collected. */
function* releasing(batches: (EncodedBatch | undefined)[]): Generator<EncodedBatch, void, undefined> {
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i]!;
    batches[i] = undefined;
    yield batch;
  }
}
