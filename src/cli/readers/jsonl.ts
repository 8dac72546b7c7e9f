/**
 * JSON Lines: one JSON object per line, blank lines ignored. Read line by line (bounded memory). Lines
 * that may hold integers beyond 2^53 are parsed exactly (see json-exact.ts), and a JSON field keeps
 * its source text, so Int64 values and large integers inside JSON documents arrive unrounded.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Row } from '../../codec/types.js';
import type { FieldSchema, CollectionSchema } from '../../client/describe.js';
import { DataType } from '../../data-type.js';
import { SourceDataError } from '../errors.js';
import { SegmentCursor, type RowRange } from '../ranges.js';
import { ConvertError, convertDynamic, convertRow, convertValue, fieldsByName } from './convert.js';
import { hasBigIntegerLiteral, parseObjectMembers } from './json-exact.js';
import { fileStream, LineMap, splitLines } from './text-lines.js';
import type { Probe, ReaderOptions, SourceItem, SourceReader } from './types.js';

/** Opens a JSON Lines file. */
export async function openJsonl(options: ReaderOptions): Promise<SourceReader> {
  const { size } = await stat(options.path);
  const name = basename(options.path);
  const lines = new LineMap(1);
  let consumed = 0;

  async function* read(segments: readonly RowRange[], schema: CollectionSchema): AsyncGenerator<SourceItem> {
    const fields = fieldsByName(schema);
    const cursor = new SegmentCursor(segments);
    const file = fileStream(options.path);
    let row = 0;
    let line = 0;
    consumed = 0;
    try {
      for await (let text of splitLines(file)) {
        line++;
        if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
        // Bytes up to this line (not the stream's read-ahead), for the progress estimate.
        consumed += Buffer.byteLength(text) + 1;
        if (text.trim() === '') continue;
        const where = cursor.at(row);
        if (where === 'done') break;
        lines.note(row, line);
        if (where === 'take') yield parseRow(text, fields, name, line, row);
        row++;
      }
    } finally {
      file.destroy();
    }
  }

  async function countRows(): Promise<number> {
    const file = fileStream(options.path);
    let rows = 0;
    let line = 0;
    try {
      for await (let text of splitLines(file)) {
        if (++line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
        if (text.trim() !== '') rows++;
      }
    } finally {
      file.destroy();
    }
    return rows;
  }

  return {
    format: 'jsonl',
    sizeBytes: size,
    totalRows: undefined,
    countRows,
    bytesRead: () => consumed,
    probe: () => probeJsonl(options, name),
    read,
    rowsIn: () => 1,
    locate: (row) => `line ${lines.line(row)}`,
  };
}

function parseRow(text: string, fields: ReadonlyMap<string, FieldSchema>, file: string, line: number, row: number): Row {
  try {
    if (!hasBigIntegerLiteral(text)) {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : String(value)}`);
      return convertRow(fields, value as Row);
    }
    const out: Row = {};
    for (const m of parseObjectMembers(text)) {
      const f = fields.get(m.key);
      // The source text keeps large integers inside a JSON document exact.
      const value = f === undefined ? convertDynamic(m.value) : f.dataType === DataType.JSON && m.value !== null ? m.text : convertValue(f, m.value);
      Object.defineProperty(out, m.key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch (e) {
    if (e instanceof ConvertError) throw new SourceDataError(file, `line ${line}`, e.message, { field: e.field, row, cause: e });
    throw new SourceDataError(file, `line ${line}`, `not a JSON object: ${(e as Error).message}`, { row, cause: e });
  }
}

async function probeJsonl(options: ReaderOptions, file: string): Promise<Probe> {
  const stream = fileStream(options.path);
  try {
    let line = 0;
    for await (let text of splitLines(stream)) {
      line++;
      if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
      if (text.trim() === '') continue;
      let row: Row;
      try {
        row = JSON.parse(text) as Row;
      } catch (e) {
        throw new SourceDataError(file, `line ${line}`, `not a JSON object: ${(e as Error).message}`, { row: 0 });
      }
      const vector = row?.[options.vectorField];
      return {
        fields: Object.keys(row ?? {}),
        ...(Array.isArray(vector) ? { dim: vector.length } : {}),
        stringIds: typeof row?.[options.idField] === 'string',
      };
    }
    return { fields: [] };
  } finally {
    stream.destroy();
  }
}
