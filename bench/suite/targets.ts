/**
 * The issue's performance targets, checked against a run's outcomes. The benchmark reports them; no test
 * times anything. "milvus-wasm" means the default (WebAssembly) engine.
 */
import type { Outcomes } from './outcomes.js';
import { WORKLOADS, workload, type WorkloadId } from '../shared/workloads.js';

export interface TargetCheck {
  target: string;
  measured: string;
  status: 'met' | 'NOT met' | 'not measured';
}

const x = (v: number) => `${v.toFixed(1)}×`;

function check(target: string, value: number | undefined, ok: (v: number) => boolean, show: (v: number) => string): TargetCheck {
  if (value === undefined || !Number.isFinite(value)) return { target, measured: '—', status: 'not measured' };
  return { target, measured: show(value), status: ok(value) ? 'met' : 'NOT met' };
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b);

/** Every target of issue #5, in the issue's order. */
export function checkTargets(o: Outcomes): TargetCheck[] {
  const e2e = (w: WorkloadId) => o.median(w, 'e2e', 'milvus-wasm', 'wasm');
  // The most any client could reach: the SDK's time over the time to move the bytes alone.
  const ceiling = (w: WorkloadId) => ratio(o.sdkMedian(w, 'e2e'), o.median(w, 'floor', 'grpc-loopback'));
  // The same ratio in client CPU time: steadier than wall time when other work shares the machine.
  const cpu = (w: WorkloadId) => ratio(o.find(workload(w).sdkRowsFrom ?? w, 'e2e', 'official-sdk')?.m?.cpuMsPerCall, o.find(w, 'e2e', 'milvus-wasm', 'wasm')?.m?.cpuMsPerCall);
  const vsSdk = (w: WorkloadId, min: number) =>
    check(`${w} end-to-end ≥ ${min}× the official SDK`, ratio(o.sdkMedian(w, 'e2e'), e2e(w)), (v) => v >= min, (v) => {
      const notes = [cpu(w) && `in CPU time ${x(cpu(w)!)}`, ceiling(w) && `ceiling, SDK ÷ loopback floor: ${x(ceiling(w)!)}`].filter(Boolean);
      return `${x(v)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    });
  const vsFloor = (w: WorkloadId, max: number) =>
    check(`${w} end-to-end within ${max}× of the loopback floor`, ratio(e2e(w), o.median(w, 'floor', 'grpc-loopback')), (v) => v <= max, x);
  const checks = [
    vsSdk('W1', 35),
    vsFloor('W1', 2),
    check('W1 encode-only ≥ 50× the SDK\'s encoding path', ratio(o.sdkMedian('W1', 'encode'), o.median('W1', 'encode', 'milvus-wasm', 'wasm')), (v) => v >= 50, x),
    vsSdk('W2', 20),
    vsSdk('W5', 20),
    vsSdk('W3', 10),
    vsSdk('W4', 30),
    vsFloor('W6', 1.5),
  ];
  for (const w of WORKLOADS) {
    if (w.todo) continue;
    checks.push(check(`${w.id} faster than pymilvus (client wall time per insert)`, ratio(o.median(w.id, 'e2e', 'pymilvus'), e2e(w.id)), (v) => v > 1, x));
  }
  const w1 = o.find('W1', 'e2e', 'milvus-wasm', 'wasm');
  const payloadMB = (o.payloadBytes('W1') ?? NaN) / 1e6;
  const added = w1?.m ? Math.max(0, w1.m.peakRssMB - w1.m.rssBeforeMB) : undefined;
  checks.push(check('W1 peak RSS ≤ 3× the payload (memory added by the insert calls)', added === undefined ? undefined : added / payloadMB, (v) => v <= 3,
    (v) => `${x(v)} (+${added!.toFixed(0)} MB over ${w1!.m!.rssBeforeMB.toFixed(0)} MB with the rows loaded; payload ${payloadMB.toFixed(1)} MB)`));
  return checks;
}
