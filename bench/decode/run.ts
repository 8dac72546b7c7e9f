/**
 * Response decoding benchmark: the client's own codec (src/proto) against protobufjs used as the client
 * used it before (test/proto/reference.ts), on the replies that grow with the data: a QueryResults of
 * 5,000 rows (Int64 id, 768-d FloatVector, VarChar) and an insert's MutationResult of 100,000 Int64 ids,
 * in the SDK decode style. Run: npm run bench:decode [-- <regex filter>]
 */
import { Bench } from 'tinybench';
import { decodeResponse, encodeMessage, type MilvusMethod } from '../../src/proto/index.js';
import { referenceDecode } from '../../test/proto/reference.js';

const ROWS = 5_000;
const DIM = 768;
const IDS = 100_000;
const filter = new RegExp(process.argv[2] ?? '.');

const ids = Array.from({ length: ROWS }, (_, i) => String(1_000_000_000_000 + i));
const replies: { label: string; rpc: MilvusMethod; type: string; bytes: Uint8Array }[] = [
  {
    label: `QueryResults ${ROWS} x ${DIM}-d + id + text`,
    rpc: 'Query',
    type: 'milvus.proto.milvus.QueryResults',
    bytes: encodeMessage('milvus.proto.milvus.QueryResults', {
      status: { code: 0 },
      output_fields: ['id', 'vector', 'text'],
      fields_data: [
        { type: 5, field_name: 'id', scalars: { long_data: { data: ids } } },
        { type: 101, field_name: 'vector', vectors: { dim: DIM, float_vector: { data: Array.from({ length: ROWS * DIM }, (_, i) => (i % 997) / 997 - 0.5) } } },
        { type: 21, field_name: 'text', scalars: { string_data: { data: ids.map((id) => `row ${id}`) } } },
      ],
    }),
  },
  {
    label: `MutationResult ${IDS} ids`,
    rpc: 'Insert',
    type: 'milvus.proto.milvus.MutationResult',
    bytes: encodeMessage('milvus.proto.milvus.MutationResult', {
      status: { code: 0 },
      IDs: { int_id: { data: Array.from({ length: IDS }, (_, i) => String(2 ** 40 + i)) } },
      insert_cnt: IDS,
    }),
  },
];

const bench = new Bench({ name: 'decode', time: 2000, warmup: true, iterations: 10 });
for (const { label, rpc, type, bytes } of replies) {
  const cases: [string, () => unknown][] = [
    [`${label}: milvus-wasm`, () => decodeResponse(rpc, bytes, { style: 'sdk' })],
    [`${label}: protobufjs`, () => referenceDecode(type, bytes, 'sdk', false)],
  ];
  for (const [name, fn] of cases) if (filter.test(name)) bench.add(name, fn);
}
await bench.run();

console.log(`\nnode ${process.version}; reply sizes: ${replies.map((r) => `${r.label} ${(r.bytes.length / 1e6).toFixed(1)} MB`).join(', ')}\n`);
console.table(bench.tasks.map((t) => {
  const r = t.result as { latency?: { p50: number; p99: number; samplesCount?: number } } | undefined;
  return { case: t.name, 'median ms': +(r?.latency?.p50 ?? NaN).toFixed(2), 'p99 ms': +(r?.latency?.p99 ?? NaN).toFixed(2), samples: r?.latency?.samplesCount ?? t.runs };
}));
