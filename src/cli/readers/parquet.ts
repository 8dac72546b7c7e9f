/**
 * Parquet, read with hyparquet one row group (or the selected part of one) at a time, so memory holds
 * at most one row group's worth of rows. INT64 columns arrive as exact bigints. Every codec pyarrow,
 * polars or DuckDB writes (snappy, gzip, zstd, brotli, lz4) is decoded via hyparquet-compressors.
 */
import { basename } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Row } from '../../codec/types.js';
import type { CollectionSchema } from '../../client/describe.js';
import { SourceDataError } from '../errors.js';
import { intersect, type RowRange } from '../ranges.js';
import { ConvertError, convertRow, fieldsByName } from './convert.js';
import type { Probe, ReaderOptions, SourceItem, SourceReader } from './types.js';

/** Opens a Parquet file (reads its footer). */
export async function openParquet(options: ReaderOptions): Promise<SourceReader> {
  const name = basename(options.path);
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(options.path);
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new SourceDataError(name, 'footer', `not a readable Parquet file: ${(e as Error).message}`, { cause: e });
  }
  const groups = rowGroups(metadata);
  let bytesDone = 0;

  async function readRange(from: number, to: number): Promise<Row[]> {
    try {
      return await parquetReadObjects({ file, metadata, rowStart: from, rowEnd: to, compressors });
    } catch (e) {
      throw new SourceDataError(name, `rows ${from}-${to - 1}`, `cannot be decoded: ${(e as Error).message}`, { row: from, cause: e });
    }
  }

  async function* read(segments: readonly RowRange[], schema: CollectionSchema): AsyncGenerator<SourceItem> {
    const fields = fieldsByName(schema);
    bytesDone = 0;
    for (const group of groups) {
      for (const part of intersect([group], segments)) {
        const rows = await readRange(part.from, part.to);
        for (let i = 0; i < rows.length; i++) {
          try {
            yield convertRow(fields, rows[i]!);
          } catch (e) {
            if (e instanceof ConvertError) throw new SourceDataError(name, `row ${part.from + i}`, e.message, { field: e.field, row: part.from + i, cause: e });
            throw e;
          }
        }
      }
      bytesDone += group.bytes;
    }
  }

  async function probe(): Promise<Probe> {
    const first = groups.length > 0 && groups[0]!.to > 0 ? (await readRange(0, 1))[0] : undefined;
    const vector: unknown = first?.[options.vectorField];
    return {
      fields: Object.keys(first ?? {}),
      ...(Array.isArray(vector) || ArrayBuffer.isView(vector) ? { dim: (vector as ArrayLike<unknown>).length } : {}),
      stringIds: typeof first?.[options.idField] === 'string',
    };
  }

  return {
    format: 'parquet',
    sizeBytes: file.byteLength,
    totalRows: Number(metadata.num_rows),
    countRows: async () => Number(metadata.num_rows),
    bytesRead: () => bytesDone,
    probe,
    read,
    rowsIn: () => 1,
    locate: (row) => `row ${row}`,
  };
}

function rowGroups(metadata: FileMetaData): (RowRange & { bytes: number })[] {
  let at = 0;
  return metadata.row_groups.map((g) => {
    const rows = Number(g.num_rows);
    const range = { from: at, to: at + rows, bytes: Number(g.total_byte_size) };
    at += rows;
    return range;
  });
}
