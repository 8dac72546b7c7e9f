/**
 * Prints the plain closing line CI reads, `N passed, N failed`, after vitest's own summary.
 * Skipped or todo tests are reported separately and never counted as passed; tests that did not
 * run because a hook of their suite failed count as failed.
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
        else if (state === 'failed' || insideFailedSuite(test)) failed++;
        else skipped++;
      }
      // A module that failed to load has no tests but must count as a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
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
