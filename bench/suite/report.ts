/** Turns a run's outcomes into the console table and the text of `bench/RESULTS.md`. */
import type { CaseKind, Subject } from './cases.js';
import type { Machine } from '../shared/machine.js';
import type { CaseOutcome, Outcomes } from './outcomes.js';
import type { TargetCheck } from './targets.js';
import { WORKLOADS, type WorkloadId } from '../shared/workloads.js';

export interface RunInfo {
  machine: Machine;
  mode: 'full' | 'smoke';
  filter: string;
  /** Runs combined into the outcomes (their spread is shown when more than one). */
  runs: number;
  checks: string[];
  analysis?: string;
}

const ms = (v: number) => (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const times = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : v >= 10 ? `${v.toFixed(0)}×` : `${v.toFixed(1)}×`);
const ratio2 = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)}×`;
const sig3 = (v: number) => Number(v.toPrecision(3)).toLocaleString('en-US');

/** One printable row per successful case: the same columns in the console and in RESULTS.md. */
export function caseRow(o: CaseOutcome, all: Outcomes): Record<string, string> {
  const { spec, m } = o;
  if (!m) return { case: spec.name, 'median ms': 'FAILED' };
  const w = spec.workload;
  const payload = all.payloadBytes(w);
  const sdk = spec.kind === 'floor' || spec.kind === 'cold' ? undefined : all.sdkMedian(w, spec.kind);
  const go = spec.kind === 'e2e' ? all.goMedian(w) : undefined;
  const py = spec.kind === 'e2e' || spec.kind === 'lite' ? all.pymilvusMedian(w, spec.kind) : undefined;
  const added = Math.max(0, m.peakRssMB - m.rssBeforeMB);
  const spread = o.spread ? { [`${o.spread.mediansMs.length} runs min–max`]: `${ms(o.spread.mediansMs[0]!)}–${ms(o.spread.mediansMs.at(-1)!)}` } : {};
  return {
    case: spec.name,
    'median ms': ms(m.medianMs),
    ...spread,
    'p99 ms': ms(m.p99Ms),
    n: String(m.samples),
    'rows/s': sig3(spec.rows / (m.medianMs / 1000)),
    'MB/s': payload ? sig3(payload / 1e6 / (m.medianMs / 1000)) : '',
    'CPU ms': ms(m.cpuMsPerCall),
    'peak RSS MB (+added)': `${m.peakRssMB.toFixed(0)} (+${added.toFixed(0)})`,
    '× SDK': spec.subject === 'official-sdk' ? '1×' : times(sdk === undefined ? undefined : sdk / m.medianMs),
    '× Go SDK': spec.subject === 'go-sdk' ? '1×' : times(go === undefined ? undefined : go / m.medianMs),
    '÷ floor': times(floorOf(o, all)),
    '× pymilvus': spec.subject === 'pymilvus' ? '1×' : times(py === undefined ? undefined : py / m.medianMs),
  };
}

/**
 * This median over the one that bounds it: end to end over the grpc-js floor for the requests the client
 * really sends; encode over the copy floor; a cold encode over the warmed encode.
 */
function floorOf(o: CaseOutcome, all: Outcomes): number | undefined {
  const w = o.spec.workload;
  const bound = o.spec.kind === 'e2e' ? all.median(w, 'floor', 'grpc-js-split')
    : o.spec.kind === 'encode' ? all.median(w, 'floor', 'copy')
    : o.spec.kind === 'cold' ? all.median(w, 'encode', 'milvus-wasm', o.spec.engine)
    : undefined;
  return bound === undefined || !o.m ? undefined : o.m.medianMs / bound;
}

/** Every floor of the workload against milvus-wasm's end-to-end median, one line per engine. */
const FLOORS: [Subject, string][] = [['grpc-js-split', 'grpc-js, the client\'s split'], ['grpc-js-1-request', 'grpc-js, 1 request'], ['tcp', 'raw TCP'], ['memcpy', 'memcpy']];

function floorLines(w: WorkloadId, all: Outcomes): string[] {
  return (['wasm', 'js'] as const).flatMap((engine) => {
    const e2e = all.median(w, 'e2e', 'milvus-wasm', engine);
    const parts = FLOORS.flatMap(([subject, label]) => {
      const floor = all.median(w, 'floor', subject);
      return e2e === undefined || floor === undefined ? [] : [`${label} ${ms(floor)} ms → ${ratio2(e2e / floor)}`];
    });
    return parts.length === 0 ? [] : [`- \`${w} e2e milvus-wasm ${engine}\` (${ms(e2e!)} ms) ÷ each floor: ${parts.join('; ')}`];
  });
}

function markdownTable(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '_no cases ran_\n';
  const cols = Object.keys(rows.reduce((a, r) => (Object.keys(r).length > Object.keys(a).length ? r : a)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(cols), line(cols.map((c, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n') + '\n';
}

function liteRow(o: CaseOutcome, all: Outcomes): Record<string, string> {
  const base = caseRow(o, all);
  if (!o.m) return base;
  return {
    case: base.case!, 'wall ms (median)': base['median ms']!, n: base.n!, 'client CPU ms': base['CPU ms']!,
    'client share of wall': `${((100 * o.m.cpuMsPerCall) / o.m.medianMs).toFixed(0)}%`,
    'peak RSS MB (+added)': base['peak RSS MB (+added)']!, '× SDK': base['× SDK']!, '× pymilvus': base['× pymilvus']!,
  };
}

const KIND_ORDER: CaseKind[] = ['e2e', 'encode', 'cold', 'floor'];

/** The full text of RESULTS.md. */
export function renderMarkdown(all: Outcomes, targets: TargetCheck[], info: RunInfo): string {
  const { machine } = info;
  const out: string[] = [];
  out.push('# Benchmark results\n');
  out.push(`Generated by \`${machine.command}\` on ${machine.date} (${info.mode} run${info.filter !== '.' ? `, filter \`${info.filter}\`` : ''}). `
    + 'Regenerate rather than edit; the closing analysis comes from `bench/analysis.md`. How the cases work: `bench/README.md`.\n');
  if (info.mode === 'smoke') out.push('> **Smoke run**: tiny row counts and 2 timed calls per case. These numbers prove the suite runs, not how fast anything is.\n');
  if (info.runs > 1) {
    out.push(`${info.runs} runs of the plan: every median below is the median of the ${info.runs} runs' medians, and `
      + `"${info.runs} runs min–max" is the fastest and the slowest of those medians. The other columns come from the run whose median is nearest.\n`);
  }
  out.push('## Machine\n');
  const py = Object.entries(machine.python).map(([k, v]) => `${k} ${v}`).join(', ');
  const pkgs = Object.entries(machine.packages).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push(markdownTable([
    { what: 'CPU', value: machine.cpu }, { what: 'cores', value: String(machine.cores) }, { what: 'memory', value: `${machine.memoryGB} GB` },
    { what: 'OS', value: machine.os }, { what: 'load average at start (1 min)', value: machine.loadAverage.toFixed(2) },
    { what: 'Node', value: machine.node }, { what: 'Python side', value: py }, { what: 'Node packages', value: pkgs },
    { what: 'command', value: `\`${machine.command}\`` },
  ]));
  out.push('\n## Targets\n');
  if (info.mode === 'smoke') out.push('Not evaluated in a smoke run.\n');
  else out.push(markdownTable(targets.map((t) => ({ target: t.target, measured: t.measured, status: t.status === 'met' ? 'met' : `**${t.status}**` }))));
  out.push('\n## Per workload\n');
  out.push('Columns: median and p99 ms per `insert` call (or per encode / floor operation), `n` timed calls, rows/s and MB/s of the '
    + 'payload (milvus-wasm\'s encoded InsertRequest size, the same basis for every client), client CPU ms per call (user + system, '
    + 'all threads), peak RSS during the timed calls and how much the calls added over the RSS with the input already in memory, '
    + '× SDK (official SDK median ÷ this median; end-to-end against end-to-end, encode against encode), × Go SDK (the official Go SDK v2\'s '
    + 'column insert median ÷ this median), ÷ floor (this median ÷ the grpc-js floor for the requests the client really sends, for '
    + 'end-to-end cases; ÷ the copy floor for encode cases; ÷ the warmed encode for cold cases), × pymilvus (pymilvus median ÷ this '
    + 'median). Floors: `copy` the rows\' numbers into typed arrays, `memcpy` one copy of the payload, `grpc-js-1-request` the payload as '
    + 'one Insert, `grpc-js-split` the requests `insert()` sends (16 MiB each, 2 in flight), `tcp` the payload over a plain loopback socket '
    + 'between two Node processes. Cold: `first-call` is the first `encodeInsertRequest` of a fresh process (one process per sample), '
    + '`gc-before-each` a warmed process with a full GC before every call.\n');
  for (const w of WORKLOADS) {
    const payload = all.payloadBytes(w.id);
    const rows = all.list.filter((o) => o.spec.workload === w.id && o.spec.kind !== 'lite');
    if (w.todo) {
      out.push(`\n### ${w.id} — ${w.title}\n\n${w.todo}.\n`);
      continue;
    }
    if (rows.length === 0) continue;
    out.push(`\n### ${w.id} — ${w.title}\n`);
    out.push(`${rows[0]!.spec.rows.toLocaleString('en-US')} rows per call${payload ? `, payload ${(payload / 1e6).toFixed(2)} MB` : ''}.`
      + `${w.sdkRowsFrom ? ` The official SDK has no columnar input: its numbers here are ${w.sdkRowsFrom}'s (the same values as number[] rows).` : ''}`
      + `${w.pymilvusFrom ? ` pymilvus has no input of this form: its numbers here are ${w.pymilvusFrom}'s.` : ''}\n`);
    rows.sort((a, b) => KIND_ORDER.indexOf(a.spec.kind) - KIND_ORDER.indexOf(b.spec.kind));
    out.push(markdownTable(rows.map((o) => caseRow(o, all))));
    const floors = floorLines(w.id, all);
    if (floors.length > 0) out.push(`\n${floors.join('\n')}\n`);
    const prep = rows.find((o) => o.prepareMs !== undefined && o.spec.kind === 'e2e');
    if (prep) {
      out.push(`\npymilvus takes this vector as numpy arrays: turning the ${prep.spec.rows.toLocaleString('en-US')} float lists into them took `
        + `${ms(prep.prepareMs!)} ms (once, outside its timed calls). milvus-wasm's times include its own conversion.\n`);
    }
  }
  const lite = all.list.filter((o) => o.spec.kind === 'lite');
  if (lite.length > 0) {
    out.push('\n## Against a real Milvus Lite: the client\'s share of wall time\n');
    out.push('Same rows, sent to `milvus-lite server` from the venv (a fresh data dir per run). The client share is the client process\'s CPU '
      + 'time per call over the wall time per call; the rest is the server (Milvus Lite is pure Python) and waiting.\n');
    out.push(markdownTable(lite.map((o) => liteRow(o, all))));
  }
  const rpcs = all.list.filter((o) => o.rpcs && o.m && o.spec.server === 'sink');
  if (rpcs.length > 0) {
    out.push('\n## RPCs each client made (counted by the sink)\n');
    out.push(markdownTable(rpcs.map((o) => ({
      case: o.spec.name,
      'calls (warm-up + timed)': String(o.m?.calls ?? ''),
      'RPCs seen by the sink': Object.entries(o.rpcs!).map(([k, v]) => `${k} ${v}`).join(', '),
    }))));
  }
  out.push('\n## Checks\n');
  out.push(info.checks.map((c) => `- ${c}`).join('\n') + '\n');
  const failed = all.failed;
  if (failed.length > 0) {
    out.push('\n## Failed cases\n');
    out.push(failed.map((f) => `- **${f.spec.name}**: \`${f.error!.split('\n')[0]}\``).join('\n') + '\n');
  }
  if (info.analysis) out.push(`\n${info.analysis.trim()}\n`);
  return out.join('\n');
}

/** The console version: one table of every case. */
export function printTable(all: Outcomes): void {
  console.table(all.list.map((o) => {
    const row = caseRow(o, all);
    if (o.error) row['median ms'] = `FAILED: ${o.error.split('\n')[0]!.slice(0, 60)}`;
    return row;
  }));
}

