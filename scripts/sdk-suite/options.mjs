/**
 * Command line of `npm run test:sdk-suite`: parsing, defaults and the usage text.
 * Bad input throws {@link UsageError}, which `run.mjs` turns into exit code 2.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Input the script cannot work with (bad flag, missing or unusable repository): exit code 2. */
export class UsageError extends Error {
  name = 'UsageError';
}

/** Everything this script writes outside its results dir lives under here, never in the project. */
export const SCRATCH_ROOT = join(tmpdir(), 'milvus-wasm-sdk-suite');

export const USAGE = `usage: npm run test:sdk-suite -- --sdk-repo DIR [options]

Runs the official Node SDK's own jest suite (test/grpc of milvus-sdk-node, pinned commit) against
Milvus Lite twice, with @zilliz/milvus2-sdk-node and with milvus-wasm, and compares the two.

  --sdk-repo DIR         milvus-sdk-node checkout or bare git dir (env MILVUS_SDK_REPO)
  --proto-repo DIR       milvus-proto checkout or bare git dir (env MILVUS_PROTO_REPO);
                         default: the SDK checkout's initialised proto submodule
  --out DIR              results dir (default: ${join(SCRATCH_ROOT, 'results-<time>')})
  --transpile-only       run milvus-wasm with ts-jest type-checking off (the default for now)
  --no-transpile-only    run milvus-wasm type-checked, like the official SDK always is
  --both-modes           also run milvus-wasm in the other mode and report that count too
  --repeat-failures N    re-run up to N more times each test that passes with the official SDK
                         and fails with milvus-wasm (default 1; 0 = no re-runs)
  --filter REGEX         only the spec files in test/grpc whose name matches, e.g. 'Alias|Insert'
  --keep                 keep the run directories (copies of the SDK's tests) for debugging
  -h, --help             this text

Exit code: 0 when every test that passes with the official SDK passes with milvus-wasm (in the
first milvus-wasm mode), 1 otherwise or when a run could not complete, 2 for usage errors.`;

const FLAGS = {
  'sdk-repo': { type: 'string' },
  'proto-repo': { type: 'string' },
  out: { type: 'string' },
  'transpile-only': { type: 'boolean' },
  // Node 20's parseArgs has no `allowNegative` before 20.16; spell the negation out.
  'no-transpile-only': { type: 'boolean' },
  'both-modes': { type: 'boolean' },
  'repeat-failures': { type: 'string' },
  filter: { type: 'string' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * Parses `argv` (without node and script). Relative paths are taken from the directory the user ran
 * npm in (`INIT_CWD`), not the project root npm switches to.
 * @returns the options, or `undefined` when `--help` was asked for.
 * @throws UsageError for unknown flags, a missing `--sdk-repo`, or a bad number.
 */
export function parseOptions(argv, env = process.env) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return undefined;
  if (values['transpile-only'] && values['no-transpile-only']) {
    throw new UsageError('--transpile-only and --no-transpile-only contradict each other; pass one');
  }
  const base = env.INIT_CWD ?? process.cwd();
  const path = (value) => (value === undefined || value === '' ? undefined : resolve(base, value));
  const sdkRepo = path(values['sdk-repo'] ?? env.MILVUS_SDK_REPO);
  if (sdkRepo === undefined) {
    throw new UsageError('expected --sdk-repo DIR (or env MILVUS_SDK_REPO): a milvus-sdk-node checkout or bare clone');
  }
  return {
    sdkRepo,
    protoRepo: path(values['proto-repo'] ?? env.MILVUS_PROTO_REPO),
    outDir: path(values.out) ?? join(SCRATCH_ROOT, `results-${new Date().toISOString().replace(/[:.]/g, '-')}`),
    transpileOnly: !values['no-transpile-only'],
    bothModes: values['both-modes'] === true,
    repeatFailures: count(values['repeat-failures'] ?? '1', '--repeat-failures'),
    filter: values.filter === undefined ? undefined : regex(values.filter, '--filter'),
    keep: values.keep === true,
  };
}

function count(text, flag) {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag}: expected a whole number >= 0, got '${text}'`);
  return Number(text);
}

function regex(text, flag) {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new UsageError(`${flag}: expected a regular expression, got '${text}' (${error.message})`);
  }
}
