/**
 * The command line of `milvus-wasm`: parsed with `node:util` `parseArgs`, checked, and turned into
 * typed options. Pure: no I/O. Every problem is a `UsageError` (exit code 2) saying what was expected.
 */
import { parseArgs } from 'node:util';
import { extname } from 'node:path';
import { parseUri } from '../client/uri.js';
import { UsageError } from './errors.js';
import type { Format } from './readers/types.js';

/** Options of `milvus-wasm ingest`. */
export interface IngestCommand {
  command: 'ingest';
  file: string;
  format: Format;
  uri: string;
  collection: string;
  token?: string;
  db?: string;
  create: boolean;
  dim?: number;
  vectorField: string;
  vectorFieldGiven: boolean;
  idField: string;
  idFieldGiven: boolean;
  idStart?: bigint;
  ids?: string;
  batchBytes?: number;
  batchRows?: number;
  concurrency?: number;
  upsert: boolean;
  resume: boolean;
  checkpoint: string;
  delimiter: string;
  progress: boolean;
}

/** What the command line asks for. */
export type Command = IngestCommand | { command: 'help' } | { command: 'version' };

const OPTIONS = {
  uri: { type: 'string' },
  collection: { type: 'string', short: 'c' },
  token: { type: 'string' },
  db: { type: 'string' },
  format: { type: 'string' },
  create: { type: 'boolean' },
  dim: { type: 'string' },
  'vector-field': { type: 'string' },
  'id-field': { type: 'string' },
  'id-start': { type: 'string' },
  ids: { type: 'string' },
  'batch-bytes': { type: 'string' },
  'batch-rows': { type: 'string' },
  concurrency: { type: 'string' },
  upsert: { type: 'boolean' },
  resume: { type: 'boolean' },
  checkpoint: { type: 'string' },
  delimiter: { type: 'string' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const EXTENSIONS: Record<string, Format> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv', '.tsv': 'csv', '.parquet': 'parquet', '.pq': 'parquet', '.npy': 'npy' };
const FORMATS: readonly Format[] = ['jsonl', 'csv', 'parquet', 'npy'];

/** Parses `argv` (without `node` and the script). Throws `UsageError`. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  const [command, file, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: expected `milvus-wasm ingest <file> --uri <uri> --collection <name>`');
  if (command === 'help') return { command: 'help' };
  if (command !== 'ingest') throw new UsageError(`unknown command ${JSON.stringify(command)}: expected "ingest"`);
  if (file === undefined) throw new UsageError('ingest: missing the input file: `milvus-wasm ingest <file> --uri <uri> --collection <name>`');
  if (extra.length > 0) throw new UsageError(`ingest takes one file, got also ${extra.map((s) => JSON.stringify(s)).join(', ')}`);
  if (v.uri === undefined || v.uri === '') throw new UsageError('ingest: --uri is required (e.g. http://127.0.0.1:19530, or ./milvus.db for an embedded Milvus Lite)');
  checkUri(v.uri);
  if (v.collection === undefined || v.collection === '') throw new UsageError('ingest: --collection is required');
  const format = formatOf(file, v.format);
  if (format !== 'npy' && (v.ids !== undefined || v['id-start'] !== undefined)) throw new UsageError(`--ids and --id-start apply to .npy input only; ${format} rows carry their own ids`);
  if (v.ids !== undefined && v['id-start'] !== undefined) throw new UsageError('give --ids or --id-start, not both');
  return {
    command: 'ingest',
    file,
    format,
    uri: v.uri,
    collection: v.collection,
    // The environment keeps the secret out of `ps` and shell history; --token wins when both are given.
    ...((v.token ?? process.env.MILVUS_TOKEN) !== undefined ? { token: v.token ?? process.env.MILVUS_TOKEN } : {}),
    ...(v.db !== undefined ? { db: v.db } : {}),
    create: v.create === true,
    ...optionalInt('dim', v.dim, 1, 32_768),
    vectorField: v['vector-field'] ?? 'vector',
    vectorFieldGiven: v['vector-field'] !== undefined,
    idField: v['id-field'] ?? 'id',
    idFieldGiven: v['id-field'] !== undefined,
    ...(v['id-start'] !== undefined ? { idStart: int64Option('--id-start', v['id-start']) } : {}),
    ...(v.ids !== undefined ? { ids: v.ids } : {}),
    ...renamed('batchBytes', optionalInt('batch-bytes', v['batch-bytes'], 1, 512 * 1024 * 1024)),
    ...renamed('batchRows', optionalInt('batch-rows', v['batch-rows'], 1, 10_000_000)),
    ...optionalInt('concurrency', v.concurrency, 1, 64),
    upsert: v.upsert === true,
    resume: v.resume === true,
    checkpoint: v.checkpoint ?? `${file}.milvus-wasm-checkpoint.json`,
    delimiter: delimiterOf(v.delimiter, file),
    progress: v['no-progress'] !== true,
  };
}

/** A `--uri` the client would refuse is a usage error; its message names the uri without credentials. */
function checkUri(uri: string): void {
  try {
    parseUri(uri, '--uri');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function formatOf(file: string, given: string | undefined): Format {
  if (given !== undefined) {
    if (!(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(given)}`);
    return given as Format;
  }
  const format = EXTENSIONS[extname(file).toLowerCase()];
  if (format === undefined) throw new UsageError(`cannot tell the format of ${JSON.stringify(file)} from its extension: pass --format ${FORMATS.join('|')}`);
  return format;
}

function optionalInt<K extends string>(name: K, text: string | undefined, min: number, max: number): { [P in K]?: number } {
  if (text === undefined) return {};
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return { [name]: n } as { [P in K]?: number };
}

function renamed<T extends string>(to: T, from: Record<string, number | undefined>): { [P in T]?: number } {
  const value = Object.values(from)[0];
  return (value === undefined ? {} : { [to]: value }) as { [P in T]?: number };
}

function int64Option(name: string, text: string): bigint {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${name} must be an integer, got ${JSON.stringify(text)}`);
  const n = BigInt(text.trim());
  if (BigInt.asIntN(64, n) !== n) throw new UsageError(`${name} must fit in int64, got ${text}`);
  return n;
}

function delimiterOf(given: string | undefined, file: string): string {
  if (given === undefined) return extname(file).toLowerCase() === '.tsv' ? '\t' : ',';
  const d = given === '\\t' || given === 'tab' ? '\t' : given;
  if (d.length !== 1) throw new UsageError(`--delimiter must be one character (or "tab"), got ${JSON.stringify(given)}`);
  return d;
}

/** The help text. */
export const USAGE = `Usage: milvus-wasm ingest <file> --uri <uri> --collection <name> [options]

Loads a JSON Lines, CSV, Parquet or NumPy .npy file into a Milvus collection, streaming.

Input (format from the extension: .jsonl .ndjson .csv .tsv .parquet .pq .npy, or --format):
  --format <f>          jsonl | csv | parquet | npy
  --delimiter <c>       CSV cell delimiter (default "," and tab for .tsv)
  --vector-field <name> the vector field (default "vector")
  --id-field <name>     the primary key field (default "id")
  --id-start <n>        .npy: number the rows' primary keys from n
  --ids <file.npy>      .npy: primary keys from an int64 .npy of shape (n,)

Target:
  --uri <uri>           a remote Milvus: http(s)://host[:port][/db], tcp://, grpc://, host[:port], unix:path;
                        or a path ending in .db for an embedded Milvus Lite (./file.db)
  --collection <name>   the collection (-c)
  --token <token>       API key or user:password (or set MILVUS_TOKEN, which keeps it out of ps)
  --db <name>           database
  --create              create the collection if it is missing (id + vector quick setup)
  --dim <n>             vector dimension for --create (default: from the data)

Writing:
  --batch-bytes <n>     target request size in bytes (default 16 MiB)
  --batch-rows <n>      most rows per request
  --concurrency <n>     requests in flight (default 2; always 1 for Milvus Lite)
  --upsert              upsert instead of insert
  --resume              continue an interrupted run from its checkpoint
  --checkpoint <path>   checkpoint file (default <file>.milvus-wasm-checkpoint.json)
  --no-progress         no progress output on stderr

Exit codes: 0 every row landed; 1 a failure (the rows that landed, failed or are in doubt are
listed); 2 a usage error.
`;
