/**
 * What every input reader offers the CLI: a streaming read of chosen source rows, a cheap look at the
 * data before the collection exists (for `--create`), and progress in rows or bytes.
 */
import type { Columns, Row } from '../../codec/types.js';
import type { CollectionSchema } from '../../client/describe.js';
import type { RowRange } from '../ranges.js';

/** The input formats the CLI reads. */
export type Format = 'jsonl' | 'csv' | 'parquet' | 'npy';

/** A columnar chunk (typed arrays), handed to ingest without per-row objects. */
export interface ColumnChunk {
  columns: Columns;
}

/** One item of a reader's stream: a row object, or a chunk of rows as columns. */
export type SourceItem = Row | ColumnChunk;

/** What a reader can tell before the collection exists, to create it (`--create`). */
export interface Probe {
  /** Length of the first row's vector, when there is one. */
  dim?: number;
  /** Names of the first row's fields (or the file's columns). */
  fields: string[];
  /** Whether the first row's id is a string (so the primary key should be VarChar). */
  stringIds?: boolean;
}

/** Options every reader gets. */
export interface ReaderOptions {
  path: string;
  /** Field holding the vector (`--vector-field`). */
  vectorField: string;
  /** Field holding the primary key (`--id-field`). */
  idField: string;
}

/** An opened input file. Readers hold no file handle between calls. */
export interface SourceReader {
  readonly format: Format;
  /** File size in bytes. */
  readonly sizeBytes: number;
  /** Number of rows, when the format says so up front (Parquet, NumPy). */
  readonly totalRows: number | undefined;
  /** Counts the rows by reading the file through (the text formats; others say `totalRows`). */
  countRows(): Promise<number>;
  /** Bytes consumed so far by the current read (for a progress estimate when `totalRows` is unknown). */
  bytesRead(): number;
  /** A look at the first row, before the collection exists. */
  probe(): Promise<Probe>;
  /** Checks the file against the collection before anything is sent; throws `UsageError` or `SourceDataError`. */
  prepare?(schema: CollectionSchema): Promise<void>;
  /**
   * Streams the rows in `segments` (sorted, disjoint; the last may end at `Infinity`) in source order,
   * converted for `schema`. Throws `SourceDataError` naming the line or row of a value it cannot read.
   */
  read(segments: readonly RowRange[], schema: CollectionSchema): AsyncIterable<SourceItem>;
  /** Number of source rows in one item of `read` (1 for a row; a chunk's length). */
  rowsIn(item: SourceItem): number;
  /** Where source row `row` is, for messages: `line 12` for text formats, `row 11` otherwise. */
  locate(row: number): string;
}
