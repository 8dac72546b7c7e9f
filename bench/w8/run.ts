/**
 * W8: 1,000,000 rows of W1 (Int64 id + 768-d FloatVector, number[] rows) through the high-volume path,
 * `client.ingest`, from a generator (the rows never all exist: 3.1 GB of payload), against the sink in
 * its own process. The grpc-js floor sends the same requests pre-encoded, two at a time. Every row is a
 * fresh `number[]` with values of its own (new random values per chunk of rows, see `rows`: cheap, but
 * nothing is reused, so the engine sees new arrays as a real caller's would); the source alone is timed
 * too, to show what making them costs. RSS is sampled on a timer and the kernel's peak mark (`VmHWM`) read after each case.
 * Run: npm run bench:w8 [-- --rows N]. Writes bench/RESULTS-W8.md for a full run.
 */
import { writeFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { encodeInsertRequest, MilvusClient, type Engine } from '../../src/index.js';
import { hash32, Stream } from '../shared/data-gen.js';
import { describeMachine } from '../shared/machine.js';
import { procStatusKb, resetPeakRss } from '../shared/measure.js';
import { startSink } from '../shared/servers.js';
import { workload } from '../shared/workloads.js';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
const DIM = 768;
const RSS_EVERY_MS = 20;
const w8 = workload('W8');

/** Rows per chunk of fresh values. */
const CHUNK = 1024;

/** `length` new values in [-1, 1): xorshift32 seeded by the chunk's hash, as a packed `number[]`. */
function freshValues(chunk: number, length: number): number[] {
  const out: number[] = [];
  let x = hash32(Stream.vector, chunk) | 1;
  for (let j = 0; j < length; j++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(x * 4.656612873077393e-10);
  }
  return out;
}

/**
 * Every chunk of CHUNK rows draws CHUNK + DIM − 1 new values; row i of the chunk is a new array copied
 * from the window starting at i. Each row has values of its own and nothing is shared between chunks,
 * at the cost of one copy per row rather than one random number per value.
 */
function* rows(n: number): Generator<{ id: number; vector: number[] }> {
  for (let from = 0; from < n; from += CHUNK) {
    const values = freshValues(from / CHUNK, CHUNK + DIM - 1);
    for (let i = 0, r = from; i < CHUNK && r < n; i++, r++) yield { id: r, vector: values.slice(i, i + DIM) };
  }
}

interface Outcome { label: string; ms: number; cpuMs: number; bytes: number; batches: number; peakRssMb: number; sampledRssMb: number }

/**
 * Times `run` with its CPU, the most RSS a timer saw (every RSS_EVERY_MS, when the event loop lets it run)
 * and the kernel's peak mark over the whole call (which sees between the timer's samples too).
 */
async function timed(run: () => Promise<{ bytes: number; batches: number }>, label: string): Promise<Outcome> {
  global.gc?.();
  const resetOk = resetPeakRss();
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => { sampled = Math.max(sampled, process.memoryUsage().rss); }, RSS_EVERY_MS);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const { bytes, batches } = await run();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const peak = resetOk ? (procStatusKb('VmHWM') * 1024) : sampled;
    return { label, ms, cpuMs: (used.user + used.system) / 1000, bytes, batches, peakRssMb: peak / 1e6, sampledRssMb: sampled / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

function ingestCase(address: string, engine: Engine): Promise<Outcome> {
  const client = new MilvusClient({ uri: `http://${address}`, engine });
  return timed(async () => {
    try {
      const res = await client.ingest({ collection_name: w8.collection, source: rows(ROWS), total_rows: ROWS });
      if (res.insert_count !== ROWS) throw new Error(`ingest reported ${res.insert_count} rows, expected ${ROWS}`);
      return { bytes: res.bytes, batches: res.batches };
    } finally {
      await client.close();
    }
  }, `W8 ingest milvus-wasm ${engine}`);
}

/** The source alone: what making the fresh rows costs inside the ingest times above. */
function sourceCase(): Promise<Outcome> {
  return timed(async () => {
    let values = 0;
    for (const row of rows(ROWS)) values += row.vector.length;
    if (values !== ROWS * DIM) throw new Error(`the source made ${values} values, expected ${ROWS * DIM}`);
    return { bytes: 0, batches: 0 };
  }, 'W8 source only (making the fresh rows, nothing sent)');
}

/** Sends `batches` pre-encoded requests of `batchRows` rows, two at a time, as raw bytes. */
function floorCase(address: string, batches: number, batchRows: number): Promise<Outcome> {
  const bytes = encodeInsertRequest({ collection_name: 'bench_floor', schema: w8.schema, data: Array.from(rows(batchRows)) });
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  const send = () => new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest('/milvus.proto.milvus.MilvusService/Insert', (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength), (b: Buffer) => b, bytes, (err) => (err ? reject(err) : resolve()));
  });
  return timed(async () => {
    for (let i = 0; i < batches; i += 2) await Promise.all(i + 1 < batches ? [send(), send()] : [send()]);
    client.close();
    return { bytes: bytes.length * batches, batches };
  }, 'W8 floor grpc-js (the same requests pre-encoded, 2 in flight)');
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
  const first = outcomes[0]!;
  const floor = await floorCase(sink.address, first.batches, Math.ceil(ROWS / first.batches));
  outcomes.push(floor, await sourceCase());
  const mbs = (o: Outcome) => (o.bytes ? String(Math.round(o.bytes / 1e6 / (o.ms / 1000))) : '');
  const table = [
    '| case | wall s | rows/s | MB/s | client CPU s | batches | peak RSS MB (kernel mark) | most RSS seen by the timer | ÷ floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...outcomes.map((o) => `| ${o.label} | ${(o.ms / 1000).toFixed(2)} | ${Math.round(ROWS / (o.ms / 1000)).toLocaleString('en-US')} | ${mbs(o)} | ${(o.cpuMs / 1000).toFixed(2)} | ${o.batches || ''} | ${Math.round(o.peakRssMb)} | ${Math.round(o.sampledRssMb)} | ${(o.ms / floor.ms).toFixed(2)}× |`),
  ].join('\n');
  console.log(table);
  if (ROWS === 1_000_000) {
    const m = describeMachine(process.argv.slice(2), undefined);
    const machine = `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}; load average at start ${m.loadAverage}; milvus-wasm ${m.packages['milvus-wasm'] ?? ''}.`;
    writeFileSync(new URL('../RESULTS-W8.md', import.meta.url), `# W8: 1,000,000 rows of W1 through \`client.ingest\`

Generated by \`npm run bench:w8\` on ${new Date().toISOString()}. ${machine}

Rows: Int64 id + 768-d float \`number[]\`, each a fresh array with values of its own (every 1,024 rows draw new
xorshift32 values; row i copies the 768 from position i), pulled from a generator by \`client.ingest\` (default 16 MiB batches, 2 in flight, backpressure), sent to
the sink in its own process, which counted exactly ${ROWS.toLocaleString('en-US')} rows per case. The ingest times include
making the rows; "source only" is that cost alone. The floor sends the same number of pre-encoded requests of the
same size, two at a time. Peak RSS is the kernel's mark (\`VmHWM\`, reset before each case); the timer column is the
most RSS a ${RSS_EVERY_MS} ms timer saw (it cannot fire while an encode holds the event loop). The official SDK is not run: it throws a RangeError above ~35k x 768 rows
per call and has no streaming path; at its W1 rate (~2,000 rows/s here) 1M rows would take over 8 minutes.

${table}
`);
  }
} finally {
  await sink.stop();
}
