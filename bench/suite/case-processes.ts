/**
 * Runs one group of cases in its child process and turns what it prints into outcomes: Node groups
 * through `case-runner.ts`, pymilvus cases through `pymilvus_bench.py` from the venv (both in
 * `bench/suite/`), Go SDK cases through the binary built from `bench/go/`, and first-call cases as one
 * fresh `case-runner.ts` process per sample.
 */
import { join } from 'node:path';
import type { CaseSpec } from './cases.js';
import { BENCH_DIR, nodeArgs, runChild } from '../shared/children.js';
import type { GoBuild } from '../shared/go-build.js';
import type { Measurement } from '../shared/measure.js';
import { fromSamples, type CaseOutcome } from './outcomes.js';
import { workload } from '../shared/workloads.js';

export interface ProcessOptions {
  timeoutMs: number;
  /** Where the servers are (`host:port`). */
  sinkAddress?: string;
  tcpAddress?: string;
  liteAddress?: string;
  /** Directory for V8 CPU profiles (Node groups only). */
  cpuProf?: string;
  /** The venv's Python (pymilvus cases only). */
  python?: string;
  /** The Go contender's binary, or why there is none (Go SDK cases only). */
  go?: GoBuild;
}

/** A pymilvus outcome carries the canonical rows it inserted, for the same-rows check. */
export type PymilvusOutcome = CaseOutcome & { sample?: Record<string, unknown> };

/** Runs Node cases of one group in one process. */
export async function runNodeGroup(group: CaseSpec[], options: ProcessOptions): Promise<CaseOutcome[]> {
  if (group[0]!.subject === 'first-call') return [await runFirstCalls(group[0]!, options)];
  const env = { sinkAddress: options.sinkAddress, tcpAddress: options.tcpAddress, liteAddress: options.liteAddress };
  // One directory per process: Node writes a profile per thread (tsx's loader runs in a worker).
  const profile = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(options.cpuProf, group[0]!.group.replace(/\W+/g, '-'))] : [];
  const child = await runChild(process.execPath, [...profile, ...nodeArgs('suite/case-runner.ts', JSON.stringify(group), JSON.stringify(env))], options.timeoutMs);
  return group.map((spec) => {
    const r = child.results.find((x) => x.name === spec.name) as (Measurement & { payloadBytes: number; error?: string }) | undefined;
    if (!r) return { spec, error: `no result (exit ${child.code}):\n${child.stderrTail}` };
    if (r.error) return { spec, error: r.error };
    const { payloadBytes, ...m } = r;
    return { spec, m: m as Measurement, payloadBytes };
  });
}

/** One fresh process per sample, each timing its first encode. */
async function runFirstCalls(spec: CaseSpec, options: ProcessOptions): Promise<CaseOutcome> {
  const samples: number[] = [];
  let cpuMs = 0;
  let payloadBytes = 0;
  for (let i = 0; i < spec.budget.iterations; i++) {
    const child = await runChild(process.execPath, nodeArgs('suite/case-runner.ts', JSON.stringify([spec]), '{}'), options.timeoutMs);
    const r = child.results[0] as { ms: number; cpuMs: number; payloadBytes: number } | undefined;
    if (!r || child.code !== 0) return { spec, error: `first-call process ${i} failed (exit ${child.code}):\n${child.stderrTail}` };
    samples.push(r.ms);
    cpuMs += r.cpuMs;
    payloadBytes = r.payloadBytes;
  }
  return { spec, m: fromSamples(samples, cpuMs, 0, 0, samples.length), payloadBytes };
}

/** What the pymilvus and Go sides print: per-call wall times and the process's CPU and memory. */
interface ForeignResult {
  samples_ms: number[];
  cpu_ms: number;
  rss_before_kb: number;
  peak_rss_kb: number;
  calls: number;
}

/** Runs one Go SDK case (skipped when there is no Go: see `buildGoBench`). */
export async function runGoCase(spec: CaseSpec, options: ProcessOptions): Promise<CaseOutcome> {
  const go = options.go;
  if (!go || !('binary' in go)) return { spec, error: go && 'error' in go ? go.error : 'the Go contender was not built' };
  const goSpec = {
    workload: spec.workload, rows: spec.rows, address: options.sinkAddress, collection: workload(spec.workload).collection,
    iterations: spec.budget.iterations, warmup: spec.budget.warmup,
  };
  const child = await runChild(go.binary, [JSON.stringify(goSpec)], options.timeoutMs);
  const r = child.results[0] as unknown as ForeignResult | undefined;
  if (!r || child.code !== 0) return { spec, error: `Go SDK failed (exit ${child.code}):\n${child.stderrTail}` };
  return { spec, m: fromSamples(r.samples_ms, r.cpu_ms, r.rss_before_kb, r.peak_rss_kb, r.calls) };
}

interface PythonResult extends ForeignResult {
  sample: Record<string, unknown>;
  prepare_ms: number | null;
}

/** Runs one pymilvus case. */
export async function runPymilvusCase(spec: CaseSpec, options: ProcessOptions): Promise<PymilvusOutcome> {
  if (!options.python) return { spec, error: 'no Python venv (run `npm run setup:python` or set BENCH_PYTHON)' };
  const address = spec.server === 'lite' ? options.liteAddress : options.sinkAddress;
  const pySpec = {
    workload: spec.workload, rows: spec.rows, uri: `http://${address}`, collection: workload(spec.workload).collection,
    iterations: spec.budget.iterations, warmup: spec.budget.warmup, sample_rows: [0, Math.floor(spec.rows / 2), spec.rows - 1],
  };
  const child = await runChild(options.python, [join(BENCH_DIR, 'suite', 'pymilvus_bench.py'), JSON.stringify(pySpec)], options.timeoutMs);
  const r = child.results[0] as unknown as PythonResult | undefined;
  if (!r || child.code !== 0) return { spec, error: `pymilvus failed (exit ${child.code}):\n${child.stderrTail}` };
  return {
    spec,
    m: fromSamples(r.samples_ms, r.cpu_ms, r.rss_before_kb, r.peak_rss_kb, r.calls),
    sample: r.sample,
    ...(r.prepare_ms !== null ? { prepareMs: r.prepare_ms } : {}),
  };
}
