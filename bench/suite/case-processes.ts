/**
 * Runs one group of cases in its child process and turns what it prints into outcomes: Node groups
 * through `case-runner.ts`, pymilvus cases through `pymilvus_bench.py` from the venv (both in `bench/suite/`).
 */
import { join } from 'node:path';
import type { CaseSpec } from './cases.js';
import { BENCH_DIR, nodeArgs, runChild } from '../shared/children.js';
import type { Measurement } from '../shared/measure.js';
import { fromSamples, type CaseOutcome } from './outcomes.js';
import { workload } from '../shared/workloads.js';

export interface ProcessOptions {
  timeoutMs: number;
  /** Where the servers are (`host:port`). */
  sinkAddress?: string;
  liteAddress?: string;
  /** Directory for V8 CPU profiles (Node groups only). */
  cpuProf?: string;
  /** The venv's Python (pymilvus cases only). */
  python?: string;
}

/** A pymilvus outcome carries the canonical rows it inserted, for the same-rows check. */
export type PymilvusOutcome = CaseOutcome & { sample?: Record<string, unknown> };

/** Runs Node cases of one group in one process. */
export async function runNodeGroup(group: CaseSpec[], options: ProcessOptions): Promise<CaseOutcome[]> {
  const env = { sinkAddress: options.sinkAddress, liteAddress: options.liteAddress };
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

interface PythonResult {
  samples_ms: number[];
  cpu_ms: number;
  rss_before_kb: number;
  peak_rss_kb: number;
  calls: number;
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
