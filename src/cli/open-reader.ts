/** Picks the reader for the input's format. */
import type { IngestCommand } from './args.js';
import { openCsv } from './readers/csv.js';
import { openJsonl } from './readers/jsonl.js';
import { openNpy } from './readers/npy.js';
import { openParquet } from './readers/parquet.js';
import type { SourceReader } from './readers/types.js';

/** Default bytes per `.npy` chunk when no batch size is given: about a megabyte of vectors. */
const NPY_CHUNK_BYTES = 1024 * 1024;

/** Opens `cmd.file` with the reader of `cmd.format`. */
export function openReader(cmd: IngestCommand): Promise<SourceReader> {
  const base = { path: cmd.file, vectorField: cmd.vectorField, idField: cmd.idField };
  switch (cmd.format) {
    case 'jsonl': return openJsonl(base);
    case 'csv': return openCsv({ ...base, delimiter: cmd.delimiter });
    case 'parquet': return openParquet(base);
    case 'npy':
      return openNpy({
        ...base,
        idFieldGiven: cmd.idFieldGiven,
        chunkBytes: Math.min(cmd.batchBytes ?? NPY_CHUNK_BYTES, NPY_CHUNK_BYTES),
        ...(cmd.batchRows !== undefined ? { chunkRows: cmd.batchRows } : {}),
        ...(cmd.ids !== undefined ? { idsPath: cmd.ids } : {}),
        ...(cmd.idStart !== undefined ? { idStart: cmd.idStart } : {}),
      });
  }
}
