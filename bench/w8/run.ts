/**
 * W8: 1,000,000 rows of W1 (Int64 id + 768-d FloatVector, number[] rows) through the high-volume path,
 * `client.ingest`, from a generator (the rows never all exist: 3.1 GB of payload), against the sink in
 * its own process. The loopback floor sends the same number of pre-encoded bytes. Rows come from a pool
 * of 1,000 distinct vectors with unique ids, so generating them costs nothing measurable.
 * Run: npm run bench:w8 [-- --rows N]. Writes bench/RESULTS-W8.md for a full run.
 */
import { writeFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { encodeInsertRequest, MilvusClient, type Engine } from '../../src/index.js';
import { denseRow } from '../shared/data-gen.js';
import { describeMachine } from '../shared/machine.js';
import { startSink } from '../shared/servers.js';
import { workload } from '../shared/workloads.js';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
const DIM = 768;
const POOL = 1000;
const w8 = workload('W8');
const pool = Array.from({ length: POOL }, (_, r) => denseRow(r, DIM));

function* rows(n: number): Generator<{ id: number; vector: number[] }> {
  for (let r = 0; r < n; r++) yield { id: r, vector: pool[r % POOL] };
}

interface Outcome { label: string; ms: number; cpuMs: number; bytes: number; batches: number; peakRssMb: number }

async function ingestCase(address: string, engine: Engine): Promise<Outcome> {
  const client = new MilvusClient({ uri: `http://${address}`, engine });
  try {
    global.gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let peakRss = process.memoryUsage().rss;
    const res = await client.ingest({
      collection_name: w8.collection,
      source: rows(ROWS),
      total_rows: ROWS,
      onProgress: () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); },
    });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (res.insert_count !== ROWS) throw new Error(`ingest reported ${res.insert_count} rows, expected ${ROWS}`);
    return { label: `W8 ingest milvus-wasm ${engine}`, ms, cpuMs: (used.user + used.system) / 1000, bytes: res.bytes, batches: res.batches, peakRssMb: peakRss / 1e6 };
  } finally {
    await client.close();
  }
}

/** Sends `batches` pre-encoded requests of `batchRows` rows, two at a time, as raw bytes. */
async function floorCase(address: string, batches: number, batchRows: number): Promise<Outcome> {
  const schema = w8.schema;
  const bytes = encodeInsertRequest({ collection_name: 'bench_floor', schema, data: Array.from(rows(batchRows)) });
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  const send = () => new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest('/milvus.proto.milvus.MilvusService/Insert', (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength), (b: Buffer) => b, bytes, (err) => (err ? reject(err) : resolve()));
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < batches; i += 2) await Promise.all(i + 1 < batches ? [send(), send()] : [send()]);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  client.close();
  return { label: 'W8 floor grpc-loopback (same bytes, pre-encoded)', ms, cpuMs: (used.user + used.system) / 1000, bytes: bytes.length * batches, batches, peakRssMb: process.memoryUsage().rss / 1e6 };
}

const sink = await startSink();
try {
  const outcomes: Outcome[] = [];
  for (const engine of ['wasm', 'js'] as const) {
    const before = (await sink.stats(w8.collection))[`rows.${w8.collection}`] ?? 0;
    const o = await ingestCase(sink.address, engine);
    const after = (await sink.stats(w8.collection))[`rows.${w8.collection}`] ?? 0;
    if (after - before !== ROWS) throw new Error(`the sink received ${after - before} rows, expected ${ROWS}`);
    outcomes.push(o);
    console.error(`[w8] ${o.label}: ${(o.ms / 1000).toFixed(1)} s`);
  }
  const first = outcomes[0];
  outcomes.push(await floorCase(sink.address, first.batches, Math.ceil(ROWS / first.batches)));
  const floorMs = outcomes[outcomes.length - 1].ms;
  const table = [
    '| case | wall s | rows/s | MB/s | client CPU s | batches | peak RSS MB | ÷ floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...outcomes.map((o) => `| ${o.label} | ${(o.ms / 1000).toFixed(2)} | ${Math.round(ROWS / (o.ms / 1000)).toLocaleString('en-US')} | ${Math.round(o.bytes / 1e6 / (o.ms / 1000))} | ${(o.cpuMs / 1000).toFixed(2)} | ${o.batches} | ${Math.round(o.peakRssMb)} | ${(o.ms / floorMs).toFixed(2)}× |`),
  ].join('\n');
  console.log(table);
  if (ROWS === 1_000_000) {
    const m = describeMachine(process.argv.slice(2), undefined);
    const machine = `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}; load average at start ${m.loadAverage}; milvus-wasm ${m.packages['milvus-wasm'] ?? ''}.`;
    writeFileSync(new URL('../RESULTS-W8.md', import.meta.url), `# W8: 1,000,000 rows of W1 through \`client.ingest\`

Generated by \`npm run bench:w8\` on ${new Date().toISOString()}. ${machine}

Rows: Int64 id + 768-d float \`number[]\`, pulled from a generator by \`client.ingest\` (default 16 MiB batches, 2 in
flight, backpressure), sent to the sink in its own process, which counted exactly ${ROWS.toLocaleString('en-US')} rows per
case. The floor sends the same number of pre-encoded requests of the same size, two at a time. Peak RSS
is sampled after every landed batch. The official SDK is not run: it throws a RangeError above ~35k x 768 rows
per call and has no streaming path; at its W1 rate (~2,000 rows/s here) 1M rows would take over 8 minutes.

${table}
`);
  }
} finally {
  await sink.stop();
}
