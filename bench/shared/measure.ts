/**
 * How one case is measured, inside its own process: warm-up calls, a forced GC, the kernel's peak-RSS
 * mark reset to the current RSS (`/proc/self/clear_refs`), then tinybench runs the timed calls while
 * `process.cpuUsage()` brackets them. The peak RSS read afterwards (`VmHWM`) is therefore the peak of
 * the timed calls alone, over a baseline that already holds the input rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';

/** How many calls: untimed warm-up calls, then tinybench's minimum iterations and time budget. */
export interface Budget {
  warmup: number;
  iterations: number;
  /** Milliseconds; tinybench keeps going until both this and `iterations` are reached. */
  timeMs: number;
  /** Force a full GC before every timed call (outside its time): the "cold after a GC" case. */
  gcBeforeEach?: boolean;
}

/** What a case reports; times in milliseconds, memory in MB (10^6 bytes). */
export interface Measurement {
  samples: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  /** Process CPU time (user + system, all threads) per timed call. */
  cpuMsPerCall: number;
  /** RSS after warm-up and GC, with the input in memory. */
  rssBeforeMB: number;
  /** Peak RSS during the timed calls. */
  peakRssMB: number;
  /** Calls made in total (warm-up and timed), for the sink's row count check. */
  calls: number;
}

const KB = 1024;

/** A line of `/proc/self/status` in kB (0 where there is no procfs). */
export function procStatusKb(key: string): number {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resets the kernel's peak-RSS mark (`VmHWM`) to the current RSS; false where that is not possible. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc: cases force a GC before measuring');
  gc();
  gc();
}

/** Measures `fn` (sync or async) under `budget`. `fn` must throw when a call's result is wrong. */
export async function measure(name: string, fn: () => unknown, budget: Budget): Promise<Measurement> {
  let calls = 0;
  const counted = async () => {
    calls++;
    await fn();
  };
  for (let i = 0; i < budget.warmup; i++) await counted();
  collectGarbage();
  const resetOk = resetPeakRss();
  const rssBefore = procStatusKb('VmRSS');
  const bench = new Bench({ name, iterations: budget.iterations, time: budget.timeMs, warmup: false, throws: true });
  bench.add(name, counted, { async: true, ...(budget.gcBeforeEach ? { beforeEach: collectGarbage } : {}) });
  const cpu0 = process.cpuUsage();
  await bench.run();
  const cpu = process.cpuUsage(cpu0);
  const peak = resetOk ? procStatusKb('VmHWM') : process.resourceUsage().maxRSS;
  const task = bench.tasks[0]!;
  const result = task.result as { latency?: { p50?: number; p99?: number; mean?: number; samplesCount?: number }; error?: unknown; state?: string };
  if (result.error) throw result.error;
  const latency = result.latency;
  if (!latency?.samplesCount) throw new Error(`${name}: tinybench recorded no samples (state ${result.state})`);
  const timed = latency.samplesCount;
  return {
    samples: timed,
    medianMs: latency.p50!,
    p99Ms: latency.p99!,
    meanMs: latency.mean!,
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / timed,
    rssBeforeMB: (rssBefore * KB) / 1e6,
    peakRssMB: (peak * KB) / 1e6,
    calls,
  };
}
