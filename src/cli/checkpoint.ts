/**
 * The resume checkpoint: which source rows of a file have landed in a collection, which may have
 * (in doubt) and which certainly did not. Rewritten atomically (temp file + rename) after every landed
 * batch, and ahead of taking rows from the file (`read_through`), so that after a crash at any point
 * every row is either known landed, known not sent, or honestly in doubt.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { CHECKPOINT_VERSION, layoutProblem } from './checkpoint-layout.js';
import { UsageError } from './errors.js';
import type { FileIdentity } from './file-identity.js';
import { formatRanges, normalize, subtract, type RowRange } from './ranges.js';

/** The checkpoint file's content. Row ranges are 0-based source rows, `to` exclusive. */
export interface CheckpointState {
  version: typeof CHECKPOINT_VERSION;
  /** The input, and a hash of its bytes (a changed file would make row numbers meaningless). */
  file: FileIdentity;
  format: string;
  collection: string;
  db: string;
  /** Whether rows carry their own primary keys (then in-doubt rows can be re-sent with upsert). */
  pk_supplied: boolean;
  /** Every row below this landed. */
  landed_through: number;
  /** Landed rows at or beyond `landed_through`. */
  landed: RowRange[];
  /** No row at or beyond this was taken from the file; rows below it that are not accounted for are in doubt. */
  read_through: number;
  /** Rows the server may or may not hold. */
  in_doubt: RowRange[];
  /** Rows certainly not written (rejected or never sent). */
  failed: RowRange[];
  updated_at: string;
}

/** What a resumed run must do, from a checkpoint. */
export interface ResumePlan {
  /** Rows already landed: not sent again. */
  landed: RowRange[];
  /** Rows that may have landed. */
  inDoubt: RowRange[];
  /** Rows certainly not written: sent (with insert, or upsert when asked). */
  todo: RowRange[];
}

/** Reads a checkpoint, or `undefined` when there is none. Throws `UsageError` for an unreadable or malformed one. */
export function readCheckpoint(path: string): CheckpointState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the checkpoint ${path}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`the checkpoint ${path} is not a milvus-wasm checkpoint (${(e as Error).message}): delete it to start over`);
  }
  const problem = layoutProblem(value);
  if (problem !== undefined) throw new UsageError(`cannot resume from ${path}: ${problem}; delete it to start over`);
  return value as CheckpointState;
}

/**
 * Checks that a checkpoint belongs to this file (the same bytes) and collection, and that every row it
 * accounts for is in the file (`rows` rows). Throws `UsageError` saying what differs.
 */
export function checkResumable(state: CheckpointState, path: string, file: FileIdentity, rows: number, collection: string, db: string): void {
  const differs = (what: string, was: unknown, now: unknown) =>
    new UsageError(`cannot resume from ${path}: it was written for ${what} ${JSON.stringify(was)}, not ${JSON.stringify(now)}; delete it to start over`);
  if (state.collection !== collection) throw differs('collection', state.collection, collection);
  if (state.db !== db) throw differs('database', state.db, db);
  if (state.file.path !== file.path) throw differs('file', state.file.path, file.path);
  if (state.file.size !== file.size || state.file.sha256 !== file.sha256) {
    const how = state.file.size !== file.size ? `${state.file.size} bytes then, ${file.size} now` : 'same size, different bytes (SHA-256)';
    throw new UsageError(`cannot resume from ${path}: ${file.path} changed since the checkpoint was written (${how}), so its row numbers may no longer match; delete the checkpoint to start over`);
  }
  const accounted = normalize([{ from: 0, to: state.landed_through }, ...state.landed, ...state.in_doubt, ...state.failed]);
  const beyond = subtract(accounted, [{ from: 0, to: rows }]);
  if (beyond.length > 0) {
    throw new UsageError(`cannot resume from ${path}: it accounts for rows ${formatRanges(beyond)}, but ${file.path} has ${rows} rows; delete the checkpoint to start over`);
  }
}

/**
 * Works out what a resumed run must send, and what is in doubt. `rows`, the file's row count when known,
 * bounds the rows taken ahead (`read_through` may run past the end of the file).
 */
export function planResume(state: CheckpointState, rows = Infinity): ResumePlan {
  const landed = normalize([{ from: 0, to: state.landed_through }, ...state.landed]);
  const readThrough = Math.min(state.read_through, Math.max(rows, state.landed_through));
  const unaccounted = subtract([{ from: state.landed_through, to: readThrough }], [...landed, ...state.failed]);
  const inDoubt = subtract(normalize([...state.in_doubt, ...unaccounted]), landed);
  return { landed, inDoubt, todo: subtract([{ from: 0, to: Infinity }], [...landed, ...inDoubt]) };
}

/**
 * Keeps the checkpoint of one run and writes it atomically on every change. Writes are synchronous on
 * purpose: a write-ahead record must be on disk before the rows it covers are handed on.
 */
export class CheckpointTracker {
  private readonly tmp: string;

  /** `reserveRows`: how far ahead of the rows taken `read_through` is set; about one batch keeps the in-doubt span small. */
  constructor(readonly path: string, private readonly state: CheckpointState, private reserveRows: number) {
    this.tmp = `${path}.tmp-${process.pid}`;
  }

  /** Sets how many rows `reserve` reserves ahead (e.g. the size of the batches seen so far). */
  setReserveRows(rows: number): void {
    this.reserveRows = Math.max(1, Math.floor(rows));
  }

  /** A copy of the current state. */
  snapshot(): CheckpointState {
    return structuredClone(this.state);
  }

  /** Call before handing on source rows below `end`: extends `read_through` (by a block, to write rarely). */
  reserve(end: number): void {
    if (end <= this.state.read_through) return;
    this.state.read_through = end + this.reserveRows;
    this.save();
  }

  /** Records rows the server acknowledged. */
  landed(ranges: readonly RowRange[]): void {
    if (ranges.length === 0) return;
    const s = this.state;
    s.landed = normalize([...s.landed, ...ranges]);
    s.in_doubt = subtract(s.in_doubt, ranges);
    s.failed = subtract(s.failed, ranges);
    while (s.landed.length > 0 && s.landed[0]!.from <= s.landed_through) {
      s.landed_through = Math.max(s.landed_through, s.landed.shift()!.to);
    }
    this.save();
  }

  /** Records the end of a run that stopped early: its exact account of failed and in-doubt rows. */
  settle(failed: readonly RowRange[], inDoubt: readonly RowRange[], readThrough: number): void {
    const s = this.state;
    s.failed = normalize([...s.failed, ...failed]);
    s.in_doubt = normalize([...s.in_doubt, ...inDoubt]);
    s.read_through = Math.max(s.landed_through, readThrough);
    this.save();
  }

  /** Records that a phase ended with every row it took landed: nothing beyond `end` was taken. */
  drained(end: number): void {
    this.state.read_through = Math.max(this.state.landed_through, end);
    this.save();
  }

  /** Replaces the in-doubt list (at the start of a resumed run, when the plan has been made). */
  startRun(inDoubt: readonly RowRange[]): void {
    const s = this.state;
    s.in_doubt = normalize([...inDoubt]);
    // Rows about to be sent again are accounted for by read_through from here on.
    s.failed = [];
    s.read_through = s.landed_through;
    this.save();
  }

  /**
   * Writes the state: a temp file, flushed to disk, renamed over the checkpoint, so a crash (of the
   * process or the machine) leaves the old or the new one, never a torn one.
   */
  save(): void {
    this.state.updated_at = new Date().toISOString();
    const fd = openSync(this.tmp, 'w');
    try {
      writeFileSync(fd, `${JSON.stringify(this.state, null, 1)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.tmp, this.path);
  }

  /** Deletes the checkpoint (after full success). */
  remove(): void {
    rmSync(this.path, { force: true });
    rmSync(this.tmp, { force: true });
  }
}
