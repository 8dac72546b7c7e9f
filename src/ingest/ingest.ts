/**
 * `client.ingest`: a stream of rows (or columnar chunks) of any length into one collection, with memory
 * bounded by `concurrency + 1` encoded batches, retries where they are safe, progress after every landed
 * batch, and on failure an exact account of what landed.
 */
import { prepareCore } from '../codec/engine.js';
import { describeValue, MilvusErrorCode, InvalidInputError, MilvusError, type RowSpan } from '../errors.js';
import { planSchema } from '../schema.js';
import type { EncodedBatch } from './batch-encoder.js';
import { Ledger, type WriteReport } from './ledger.js';
import { writeConcurrency } from './lite-limit.js';
import { recordOutcome } from './outcome.js';
import { runPipeline } from './pipeline.js';
import { sendBatch, type BatchOutcome } from './send-batch.js';
import { withCallOptions, type IngestCallOptions, type IngestSettings } from './settings.js';
import { checkSource, knownTotal, openSource, type IngestSource } from './source.js';
import { streamBatches, type StreamProgress } from './stream-batches.js';
import { callOf, type SendCall, type WriteTarget } from './target.js';
import { callerKeys, templateFor } from './template.js';

/** Parameters of `ingest`. */
export interface IngestReq extends SendCall, IngestCallOptions {
  collection_name: string;
  partition_name?: string;
  /** Rows, or `{ columns }` chunks: an array, an iterable, an async iterable or an object-mode `Readable`. Read on demand. */
  source: IngestSource;
  /** Upsert instead of insert (replaces rows with the same primary keys). */
  upsert?: boolean;
  /** With `upsert`: replace only the fields given. */
  partial_update?: boolean;
  /** Called after every landed batch. An exception thrown here stops the ingest. */
  onProgress?: (progress: IngestProgress) => void;
  /** The source's row count, if known, for `eta_seconds` (taken from an array source when omitted). */
  total_rows?: number;
}

/** Progress after a landed batch. Totals count landed rows only. */
export interface IngestProgress {
  rows: number;
  bytes: number;
  batches: number;
  rows_per_second: number;
  /** Seconds left at the current rate; only when the total is known. */
  eta_seconds?: number;
  elapsed_ms: number;
  /** The source rows `[from, to)` of the batch that just landed (batches may land out of order). */
  batch: RowSpan;
}

/**
 * Runs an ingest to its end or its first failure and reports what became of every row read (the
 * report's `cause` says why it stopped). Throws `InvalidInputError` for unusable parameters before reading
 * anything; the source is closed either way.
 */
export async function ingest(target: WriteTarget, clientSettings: IngestSettings, req: IngestReq): Promise<WriteReport> {
  checkRequest(req);
  const settings = withCallOptions(clientSettings, req);
  const started = performance.now();
  await prepareCore(target.engine);
  // One DescribeCollection per ingest is nothing against its volume, and rules out a stale cached schema.
  const description = await target.describe(true);
  const schema = planSchema(description.schema);
  const upsert = req.upsert === true;
  const template = templateFor(description, { collection_name: req.collection_name, partition_name: req.partition_name, upsert, partial_update: req.partial_update }, target.engine);
  const total = req.total_rows ?? knownTotal(req.source, schema);
  const reader = openSource(req.source);
  const progress: StreamProgress = { read: 0, emitted: 0 };
  const ledger = new Ledger();
  const call = callOf(req);
  const policy = { upsert, callerKeys: callerKeys(description), retry: settings.retry, call };
  const report = (batch: EncodedBatch, outcome: BatchOutcome) => {
    recordOutcome(ledger, batch, outcome);
    if (outcome.kind === 'landed' && req.onProgress) notify(req.onProgress, ledger, batch, started, total);
  };
  // An abort closes the source at once, so a source stalled in a read is released too.
  const closeSource = () => void reader.cancel().catch(() => undefined);
  req.signal?.addEventListener('abort', closeSource, { once: true });
  try {
    const concurrency = await writeConcurrency(target, settings, call);
    await runPipeline(streamBatches(reader, template, schema, settings, progress), {
      concurrency,
      ledger,
      ...(req.signal !== undefined ? { signal: req.signal } : {}),
      send: async (batch) => report(batch, await sendBatch(target, batch.bytes, policy)),
    });
  } finally {
    req.signal?.removeEventListener('abort', closeSource);
  }
  if (ledger.stopped) {
    progress.closed = true;
    // Normally closed already; a read still pending when the write stopped is cut short (not awaited).
    void reader.cancel().catch(() => undefined);
    ledger.unsentUpTo(progress.read);
  }
  return ledger.report(progress.read);
}

function notify(onProgress: (p: IngestProgress) => void, ledger: Ledger, batch: EncodedBatch, started: number, total: number | undefined): void {
  const elapsed = performance.now() - started;
  const { rows, bytes, batches } = ledger.totals;
  const rate = elapsed > 0 ? (rows * 1000) / elapsed : 0;
  try {
    onProgress({
      rows, bytes, batches,
      rows_per_second: rate,
      ...(total !== undefined && rate > 0 ? { eta_seconds: Math.max(0, total - rows) / rate } : {}),
      elapsed_ms: elapsed,
      batch: { from: batch.from, to: batch.to },
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    ledger.stop(new MilvusError(MilvusErrorCode.CallbackFailed, `onProgress threw: ${reason}`, { cause }));
  }
}

function checkRequest(req: IngestReq): void {
  if (typeof req !== 'object' || req === null) throw new InvalidInputError(`ingest: expected a request object, got ${describeValue(req)}`);
  if (req.source === undefined) throw new InvalidInputError('ingest: give the rows to write as `source`', { field: 'source' });
  checkSource(req.source);
  const checks: [string, unknown, (v: unknown) => boolean, string][] = [
    ['partition_name', req.partition_name, (v) => typeof v === 'string', 'a string'],
    ['upsert', req.upsert, (v) => typeof v === 'boolean', 'a boolean'],
    ['partial_update', req.partial_update, (v) => typeof v === 'boolean', 'a boolean'],
    ['onProgress', req.onProgress, (v) => typeof v === 'function', 'a function'],
    ['total_rows', req.total_rows, (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, 'a non-negative integer'],
    ['signal', req.signal, (v) => typeof v === 'object' && v !== null && typeof (v as AbortSignal).addEventListener === 'function' && 'aborted' in v, 'an AbortSignal'],
  ];
  for (const [name, value, ok, expected] of checks) {
    if (value !== undefined && !ok(value)) throw new InvalidInputError(`ingest: ${name} must be ${expected}, got ${describeValue(value)}`, { field: name });
  }
  if (req.partial_update === true && req.upsert !== true) throw new InvalidInputError('ingest: partial_update applies to upserts only: set upsert: true', { field: 'partial_update' });
}
