/**
 * Before and after on the hot path, in one run: the working tree's build against another commit's, on
 * the same rows, the same sink and the same machine state, alternating which goes first every round.
 *
 *     npm run bench:compare                          # working tree vs HEAD, W1 and W2
 *     npm run bench:compare -- --base 1643387 --workloads W1,W2,W6 --rounds 5
 *
 * The base commit is checked out into a temporary git worktree (sharing this `node_modules`) and built
 * there. Each round measures, for both builds, `encodeInsertRequest` alone (WebAssembly engine) and
 * `client.insert()` end to end against the sink (`bench/sink/sink-server.ts`, in its own process), each with
 * `measure()` (warm-up, forced GC, tinybench). The table shows the median over rounds of each round's
 * median, the spread of those medians, and after/before.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../shared/children.js';
import { measure } from '../shared/measure.js';
import { startSink } from '../shared/servers.js';
import { WORKLOADS, type Workload } from '../shared/workloads.js';

interface Build {
  label: string;
  encodeInsertRequest: (req: object, options?: object) => Uint8Array;
  MilvusClient: new (options: object) => { insert(req: object): Promise<{ insert_count: number | string }>; close(): Promise<void> };
}


function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Checks out and builds `ref` in a temporary worktree; returns its directory and a cleanup. */
function buildBase(ref: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'milvus-wasm-base-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  const sha = git('rev-parse', '--verify', `${ref}^{commit}`);
  git('worktree', 'add', '--detach', dir, sha);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    process.stderr.write(`building ${ref} (${sha.slice(0, 12)}) in ${dir}\n`);
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, remove };
}

async function load(label: string, dir: string): Promise<Build> {
  const mod = (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as Build;
  return { label, encodeInsertRequest: mod.encodeInsertRequest, MilvusClient: mod.MilvusClient };
}

interface Row {
  case: string;
  before: number[];
  after: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function compareWorkload(w: Workload, builds: [Build, Build], sinkAddress: string, rounds: number, rowCount: number, table: Row[]): Promise<void> {
  const { rows } = w.input(rowCount);
  if (!rows) throw new Error(`${w.id}: compare needs a row workload`);
  const request = { collection_name: w.collection, schema: w.schema, data: rows };
  const clients = builds.map((b) => new b.MilvusClient({ uri: `http://${sinkAddress}` }));
  const cases = [
    { name: `${w.id} encode (wasm)`, fn: (i: number) => () => { if (builds[i]!.encodeInsertRequest(request, { engine: 'wasm' }).length === 0) throw new Error('empty'); } },
    { name: `${w.id} insert e2e`, fn: (i: number) => async () => {
      const res = await clients[i]!.insert({ collection_name: w.collection, data: rows });
      if (Number(res.insert_count) !== rows.length) throw new Error(`insert_count ${String(res.insert_count)}`);
    } },
  ];
  try {
    for (const c of cases) {
      const row: Row = { case: c.name, before: [], after: [] };
      for (let r = 0; r < rounds; r++) {
        for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
          const m = await measure(`${c.name} ${builds[i]!.label}`, c.fn(i), { warmup: 2, iterations: 7, timeMs: 0 });
          (i === 0 ? row.before : row.after).push(m.medianMs);
        }
      }
      table.push(row);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

async function main(): Promise<void> {
  const ref = option('base', 'HEAD');
  const rounds = Number(option('rounds', '3'));
  const rowCount = Number(option('rows', '10000'));
  const ids = option('workloads', 'W1,W2').split(',');
  const workloads = ids.map((id) => WORKLOADS.find((w) => w.id === id) ?? (() => { throw new Error(`no workload ${id}`); })());
  const base = buildBase(ref);
  const sink = await startSink();
  try {
    const builds: [Build, Build] = [await load(`before (${ref})`, base.dir), await load('after (working tree)', ROOT)];
    const table: Row[] = [];
    for (const w of workloads) await compareWorkload(w, builds, sink.address, rounds, rowCount, table);
    console.log(`\n${rowCount} rows per call, ${rounds} rounds of 7 timed calls each (plus 2 warm-up), node ${process.version}; before = ${ref}\n`);
    console.table(table.map((r) => ({
      case: r.case,
      'before ms': +median(r.before).toFixed(1),
      'before spread': `${Math.min(...r.before).toFixed(1)}–${Math.max(...r.before).toFixed(1)}`,
      'after ms': +median(r.after).toFixed(1),
      'after spread': `${Math.min(...r.after).toFixed(1)}–${Math.max(...r.after).toFixed(1)}`,
      'after/before': +(median(r.after) / median(r.before)).toFixed(3),
    })));
  } finally {
    await sink.stop();
    base.remove();
  }
}

await main();
