/**
 * Runs jest in a run directory and returns its `--json` report. jest's own output goes to a log
 * file; only its per-file PASS/FAIL lines are echoed, as progress.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The whole suite takes a few minutes per target; past this something hangs. */
const RUN_TIMEOUT_MS = 60 * 60_000;

/**
 * `jest --runInBand --json --outputFile=OUT --config CONFIG ...args` in `runDir`.
 * @param args jest's selection: path patterns, or `--runTestsByPath FILE -t REGEX`.
 * @returns the parsed jest JSON report (failing tests are data, not errors).
 * @throws Error when jest wrote no report (crashed, or killed after an hour), with its log's tail.
 */
export async function runJest({ runDir, depsDir, config, outputFile, logFile, args, progress }) {
  const jest = join(depsDir, 'node_modules', 'jest', 'bin', 'jest.js');
  const argv = [jest, '--config', config, '--runInBand', '--json', `--outputFile=${outputFile}`, ...args];
  // A cache per run dir: ts-jest must not reuse type-check results made against an older dist/.
  argv.push('--cacheDirectory', join(runDir, '.jest-cache'));
  // A spec that leaves a client open must not keep jest alive after the report is written.
  argv.push('--forceExit');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, argv, {
    cwd: runDir,
    // As the SDK's own `npm test` (NODE_ENV=dev jest).
    env: { ...process.env, NODE_ENV: 'dev' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  echoFileResults(child.stderr, progress);
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  await new Promise((resolve) => log.end(resolve));
  try {
    return JSON.parse(await readFile(outputFile, 'utf8'));
  } catch {
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30).join('\n');
    throw new Error(`jest in ${runDir} exited ${code} without a report (${outputFile}); see ${logFile}:\n${tail}`);
  }
}

/**
 * Echoes jest's `PASS test/grpc/X.spec.ts (12.3 s)` / `FAIL ...` lines as they come, once per file
 * (jest repeats the FAIL lines in its closing summary).
 */
function echoFileResults(stream, progress) {
  const seen = new Set();
  let pending = '';
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const file = /^(?:PASS|FAIL) (\S+)/.exec(line)?.[1];
      if (file === undefined || seen.has(file)) continue;
      seen.add(file);
      progress(line.trim());
    }
  });
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A jest `-t` pattern matching exactly the given full test names. */
export function exactNamesPattern(fullNames) {
  return `^(?:${[...new Set(fullNames)].map(escapeRegExp).join('|')})$`;
}
