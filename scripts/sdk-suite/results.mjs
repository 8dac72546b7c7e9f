/**
 * jest's JSON report reduced to what the comparison needs: every test under a stable key, and
 * per spec file its pass count or the error that kept it from running. Pure; no I/O.
 */
import { basename } from 'node:path';

const MESSAGE_LINES = 6;

/**
 * The head of a failure: its message lines, then the first stack frame in a spec or tools file
 * (where in the SDK's test it failed), with the run directory cut from paths. The other frames
 * (jest's, ts-jest's, the transpiled async helpers) say nothing about the cause.
 */
export function failureHead(text, runDir) {
  const lines = (text ?? '')
    .split('\n')
    // ts-jest colours its type errors even when jest's output is not a terminal.
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''))
    .map((line) => (runDir ? line.replaceAll(`${runDir}/`, '') : line))
    .filter((line) => line.trim() !== '');
  const message = lines.filter((line) => !/^\s*at /.test(line)).slice(0, MESSAGE_LINES);
  const frame = lines.find((line) => /^\s*at .*\btest\/[\w/.-]+\.ts:\d+/.test(line));
  return [...message, ...(frame ? [frame] : [])].join('\n');
}

/**
 * Reads a jest `--json` report of a run in `runDir`.
 * @returns `{ counts: { passed, failed, total }, tests: Map<key, test>, files: Map<specFile, file> }`
 *   where a key is `Spec.spec.ts :: full test name`, with ` #2`, ` #3` appended to repeats of a
 *   name within one file (the SDK has a few), and a file is `{ passed, total, suiteError? }`.
 */
export function readJestReport(report, runDir) {
  const tests = new Map();
  const files = new Map();
  for (const suite of report.testResults) {
    const specFile = basename(suite.name);
    const file = { passed: 0, total: 0 };
    // No test results at all means the file never ran: it failed to compile or to load.
    if (suite.assertionResults.length === 0 && suite.message) file.suiteError = failureHead(suite.message, runDir);
    files.set(specFile, file);
    const seen = new Map();
    for (const result of suite.assertionResults) {
      const repeat = (seen.get(result.fullName) ?? 0) + 1;
      seen.set(result.fullName, repeat);
      const key = `${specFile} :: ${result.fullName}${repeat > 1 ? ` #${repeat}` : ''}`;
      tests.set(key, {
        specFile,
        fullName: result.fullName,
        status: result.status,
        failure: failureHead(result.failureMessages.join('\n'), runDir),
      });
      file.total++;
      if (result.status === 'passed') file.passed++;
    }
  }
  const counts = { passed: report.numPassedTests, failed: report.numFailedTests, total: report.numTotalTests };
  return { counts, tests, files };
}

/**
 * Tests that pass with the official SDK and not with milvus-wasm, each with milvus-wasm's failure
 * (or, for a spec file that never ran, that file's error).
 * @param recovered keys that failed in `wasm` but passed when re-run; not counted.
 */
export function regressions(official, wasm, recovered = new Set()) {
  const found = [];
  for (const [key, test] of official.tests) {
    if (test.status !== 'passed') continue;
    const mine = wasm.tests.get(key);
    if (mine?.status === 'passed' || recovered.has(key)) continue;
    const suiteError = wasm.files.get(test.specFile)?.suiteError;
    const failure = mine?.failure ?? `not run: ${suiteError ?? 'the spec file has no such test'}`;
    found.push({ key, specFile: test.specFile, fullName: test.fullName, ran: mine !== undefined, failure });
  }
  return found;
}

/** Keys of tests that pass with milvus-wasm and not with the official SDK. */
export function passOnlyWithWasm(official, wasm) {
  return [...wasm.tests]
    .filter(([key, test]) => test.status === 'passed' && official.tests.get(key)?.status !== 'passed')
    .map(([key]) => key);
}

/** Those of `keys` that passed in a re-run report. */
export function passedIn(rerun, keys) {
  return keys.filter((key) => rerun.tests.get(key)?.status === 'passed');
}
