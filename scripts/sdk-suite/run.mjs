#!/usr/bin/env node
/**
 * `npm run test:sdk-suite -- --sdk-repo DIR [--proto-repo DIR]`: runs the official Node SDK's own
 * jest suite (test/grpc of milvus-sdk-node at a pinned commit) against Milvus Lite, once with
 * @zilliz/milvus2-sdk-node and once with milvus-wasm (the built dist/), and reports which tests
 * pass with the official SDK and fail with milvus-wasm. See `--help` and options.mjs.
 *
 * The SDK's files are exported from the given git repositories into a scratch directory under the
 * OS temp dir, and are changed only in the server address (every change is printed); nothing is
 * written into this repository.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureJestDeps, OFFICIAL_SDK_VERSION } from './jest-deps.mjs';
import { escapeRegExp } from './jest-runner.mjs';
import { parseOptions, SCRATCH_ROOT, USAGE, UsageError } from './options.mjs';
import { consoleReport, markdownReport } from './report.mjs';
import { passOnlyWithWasm, regressions } from './results.mjs';
import { runTarget } from './run-target.mjs';
import { exportPinnedSdk } from './sdk-checkout.mjs';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_CJS = join(PROJECT_ROOT, 'dist', 'index.cjs');

const log = (line) => console.log(line);

/** The two clients under test: what the spec files' `import ... from '../../milvus'` becomes. */
const OFFICIAL = {
  id: 'official',
  label: `official SDK ${OFFICIAL_SDK_VERSION}`,
  reexport: '@zilliz/milvus2-sdk-node',
};
const WASM = { label: 'milvus-wasm', reexport: BUILT_CJS };

async function main(argv) {
  const options = parseOptions(argv);
  if (options === undefined) return void console.log(USAGE);
  if (!existsSync(BUILT_CJS)) throw new UsageError(`${BUILT_CJS} is missing: run \`npm run build\` first`);
  await mkdir(SCRATCH_ROOT, { recursive: true });
  const workDir = await mkdtemp(join(SCRATCH_ROOT, 'run-'));
  try {
    const sdkDir = join(workDir, 'sdk');
    const checkout = await exportPinnedSdk(options, sdkDir);
    log(`SDK suite from milvus-sdk-node ${checkout.sdkCommit}, proto ${checkout.protoCommit}; work dir ${workDir}`);
    const specPattern = await selectSpecs(sdkDir, options.filter);
    const depsDir = await ensureJestDeps(SCRATCH_ROOT, log);
    await mkdir(options.outDir, { recursive: true });
    const ctx = {
      projectRoot: PROJECT_ROOT,
      sdkDir,
      depsDir,
      workDir,
      outDir: options.outDir,
      specPattern,
      filter: options.filter?.source,
      log,
    };
    const summary = await compareTargets(ctx, options, checkout);
    console.log(consoleReport(summary));
    await writeFile(join(options.outDir, 'summary.md'), markdownReport(summary));
    await writeFile(join(options.outDir, 'summary.json'), JSON.stringify(jsonSummary(summary), null, 2));
    log(`\nResults (jest JSON reports and logs, summary.md, summary.json): ${options.outDir}`);
    return summary.regressions.length === 0 ? 0 : 1;
  } finally {
    if (options.keep) log(`kept the run directories in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The jest path pattern for the spec files to run: all of test/grpc (less those the SDK's jest
 * config ignores), or those whose file name matches `--filter`.
 * @throws UsageError for a filter that matches no spec file.
 */
async function selectSpecs(sdkDir, filter) {
  if (filter === undefined) return 'test/grpc/';
  const specs = (await readdir(join(sdkDir, 'test', 'grpc'))).filter((name) => name.endsWith('.spec.ts'));
  const names = specs.filter((name) => filter.test(name));
  if (names.length === 0) throw new UsageError(`--filter ${filter.source} matches no spec file in test/grpc`);
  return `test/grpc/(?:${names.map(escapeRegExp).join('|')})$`;
}

/** The official run, then milvus-wasm (one after the other: each holds a server and a jest). */
async function compareTargets(ctx, options, checkout) {
  const official = await runTarget(OFFICIAL, ctx, { transpileOnly: false });
  const primaryMode = options.transpileOnly;
  const wasm = await runTarget(wasmTarget(primaryMode), ctx, {
    transpileOnly: primaryMode,
    compareWith: official,
    repeatFailures: options.repeatFailures,
  });
  const lost = regressions(official, wasm, new Set(wasm.recovered.keys()));
  wasm.lost = lost.length;
  const runs = [official, wasm];
  if (options.bothModes) {
    const other = await runTarget(wasmTarget(!primaryMode), ctx, { transpileOnly: !primaryMode });
    other.lost = regressions(official, other).length;
    runs.push(other);
  }
  return { checkout, runs, regressions: lost, recovered: wasm.recovered, onlyWasm: passOnlyWithWasm(official, wasm) };
}

function wasmTarget(transpileOnly) {
  return { ...WASM, id: transpileOnly ? 'wasm-transpile-only' : 'wasm-type-checked' };
}

/** summary.json: the counts and lists, without the per-test maps (those are in the jest reports). */
function jsonSummary({ checkout, runs, regressions: lost, recovered, onlyWasm }) {
  return {
    checkout,
    runs: runs.map((run) => ({
      id: run.id,
      label: run.label,
      mode: run.mode,
      counts: run.counts,
      lost: run.lost,
      serverVersion: run.serverVersion,
      edits: run.edits,
      added: run.added,
      files: Object.fromEntries(run.files),
    })),
    passWithOfficialFailWithWasm: lost,
    passedOnRerun: Object.fromEntries(recovered),
    passOnlyWithWasm: onlyWasm,
  };
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code ?? 0),
  (error) => {
    const usage = error instanceof UsageError;
    console.error(`test:sdk-suite: ${usage ? error.message : error.stack ?? error}`);
    if (usage) console.error('(see --help)');
    process.exitCode = usage ? 2 : 1;
  },
);
