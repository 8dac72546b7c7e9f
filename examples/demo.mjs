/**
 * Demo: ingest 100,000 rows of 768-d float vectors into an embedded Milvus Lite (`./demo.db`), then
 * search. Run with `npm run demo` (builds first). The first run also creates the Python venv that
 * runs Milvus Lite, which takes a minute or two.
 *
 * It prints the ingest rate and splits the insert time into client-side encoding and waiting on the
 * server. The client encodes inside `insert()`, so the encoding share is measured by encoding each
 * batch once more on its own with the same encoder (`encodeInsertRequest`) and timing that.
 *
 * Environment: DEMO_ROWS (default 100000), DEMO_BATCH (default 5000), DEMO_DB (default ./demo.db).
 */
import { performance } from 'node:perf_hooks';
import { MilvusClient, encodeInsertRequest } from '../dist/index.js';

const TOTAL_ROWS = Number(process.env.DEMO_ROWS ?? 100_000);
const BATCH_ROWS = Number(process.env.DEMO_BATCH ?? 5_000);
const DIM = 768;
const COLLECTION = 'demo_vectors';

/** A single-line progress bar on stderr: rows, percent, rows/s and ETA, redrawn in place on a terminal. */
function progressBar(total) {
  const start = performance.now();
  const tty = process.stderr.isTTY === true;
  let lastLine = '';
  let lastQuarter = -1;
  return {
    update(done) {
      const seconds = (performance.now() - start) / 1000;
      const rate = done / Math.max(seconds, 1e-9);
      const eta = done > 0 ? (total - done) / rate : NaN;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const line =
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
        `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows ` +
        `${((100 * done) / total).toFixed(0).padStart(3)}%  ${Math.round(rate).toLocaleString('en-US')} rows/s  ` +
        `ETA ${Number.isFinite(eta) ? `${eta.toFixed(1)} s` : '?'}`;
      if (tty) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
      else if (Math.floor((4 * done) / total) > lastQuarter) {
        // Not a terminal (a log file, CI): one line per quarter instead of redraws.
        lastQuarter = Math.floor((4 * done) / total);
        process.stderr.write(`${line}\n`);
      }
      lastLine = line;
    },
    finish() {
      if (tty) process.stderr.write('\n');
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

const client = new MilvusClient({
  uri: process.env.DEMO_DB ?? './demo.db',
  onProgress: (message) => process.stderr.write(`milvus-lite: ${message}\n`),
});
try {
  if ((await client.hasCollection({ collection_name: COLLECTION })).value) {
    await client.dropCollection({ collection_name: COLLECTION });
  }
  await client.createCollection({ collection_name: COLLECTION, dimension: DIM });
  const { schema } = await client.describeCollection({ collection_name: COLLECTION });

  console.log(`Inserting ${TOTAL_ROWS.toLocaleString('en-US')} rows of ${DIM}-d vectors in batches of ${BATCH_ROWS.toLocaleString('en-US')}`);
  const bar = progressBar(TOTAL_ROWS);
  let insertMs = 0;
  let encodeMs = 0;
  let generateMs = 0;
  let inserted = 0;
  bar.update(0);
  for (let first = 0; first < TOTAL_ROWS; first += BATCH_ROWS) {
    let t = performance.now();
    const rows = randomRows(first, Math.min(BATCH_ROWS, TOTAL_ROWS - first));
    generateMs += performance.now() - t;

    t = performance.now();
    encodeInsertRequest({ collection_name: COLLECTION, schema, data: rows });
    encodeMs += performance.now() - t;

    t = performance.now();
    const result = await client.insert({ collection_name: COLLECTION, data: rows });
    insertMs += performance.now() - t;
    if (result.insert_count !== rows.length) {
      throw new Error(`insert_count: expected ${rows.length}, got ${result.insert_count}`);
    }
    inserted += result.insert_count;
    bar.update(inserted);
  }
  bar.finish();

  const waitMs = Math.max(insertMs - encodeMs, 0);
  console.log(`Inserted ${inserted.toLocaleString('en-US')} rows in ${seconds(insertMs)}: ${Math.round(inserted / (insertMs / 1000)).toLocaleString('en-US')} rows/s`);
  console.log(`  client-side encoding: ${seconds(encodeMs)} (${percent(encodeMs, insertMs)} of insert time)`);
  console.log(`  waiting on the server: ${seconds(waitMs)} (${percent(waitMs, insertMs)}; includes the transfer)`);
  console.log(`  (generating the random rows took another ${seconds(generateMs)}, not counted above)`);

  const query = randomRows(0, 1)[0].vector;
  const t = performance.now();
  const { results } = await client.search({ collection_name: COLLECTION, data: [query], limit: 3, output_fields: ['id'] });
  console.log(`Search for a random vector, top 3 (${(performance.now() - t).toFixed(0)} ms):`);
  for (const hit of results.flat()) console.log(`  id ${hit.id}  score ${hit.score.toFixed(4)}`);
} finally {
  await client.close();
}
