/**
 * One request at a time to Milvus Lite. Killed while two writes overlapped, Milvus Lite 3.2.2 lost rows it
 * had acknowledged in 3 of 4 runs ("WAL recovery stopped at batch boundary ... Offset invariant failure"),
 * and in none of 5 runs with one write at a time. So a multi-request write to any Milvus Lite, embedded or
 * reached over `http://`, sends its requests one after another, whatever `concurrency` says.
 */
import type { IngestSettings } from './settings.js';
import type { SendCall, WriteTarget } from './target.js';

/** Requests in flight for a write: `settings.concurrency`, or 1 for a server that takes one write at a time (Milvus Lite). */
export async function writeConcurrency(target: WriteTarget, settings: IngestSettings, call: SendCall): Promise<number> {
  if (settings.concurrency <= 1) return settings.concurrency;
  return (await target.oneWriteAtATime(call)) ? 1 : settings.concurrency;
}
