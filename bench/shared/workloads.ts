/**
 * The benchmark workloads (issue #5): schema, the rows every client inserts, and the copy floor (the
 * least work any encoder must do on those JavaScript values). `bench/suite/pymilvus_bench.py` builds the
 * same rows from the same generators (`bench/shared/data-gen.ts`); `canonicalRow` is the shape both sides
 * print to prove it.
 */
import { DataType, type CollectionSchemaInput, type Columns, type Row } from '../../src/index.js';
import * as gen from './data-gen.js';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'W7' | 'W8';

/** What milvus-wasm is given: rows, or columns for the columnar workload. */
export interface ClientInput {
  rows?: Row[];
  columns?: Columns;
}

export interface Workload {
  id: WorkloadId;
  title: string;
  /** Collection name on the sink (and on Milvus Lite). */
  collection: string;
  schema: CollectionSchemaInput;
  /** Rows per `insert` call in a full run. */
  rowsPerCall: number;
  /** milvus-wasm's input of `n` rows. */
  input(n: number): ClientInput;
  /** The official SDK's rows, when it takes other input than milvus-wasm (it has no columnar path). */
  sdkRowsFrom?: WorkloadId;
  /** Row `r` as plain JSON values, for comparison with the rows pymilvus is given. */
  canonicalRow(r: number): unknown;
  /** Copies the numbers of `input` into typed arrays (strings to UTF-8, JSON stringified): the copy floor. */
  copyFloor(input: ClientInput): unknown;
  /** Also measured against a real Milvus Lite (which rejects binary and float16 vectors). */
  lite: boolean;
  /** Set when the workload cannot run yet; the suite reports it without numbers. */
  todo?: string;
}

const FULL_ROWS = 10_000;
const pk = { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false } as const;
const vectorField = (dim: number, type = DataType.FloatVector) => ({ name: 'vector', data_type: type, dim });
const mixedFields = [
  pk,
  vectorField(128),
  { name: 'title', data_type: DataType.VarChar, max_length: 64 },
  { name: 'price', data_type: DataType.Double },
  { name: 'meta', data_type: DataType.JSON },
];

const rowsOf = (n: number, row: (r: number) => Row): Row[] => Array.from({ length: n }, (_, r) => row(r));
const denseRow = (dim: number) => (r: number): Row => ({ id: r, vector: gen.denseRow(r, dim) });
const mixedRow = (r: number): Row => ({ id: r, vector: gen.denseRow(r, 128), title: gen.title(r), price: gen.price(r), meta: gen.meta(r) });
const dynamicRow = (r: number): Row => ({ ...mixedRow(r), ...gen.extras(r) });

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'W1', title: 'Int64 id + 768-d FloatVector, number[] rows', collection: 'bench_w1', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, vectorField(768)] }, lite: true,
    input: (n) => ({ rows: rowsOf(n, denseRow(768)) }),
    canonicalRow: denseRow(768),
    copyFloor: ({ rows }) => copyDense(rows!, 768),
  },
  {
    id: 'W2', title: 'Int64 id + 128-d FloatVector + VarChar(39) + Double + JSON', collection: 'bench_w2', rowsPerCall: FULL_ROWS,
    schema: { fields: mixedFields }, lite: true,
    input: (n) => ({ rows: rowsOf(n, mixedRow) }),
    canonicalRow: mixedRow,
    copyFloor: ({ rows }) => copyMixed(rows!, []),
  },
  {
    id: 'W3', title: 'Int64 id + 1024-bit BinaryVector, number[] bytes', collection: 'bench_w3', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, { name: 'bits', data_type: DataType.BinaryVector, dim: 1024 }] }, lite: false,
    input: (n) => ({ rows: rowsOf(n, (r) => ({ id: r, bits: gen.binaryRow(r, 128) })) }),
    canonicalRow: (r) => ({ id: r, bits: gen.binaryRow(r, 128) }),
    copyFloor: ({ rows }) => copyBytes(rows!, 'bits', 128),
  },
  {
    id: 'W4', title: 'Int64 id + 768-d Float16Vector from number[] rows', collection: 'bench_w4', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, vectorField(768, DataType.Float16Vector)] }, lite: false,
    input: (n) => ({ rows: rowsOf(n, denseRow(768)) }),
    canonicalRow: denseRow(768),
    copyFloor: ({ rows }) => copyDense(rows!, 768),
  },
  {
    id: 'W5', title: `Int64 id + SparseFloatVector, ${gen.SPARSE_NNZ} non-zeros per row`, collection: 'bench_w5', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, { name: 'sparse', data_type: DataType.SparseFloatVector }] }, lite: false,
    input: (n) => ({ rows: rowsOf(n, (r) => ({ id: r, sparse: gen.sparseRow(r) })) }),
    canonicalRow: (r) => ({ id: r, sparse: Object.entries(gen.sparseRow(r)).map(([k, v]) => [Number(k), v]) }),
    copyFloor: ({ rows }) => copySparse(rows!),
  },
  {
    id: 'W6', title: 'W1 as columns: one flat Float32Array, one BigInt64Array', collection: 'bench_w6', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, vectorField(768)] }, lite: false, sdkRowsFrom: 'W1',
    input: (n) => ({ columns: { id: BigInt64Array.from({ length: n }, (_, r) => BigInt(r)), vector: gen.denseFlat(n, 768) } }),
    canonicalRow: (r) => ({ id: r, vector: gen.denseRow(r, 768).map(Math.fround) }),
    copyFloor: ({ columns }) => {
      const ids = columns!.id as BigInt64Array;
      const vectors = columns!.vector as Float32Array;
      return [BigInt64Array.from(ids), Float32Array.from(vectors)];
    },
  },
  {
    id: 'W7', title: 'W2 with dynamic fields on, two extra keys per row', collection: 'bench_w7', rowsPerCall: FULL_ROWS,
    schema: { fields: mixedFields, enable_dynamic_field: true }, lite: false,
    input: (n) => ({ rows: rowsOf(n, dynamicRow) }),
    canonicalRow: dynamicRow,
    copyFloor: ({ rows }) => copyMixed(rows!, ['color', 'rank']),
  },
  {
    id: 'W8', title: '1,000,000 rows of W1 through the high-volume path (auto-split)', collection: 'bench_w8', rowsPerCall: 1_000_000,
    schema: { fields: [pk, vectorField(768)] }, lite: false,
    input: () => ({}),
    canonicalRow: denseRow(768),
    copyFloor: () => undefined,
    // 1,000,000 rows of W1 are 3.1 GB of payload: too big for the per-call cases above, so W8 has its own
    // script (bench/w8/run.ts, `npm run bench:w8`) that streams them through `client.ingest`.
    todo: 'measured separately by `npm run bench:w8` (bench/w8/run.ts, streaming through `client.ingest`); results in [RESULTS-W8.md](RESULTS-W8.md)',
  },
];

/** The workload by id; throws for an unknown id. */
export function workload(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${JSON.stringify(id)}`);
  return w;
}

function copyDense(rows: Row[], dim: number): unknown {
  const ids = new Float64Array(rows.length);
  const out = new Float32Array(rows.length * dim);
  for (let r = 0, o = 0; r < rows.length; r++, o += dim) {
    ids[r] = rows[r]!.id as number;
    const v = rows[r]!.vector as number[];
    for (let j = 0; j < dim; j++) out[o + j] = v[j]!;
  }
  return [ids, out];
}

function copyBytes(rows: Row[], field: string, width: number): unknown {
  const ids = new Float64Array(rows.length);
  const out = new Uint8Array(rows.length * width);
  for (let r = 0, o = 0; r < rows.length; r++, o += width) {
    ids[r] = rows[r]!.id as number;
    const v = rows[r]![field] as number[];
    for (let j = 0; j < width; j++) out[o + j] = v[j]!;
  }
  return [ids, out];
}

function copySparse(rows: Row[]): unknown {
  const ids = new Float64Array(rows.length);
  const indices = new Uint32Array(rows.length * gen.SPARSE_NNZ);
  const values = new Float32Array(rows.length * gen.SPARSE_NNZ);
  let o = 0;
  for (let r = 0; r < rows.length; r++) {
    ids[r] = rows[r]!.id as number;
    const s = rows[r]!.sparse as Record<string, number>;
    // Object.keys is the fastest way to enumerate integer keys (for-in and Object.entries are slower).
    const keys = Object.keys(s);
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      indices[o] = +k;
      values[o++] = s[k]!;
    }
  }
  return [ids, indices, values];
}

/** W2/W7: the vector copy plus UTF-8 of the titles and of the JSON (meta, and the extra keys as one object). */
function copyMixed(rows: Row[], extraKeys: string[]): unknown {
  const [ids, vectors] = copyDense(rows, 128) as [Float64Array, Float32Array];
  const prices = new Float64Array(rows.length);
  const text = new Uint8Array(rows.length * 256);
  const encoder = new TextEncoder();
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    prices[r] = row.price as number;
    at += encoder.encodeInto(row.title as string, text.subarray(at)).written;
    at += encoder.encodeInto(JSON.stringify(row.meta), text.subarray(at)).written;
    if (extraKeys.length > 0) {
      const extra: Record<string, unknown> = {};
      for (const k of extraKeys) extra[k] = row[k];
      at += encoder.encodeInto(JSON.stringify(extra), text.subarray(at)).written;
    }
  }
  return [ids, vectors, prices, text.subarray(0, at)];
}
