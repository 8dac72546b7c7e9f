/**
 * The CLI's one use of `client.ingest`: a source stream in, a callback per landed batch (in stream
 * positions), the totals out. Kept in one place so the rest of the CLI does not depend on the shape of
 * ingest's progress events.
 */
import type { MilvusClient } from '../client/milvus-client.js';
import type { SourceItem } from './readers/types.js';

/** What to ingest and how. */
export interface PortRequest {
  collection: string;
  source: AsyncIterable<SourceItem>;
  upsert: boolean;
  batchBytes?: number;
  batchRows?: number;
  concurrency?: number;
  totalRows?: number;
  signal?: AbortSignal;
  /** Each batch the server acknowledged: stream positions `[from, to)`. */
  onLanded(from: number, to: number): void;
}

/** Totals of a completed ingest. */
export interface PortResult {
  rows: number;
  bytes: number;
  batches: number;
  elapsedMs: number;
}

/** Runs `client.ingest`. Throws what it throws (`IngestError` with the account when rows did not all land). */
export async function runIngest(client: MilvusClient, req: PortRequest): Promise<PortResult> {
  const res = await client.ingest({
    collection_name: req.collection,
    source: req.source,
    upsert: req.upsert,
    ...(req.batchBytes !== undefined ? { batch_bytes: req.batchBytes } : {}),
    ...(req.batchRows !== undefined ? { batch_rows: req.batchRows } : {}),
    ...(req.concurrency !== undefined ? { concurrency: req.concurrency } : {}),
    ...(req.totalRows !== undefined ? { total_rows: req.totalRows } : {}),
    ...(req.signal !== undefined ? { signal: req.signal } : {}),
    onProgress: (p) => {
      if (p.batch !== undefined) req.onLanded(p.batch.from, p.batch.to);
    },
  });
  return { rows: res.insert_count, bytes: res.bytes, batches: res.batches, elapsedMs: res.elapsed_ms };
}
