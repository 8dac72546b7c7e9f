/**
 * Fuzzing the encoder with malformed rows, columns, options and schemas (see `fuzz-cases.ts`):
 * every outcome is a `MilvusError` or bytes protobufjs decodes, identical across the engines, and
 * nothing hangs. The property runs in a worker thread so that a hanging case is stopped and
 * reported (with its description) instead of blocking the run.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FuzzWorkerData, FuzzWorkerResult } from './fuzz-worker.js';

const SEED = Number(process.env.FC_SEED ?? 0x66757a7a);
const NUM_RUNS = 3000;
/** A case that makes no progress for this long is a hang. */
const STALL_MS = 15_000;

function runFuzz(seed: number, numRuns: number): Promise<FuzzWorkerResult> {
  const progress = new SharedArrayBuffer(8 + 32_768);
  const counter = new Int32Array(progress, 0, 2);
  const data: FuzzWorkerData = { entry: new URL('./fuzz-worker.ts', import.meta.url).href, seed, numRuns, progress };
  const worker = new Worker(new URL('./fuzz-boot.mjs', import.meta.url), { workerData: data });
  return new Promise((resolve, reject) => {
    let last = -1;
    let since = Date.now();
    const timer = setInterval(() => {
      const started = Atomics.load(counter, 0);
      if (started !== last) {
        last = started;
        since = Date.now();
        return;
      }
      if (Date.now() - since < STALL_MS) return;
      clearInterval(timer);
      const len = Atomics.load(counter, 1);
      const description = new TextDecoder().decode(new Uint8Array(progress, 8, len).slice());
      void worker.terminate();
      reject(new Error(`fuzz case #${started} (seed ${seed}) ran for over ${STALL_MS / 1000} s: a hang. The case:\n${description}`));
    }, 250);
    worker.once('message', (result: FuzzWorkerResult) => {
      clearInterval(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
  });
}

describe('fuzz: malformed input', () => {
  it(`every outcome is a MilvusError or decodable bytes, the same on both engines (${NUM_RUNS} cases)`, async () => {
    const result = await runFuzz(SEED, NUM_RUNS);
    expect(result.error ?? '', result.counterexample).toBe('');
    expect(result.failed).toBe(false);
    expect(result.numRuns).toBe(NUM_RUNS);
    // The fuzz must reach both sides: inputs rejected and inputs (still) encoded.
    expect(result.errors).toBeGreaterThan(NUM_RUNS / 4);
    expect(result.encoded).toBeGreaterThan(NUM_RUNS / 20);
  }, 180_000);
});
