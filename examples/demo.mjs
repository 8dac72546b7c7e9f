/**
 * Demo: stream 100,000 rows of 768-d float vectors into an embedded Milvus Lite (`./demo.db`) with
 * `client.ingest` (rows are generated as they are read, batched, encoded and sent by the client, with a
 * progress bar), then search. Run with `npm run demo` (builds first). The first run also creates the
 * Python venv that runs Milvus Lite, which takes a minute or two.
 *
 * It prints the ingest rate and, for scale, what client-side encoding alone costs: one batch's worth
 * of the same rows encoded again with the client's encoder (`encodeInsertRequest`), timed on its own.
 * Any failure ends the demo with one line naming what went wrong, and exit code 1.
 *
 * Environment: DEMO_ROWS (default 100000), DEMO_DB (default ./demo.db).
 */
import { performance } from 'node:perf_hooks';
import { MilvusClient, MilvusError, encodeInsertRequest } from '../dist/index.js';

const TOTAL_ROWS = Number(process.env.DEMO_ROWS ?? 100_000);
const DIM = 768;
const COLLECTION = 'demo_vectors';
const SAMPLE_ROWS = 5_000;

/** A single-line progress bar on stderr: rows, percent, rows/s and ETA, redrawn in place on a terminal. */
function progressBar(total) {
  const tty = process.stderr.isTTY === true;
  let lastLine = '';
  let lastQuarter = -1;
  return {
    update({ rows, rows_per_second: rate, eta_seconds: eta }) {
      const width = 30;
      const filled = Math.round((rows / total) * width);
      const line =
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
        `${rows.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows ` +
        `${((100 * rows) / total).toFixed(0).padStart(3)}%  ${Math.round(rate).toLocaleString('en-US')} rows/s  ` +
        `ETA ${eta !== undefined && Number.isFinite(eta) ? `${eta.toFixed(1)} s` : '?'}`;
      if (tty) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
      else if (Math.floor((4 * rows) / total) > lastQuarter) {
        // Not a terminal (a log file, CI): one line per quarter instead of redraws.
        lastQuarter = Math.floor((4 * rows) / total);
        process.stderr.write(`${line}\n`);
      }
      lastLine = line;
    },
    finish() {
      if (tty && lastLine) process.stderr.write('\n');
    },
  };
}

function randomRows(firstId, count) {
  const rows = new Array(count);
  for (let r = 0; r < count; r++) {
    const vector = new Array(DIM);
    for (let d = 0; d < DIM; d++) vector[d] = Math.random() * 2 - 1;
    rows[r] = { id: firstId + r, vector };
  }
  return rows;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const percent = (part, whole) => `${((100 * part) / whole).toFixed(0)}%`;

/** Rows generated one at a time as the client reads them: nothing holds the whole data set. */
function* generatedRows(count) {
  for (let id = 0; id < count; id++) yield randomRows(id, 1)[0];
}

async function main() {
  const client = new MilvusClient({
    uri: process.env.DEMO_DB ?? './demo.db',
    onLiteProgress: (message) => process.stderr.write(`milvus-lite: ${message}\n`),
  });
  try {
    if ((await client.hasCollection({ collection_name: COLLECTION })).value) {
      await client.dropCollection({ collection_name: COLLECTION });
    }
    await client.createCollection({ collection_name: COLLECTION, dimension: DIM });

    console.log(`Ingesting ${TOTAL_ROWS.toLocaleString('en-US')} rows of ${DIM}-d vectors`);
    const bar = progressBar(TOTAL_ROWS);
    const result = await client.ingest({
      collection_name: COLLECTION,
      source: generatedRows(TOTAL_ROWS),
      total_rows: TOTAL_ROWS,
      onProgress: (progress) => bar.update(progress),
    });
    bar.finish();
    if (result.insert_count !== TOTAL_ROWS) throw new Error(`insert_count: expected ${TOTAL_ROWS}, got ${result.insert_count}`);
    const rate = Math.round(result.insert_count / (result.elapsed_ms / 1000));
    console.log(`Inserted ${result.insert_count.toLocaleString('en-US')} rows in ${seconds(result.elapsed_ms)}: ` +
      `${rate.toLocaleString('en-US')} rows/s, ${(result.bytes / 1e6 / (result.elapsed_ms / 1000)).toFixed(0)} MB/s ` +
      `(${result.batches} requests, generating the rows included)`);

    const { schema } = await client.describeCollection({ collection_name: COLLECTION });
    const sample = randomRows(0, Math.min(SAMPLE_ROWS, TOTAL_ROWS));
    encodeInsertRequest({ collection_name: COLLECTION, schema, data: sample }); // warm-up
    const t0 = performance.now();
    encodeInsertRequest({ collection_name: COLLECTION, schema, data: sample });
    const encodeMs = performance.now() - t0;
    const encodeShare = (encodeMs * (TOTAL_ROWS / sample.length)) / result.elapsed_ms;
    console.log(`  client-side encoding alone: ${encodeMs.toFixed(0)} ms per ${sample.length.toLocaleString('en-US')} rows ` +
      `(about ${percent(encodeShare, 1)} of the ingest time; the rest is generating rows, the wire and the server)`);

    const query = randomRows(0, 1)[0].vector;
    const t = performance.now();
    const { results } = await client.search({ collection_name: COLLECTION, data: [query], limit: 3, output_fields: ['id'] });
    console.log(`Search for a random vector, top 3 (${(performance.now() - t).toFixed(0)} ms):`);
    for (const hit of results.flat()) console.log(`  id ${hit.id}  score ${hit.score.toFixed(4)}`);
  } finally {
    await client.close();
  }
}

try {
  await main();
} catch (err) {
  // One line, not a stack: a MilvusError already names what was expected and where.
  const what = err instanceof MilvusError ? `${err.name} (${err.code})` : err instanceof Error ? err.name : 'error';
  process.stderr.write(`\ndemo failed: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
