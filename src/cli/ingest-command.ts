/**
 * `milvus-wasm ingest`: opens the input, finds (or creates) the collection, works out from the
 * checkpoint what is left to send, streams it through `client.ingest` while keeping the checkpoint, and
 * reports. Returns the exit code: 0 every row landed, 1 otherwise (the account is printed).
 */
import { existsSync, statSync } from 'node:fs';
import { MilvusClient } from '../index.js';
import { resolveEndpoint } from '../client/options.js';
import { IngestError, type MilvusError } from '../errors.js';
import type { IngestCommand } from './args.js';
import { checkResumable, CheckpointTracker, planResume, readCheckpoint, type CheckpointState } from './checkpoint.js';
import { CHECKPOINT_VERSION } from './checkpoint-layout.js';
import { SourceDataError, UsageError } from './errors.js';
import { fileIdentity, type FileIdentity } from './file-identity.js';
import { runIngest } from './ingest-port.js';
import { openReader } from './open-reader.js';
import { fmt, ProgressReporter } from './progress.js';
import { countRows, formatRanges, StreamToSource, type RowRange } from './ranges.js';
import type { SourceItem, SourceReader } from './readers/types.js';
import { accountLines, summaryLine, type FailedRows, type RunTotals } from './report.js';
import { targetSchema } from './target.js';

/** Where the command writes: the summary to `stdout`, progress and problems to `stderr`. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * Rows reserved ahead in the checkpoint per write until the batch size is known (ingest's first batches
 * are about this size); from then on one batch. Rows taken but not landed when the process dies are in doubt.
 */
const RESERVE_ROWS = 64;
/** Files at least this big get a line saying they are being hashed (about a second per GB). */
const LARGE_FILE_BYTES = 1e9;

/**
 * Runs the command. Throws `UsageError` (exit 2) for a bad command line or target, and other errors
 * (e.g. an unreachable server) that stop it before any row is read; a failure while writing is
 * reported here with the account of rows, and returns 1.
 */
export async function ingestCommand(cmd: IngestCommand, io: Io): Promise<number> {
  requireFile(cmd.file, 'input file');
  if (cmd.ids !== undefined) requireFile(cmd.ids, '--ids file');
  if (!cmd.resume && existsSync(cmd.checkpoint)) {
    throw new UsageError(`${cmd.checkpoint} records an interrupted run: pass --resume to continue it, or delete it to start over`);
  }
  const previous = cmd.resume ? readCheckpoint(cmd.checkpoint) : undefined;
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const reader = await openReader(cmd);
  const client = new MilvusClient({ uri: cmd.uri, ...(cmd.token !== undefined ? { token: cmd.token } : {}), ...(cmd.db !== undefined ? { db_name: cmd.db } : {}), onLiteProgress: log });
  const abort = new AbortController();
  // Ctrl-C stops reading and lets the batches in flight settle, so the account and checkpoint are exact.
  // A second Ctrl-C while that happens is handled the same way; SIGKILL is what ends it at once.
  const onSignal = () => abort.abort(new Error('interrupted (SIGINT)'));
  process.on('SIGINT', onSignal);
  try {
    return await run(cmd, io, reader, client, previous, abort.signal, log);
  } finally {
    process.off('SIGINT', onSignal);
    // An embedded Milvus Lite writes its data out when released, which can take seconds.
    if (resolveEndpoint({ uri: cmd.uri }).kind === 'local' && cmd.progress) log('closing the embedded Milvus Lite (it saves the data on close)');
    await client.close();
  }
}

async function run(cmd: IngestCommand, io: Io, reader: SourceReader, client: MilvusClient, previous: CheckpointState | undefined, signal: AbortSignal, log: (line: string) => void): Promise<number> {
  const schema = await targetSchema(client, cmd, reader, log);
  await reader.prepare?.(schema);
  const pkSupplied = !schema.fields.some((f) => f.is_primary_key && f.autoID);
  if (cmd.progress && reader.sizeBytes >= LARGE_FILE_BYTES) log(`hashing ${cmd.file} (${fmt(Math.round(reader.sizeBytes / 1e6))} MB) for the checkpoint`);
  const identity = await fileIdentity(cmd.file);
  const db = cmd.db ?? '';
  let rows: number | undefined;
  if (previous !== undefined) {
    rows = reader.totalRows ?? (await reader.countRows());
    checkResumable(previous, cmd.checkpoint, identity, rows, cmd.collection, db);
  } else if (cmd.resume) log(`no checkpoint at ${cmd.checkpoint}: starting from the first row`);
  const state = previous ?? freshState(cmd, identity, db, pkSupplied);
  const plan = planResume(state, rows);
  // In-doubt rows are safe to send again only when they carry their own primary keys (upsert replaces).
  const canResend = pkSupplied;
  const tracker = new CheckpointTracker(cmd.checkpoint, state, RESERVE_ROWS);
  const skipped = previous !== undefined ? countRows(plan.landed) : 0;
  if (previous !== undefined) {
    tracker.startRun(plan.inDoubt);
    log(`resuming from ${cmd.checkpoint}: ${fmt(skipped)} rows landed before and are skipped` +
      (plan.inDoubt.length > 0 ? `; ${fmt(countRows(plan.inDoubt))} rows in doubt (${formatRanges(plan.inDoubt)}) ${canResend ? 'are re-sent with upsert' : 'are not re-sent: the collection generates its primary keys, so re-sending could duplicate them'}` : ''));
  }

  const progress = new ProgressReporter(io.stderr, reader, skipped, { tty: io.stderr.isTTY === true });
  if (cmd.progress) progress.start();
  const totals: RunTotals = { rows: 0, bytes: 0, elapsedMs: 0, skipped, resent: 0 };
  const started = Date.now();
  const phase = (segments: RowRange[], upsert: boolean) => sendRows(client, cmd, reader, schema, tracker, progress, segments, upsert, signal, totals);
  try {
    if (canResend && plan.inDoubt.length > 0) totals.resent = await phase(plan.inDoubt, true);
    await phase(plan.todo, cmd.upsert);
  } catch (e) {
    progress.stop();
    return reportFailure(e, tracker, reader, cmd, io);
  }
  progress.stop();
  totals.elapsedMs = Date.now() - started;
  io.stdout.write(`${summaryLine(cmd.collection, totals)}\n`);
  const left = tracker.snapshot().in_doubt;
  if (left.length > 0) {
    log(`milvus-wasm: ${fmt(countRows(left))} rows are in doubt and were not re-sent; check the collection for them`);
    for (const line of accountLines(tracker.snapshot(), [], reader.locate, true)) log(line);
    log(`  checkpoint: ${cmd.checkpoint} (kept; delete it once the in-doubt rows are settled)`);
    return 1;
  }
  tracker.remove();
  return 0;
}

/** Streams the rows of `segments` through ingest, keeping the checkpoint. Returns the rows written. */
async function sendRows(
  client: MilvusClient, cmd: IngestCommand, reader: SourceReader, schema: Awaited<ReturnType<typeof targetSchema>>, tracker: CheckpointTracker,
  progress: ProgressReporter, segments: RowRange[], upsert: boolean, signal: AbortSignal, totals: RunTotals,
): Promise<number> {
  const map = new StreamToSource(segments);
  let landedHere = 0;
  const landedBefore = totals.rows;
  let end = 0;
  // Once ingest has given its account, a read it abandoned may still complete: its rows were never
  // handed on, and must not move the checkpoint past that account.
  let settled = false;
  async function* source(): AsyncGenerator<SourceItem> {
    let position = 0;
    for await (const item of reader.read(segments, schema)) {
      if (settled) return;
      position += reader.rowsIn(item);
      end = map.row(position - 1) + 1;
      // Write-ahead: the checkpoint must cover these rows before ingest can send them.
      tracker.reserve(end);
      progress.setTaken(end);
      yield item;
    }
  }
  try {
    const res = await runIngest(client, {
      collection: cmd.collection,
      source: source(),
      upsert,
      ...(cmd.batchBytes !== undefined ? { batchBytes: cmd.batchBytes } : {}),
      ...(cmd.batchRows !== undefined ? { batchRows: cmd.batchRows } : {}),
      ...(cmd.concurrency !== undefined ? { concurrency: cmd.concurrency } : {}),
      ...(reader.totalRows !== undefined ? { totalRows: Math.max(0, Math.min(reader.totalRows, countRows(segments))) } : {}),
      signal,
      onLanded: (from, to) => {
        tracker.setReserveRows(to - from);
        tracker.landed(map.ranges(from, to));
        landedHere += to - from;
        progress.setLanded(landedBefore + landedHere);
      },
    });
    totals.rows += res.rows;
    totals.bytes += res.bytes;
    tracker.drained(end);
    return res.rows;
  } catch (e) {
    settled = true;
    if (!(e instanceof IngestError)) throw e;
    const account = e.account;
    tracker.landed(account.landed.flatMap((s) => map.ranges(s.from, s.to)));
    const failed: FailedRows[] = account.failed.flatMap((s) => map.ranges(s.from, s.to).map((r) => ({ ...r, error: s.error })));
    const inDoubt = account.in_doubt.flatMap((s) => map.ranges(s.from, s.to));
    let readThrough = account.rows_read > 0 ? map.row(account.rows_read - 1) + 1 : 0;
    // A value the reader could not read is the one failed row; the rows read before it were sent.
    const bad = e.cause instanceof SourceDataError ? e.cause.row : undefined;
    if (bad !== undefined) {
      failed.push({ from: bad, to: bad + 1, error: e.cause as SourceDataError });
      readThrough = Math.max(readThrough, bad + 1);
    }
    tracker.settle(failed, inDoubt, readThrough);
    throw new RunStopped(e, failed);
  }
}

/** An ingest that stopped early, with its failed rows in source numbering. */
class RunStopped extends Error {
  constructor(readonly error: IngestError, readonly failed: FailedRows[]) {
    super(error.message, { cause: error });
  }
}

function reportFailure(e: unknown, tracker: CheckpointTracker, reader: SourceReader, cmd: IngestCommand, io: Io): number {
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const failed = e instanceof RunStopped ? e.failed : [];
  const error = e instanceof RunStopped ? e.error : e;
  log(`milvus-wasm: ingest stopped: ${rootMessage(error)}`);
  const state = tracker.snapshot();
  for (const line of accountLines(state, failed, reader.locate)) log(line);
  if (state.read_through === 0 && state.landed_through === 0 && state.landed.length === 0 && state.in_doubt.length === 0) {
    tracker.remove();
  } else {
    log(`  checkpoint: ${cmd.checkpoint}: run the same command with --resume to continue (after fixing the cause, if any)`);
  }
  return 1;
}

/** The message of the error that started it all (an ingest failure caused by a bad line names the line). */
function rootMessage(e: unknown): string {
  const err = e as MilvusError | Error | undefined;
  if (err instanceof IngestError && err.cause instanceof Error) return `${err.cause.message}`;
  return err instanceof Error ? err.message : String(e);
}

function requireFile(path: string, what: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`${what} ${JSON.stringify(path)} does not exist`);
  }
  if (!isFile) throw new UsageError(`${what} ${JSON.stringify(path)} is not a file`);
}

function freshState(cmd: IngestCommand, file: FileIdentity, db: string, pkSupplied: boolean): CheckpointState {
  return {
    version: CHECKPOINT_VERSION, file, format: cmd.format, collection: cmd.collection, db, pk_supplied: pkSupplied,
    landed_through: 0, landed: [], read_through: 0, in_doubt: [], failed: [], updated_at: new Date().toISOString(),
  };
}
