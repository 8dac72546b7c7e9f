/**
 * Runs the fuzz property in a worker thread, so the test can stop it if a case hangs. Before each
 * case it writes the case number and a description into shared memory; at the end it posts the
 * result of `fc.check`.
 */
import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFuzzCase, fuzzCaseArb, stats } from './fuzz-cases.js';

export interface FuzzWorkerData {
  entry: string;
  seed: number;
  numRuns: number;
  /** Int32 [0]: cases started; [1]: byte length of the description that follows at byte 8. */
  progress: SharedArrayBuffer;
}

export interface FuzzWorkerResult {
  failed: boolean;
  numRuns: number;
  seed: number;
  counterexample?: string;
  error?: string;
  errors: number;
  encoded: number;
}

const { seed, numRuns, progress } = workerData as FuzzWorkerData;
const counter = new Int32Array(progress, 0, 2);
const text = new Uint8Array(progress, 8);
const encoder = new TextEncoder();

const property = fc.property(fuzzCaseArb, (c) => {
  const { written } = encoder.encodeInto(fc.stringify(c).slice(0, 8000), text);
  Atomics.store(counter, 1, written);
  Atomics.add(counter, 0, 1);
  checkFuzzCase(c);
});

const details = fc.check(property, { seed, numRuns });
const result: FuzzWorkerResult = {
  failed: details.failed,
  numRuns: details.numRuns,
  seed,
  counterexample: details.counterexample ? fc.stringify(details.counterexample).slice(0, 4000) : undefined,
  error: details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance == null ? undefined : String(details.errorInstance),
  errors: stats.errors,
  encoded: stats.encoded,
};
if (details.failed) result.error = `${result.error}\n(seed ${seed}, path ${details.counterexamplePath})`;
parentPort!.postMessage(result);
