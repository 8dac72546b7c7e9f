/**
 * Encode-only benchmark (issue #3): 10,000 rows of Int64 id + 768-d FloatVector, from number[] rows,
 * Float32Array rows and columns; milvus-wasm's WASM and TypeScript engines vs the official Node
 * SDK's encoding path, beside the floors (copying the numbers into a Float32Array, a memcpy of the
 * payload). Run: npm run bench:encode [-- <regex filter>]
 */
import { Bench } from 'tinybench';
import { DataType, encodeInsertRequest, type CollectionSchemaInput } from '../../src/index.js';
import { createSdkEncoder } from '../shared/sdk-encode.js';

const ROWS = 10_000;
const DIM = 768;
const filter = new RegExp(process.argv[2] ?? '.');

const schema: CollectionSchemaInput = {
  fields: [
    { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: false },
    { name: 'vector', data_type: DataType.FloatVector, dim: DIM },
  ],
};
const rows = Array.from({ length: ROWS }, (_, i) => ({ id: i, vector: Array.from({ length: DIM }, () => Math.random() * 2 - 1) }));
const f32Rows = rows.map((r) => ({ id: r.id, vector: Float32Array.from(r.vector) }));
const flat = new Float32Array(ROWS * DIM);
rows.forEach((r, i) => flat.set(r.vector, i * DIM));
const ids = BigInt64Array.from(rows, (r) => BigInt(r.id));
const payload = encodeInsertRequest({ collection_name: 'bench', schema, data: rows });
const sdk = createSdkEncoder('bench', schema);

const fast = new Bench({ name: 'encode', time: 2000, warmup: true, iterations: 10 });
const slow = new Bench({ name: 'encode (official SDK)', time: 0, warmup: false, iterations: 3 });
const add = (bench: Bench, name: string, fn: () => unknown) => {
  if (filter.test(name)) bench.add(name, fn);
};

add(fast, 'floor: number[] rows -> Float32Array', () => {
  const out = new Float32Array(ROWS * DIM);
  for (let r = 0, o = 0; r < ROWS; r++, o += DIM) {
    const v = rows[r].vector;
    for (let j = 0; j < DIM; j++) out[o + j] = v[j];
  }
  return out;
});
add(fast, 'floor: memcpy of the payload', () => new Uint8Array(payload.length).set(payload));
for (const engine of ['wasm', 'js'] as const) {
  add(fast, `milvus-wasm ${engine}: number[] rows`, () => encodeInsertRequest({ collection_name: 'bench', schema, data: rows }, { engine }));
  add(fast, `milvus-wasm ${engine}: Float32Array rows`, () => encodeInsertRequest({ collection_name: 'bench', schema, data: f32Rows }, { engine }));
  add(fast, `milvus-wasm ${engine}: columns`, () => encodeInsertRequest({ collection_name: 'bench', schema, columns: { id: ids, vector: flat } }, { engine }));
}
add(slow, 'official SDK: number[] rows', () => sdk.insert(rows));

await fast.run();
if (slow.tasks.length > 0) await slow.run();

const tasks = [...fast.tasks, ...slow.tasks];
const median = (name: string) => {
  const t = tasks.find((x) => x.name === name);
  const r = t?.result as { latency?: { p50: number } } | undefined;
  return r?.latency?.p50;
};
const sdkMs = median('official SDK: number[] rows');
const mb = payload.length / 1e6;
console.log(`\n${ROWS} rows x ${DIM}-d float vectors, payload ${mb.toFixed(1)} MB, node ${process.version}\n`);
console.table(tasks.map((t) => {
  const r = t.result as { latency?: { p50: number; p99: number }; totalTime?: number } | undefined;
  const p50 = r?.latency?.p50 ?? NaN;
  return {
    case: t.name,
    'median ms': +p50.toFixed(2),
    'p99 ms': +(r?.latency?.p99 ?? NaN).toFixed(2),
    samples: (t.result as { latency?: { samplesCount?: number } })?.latency?.samplesCount ?? t.runs,
    'rows/s': Math.round(ROWS / (p50 / 1000)),
    'MB/s': Math.round(mb / (p50 / 1000)),
    'x SDK': sdkMs ? +(sdkMs / p50).toFixed(1) : '',
  };
}));
