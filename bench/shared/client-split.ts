/**
 * The requests milvus-wasm's `insert()` actually sends for an input, and how many at once: the client's
 * own batch sizer (`src/ingest/batch-encoder.ts`) with its default settings (`src/ingest/settings.ts`:
 * 16 MiB per request, 2 in flight), so the grpc-js "split" floor moves exactly the client's requests.
 */
import { planWrite } from '../../src/codec/insert.js';
import type { InsertRequestInput } from '../../src/index.js';
import { BatchSizer, encodeFitting } from '../../src/ingest/batch-encoder.js';
import { resolveIngestSettings } from '../../src/ingest/settings.js';

export interface ClientSplit {
  /** The encoded requests, in order, with the rows each carries. */
  requests: { rows: number; bytes: Uint8Array }[];
  /** Requests in flight at once (the client's default against a server that is not Milvus Lite). */
  concurrency: number;
}

/** Cuts `input` the way `client.insert()` does against a full Milvus (or the sink). */
export function clientSplit(input: InsertRequestInput): ClientSplit {
  const settings = resolveIngestSettings({}, false);
  const plan = planWrite(input, { engine: 'wasm' });
  const sizer = new BatchSizer(settings);
  sizer.calibrate(plan, 0, plan.rows);
  const requests: ClientSplit['requests'] = [];
  for (let from = 0; from < plan.rows;) {
    const batch = encodeFitting(plan, from, plan.rows, sizer, settings, 0);
    requests.push({ rows: batch.to - batch.from, bytes: batch.bytes });
    from = batch.to;
  }
  return { requests, concurrency: requests.length > 1 ? settings.concurrency : 1 };
}
