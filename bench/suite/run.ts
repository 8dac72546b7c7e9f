/**
 * `npm run bench [-- [FILTER] [--smoke] [--no-lite] [--runs N] [--rows N] [--out FILE] [--cpu-prof DIR] [--render] [--merge RECORD.json ...]]`:
 * the insert benchmark of issues #5 and #12.
 *
 * Starts the sink, the raw-TCP receiver (and, for the Milvus Lite cases, a Milvus Lite), builds the Go
 * contender, runs each case group in a child process (`case-runner.ts` for Node, `pymilvus_bench.py` for
 * pymilvus, the `bench/go` binary for the Go SDK), `--runs N` times over, checks that the sink received
 * exactly the rows each case sent and that pymilvus was given the same rows, prints a table and writes
 * `bench/RESULTS.md` with its record `bench/RESULTS.json` (full unfiltered runs, or `--out FILE`);
 * `--render` writes the report again from that record (after editing `analysis.md`); `--merge` writes one
 * report from the records of separate runs, as `--runs N` would have. Exits 1 if any case
 * failed or a check did not hold.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { groupCases, planCases, type CaseSpec } from './cases.js';
import { runGoCase, runNodeGroup, runPymilvusCase, type ProcessOptions, type PymilvusOutcome } from './case-processes.js';
import { BENCH_DIR, pythonPath } from '../shared/children.js';
import { buildGoBench, removeGoBuild, type GoBuild } from '../shared/go-build.js';
import { describeMachine } from '../shared/machine.js';
import { Outcomes, type CaseOutcome } from './outcomes.js';
import { combineRuns } from './spread.js';
import { mergeRecords, recordPath, type RunRecord } from './run-record.js';
import { printTable, renderMarkdown } from './report.js';
import { startLite, startSink, startTcpSink, type RunningServer, type Sink } from '../shared/servers.js';
import { checkTargets } from './targets.js';
import { WORKLOADS, workload } from '../shared/workloads.js';

interface Options {
  filter: string;
  smoke: boolean;
  lite: boolean;
  rows?: number;
  /** Whole runs of the plan; the report shows the median of their medians and their min–max. */
  runs: number;
  out?: string;
  /** Directory for V8 CPU profiles of the Node case processes. */
  cpuProf?: string;
  /** Re-render the report from its saved record (after editing analysis.md) instead of running. */
  render: boolean;
  /** Records (`RESULTS.json` files) of separate runs to combine into one report instead of running. */
  merge: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { filter: '.', smoke: false, lite: true, runs: 1, render: false, merge: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--smoke') options.smoke = true;
    else if (a === '--no-lite') options.lite = false;
    else if (a === '--rows') options.rows = Number(argv[++i]);
    else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--out') options.out = argv[++i];
    else if (a === '--cpu-prof') options.cpuProf = argv[++i];
    else if (a === '--render') options.render = true;
    else if (a === '--merge') options.merge.push(argv[++i]!);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}; usage: npm run bench -- [FILTER] [--smoke] [--no-lite] [--runs N] [--rows N] [--out FILE] [--cpu-prof DIR] [--render] [--merge RECORD.json ...]`);
    else options.filter = a;
  }
  if (options.rows !== undefined && !(Number.isInteger(options.rows) && options.rows > 0)) throw new Error('--rows needs a positive integer');
  if (!(Number.isInteger(options.runs) && options.runs > 0)) throw new Error('--runs needs a positive integer');
  return options;
}

const options = parseOptions(process.argv.slice(2));
const timeoutMs = options.smoke ? 120_000 : 30 * 60_000;
/** Check results by kind: the sink's row counts, and pymilvus' rows against the Node rows. */
const checks = { sink: [] as Check[], rows: [] as Check[] };
let python: string | undefined;
let go: GoBuild | undefined;

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
  if (options.merge.length > 0) return publish(mergeRecords(options.merge.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunRecord)), options.out ?? DEFAULT_OUT);
  let plan = planCases({ smoke: options.smoke, filter: new RegExp(options.filter), rows: options.rows, lite: options.lite });
  if (plan.some((c) => c.runtime === 'go')) {
    go = buildGoBench();
    if ('skipped' in go) {
      console.error(`[bench] skipping ${plan.filter((c) => c.runtime === 'go').map((c) => c.name).join(', ')}: ${go.skipped}`);
      plan = plan.filter((c) => c.runtime !== 'go');
    }
  }
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
  const runs = options.runs > 1 ? ` × ${options.runs} runs` : '';
  console.error(`[bench] ${plan.length} cases in ${groupCases(plan).length} processes${runs} (${options.smoke ? 'smoke' : 'full'} run, load average ${machine.loadAverage.toFixed(2)})`);

  const servers: RunningServer[] = [];
  const perRun: PymilvusOutcome[][] = [];
  try {
    const sink = plan.some((c) => c.server === 'sink') ? await startSink() : undefined;
    if (sink) servers.push(sink);
    const tcp = plan.some((c) => c.server === 'tcp') ? await startTcpSink() : undefined;
    if (tcp) servers.push(tcp);
    const liteWorkloads = WORKLOADS.filter((w) => plan.some((c) => c.server === 'lite' && c.workload === w.id));
    const lite = liteWorkloads.length > 0 ? await startLite(liteWorkloads) : undefined;
    if (lite) servers.push(lite);
    for (let run = 1; run <= options.runs; run++) {
      const outcomes: PymilvusOutcome[] = [];
      for (const group of groupCases(plan)) {
        console.error(`[bench]${runs ? ` run ${run}:` : ''} ${group.map((c) => c.name).join(', ')}`);
        outcomes.push(...(await runGroup(group, { sink, tcp, lite })));
      }
      perRun.push(outcomes);
    }
  } finally {
    for (const s of servers) await s.stop();
    removeGoBuild(go);
  }

  for (const outcomes of perRun) checkPymilvusRows(outcomes);
  for (const o of perRun.flat()) delete o.sample;
  const record: RunRecord = { machine, mode: options.smoke ? 'smoke' : 'full', filter: options.filter, runs: options.runs, outcomes: combineRuns(perRun), checks: summarizeChecks() };
  const out = options.out ?? (!options.smoke && options.filter === '.' && options.rows === undefined && !options.cpuProf ? DEFAULT_OUT : undefined);
  return publish(record, out);
}

const DEFAULT_OUT = join(BENCH_DIR, 'RESULTS.md');

/** Prints the tables, writes the report (and its record) to `out` if given; returns the exit code. */
function publish(record: RunRecord, out: string | undefined): number {
  const all = new Outcomes(record.outcomes);
  printTable(all);
  const targets = checkTargets(all);
  if (record.mode === 'full') console.table(targets.filter((t) => t.status !== 'not measured'));
  for (const c of record.checks) console.error(c.replace(/\*\*/g, ''));
  const analysisPath = join(BENCH_DIR, 'analysis.md');
  const markdown = renderMarkdown(all, record.mode === 'smoke' ? [] : targets, {
    machine: record.machine, mode: record.mode, filter: record.filter, runs: record.runs ?? 1, checks: record.checks,
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
async function runGroup(group: CaseSpec[], servers: { sink?: Sink; tcp?: RunningServer; lite?: RunningServer }): Promise<CaseOutcome[]> {
  const { sink, tcp, lite } = servers;
  const first = group[0]!;
  const collection = workload(first.workload).collection;
  const before = sink ? await sink.stats(collection) : undefined;
  const processOptions: ProcessOptions = { timeoutMs, sinkAddress: sink?.address, tcpAddress: tcp?.address, liteAddress: lite?.address, cpuProf: options.cpuProf, python, go };
  const results = first.runtime === 'python' ? [await runPymilvusCase(first, processOptions)]
    : first.runtime === 'go' ? [await runGoCase(first, processOptions)]
    : await runNodeGroup(group, processOptions);
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
