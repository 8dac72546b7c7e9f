/**
 * Cold and steady `encodeInsertRequest` (issue 12, "steady speed from the first call"): for each
 * workload, the first call in fresh processes, calls with a forced full GC before each, and the warmed
 * median, all from `number[]` rows; beside them the same data as columns (typed arrays), warmed, so the
 * rows/columns ratio is in the same run. Times are medians in milliseconds.
 *
 *     node --expose-gc --import tsx bench/encode/cold.ts                      # W1 and W2, WebAssembly engine
 *     node --expose-gc --import tsx bench/encode/cold.ts --workloads W1 --engine js --fresh 7 --samples 15
 *     node --expose-gc --import tsx bench/encode/cold.ts --clock cpu     # process CPU time: steadier on a busy machine
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DataType, encodeInsertRequest, type Columns, type Row } from '../../src/index.js';
import { workload, type Workload } from '../shared/workloads.js';

const ROWS = 10_000;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const engine = option('engine', 'wasm') as 'wasm' | 'js';
const clock = option('clock', 'wall');
/** Milliseconds on the chosen clock: wall time, or this process's CPU time (all threads, user + system). */
const now = clock === 'cpu' ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
}

/** The workload's rows as columns: flat typed arrays for vectors, Int64 and Double, plain arrays otherwise. */
function asColumns(w: Workload, rows: Row[]): Columns {
  const columns: Columns = {};
  for (const f of w.schema.fields) {
    const values = rows.map((r) => r[f.name]);
    if (f.data_type === DataType.FloatVector || f.data_type === DataType.Float16Vector || f.data_type === DataType.BFloat16Vector) {
      const dim = Number(f.dim);
      const flat = new Float32Array(rows.length * dim);
      values.forEach((v, r) => flat.set(v as number[], r * dim));
      columns[f.name] = flat;
    } else if (f.data_type === DataType.Int64) columns[f.name] = BigInt64Array.from(values, (v) => BigInt(v as number));
    else if (f.data_type === DataType.Double) columns[f.name] = Float64Array.from(values as number[]);
    else columns[f.name] = values;
  }
  return columns;
}

function timeCall(fn: () => Uint8Array): number {
  const t0 = now();
  const bytes = fn();
  const ms = now() - t0;
  if (bytes.length === 0) throw new Error('empty request');
  return ms;
}

/** In a fresh process: the first call's time, printed as `FIRST <ms>`. */
function firstCall(id: string): void {
  const w = workload(id);
  const data = w.input(ROWS).rows!;
  console.log(`FIRST ${timeCall(() => encodeInsertRequest({ collection_name: w.collection, schema: w.schema, data }, { engine }))}`);
}

function freshFirstCalls(id: string, count: number): number[] {
  const script = fileURLToPath(import.meta.url);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--first', id, '--engine', engine, '--clock', clock], { encoding: 'utf8' });
    const m = /^FIRST ([\d.]+)$/m.exec(child.stdout);
    if (!m) throw new Error(`fresh process for ${id} failed: ${child.stderr}`);
    out.push(Number(m[1]));
  }
  return out;
}

function measureWorkload(id: string, fresh: number, samples: number) {
  const w = workload(id);
  const rows = w.input(ROWS).rows!;
  const columns = asColumns(w, rows);
  const encodeRows = () => encodeInsertRequest({ collection_name: w.collection, schema: w.schema, data: rows }, { engine });
  const encodeColumns = () => encodeInsertRequest({ collection_name: w.collection, schema: w.schema, columns }, { engine });
  if (encodeRows().length !== encodeColumns().length) throw new Error(`${id}: rows and columns encode to different sizes`);
  const firsts = freshFirstCalls(id, fresh);
  const afterGc: number[] = [];
  const warm: number[] = [];
  const warmColumns: number[] = [];
  for (let i = 0; i < 5; i++) encodeRows(), encodeColumns();
  // Alternate the three kinds of sample so load on the machine falls on all of them alike.
  for (let i = 0; i < samples; i++) {
    gc();
    afterGc.push(timeCall(encodeRows));
    warm.push(timeCall(encodeRows));
    warmColumns.push(timeCall(encodeColumns));
  }
  const steady = median(warm);
  return {
    workload: id,
    'first call ms': +median(firsts).toFixed(1),
    'after gc() ms': +median(afterGc).toFixed(1),
    'warmed ms': +steady.toFixed(1),
    'first/warmed': +(median(firsts) / steady).toFixed(2),
    'gc/warmed': +(median(afterGc) / steady).toFixed(2),
    'columns warmed ms': +median(warmColumns).toFixed(1),
    'rows/columns': +(steady / median(warmColumns)).toFixed(2),
  };
}

const first = option('first', '');
if (first) {
  firstCall(first);
} else {
  const fresh = Number(option('fresh', '5'));
  const samples = Number(option('samples', '11'));
  const table = option('workloads', 'W1,W2').split(',').map((id) => measureWorkload(id, fresh, samples));
  console.log(`\n${ROWS} rows per call, engine ${engine}, ${clock} clock; first call: median of ${fresh} fresh processes; others: median of ${samples}; node ${process.version}\n`);
  console.table(table);
}
