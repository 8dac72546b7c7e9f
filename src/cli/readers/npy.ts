/**
 * NumPy `.npy` vectors, shape `(n, dim)`, read in chunks straight into typed arrays and handed to ingest
 * as `{ columns }` chunks (no per-row objects). Primary keys come from `--ids` (an `.npy` of int64,
 * shape `(n,)`) or are numbered from `--id-start`; an auto_id collection takes neither.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FieldSchema, CollectionSchema } from '../../client/describe.js';
import { DataType, isVectorType } from '../../data-type.js';
import { setOwn } from '../../own-property.js';
import { SourceDataError, UsageError } from '../errors.js';
import type { RowRange } from '../ranges.js';
import { NPY_PREAMBLE_BYTES, npyHeaderLength, parseNpyHeader, type NpyDtype, type NpyHeader } from './npy-header.js';
import type { ColumnChunk, Probe, ReaderOptions, SourceItem, SourceReader } from './types.js';

/** Options of an `.npy` input. */
export interface NpyOptions extends ReaderOptions {
  /** An `.npy` of int64 primary keys, one per vector. */
  idsPath?: string;
  /** First primary key when numbering rows. */
  idStart?: bigint;
  /** Whether `--id-field` was given (otherwise the collection's primary key is used). */
  idFieldGiven: boolean;
  /** Target payload bytes per chunk (about one ingest batch, at most a few MiB). */
  chunkBytes: number;
  /** Most rows per chunk (`--batch-rows`): a chunk is taken whole, so it bounds the rows in doubt after a crash. */
  chunkRows?: number;
}

interface NpyFile {
  path: string;
  header: NpyHeader;
}

/** Opens an `.npy` of vectors (and the ids file, when given), checking their headers agree. */
export async function openNpy(options: NpyOptions): Promise<SourceReader> {
  const vectors = await readHeader(options.path);
  if (vectors.header.shape.length !== 2 || vectors.header.dtype === '<i8') {
    throw new SourceDataError(basename(options.path), 'header', `expected a 2-d array of vectors (n, dim) of float32, float64, uint8 or int8, got shape (${vectors.header.shape.join(', ')}) of ${vectors.header.dtype}`);
  }
  const [n, cols] = vectors.header.shape as [number, number];
  let ids: NpyFile | undefined;
  if (options.idsPath !== undefined) {
    ids = await readHeader(options.idsPath);
    const { shape, dtype } = ids.header;
    if (dtype !== '<i8' || shape.length !== 1 || shape[0] !== n) {
      throw new SourceDataError(basename(options.idsPath), 'header', `expected ${n} int64 ids ('<i8', shape (${n},)) to match ${basename(options.path)}, got shape (${shape.join(', ')}) of ${dtype}`);
    }
  }
  const { size } = await stat(options.path);
  const rowCounts = new WeakMap<object, number>();
  let bytesRead = 0;

  async function* read(segments: readonly RowRange[], schema: CollectionSchema): AsyncGenerator<SourceItem> {
    const target = resolveTarget(schema, options, vectors.header, ids !== undefined);
    const vectorHandle = await open(options.path, 'r');
    const idHandle = ids !== undefined ? await open(ids.path, 'r') : undefined;
    const rowBytes = cols * vectors.header.itemSize;
    const chunkRows = Math.max(1, Math.min(options.chunkRows ?? 65_536, Math.floor(options.chunkBytes / Math.max(1, rowBytes))));
    bytesRead = 0;
    try {
      for (const seg of segments) {
        for (let from = seg.from; from < Math.min(seg.to, n); from += chunkRows) {
          const to = Math.min(from + chunkRows, seg.to, n);
          const columns: Record<string, unknown> = {};
          if (target.id !== undefined) setOwn(columns, target.id.name, await idColumn(target.id, from, to, idHandle, ids, options));
          setOwn(columns, target.vector.name, vectorColumn(target.vector, await readRows(vectorHandle, vectors, cols, from, to, options.path), vectors.header.dtype));
          const chunk: ColumnChunk = { columns };
          rowCounts.set(chunk, to - from);
          bytesRead = vectors.header.dataOffset + to * rowBytes;
          yield chunk;
        }
      }
    } finally {
      await vectorHandle.close();
      await idHandle?.close();
    }
  }

  return {
    format: 'npy',
    sizeBytes: size,
    totalRows: n,
    countRows: async () => n,
    bytesRead: () => bytesRead,
    probe: async (): Promise<Probe> => ({
      dim: cols,
      fields: ids !== undefined || options.idStart !== undefined ? [options.idField, options.vectorField] : [options.vectorField],
      stringIds: false,
    }),
    prepare: async (schema) => void resolveTarget(schema, options, vectors.header, ids !== undefined),
    read,
    rowsIn: (item) => rowCounts.get(item) ?? 0,
    locate: (row) => `row ${row}`,
  };
}

async function readHeader(path: string): Promise<NpyFile> {
  const handle = await open(path, 'r');
  try {
    const preamble = new Uint8Array(NPY_PREAMBLE_BYTES);
    await handle.read(preamble, 0, NPY_PREAMBLE_BYTES, 0);
    const bytes = new Uint8Array(npyHeaderLength(preamble));
    await handle.read(bytes, 0, bytes.length, 0);
    const header = parseNpyHeader(bytes);
    const expected = header.dataOffset + header.shape.reduce((a, b) => a * b, 1) * header.itemSize;
    const { size } = await handle.stat();
    if (size < expected) throw new Error(`the file holds ${size} bytes, but its header promises ${expected} (truncated?)`);
    return { path, header };
  } catch (e) {
    throw new SourceDataError(basename(path), 'header', (e as Error).message, { cause: e });
  } finally {
    await handle.close();
  }
}

/** Rows `[from, to)` as a fresh buffer (ownership passes to ingest, which may hold it while in flight). */
async function readRows(handle: FileHandle, file: NpyFile, cols: number, from: number, to: number, path: string): Promise<ArrayBuffer> {
  const rowBytes = cols * file.header.itemSize;
  const buffer = new ArrayBuffer((to - from) * rowBytes);
  const { bytesRead } = await handle.read(new Uint8Array(buffer), 0, buffer.byteLength, file.header.dataOffset + from * rowBytes);
  if (bytesRead !== buffer.byteLength) throw new SourceDataError(basename(path), `row ${from}`, `the file ended early (read ${bytesRead} of ${buffer.byteLength} bytes)`, { row: from });
  return buffer;
}

function vectorColumn(field: FieldSchema, buffer: ArrayBuffer, dtype: NpyDtype): ArrayBufferView {
  if (field.dataType === DataType.FloatVector) return toFloat32(buffer, dtype);
  return field.dataType === DataType.Int8Vector ? new Int8Array(buffer) : new Uint8Array(buffer);
}

function toFloat32(buffer: ArrayBuffer, dtype: NpyDtype): Float32Array {
  switch (dtype) {
    case '<f4': return new Float32Array(buffer);
    case '<f8': return Float32Array.from(new Float64Array(buffer));
    case '|u1': return Float32Array.from(new Uint8Array(buffer));
    default: return Float32Array.from(new Int8Array(buffer));
  }
}

async function idColumn(field: FieldSchema, from: number, to: number, handle: FileHandle | undefined, ids: NpyFile | undefined, options: NpyOptions): Promise<BigInt64Array | string[]> {
  let values: BigInt64Array;
  if (handle !== undefined && ids !== undefined) values = new BigInt64Array(await readRows(handle, ids, 1, from, to, ids.path));
  else {
    values = new BigInt64Array(to - from);
    for (let i = 0; i < values.length; i++) values[i] = options.idStart! + BigInt(from + i);
  }
  return field.dataType === DataType.VarChar ? Array.from(values, String) : values;
}

interface Target {
  vector: FieldSchema;
  id: FieldSchema | undefined;
}

/**
 * Which collection fields the vectors and ids go to, checked against the `.npy` header and the options.
 * Throws `UsageError`.
 */
function resolveTarget(schema: CollectionSchema, options: NpyOptions, header: NpyHeader, haveIdsFile: boolean): Target {
  const vectors = schema.fields.filter((f) => isVectorType(f.dataType));
  const vector = vectors.find((f) => f.name === options.vectorField) ?? (vectors.length === 1 ? vectors[0] : undefined);
  if (vector === undefined) {
    throw new UsageError(`collection "${schema.name}" has no vector field "${options.vectorField}" (vector fields: ${vectors.map((f) => f.name).join(', ') || 'none'}): pass --vector-field`);
  }
  checkVectorField(vector, header, basename(options.path));
  const pk = schema.fields.find((f) => f.is_primary_key)!;
  if (options.idFieldGiven && pk.name !== options.idField) throw new UsageError(`--id-field ${options.idField}: the primary key of collection "${schema.name}" is "${pk.name}"`);
  const giveIds = haveIdsFile || options.idStart !== undefined;
  if (pk.autoID && giveIds) throw new UsageError(`collection "${schema.name}" generates its primary keys (auto_id): drop ${haveIdsFile ? '--ids' : '--id-start'}`);
  if (!pk.autoID && !giveIds) throw new UsageError(`collection "${schema.name}" needs primary keys for "${pk.name}": pass --id-start N (numbering the rows) or --ids ids.npy`);
  if (giveIds && pk.dataType !== DataType.Int64 && !(pk.dataType === DataType.VarChar && !haveIdsFile)) {
    throw new UsageError(`primary key "${pk.name}" is ${pk.data_type}: --ids needs an Int64 primary key`);
  }
  return { vector, id: giveIds ? pk : undefined };
}

function checkVectorField(field: FieldSchema, header: NpyHeader, file: string): void {
  const cols = header.shape[1]!;
  const dim = Number(field.dim ?? 0);
  const fail = (expected: string) => new UsageError(`${file} holds ${header.dtype} vectors of ${cols} values, but field "${field.name}" is a ${field.data_type} of dim ${dim}: expected ${expected}`);
  switch (field.dataType) {
    case DataType.FloatVector:
      if (cols !== dim) throw fail(`${dim} values per vector`);
      return;
    case DataType.Int8Vector:
      if (header.dtype !== '|i1' || cols !== dim) throw fail(`int8 ('|i1') vectors of ${dim} values`);
      return;
    case DataType.BinaryVector:
      if (header.dtype !== '|u1' || cols * 8 !== dim) throw fail(`uint8 ('|u1') vectors of ${dim / 8} bytes`);
      return;
    default:
      throw fail('a FloatVector, Int8Vector or BinaryVector field (other vector types are not read from .npy)');
  }
}
