/**
 * `npm run bench [-- [FILTER] [--smoke] [--no-lite] [--rows N] [--out FILE] [--cpu-prof DIR] [--render]]`: the insert benchmark of issue #5.
 *
 * Starts the sink (and, for the Milvus Lite cases, a Milvus Lite), runs each case group in a child
 * process (`case-runner.ts` for Node, `pymilvus_bench.py` for pymilvus), checks that the sink received
 * exactly the rows each case sent and that pymilvus was given the same rows, prints a table and writes
 * `bench/RESULTS.md` with its record `bench/RESULTS.json` (full unfiltered runs, or `--out FILE`);
 * `--render` writes the report again from that record (after editing `analysis.md`). Exits 1 if any case
 * failed or a check did not hold.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { groupCases, planCases, type CaseSpec } from './cases.js';
import { runNodeGroup, runPymilvusCase, type ProcessOptions, type PymilvusOutcome } from './case-processes.js';
import { BENCH_DIR, pythonPath } from '../shared/children.js';
import { describeMachine, type Machine } from '../shared/machine.js';
import { Outcomes, type CaseOutcome } from './outcomes.js';
import { printTable, renderMarkdown } from './report.js';
import { startLite, startSink, type RunningServer, type Sink } from '../shared/servers.js';
import { checkTargets } from './targets.js';
import { WORKLOADS, workload } from '../shared/workloads.js';

interface Options {
  filter: string;
  smoke: boolean;
  lite: boolean;
  rows?: number;
  out?: string;
  /** Directory for V8 CPU profiles of the Node case processes. */
  cpuProf?: string;
  /** Re-render the report from its saved record (after editing analysis.md) instead of running. */
  render: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { filter: '.', smoke: false, lite: true, render: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--smoke') options.smoke = true;
    else if (a === '--no-lite') options.lite = false;
    else if (a === '--rows') options.rows = Number(argv[++i]);
    else if (a === '--out') options.out = argv[++i];
    else if (a === '--cpu-prof') options.cpuProf = argv[++i];
    else if (a === '--render') options.render = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}; usage: npm run bench -- [FILTER] [--smoke] [--no-lite] [--rows N] [--out FILE] [--cpu-prof DIR] [--render]`);
    else options.filter = a;
  }
  if (options.rows !== undefined && !(Number.isInteger(options.rows) && options.rows > 0)) throw new Error('--rows needs a positive integer');
  return options;
}

const options = parseOptions(process.argv.slice(2));
const timeoutMs = options.smoke ? 120_000 : 30 * 60_000;
/** Check results by kind: the sink's row counts, and pymilvus' rows against the Node rows. */
const checks = { sink: [] as Check[], rows: [] as Check[] };
let python: string | undefined;

interface Check {
  ok: boolean;
  text: string;
  rows?: number;
}

/** One line per kind when everything held, else the lines that did not. */
function summarizeChecks(): string[] {
  const lines: string[] = [];
  const sinkRows = checks.sink.reduce((s, c) => s + (c.rows ?? 0), 0);
  const bad = [...checks.sink, ...checks.rows].filter((c) => !c.ok);
  if (checks.sink.length > 0 && checks.sink.every((c) => c.ok)) {
    lines.push(`OK: after each of ${checks.sink.length} case processes, the sink had received exactly the rows the cases sent (${sinkRows.toLocaleString('en-US')} rows in all).`);
  }
  if (checks.rows.length > 0 && checks.rows.every((c) => c.ok)) {
    lines.push(`OK: in all ${checks.rows.length} pymilvus cases, rows 0, n/2 and n−1 were identical, value by value, to the Node clients' rows.`);
  }
  return [...lines, ...bad.map((c) => `**FAILED**: ${c.text}`)];
}

async function main(): Promise<number> {
  if (options.render) {
    const out = options.out ?? DEFAULT_OUT;
    return publish(JSON.parse(readFileSync(recordPath(out), 'utf8')) as RunRecord, out);
  }
  const plan = planCases({ smoke: options.smoke, filter: new RegExp(options.filter), rows: options.rows, lite: options.lite });
  if (plan.length === 0) {
    console.error(`no case matches ${JSON.stringify(options.filter)}`);
    return 1;
  }
  try {
    python = pythonPath();
  } catch (err) {
    if (plan.some((c) => c.runtime === 'python')) throw err;
  }
  const machine = describeMachine(process.argv.slice(2), python);
  console.error(`[bench] ${plan.length} cases in ${groupCases(plan).length} processes (${options.smoke ? 'smoke' : 'full'} run, load average ${machine.loadAverage.toFixed(2)})`);

  const servers: RunningServer[] = [];
  const outcomes: PymilvusOutcome[] = [];
  try {
    const sink = plan.some((c) => c.server === 'sink') ? await startSink() : undefined;
    if (sink) servers.push(sink);
    const liteWorkloads = WORKLOADS.filter((w) => plan.some((c) => c.server === 'lite' && c.workload === w.id));
    const lite = liteWorkloads.length > 0 ? await startLite(liteWorkloads) : undefined;
    if (lite) servers.push(lite);
    for (const group of groupCases(plan)) {
      console.error(`[bench] ${group.map((c) => c.name).join(', ')}`);
      outcomes.push(...(await runGroup(group, sink, lite)));
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  checkPymilvusRows(outcomes);
  for (const o of outcomes as PymilvusOutcome[]) delete o.sample;
  const record: RunRecord = { machine, mode: options.smoke ? 'smoke' : 'full', filter: options.filter, outcomes, checks: summarizeChecks() };
  const out = options.out ?? (!options.smoke && options.filter === '.' && options.rows === undefined && !options.cpuProf ? DEFAULT_OUT : undefined);
  return publish(record, out);
}

/** What a run produced, as saved next to its report (so the report can be rendered again: `--render`). */
interface RunRecord {
  machine: Machine;
  mode: 'full' | 'smoke';
  filter: string;
  outcomes: CaseOutcome[];
  checks: string[];
}

const DEFAULT_OUT = join(BENCH_DIR, 'RESULTS.md');
const recordPath = (markdownPath: string) => markdownPath.replace(/\.md$/, '') + '.json';

/** Prints the tables, writes the report (and its record) to `out` if given; returns the exit code. */
function publish(record: RunRecord, out: string | undefined): number {
  const all = new Outcomes(record.outcomes);
  printTable(all);
  const targets = checkTargets(all);
  if (record.mode === 'full') console.table(targets.filter((t) => t.status !== 'not measured'));
  for (const c of record.checks) console.error(c.replace(/\*\*/g, ''));
  const analysisPath = join(BENCH_DIR, 'analysis.md');
  const markdown = renderMarkdown(all, record.mode === 'smoke' ? [] : targets, {
    machine: record.machine, mode: record.mode, filter: record.filter, checks: record.checks,
    ...(existsSync(analysisPath) ? { analysis: readFileSync(analysisPath, 'utf8') } : {}),
  });
  if (out) {
    writeFileSync(out, markdown);
    writeFileSync(recordPath(out), JSON.stringify(record, null, 1) + '\n');
    console.error(`[bench] wrote ${out} and ${recordPath(out)}`);
  } else {
    console.error('[bench] RESULTS.md not rewritten (smoke, filtered or --rows run; use --out FILE to keep this report)');
  }
  for (const f of all.failed) console.error(`[bench] FAILED ${f.spec.name}: ${f.error}`);
  console.error(`[bench] ${record.outcomes.length} cases: ${record.outcomes.length - all.failed.length} ok, ${all.failed.length} failed`);
  return all.failed.length > 0 || record.checks.some((c) => c.startsWith('**FAILED**')) ? 1 : 0;
}

/** Runs one process worth of cases and checks the sink's row count against the calls they made. */
async function runGroup(group: CaseSpec[], sink: Sink | undefined, lite: RunningServer | undefined): Promise<CaseOutcome[]> {
  const first = group[0]!;
  const collection = workload(first.workload).collection;
  const before = sink ? await sink.stats(collection) : undefined;
  const processOptions: ProcessOptions = { timeoutMs, sinkAddress: sink?.address, liteAddress: lite?.address, cpuProf: options.cpuProf, python };
  const results = first.runtime === 'python' ? [await runPymilvusCase(first, processOptions)] : await runNodeGroup(group, processOptions);
  if (!sink || !before) return results;
  const after = await sink.stats(collection);
  const sent = results.filter((o) => o.spec.server === 'sink' && o.m).reduce((s, o) => s + o.m!.calls * o.spec.rows, 0);
  const received = (after.row_count ?? 0) - (before.row_count ?? 0);
  if (group.some((c) => c.server === 'sink')) {
    const who = group.length === 1 ? first.name : `${first.workload} (${group.length} cases)`;
    checks.sink.push({ ok: received === sent, rows: received, text: `${who}: the sink received ${received} rows, the cases sent ${sent}` });
  }
  const rpcs: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (k.startsWith('calls.') && k !== 'calls.GetCollectionStatistics' && d > 0) rpcs[k.slice(6)] = d;
  }
  if (group.length === 1 && results[0]) results[0].rpcs = rpcs;
  return results;
}

/** pymilvus must have been given the very rows the Node clients insert: compare the sampled rows value by value. */
function checkPymilvusRows(list: PymilvusOutcome[]): void {
  for (const o of list) {
    const sample = o.sample;
    if (!sample) continue;
    const w = workload(o.spec.workload);
    const bad = Object.entries(sample).filter(([r, row]) => !isDeepStrictEqual(JSON.parse(JSON.stringify(w.canonicalRow(Number(r)))), row));
    checks.rows.push({ ok: bad.length === 0, text: `${o.spec.name}: pymilvus was given other rows than the Node clients (rows ${bad.map(([r]) => r).join(', ')} differ)` });
  }
}

process.exit(await main());
