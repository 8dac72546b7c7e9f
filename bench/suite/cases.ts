/**
 * The case catalogue: every case's name (what the filter matches), what it runs, how many calls and
 * which process it runs in. Pure: the runner plans with it, the child processes read their cases from it.
 */
import type { Budget } from '../shared/measure.js';
import { WORKLOADS, type Workload, type WorkloadId } from '../shared/workloads.js';

/**
 * e2e: `client.insert()` against the sink; encode: request bytes only; floor: lower bounds; lite: against
 * Milvus Lite; cold: `encodeInsertRequest` without the warm-up (first call of a process, or after a full GC).
 */
export type CaseKind = 'e2e' | 'encode' | 'floor' | 'lite' | 'cold';
export type Subject =
  | 'milvus-wasm' | 'official-sdk' | 'go-sdk' | 'pymilvus'
  | 'copy' | 'memcpy' | 'grpc-js-1-request' | 'grpc-js-split' | 'tcp'
  | 'first-call' | 'gc-before-each';

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
  runtime: 'node' | 'python' | 'go';
  /** Cases with the same group share one child process; heavy cases get a group (and a clean peak RSS) of their own. */
  group: string;
  /** Where the calls go: the sink counts the rows it receives, so the runner can check them; `tcp` is the raw-TCP receiver. */
  server: 'sink' | 'tcp' | 'lite' | 'none';
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

/** Fewest timed calls of any contender (the floor on samples). */
export const MIN_SAMPLES = 7;
/** Fast cases: enough calls for a stable median (tinybench keeps going until both limits are met). */
const FAST: Budget = { warmup: 5, iterations: 20, timeMs: 3000 };
/** The official SDK takes seconds per call at 10,000 rows; pymilvus, the Go SDK and Milvus Lite most of one. */
const SLOW: Budget = { warmup: 1, iterations: MIN_SAMPLES, timeMs: 0 };
/** The first encode of a fresh process: one process per sample, nothing to warm up. */
const FIRST_CALL: Budget = { warmup: 0, iterations: MIN_SAMPLES, timeMs: 0 };
/** Warmed up like FAST, then a full GC before each timed call. */
const GC_BEFORE_EACH: Budget = { ...FAST, iterations: MIN_SAMPLES * 2, gcBeforeEach: true };
/**
 * Floors that talk to a server: like FAST, with a full GC (untimed) before each call. Sent back to back,
 * each call would otherwise pay the collections of the 30 MB framed copies grpc-js made for the one before
 * (measured: W1 split 157 ms without, 129 ms with); the client's own calls spread theirs over the encoding
 * between sends. The lower number is the floor.
 */
const SERVER_FLOOR: Budget = { ...FAST, gcBeforeEach: true };
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
    const runtime = subject === 'pymilvus' ? 'python' : subject === 'go-sdk' ? 'go' : 'node';
    const server = kind === 'lite' ? 'lite' : subject === 'tcp' ? 'tcp' : kind === 'e2e' || subject.startsWith('grpc-js') ? 'sink' : 'none';
    // The in-process floors share a process; a floor that talks to a server gets its own, as every client
    // case does, so that it runs in the same state as the case it bounds (not after 30 MB memcpys).
    const own = kind === 'floor' && server === 'none' ? `${w.id} floors` : name;
    // A first call needs a fresh process of its own even in a smoke run.
    const shared = options.smoke && runtime === 'node' && subject !== 'first-call';
    const group = shared ? `${w.id} ${kind === 'lite' ? 'lite' : 'sink'} node` : own;
    const smokeBudget = subject === 'first-call' ? { ...SMOKE, warmup: 0 } : { ...SMOKE, gcBeforeEach: budget.gcBeforeEach };
    out.push({ name, workload: w.id, kind, subject, rows, budget: options.smoke ? smokeBudget : budget, runtime, group, server, ...extra });
  };
  const sdk = w.sdkRowsFrom === undefined;
  for (const engine of ['wasm', 'js'] as const) add('e2e', 'milvus-wasm', FAST, { engine });
  if (sdk) add('e2e', 'official-sdk', SLOW);
  if (w.goColumns) add('e2e', 'go-sdk', SLOW);
  if (w.pymilvusFrom === undefined) add('e2e', 'pymilvus', SLOW);
  for (const engine of ['wasm', 'js'] as const) add('encode', 'milvus-wasm', FAST, { engine });
  if (sdk) add('encode', 'official-sdk', SLOW);
  if (w.cold) {
    add('cold', 'first-call', FIRST_CALL, { engine: 'wasm' });
    add('cold', 'gc-before-each', GC_BEFORE_EACH, { engine: 'wasm' });
  }
  for (const floor of ['copy', 'memcpy'] as const) add('floor', floor, FAST);
  for (const floor of ['grpc-js-1-request', 'grpc-js-split', 'tcp'] as const) add('floor', floor, SERVER_FLOOR);
  if (w.lite && options.lite) {
    add('lite', 'milvus-wasm', SLOW, { engine: 'wasm' });
    add('lite', 'official-sdk', SLOW);
    add('lite', 'pymilvus', SLOW);
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
