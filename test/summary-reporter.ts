/**
 * Prints the plain closing line CI reads, `N passed, N failed`, after vitest's own summary.
 * Skipped or todo tests are reported separately and never counted as passed; tests that did not
 * run because a hook of their suite failed count as failed, and a file or suite that failed with
 * none of its tests failing (an `afterAll` or `afterEach` that threw after they passed) counts as one
 * failure more: a run with any failure never reads `0 failed`.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (countedFailed(test)) failed++;
        else skipped++;
      }
      // A module that failed to load, or whose hooks failed after its tests passed, counts as a failure.
      failed += failedWithoutFailedTests(mod);
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}

/** A test that never ran because a hook of its suite or file failed (e.g. `beforeAll` threw). */
function insideFailedSuite(test: TestCase): boolean {
  for (let p: { state(): string; parent?: unknown } | undefined = test.parent; p; p = (p as { parent?: { state(): string } }).parent) {
    if (p.state() === 'failed') return true;
  }
  return false;
}

/** A test counted as failed: it failed, or it never ran because a hook of its suite or file failed. */
function countedFailed(test: TestCase): boolean {
  const state = test.result().state;
  return state === 'failed' || (state !== 'passed' && insideFailedSuite(test));
}

/**
 * 1 when the file failed although none of its tests is counted failed (it failed to load, or a hook such
 * as `afterAll` threw after its tests passed); else 0.
 */
function failedWithoutFailedTests(mod: TestModule): number {
  if (mod.state() !== 'failed') return 0;
  for (const test of mod.children.allTests()) if (countedFailed(test)) return 0;
  return 1;
}
