/**
 * CSV (and TSV) with a header row, streamed through csv-parse. Cells are converted by the collection's
 * field types (convert.ts): numbers, bools, exact Int64, and JSON text for JSON, Array and vector cells.
 * Columns outside the schema become dynamic fields holding the cell text.
 */
import type { ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse, type Info } from 'csv-parse';
import type { Row } from '../../codec/types.js';
import type { FieldSchema, CollectionSchema } from '../../client/describe.js';
import { setOwn } from '../../own-property.js';
import { SourceDataError } from '../errors.js';
import { SegmentCursor, type RowRange } from '../ranges.js';
import { ConvertError, convertCell, fieldsByName } from './convert.js';
import { fileStream, LineMap } from './text-lines.js';
import type { Probe, ReaderOptions, SourceItem, SourceReader } from './types.js';

/** Options of a CSV file. */
export interface CsvOptions extends ReaderOptions {
  /** Cell delimiter; default `,` (`\t` for `.tsv`). */
  delimiter: string;
}

type Record = { record: { [column: string]: string }; info: Info };

/** Opens a CSV file whose first line names the columns. */
export async function openCsv(options: CsvOptions): Promise<SourceReader> {
  const { size } = await stat(options.path);
  const name = basename(options.path);
  const lines = new LineMap(2);
  let consumed = 0;

  const parser = (file: ReadStream) => {
    const records = file.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true, delimiter: options.delimiter }));
    // pipe() does not forward a read error; without this the parser would wait forever.
    file.on('error', (e) => records.destroy(e));
    return records;
  };

  async function* read(segments: readonly RowRange[], schema: CollectionSchema): AsyncGenerator<SourceItem> {
    const fields = fieldsByName(schema);
    const cursor = new SegmentCursor(segments);
    const file = fileStream(options.path);
    consumed = 0;
    const records = parser(file);
    let row = 0;
    let checked = false;
    try {
      for await (const { record, info } of iterate(records, name)) {
        const where = cursor.at(row);
        if (where === 'done') break;
        lines.note(row, info.lines);
        consumed = info.bytes;
        if (!checked) {
          checkHeader(Object.keys(record), schema, name);
          checked = true;
        }
        if (where === 'take') yield convertRecord(record, fields, name, info.lines, row);
        row++;
      }
    } finally {
      records.destroy();
      file.destroy();
    }
  }

  async function probe(): Promise<Probe> {
    const file = fileStream(options.path);
    const records = parser(file);
    try {
      for await (const { record } of iterate(records, name)) {
        const vector = record[options.vectorField];
        let dim: number | undefined;
        try {
          const parsed: unknown = vector === undefined ? undefined : JSON.parse(vector);
          if (Array.isArray(parsed)) dim = parsed.length;
        } catch {
          // Not a JSON array: no dimension to infer.
        }
        const id = record[options.idField];
        return { fields: Object.keys(record), ...(dim !== undefined ? { dim } : {}), stringIds: id !== undefined && !/^[+-]?\d+$/.test(id) };
      }
      return { fields: [] };
    } finally {
      records.destroy();
      file.destroy();
    }
  }

  async function countRows(): Promise<number> {
    const file = fileStream(options.path);
    const records = parser(file);
    let rows = 0;
    try {
      for await (const _ of iterate(records, name)) rows++;
    } finally {
      records.destroy();
      file.destroy();
    }
    return rows;
  }

  return {
    format: 'csv',
    sizeBytes: size,
    totalRows: undefined,
    countRows,
    bytesRead: () => consumed,
    probe,
    read,
    rowsIn: () => 1,
    locate: (row) => `line ${lines.line(row)}`,
  };
}

/** csv-parse's records, with its errors (which name the line) rethrown as `SourceDataError`. */
async function* iterate(records: AsyncIterable<unknown>, file: string): AsyncGenerator<Record> {
  try {
    for await (const r of records) yield r as Record;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new SourceDataError(file, line !== undefined ? `line ${line}` : 'header', (e as Error).message, { cause: e });
  }
}

function checkHeader(columns: string[], schema: CollectionSchema, file: string): void {
  if (schema.enable_dynamic_field) return;
  const known = new Set(schema.fields.map((f) => f.name));
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new SourceDataError(file, 'line 1', `column ${unknown.map((c) => JSON.stringify(c)).join(', ')} is not a field of collection "${schema.name}" (fields: ${[...known].join(', ')}), and it has no dynamic fields`);
  }
}

function convertRecord(record: { [column: string]: string }, fields: ReadonlyMap<string, FieldSchema>, file: string, line: number, row: number): Row {
  const out: Row = {};
  for (const key of Object.keys(record)) {
    const f = fields.get(key);
    try {
      setOwn(out, key, f === undefined ? record[key] : convertCell(f, record[key]!));
    } catch (e) {
      if (e instanceof ConvertError) throw new SourceDataError(file, `line ${line}`, e.message, { field: e.field, row, cause: e });
      throw e;
    }
  }
  return out;
}
