/**
 * The benchmark workloads (issue #5): schema, the rows every client inserts, and the copy floor (the
 * least work any encoder must do on those JavaScript values). `bench/suite/pymilvus_bench.py` builds the
 * same rows from the same generators (`bench/shared/data-gen.ts`); `canonicalRow` is the shape both sides
 * print to prove it.
 */
import { DataType, type CollectionSchemaInput, type Columns, type Row } from '../../src/index.js';
import * as gen from './data-gen.js';
import { copyBytes, copyDense, copyMixed, copyMixedColumns, copySparse, copySparseCsr } from './copy-floors.js';

export type WorkloadId = 'W1' | 'W2' | 'W2c' | 'W3' | 'W4' | 'W5' | 'W5c' | 'W6' | 'W7' | 'W8';

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
  /** The official Go SDK v2 inserts the same values as columns (`bench/go/`). */
  goColumns?: boolean;
  /** Set when pymilvus has no input of this form: no pymilvus case, its numbers are this workload's. */
  pymilvusFrom?: WorkloadId;
  /** Also measured cold: the first encode of a fresh process, and encodes after a forced GC. */
  cold?: boolean;
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
const sparseCanonical = (r: number) => ({ id: r, sparse: Object.entries(gen.sparseRow(r)).map(([k, v]) => [Number(k), v]) });

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'W1', title: 'Int64 id + 768-d FloatVector, number[] rows', collection: 'bench_w1', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, vectorField(768)] }, lite: true, goColumns: true, cold: true,
    input: (n) => ({ rows: rowsOf(n, denseRow(768)) }),
    canonicalRow: denseRow(768),
    copyFloor: ({ rows }) => copyDense(rows!, 768),
  },
  {
    id: 'W2', title: 'Int64 id + 128-d FloatVector + VarChar(39) + Double + JSON', collection: 'bench_w2', rowsPerCall: FULL_ROWS,
    schema: { fields: mixedFields }, lite: true, goColumns: true,
    input: (n) => ({ rows: rowsOf(n, mixedRow) }),
    canonicalRow: mixedRow,
    copyFloor: ({ rows }) => copyMixed(rows!, []),
  },
  {
    id: 'W2c', title: 'W2 as columns: BigInt64Array ids, one flat Float32Array, string[], Float64Array, objects', collection: 'bench_w2c', rowsPerCall: FULL_ROWS,
    schema: { fields: mixedFields }, lite: false, sdkRowsFrom: 'W2', pymilvusFrom: 'W2',
    input: (n) => ({ columns: mixedColumns(n) }),
    canonicalRow: mixedRow,
    copyFloor: ({ columns }) => copyMixedColumns(columns!),
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
    canonicalRow: sparseCanonical,
    copyFloor: ({ rows }) => copySparse(rows!),
  },
  {
    id: 'W5c', title: 'W5 with each sparse row as { indices, values } arrays', collection: 'bench_w5c', rowsPerCall: FULL_ROWS,
    schema: { fields: [pk, { name: 'sparse', data_type: DataType.SparseFloatVector }] }, lite: false, pymilvusFrom: 'W5',
    input: (n) => ({ rows: rowsOf(n, (r) => ({ id: r, sparse: csrRow(r) })) }),
    canonicalRow: sparseCanonical,
    copyFloor: ({ rows }) => copySparseCsr(rows!),
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

/** W2's values as columns, the form a columnar caller holds them in. */
function mixedColumns(n: number): Columns {
  return {
    id: BigInt64Array.from({ length: n }, (_, r) => BigInt(r)),
    vector: gen.denseFlat(n, 128),
    title: Array.from({ length: n }, (_, r) => gen.title(r)),
    price: Float64Array.from({ length: n }, (_, r) => gen.price(r)),
    meta: Array.from({ length: n }, (_, r) => gen.meta(r)),
  };
}

/** W5's row as the CSR form `{ indices, values }` (the same entries, ascending). */
function csrRow(r: number): { indices: number[]; values: number[] } {
  const entries = Object.entries(gen.sparseRow(r));
  return { indices: entries.map(([k]) => Number(k)), values: entries.map(([, v]) => v) };
}
