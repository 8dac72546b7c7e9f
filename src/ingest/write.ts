/**
 * `insert` / `upsert` of rows held in memory, split into requests by encoded size: every batch is
 * encoded (and so validated) before the first is sent, then they go out `concurrency` at a time and their
 * results are merged in input order.
 */
import type { CallOptions, Connection } from '../client/connection.js';
import type { DescribeCollectionResponse } from '../client/describe.js';
import type { CountedMutation } from '../client/mutation-result.js';
import type { CachedDescription } from '../client/schema-cache.js';
import { SCHEMA_MISMATCH } from '../client/status.js';
import { countRows } from '../codec/insert.js';
import type { Columns, Row } from '../codec/types.js';
import { InvalidInputError } from '../errors.js';
import { planSchema } from '../schema.js';
import { BatchSizer, encodeFitting, encodeOne, PROBE_ROWS, rangeEncoder, type EncodedBatch, type RangeEncoder, type RequestTemplate } from './batch-encoder.js';
import { Ledger } from './ledger.js';
import { writeConcurrency } from './lite-limit.js';
import { incompleteError, recordOutcome } from './outcome.js';
import { runPipeline } from './pipeline.js';
import { sendBatch } from './send-batch.js';
import type { IngestSettings } from './settings.js';
import { createSlicer, type RowsOrColumns } from './slicer.js';

/** Gets the collection's description: the cached one, or a fresh one when `refresh` is set. */
export type Describe = (refresh: boolean) => Promise<CachedDescription>;

/** One in-memory write. */
export interface WriteRequest extends CallOptions {
  collection_name: string;
  partition_name?: string;
  rows: RowsOrColumns;
  upsert: boolean;
  partial_update?: boolean;
  field_ops?: readonly { field_name: string; op: number }[];
}

/**
 * Writes the rows and returns the merged result. Throws `InvalidInputError` (nothing sent) for bad input
 * anywhere, including a row over the server's limit; the failure itself when the write was one request
 * or nothing was written; and `IngestError` with the account when some of several requests landed (or
 * may have) and another failed.
 */
export async function writeInBatches(conn: Connection, describe: Describe, settings: IngestSettings, req: WriteRequest): Promise<CountedMutation> {
  for (let attempt = 0; ; attempt++) {
    const { description, fresh } = await describe(attempt > 0);
    let batches: EncodedBatch[];
    try {
      batches = encodeBatches(templateFor(conn, description, req), req.rows, description, settings);
    } catch (err) {
      // The cached schema may be stale (collection recreated): check against a fresh one once.
      if (err instanceof InvalidInputError && !fresh && attempt === 0) continue;
      throw err;
    }
    const rows = batches.length === 0 ? 0 : batches[batches.length - 1].to;
    const ledger = await sendAll(conn, batches, settings, req, callerKeys(description));
    if (!ledger.stopped) return ledger.merged();
    ledger.unsentUpTo(rows);
    const cause = ledger.stopCause!;
    if (attempt === 0 && ledger.nothingWritten && cause.code === SCHEMA_MISMATCH) continue;
    // One request, or none landed nor may have: the failure itself says all there is.
    if (batches.length === 1 || ledger.nothingWritten) throw cause;
    throw incompleteError(req.upsert ? 'upsert' : 'insert', req.collection_name, ledger, rows);
  }
}

/** What every request of this write shares. */
export function templateFor(conn: Connection, description: DescribeCollectionResponse, req: Omit<WriteRequest, 'rows' | keyof CallOptions>): RequestTemplate {
  return {
    base: {
      collection_name: req.collection_name,
      schema: description.schema,
      schema_timestamp: description.update_timestamp,
      ...(req.partition_name ? { partition_name: req.partition_name } : {}),
    },
    upsert: req.upsert,
    ...(req.partial_update !== undefined ? { partialUpdate: req.partial_update } : {}),
    ...(req.field_ops ? { fieldOps: req.field_ops } : {}),
    engine: conn.engine,
  };
}

/** True when rows carry their own primary keys, so a resend as upsert cannot duplicate them. */
export function callerKeys(description: DescribeCollectionResponse): boolean {
  const primary = planSchema(description.schema).primary;
  return primary !== undefined && !primary.autoID;
}

/**
 * Every batch of the input, encoded. A small input is one batch and is encoded once; a larger one first
 * encodes a few rows to learn the bytes per row, then cuts slices of about `batch_bytes`.
 */
function encodeBatches(template: RequestTemplate, rows: RowsOrColumns, description: DescribeCollectionResponse, settings: IngestSettings): EncodedBatch[] {
  const slicer = createSlicer(rows, planSchema(description.schema));
  if (slicer === undefined) {
    // Not a well-formed table: encoding it whole makes the encoder say what is wrong.
    const bytes = encodeOne(template, rows, 0);
    return bytes.length === 0 ? [] : [{ from: 0, to: countRows(rows as { data?: Row | Row[]; columns?: Columns }), bytes }];
  }
  return encodeAll(rangeEncoder(template, slicer), slicer.rows, settings);
}

/**
 * Encodes rows `[0, rows)` into batches that each fit `batch_bytes` (a lone larger row up to the server's
 * limit). Up to 64 rows are simply encoded whole; past that a probe of 16 rows sizes the first batch, so an
 * input that fits is encoded once more than those 16 rows, and one that does not is never encoded whole.
 */
function encodeAll(encode: RangeEncoder, rows: number, settings: IngestSettings): EncodedBatch[] {
  const sizer = new BatchSizer(settings);
  if (rows > PROBE_ROWS * 4) sizer.probe(encode);
  const batches: EncodedBatch[] = [];
  for (let from = 0; from < rows;) {
    const batch = encodeFitting(encode, from, rows, sizer, settings);
    if (batch.bytes.length > 0) batches.push(batch);
    from = batch.to;
  }
  return batches;
}

async function sendAll(conn: Connection, batches: EncodedBatch[], settings: IngestSettings, req: WriteRequest, keys: boolean): Promise<Ledger> {
  const ledger = new Ledger(conn.int64, true);
  const call: CallOptions = {
    ...(req.timeout !== undefined ? { timeout: req.timeout } : {}),
    ...(req.db_name !== undefined ? { db_name: req.db_name } : {}),
    ...(req.signal !== undefined ? { signal: req.signal } : {}),
  };
  const policy = { upsert: req.upsert, callerKeys: keys, retry: settings.retry, call };
  await runPipeline(releasing(batches), {
    concurrency: batches.length > 1 ? await writeConcurrency(conn, settings, call) : 1,
    ledger,
    ...(req.signal !== undefined ? { signal: req.signal } : {}),
    send: async (batch) => recordOutcome(ledger, batch, await sendBatch(conn, batch.bytes, policy)),
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
