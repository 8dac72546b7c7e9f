/**
 * What a write needs from the world, declared here so that `ingest/` depends on nothing above it: the
 * collection's schema and a way to send encoded requests. The client implements it over its connection.
 */
import type { Engine } from '../codec/types.js';
import type { WireMutationResult } from '../proto/messages.js';
import type { CollectionSchemaInput } from '../schema.js';

/** Deadline, database and cancellation of one request. */
export interface SendCall {
  /** Milliseconds; none when omitted. */
  timeout?: number;
  db_name?: string;
  signal?: AbortSignal;
}

/** The per-request settings of `req`. */
export function callOf(req: SendCall): SendCall {
  const call: SendCall = {};
  if (req.timeout !== undefined) call.timeout = req.timeout;
  if (req.db_name !== undefined) call.db_name = req.db_name;
  if (req.signal !== undefined) call.signal = req.signal;
  return call;
}

/** The collection as a write needs it. */
export interface WriteDescription {
  schema: CollectionSchemaInput;
  /** The collection's update timestamp, sent so that the server can tell a request built from a stale schema. */
  update_timestamp?: number | bigint | string;
  /** False when the description came from a cache (and so may be stale). */
  fresh: boolean;
}

/** The server side of a write. */
export interface WriteTarget {
  /** Which encoder to use. */
  readonly engine: Engine;
  /** The collection's description: the cached one, or a fresh one when `refresh` is set. Rejects with a `MilvusError`. */
  describe(refresh: boolean): Promise<WriteDescription>;
  /**
   * Sends one encoded request and resolves to the server's answer once its status says success; rejects with
   * `ServerError` for a refusal and `TransportError` for a failure on the wire (`notSent` when it never left).
   * Sends exactly once: retrying is the write's own decision (its `retry` policy), never the target's.
   */
  send(method: 'Insert' | 'Upsert', bytes: Uint8Array, call: SendCall): Promise<WireMutationResult>;
  /** Whether the server must get one write request at a time (Milvus Lite; see `lite-limit.ts`). Never rejects. */
  oneWriteAtATime(call: SendCall): Promise<boolean>;
}
