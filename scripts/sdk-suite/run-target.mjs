/**
 * One target's run: its own fresh Milvus Lite, its own copy of the SDK suite pointed at it, one jest
 * run over test/grpc, and, for milvus-wasm, re-runs of the tests that passed with the official SDK
 * and failed here (a few SDK tests use random data and are flaky on Lite).
 */
import { join } from 'node:path';
import { exactNamesPattern, runJest } from './jest-runner.mjs';
import { startFreshLite } from './lite-server.mjs';
import { readJestReport, passedIn, regressions } from './results.mjs';
import { prepareRunDir } from './run-dir.mjs';

/**
 * Runs `target` (`{ id, label, reexport }`) and returns its results with what was done to get them.
 * @param ctx `{ projectRoot, sdkDir, depsDir, workDir, outDir, specPattern, filter, log }`; `specPattern`
 *   is the jest path pattern selecting the spec files.
 * @param compareWith the official SDK's results: when given, failing tests that pass there are
 *   re-run up to `repeatFailures` times, and those that then pass are returned in `recovered`.
 * @returns `{ ...target, mode, counts, tests, files, edits, added, serverVersion, recovered }`.
 */
export async function runTarget(target, ctx, { transpileOnly, compareWith, repeatFailures = 0 }) {
  const mode = transpileOnly ? 'transpile-only' : 'type-checked';
  const log = (line) => ctx.log(`[${target.id}] ${line}`);
  const server = await startFreshLite(ctx.projectRoot, ctx.workDir, log);
  try {
    log(`Milvus Lite ${server.version} on ${server.address} (fresh data dir)`);
    const runDir = join(ctx.workDir, target.id);
    const prepared = await prepareRunDir({
      sdkDir: ctx.sdkDir,
      runDir,
      reexport: target.reexport,
      address: server.address,
      depsDir: ctx.depsDir,
      transpileOnly,
    });
    logEdits(prepared, log);
    const jest = (name, args) =>
      runJest({
        runDir,
        depsDir: ctx.depsDir,
        config: prepared.config,
        outputFile: join(ctx.outDir, `${target.id}${name}.json`),
        logFile: join(ctx.outDir, `${target.id}${name}.jest.log`),
        args,
        progress: log,
      });
    log(`jest over test/grpc, ${mode}${ctx.filter ? `, files matching /${ctx.filter}/` : ''}`);
    const results = readJestReport(await jest('', [ctx.specPattern]), runDir);
    const { passed, failed, total } = results.counts;
    log(`${passed} passed, ${failed} failed, ${total} total (${mode})`);
    const recovered = compareWith
      ? await rerunFailures(compareWith, results, repeatFailures, jest, runDir, log)
      : new Map();
    return { ...target, mode, ...results, ...prepared, serverVersion: server.version, recovered };
  } finally {
    await server.stop();
  }
}

function logEdits({ edits, added }, log) {
  for (const { file, before, after } of edits) {
    log(`edited ${file} (the only change to the SDK's files):`);
    log(`  --- a/${file}`);
    log(`  +++ b/${file}`);
    log(`  -${before}`);
    log(`  +${after}`);
  }
  for (const { file, note } of added) log(`added ${file}: ${note}`);
}

/**
 * Re-runs, one jest per spec file with `-t` naming the tests, those that pass with the official SDK
 * and failed here. Tests of a file that never ran are left alone: a re-run would fail the same way.
 * `-t` keeps re-runs short; the price is that a test relying on an earlier test of its file (some
 * SDK specs create in one test what the next one reads) fails alone too and so stays listed.
 * @returns Map of key to the re-run round (1-based) in which the test passed.
 */
async function rerunFailures(official, results, rounds, jest, runDir, log) {
  const recovered = new Map();
  for (let round = 1; round <= rounds; round++) {
    const pending = regressions(official, results, new Set(recovered.keys())).filter((r) => r.ran);
    if (pending.length === 0) break;
    log(`re-run ${round}/${rounds}: ${pending.length} test(s) that pass with the official SDK`);
    for (const [specFile, tests] of bySpecFile(pending)) {
      const args = ['--runTestsByPath', `test/grpc/${specFile}`, '-t', exactNamesPattern(tests.map((t) => t.fullName))];
      const rerun = readJestReport(await jest(`.rerun-${round}.${specFile}`, args), runDir);
      for (const key of passedIn(rerun, tests.map((t) => t.key))) recovered.set(key, round);
    }
  }
  for (const [key, round] of recovered) log(`passed on re-run ${round}: ${key}`);
  return recovered;
}

/** `Map.groupBy` by spec file (Node 20 lacks it). */
function bySpecFile(tests) {
  const groups = new Map();
  for (const test of tests) groups.set(test.specFile, [...(groups.get(test.specFile) ?? []), test]);
  return groups;
}
