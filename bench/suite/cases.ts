/**
 * The case catalogue: every case's name (what the filter matches), what it runs, how many calls and
 * which process it runs in. Pure: the runner plans with it, the child processes read their cases from it.
 */
import type { Budget } from '../shared/measure.js';
import { WORKLOADS, type Workload, type WorkloadId } from '../shared/workloads.js';

/** e2e: `client.insert()` against the sink; encode: request bytes only; floor: lower bounds; lite: against Milvus Lite. */
export type CaseKind = 'e2e' | 'encode' | 'floor' | 'lite';
export type Subject = 'milvus-wasm' | 'official-sdk' | 'pymilvus' | 'copy' | 'memcpy' | 'grpc-loopback';

export interface CaseSpec {
  /** e.g. `W1 e2e milvus-wasm wasm`; the regex filter is matched against this. */
  name: string;
  workload: WorkloadId;
  kind: CaseKind;
  subject: Subject;
  engine?: 'wasm' | 'js';
  /** Rows per call. */
  rows: number;
  budget: Budget;
  runtime: 'node' | 'python';
  /** Cases with the same group share one child process; heavy cases get a group (and a clean peak RSS) of their own. */
  group: string;
  /** Where the calls go: the sink counts the rows it receives, so the runner can check them. */
  server: 'sink' | 'lite' | 'none';
}

export interface PlanOptions {
  smoke: boolean;
  /** Matched against case names; `.` runs everything. */
  filter: RegExp;
  /** Rows per call instead of the workload's (or the smoke default). */
  rows?: number;
  lite: boolean;
}

export const SMOKE_ROWS = 200;

/** Fast cases: enough calls for a stable median (tinybench keeps going until both limits are met). */
const FAST: Budget = { warmup: 5, iterations: 20, timeMs: 3000 };
/** The official SDK takes seconds per call at 10,000 rows: three timed calls. */
const SDK: Budget = { warmup: 1, iterations: 3, timeMs: 0 };
const PYMILVUS: Budget = { warmup: 1, iterations: 5, timeMs: 0 };
const LITE: Budget = { warmup: 1, iterations: 5, timeMs: 0 };
const LITE_SLOW: Budget = { warmup: 1, iterations: 3, timeMs: 0 };
const SMOKE: Budget = { warmup: 1, iterations: 2, timeMs: 0 };

/** The cases to run, in order. W8 runs in its own script (see its `todo`). */
export function planCases(options: PlanOptions): CaseSpec[] {
  const all = WORKLOADS.filter((w) => !w.todo).flatMap((w) => casesOf(w, options));
  return all.filter((c) => options.filter.test(c.name));
}

function casesOf(w: Workload, options: PlanOptions): CaseSpec[] {
  const rows = options.rows ?? (options.smoke ? SMOKE_ROWS : w.rowsPerCall);
  const out: CaseSpec[] = [];
  const add = (kind: CaseKind, subject: Subject, budget: Budget, extra: Partial<CaseSpec> = {}) => {
    const name = [w.id, kind, subject, extra.engine].filter(Boolean).join(' ');
    const runtime = subject === 'pymilvus' ? 'python' : 'node';
    const server = kind === 'lite' ? 'lite' : kind === 'e2e' || subject === 'grpc-loopback' ? 'sink' : 'none';
    const own = kind === 'floor' ? `${w.id} floors` : name;
    const group = runtime === 'python' ? name : options.smoke ? `${w.id} ${kind === 'lite' ? 'lite' : 'sink'} node` : own;
    out.push({ name, workload: w.id, kind, subject, rows, budget: options.smoke ? SMOKE : budget, runtime, group, server, ...extra });
  };
  const sdk = w.sdkRowsFrom === undefined;
  for (const engine of ['wasm', 'js'] as const) add('e2e', 'milvus-wasm', FAST, { engine });
  if (sdk) add('e2e', 'official-sdk', SDK);
  add('e2e', 'pymilvus', PYMILVUS);
  for (const engine of ['wasm', 'js'] as const) add('encode', 'milvus-wasm', FAST, { engine });
  if (sdk) add('encode', 'official-sdk', SDK);
  add('floor', 'copy', FAST);
  add('floor', 'memcpy', FAST);
  add('floor', 'grpc-loopback', FAST);
  if (w.lite && options.lite) {
    add('lite', 'milvus-wasm', LITE, { engine: 'wasm' });
    add('lite', 'official-sdk', LITE_SLOW);
    add('lite', 'pymilvus', LITE_SLOW);
  }
  return out;
}

/** Groups in first-seen order, each with its cases in plan order. */
export function groupCases(cases: CaseSpec[]): CaseSpec[][] {
  const groups = new Map<string, CaseSpec[]>();
  for (const c of cases) {
    const list = groups.get(c.group) ?? [];
    list.push(c);
    groups.set(c.group, list);
  }
  return [...groups.values()];
}
