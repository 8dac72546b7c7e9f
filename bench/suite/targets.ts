/**
 * The issues' performance targets, checked against a run's outcomes: issue #12's acceptance first, then
 * issue #5's. The benchmark reports them; no test times anything. "milvus-wasm" means the default
 * (WebAssembly) engine, "rows" its `number[]` row input.
 */
import { MIN_SAMPLES, type Subject } from './cases.js';
import type { Outcomes } from './outcomes.js';
import { WORKLOADS, workload, type WorkloadId } from '../shared/workloads.js';

export interface TargetCheck {
  target: string;
  measured: string;
  status: 'met' | 'NOT met' | 'not measured';
}

const x = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)}×`;

function check(target: string, value: number | undefined, ok: (v: number) => boolean, show: (v: number) => string): TargetCheck {
  if (value === undefined || !Number.isFinite(value)) return { target, measured: '—', status: 'not measured' };
  return { target, measured: show(value), status: ok(value) ? 'met' : 'NOT met' };
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b);

/** Every target, in the issues' order. */
export function checkTargets(o: Outcomes): TargetCheck[] {
  const e2e = (w: WorkloadId) => o.median(w, 'e2e', 'milvus-wasm', 'wasm');
  const floor = (w: WorkloadId, subject: Subject) => o.median(w, 'floor', subject);
  // The most any client could reach: the SDK's time over the time to move the bytes alone.
  const ceiling = (w: WorkloadId) => ratio(o.sdkMedian(w, 'e2e'), floor(w, 'grpc-js-split'));
  // The same ratio in client CPU time: steadier than wall time when other work shares the machine.
  const cpu = (w: WorkloadId) => ratio(o.find(workload(w).sdkRowsFrom ?? w, 'e2e', 'official-sdk')?.m?.cpuMsPerCall, o.find(w, 'e2e', 'milvus-wasm', 'wasm')?.m?.cpuMsPerCall);
  const vsSdk = (w: WorkloadId, min: number, label = w as string) =>
    check(`${label} end-to-end ≥ ${min}× the official SDK`, ratio(o.sdkMedian(w, 'e2e'), e2e(w)), (v) => v >= min, (v) => {
      const notes = [cpu(w) && `in CPU time ${x(cpu(w)!)}`, ceiling(w) && `ceiling, SDK ÷ grpc-js split floor: ${x(ceiling(w)!)}`].filter(Boolean);
      return `${x(v)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    });
  const vsFloor = (w: WorkloadId, subject: Subject, max: number, label: string) =>
    check(`${w} end-to-end within ${max}× of the ${label}`, ratio(e2e(w), floor(w, subject)), (v) => v <= max, x);
  const vsGo = (w: WorkloadId) =>
    check(`${w} rows end-to-end faster than the Go SDK v2's column insert`, ratio(o.goMedian(w), e2e(w)), (v) => v > 1, (v) => `${x(v)} (Go ${o.goMedian(w)!.toFixed(0)} ms)`);
  const warm = o.median('W1', 'encode', 'milvus-wasm', 'wasm');
  const cold = (subject: Subject, what: string) =>
    check(`W1 encode ${what} within 1.5× of the warmed median`, ratio(o.median('W1', 'cold', subject, 'wasm'), warm), (v) => v <= 1.5, (v) => `${x(v)} (warmed ${warm!.toFixed(1)} ms)`);
  const checks = [
    // issue #12
    vsFloor('W1', 'grpc-js-split', 1.3, 'grpc-js floor for the same split'),
    vsSdk('W2', 25),
    vsGo('W2'),
    vsGo('W1'),
    check('W1 rows end-to-end within 1.2× of the same values as columns (W6)', ratio(e2e('W1'), e2e('W6')), (v) => v <= 1.2, x),
    check('W2 rows end-to-end within 1.2× of the same values as columns (W2c)', ratio(e2e('W2'), e2e('W2c')), (v) => v <= 1.2, x),
    vsSdk('W4', 30),
    vsSdk('W5', 15, 'W5 (dict rows)'),
    samplesCheck(o),
    cold('first-call', 'first call of a fresh process'),
    cold('gc-before-each', 'with a full GC before each call'),
    // issue #5
    vsSdk('W1', 35),
    vsFloor('W1', 'grpc-js-1-request', 2, 'grpc-js floor for one request'),
    check('W1 encode-only ≥ 50× the SDK\'s encoding path', ratio(o.sdkMedian('W1', 'encode'), o.median('W1', 'encode', 'milvus-wasm', 'wasm')), (v) => v >= 50, x),
    vsSdk('W2', 20),
    vsSdk('W5', 20),
    vsSdk('W3', 10),
    vsSdk('W4', 30),
    vsFloor('W6', 'grpc-js-1-request', 1.5, 'grpc-js floor for one request'),
  ];
  for (const w of WORKLOADS) {
    if (w.todo || w.pymilvusFrom) continue;
    checks.push(check(`${w.id} faster than pymilvus (client wall time per insert)`, ratio(o.median(w.id, 'e2e', 'pymilvus'), e2e(w.id)), (v) => v > 1, x));
  }
  const w1 = o.find('W1', 'e2e', 'milvus-wasm', 'wasm');
  const payloadMB = (o.payloadBytes('W1') ?? NaN) / 1e6;
  const added = w1?.m ? Math.max(0, w1.m.peakRssMB - w1.m.rssBeforeMB) : undefined;
  checks.push(check('W1 peak RSS ≤ 3× the payload (memory added by the insert calls)', added === undefined ? undefined : added / payloadMB, (v) => v <= 3,
    (v) => `${x(v)} (+${added!.toFixed(0)} MB over ${w1!.m!.rssBeforeMB.toFixed(0)} MB with the rows loaded; payload ${payloadMB.toFixed(1)} MB)`));
  return checks;
}

/** Every contender (end-to-end, encode and Milvus Lite cases) timed at least MIN_SAMPLES calls. */
function samplesCheck(o: Outcomes): TargetCheck {
  const cases = o.list.filter((c) => (c.spec.kind === 'e2e' || c.spec.kind === 'encode' || c.spec.kind === 'lite') && c.m);
  const fewest = cases.reduce<typeof cases[number] | undefined>((a, c) => (!a || c.m!.samples < a.m!.samples ? c : a), undefined);
  return check(`every contender ≥ ${MIN_SAMPLES} timed calls (end-to-end, encode and Milvus Lite cases)`, fewest?.m?.samples, (v) => v >= MIN_SAMPLES,
    (v) => `fewest ${v} (${fewest!.spec.name})`);
}
