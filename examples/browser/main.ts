/**
 * The browser example: inserts generated vectors into Milvus through a gRPC-Web proxy in batches, with a
 * progress bar and the rate in rows/s, then searches for one of the inserted vectors. Settings come from
 * the form, or from the query string (`?uri=...&rows=...&dim=...&batch=...`).
 */
import { activeEngine, MilvusClient, MilvusError } from 'milvus-wasm';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('form');
const progress = $<HTMLProgressElement>('progress');
const status = $<HTMLParagraphElement>('status');

for (const [key, value] of new URLSearchParams(location.search)) {
  const input = document.getElementById(key);
  if (input instanceof HTMLInputElement) input.value = value;
}
$('engine').textContent = activeEngine() === 'wasm' ? 'WebAssembly' : 'TypeScript';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const settings = {
    uri: $<HTMLInputElement>('uri').value.trim(),
    rows: $<HTMLInputElement>('rows').valueAsNumber,
    dim: $<HTMLInputElement>('dim').valueAsNumber,
    batch: $<HTMLInputElement>('batch').valueAsNumber,
  };
  $<HTMLButtonElement>('start').disabled = true;
  status.className = '';
  run(settings)
    .catch((err: unknown) => {
      status.className = 'error';
      status.textContent = err instanceof MilvusError ? `${err.name} (${err.code}): ${err.message}` : String(err);
    })
    .finally(() => ($<HTMLButtonElement>('start').disabled = false));
});

interface Settings { uri: string; rows: number; dim: number; batch: number }

async function run({ uri, rows, dim, batch }: Settings): Promise<void> {
  const client = new MilvusClient({ uri });
  const collection = `browser_example_${Date.now()}`;
  try {
    status.textContent = `Creating collection ${collection}…`;
    await client.createCollection({ collection_name: collection, dimension: dim, metric_type: 'COSINE' });
    const random = mulberry32(7);
    let probe: Float32Array | undefined;
    const started = performance.now();
    for (let done = 0; done < rows; done += batch) {
      const count = Math.min(batch, rows - done);
      const vectors = new Float32Array(count * dim).map(() => random() * 2 - 1);
      probe ??= vectors.slice(0, dim);
      const ids = BigInt64Array.from({ length: count }, (_, i) => BigInt(done + i));
      const { insert_cnt } = await client.insert({ collection_name: collection, columns: { id: ids, vector: vectors } });
      showProgress(done + Number(insert_cnt), rows, performance.now() - started);
    }
    status.textContent = `Inserted ${rows.toLocaleString('en-US')} rows. Searching…`;
    const { results } = await client.search({ collection_name: collection, data: probe!, limit: 5, output_fields: ['id'], consistency_level: 'Strong' });
    showResults(results as { id: string | bigint; score: number }[]);
    status.textContent = `Done: ${rows.toLocaleString('en-US')} rows inserted and searched.`;
  } finally {
    await client.dropCollection({ collection_name: collection }).catch(() => undefined);
    await client.close();
  }
}

function showProgress(inserted: number, total: number, elapsedMs: number): void {
  progress.value = inserted / total;
  $('inserted').textContent = inserted.toLocaleString('en-US');
  $('rate').textContent = Math.round(inserted / (elapsedMs / 1000)).toLocaleString('en-US');
}

function showResults(hits: { id: string | bigint; score: number }[]): void {
  $('query').textContent = 'Top 5 for the vector of row 0 (COSINE):';
  $('results').querySelector('tbody')!.replaceChildren(...hits.map((hit, rank) => {
    const row = document.createElement('tr');
    for (const text of [String(rank + 1), String(hit.id), hit.score.toFixed(4)]) row.insertCell().textContent = text;
    return row;
  }));
}

/** A small seeded PRNG, so every run inserts the same vectors. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
