/** What each case produced, and the lookups the report and the targets need (the SDK's, the floor's, pymilvus' numbers). */
import type { CaseKind, CaseSpec, Subject } from './cases.js';
import type { Measurement } from '../shared/measure.js';
import type { Spread } from './spread.js';
import { workload, type WorkloadId } from '../shared/workloads.js';

export interface CaseOutcome {
  spec: CaseSpec;
  m?: Measurement;
  /** Size of milvus-wasm's InsertRequest for the workload (the MB/s basis for every client). */
  payloadBytes?: number;
  error?: string;
  /** RPCs the sink saw while the case's process ran (only for a case alone in its process). */
  rpcs?: Record<string, number>;
  /** pymilvus only: ms spent turning float lists into the numpy rows pymilvus takes (not timed). */
  prepareMs?: number;
  /** With `--runs N` (N > 1): every run's median; `m.medianMs` is then their median. */
  spread?: Spread;
}

/** A measurement from raw per-call samples (the pymilvus side reports those). */
export function fromSamples(samplesMs: number[], cpuMsTotal: number, rssBeforeKb: number, peakRssKb: number, calls: number): Measurement {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    meanMs: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    cpuMsPerCall: cpuMsTotal / sorted.length,
    rssBeforeMB: (rssBeforeKb * 1024) / 1e6,
    peakRssMB: (peakRssKb * 1024) / 1e6,
    calls,
  };
}

/** Linearly interpolated quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export class Outcomes {
  constructor(readonly list: CaseOutcome[]) {}

  find(w: WorkloadId, kind: CaseKind, subject: Subject, engine?: 'wasm' | 'js'): CaseOutcome | undefined {
    return this.list.find((o) => o.spec.workload === w && o.spec.kind === kind && o.spec.subject === subject && o.spec.engine === engine && o.m);
  }

  /** Median ms of a case, if it ran and succeeded. */
  median(w: WorkloadId, kind: CaseKind, subject: Subject, engine?: 'wasm' | 'js'): number | undefined {
    return this.find(w, kind, subject, engine)?.m?.medianMs;
  }

  /** The official SDK's median for the workload's rows (W6's SDK numbers are W1's: the SDK has no columnar input). */
  sdkMedian(w: WorkloadId, kind: CaseKind): number | undefined {
    return this.median(workload(w).sdkRowsFrom ?? w, kind, 'official-sdk');
  }

  /** The official Go SDK's column insert of the same values (W6's and W2c's are W1's and W2's). */
  goMedian(w: WorkloadId): number | undefined {
    return this.median(workload(w).sdkRowsFrom ?? w, 'e2e', 'go-sdk');
  }

  /** pymilvus' median for the workload (W5c's is W5's, W2c's W2's: pymilvus takes no such input). */
  pymilvusMedian(w: WorkloadId, kind: CaseKind): number | undefined {
    return this.median(workload(w).pymilvusFrom ?? w, kind, 'pymilvus');
  }

  payloadBytes(w: WorkloadId): number | undefined {
    return this.list.find((o) => o.spec.workload === w && o.payloadBytes !== undefined)?.payloadBytes;
  }

  get failed(): CaseOutcome[] {
    return this.list.filter((o) => o.error !== undefined);
  }
}
