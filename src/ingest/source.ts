/**
 * The sources `ingest` reads: an array, an iterable, an async iterable or a Node `Readable` in object
 * mode, yielding rows or columnar chunks (`{ columns: {...} }`). Read one item at a time, only on demand.
 */
import type { Columns, Row } from '../codec/types.js';
import { describeValue, InvalidInputError } from '../errors.js';
import type { SchemaPlan } from '../schema.js';

/** A chunk of rows in columnar form (field name to column), as `insert` takes `columns`. */
export interface ColumnChunk {
  columns: Columns;
}

/** One item of a source: a row, or a columnar chunk of rows. */
export type IngestItem = Row | ColumnChunk;

/** What `ingest` reads from. A Node `Readable` in object mode is an `AsyncIterable`. */
export type IngestSource = Iterable<IngestItem> | AsyncIterable<IngestItem>;

/** A source opened for reading. `next()` is synchronous for synchronous sources, to spare a promise per row. */
export interface SourceReader {
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>>;
  /** Lets the source release what it holds (a generator's `finally`, a stream's file). */
  close(): Promise<void>;
  /**
   * Closes the source even while a read is pending: a stream is destroyed (its iterator's `return()`
   * would wait for the pending read), anything else is closed as by `close()`.
   */
  cancel(): Promise<void>;
}

/**
 * Checks that `source` is something rows can be read from, without touching it (creating a stream's
 * iterator starts reading it). Throws `InvalidInputError` otherwise.
 */
export function checkSource(source: unknown): 'async' | 'sync' {
  if (typeof source !== 'object' || source === null || ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
    throw notASource(source);
  }
  if ((source as { readableObjectMode?: unknown }).readableObjectMode === false) {
    throw new InvalidInputError('source: a Readable must be in object mode, yielding rows or { columns } chunks; got a byte stream (parse it into rows first)', { field: 'source' });
  }
  if (typeof (source as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') return 'async';
  if (typeof (source as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') return 'sync';
  throw notASource(source);
}

/** Opens `source` for reading (see {@link checkSource} for what it accepts). */
export function openSource(source: unknown): SourceReader {
  const iterator = checkSource(source) === 'async' ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]() : (source as Iterable<unknown>)[Symbol.iterator]();
  const close = async () => {
    await iterator.return?.();
  };
  return {
    next: () => iterator.next() as IteratorResult<unknown> | Promise<IteratorResult<unknown>>,
    close,
    cancel: async () => {
      const destroy = (source as { destroy?: unknown }).destroy;
      if (typeof destroy === 'function') destroy.call(source);
      else await close();
    },
  };
}

function notASource(source: unknown): InvalidInputError {
  return new InvalidInputError(
    `source must be an array, an iterable, an async iterable or an object-mode Readable of rows or { columns } chunks, got ${describeValue(source)}`,
    { field: 'source' },
  );
}

/**
 * Whether a source item is a columnar chunk: an object whose only key is `columns`, holding an object,
 * in a collection that has no field named `columns` (where it would be a row).
 */
export function isColumnChunk(item: unknown, schema: SchemaPlan): item is ColumnChunk {
  if (typeof item !== 'object' || item === null) return false;
  if (!Object.prototype.propertyIsEnumerable.call(item, 'columns')) return false;
  const columns = (item as { columns?: unknown }).columns;
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns) || ArrayBuffer.isView(columns)) return false;
  if (schema.byName.has('columns')) return false;
  for (const key of Object.keys(item)) if (key !== 'columns') return false;
  return true;
}

/** The number of rows an array source holds, when it is all rows (a progress total); else undefined. */
export function knownTotal(source: unknown, schema: SchemaPlan): number | undefined {
  if (!Array.isArray(source)) return undefined;
  for (const item of source) if (isColumnChunk(item, schema)) return undefined;
  return source.length;
}
