/**
 * One run directory per target: a copy of the exported SDK suite, whose `milvus/` (the SDK's own
 * source in the SDK repo) is a one-line re-export of the client under test. The only edit to an SDK
 * file is the server address in `test/tools/ip.ts`; every edit is returned so it can be shown.
 */
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the pinned SDK's tests expect Milvus; replaced by the address of the run's own server. */
const SDK_ADDRESS = '127.0.0.1:19530';
const ADDRESS_FILE = 'test/tools/ip.ts';

/** The SDK's jest config with ts-jest's type-checking off: spec files are transpiled one by one. */
const TRANSPILE_ONLY_CONFIG = `// Written by milvus-wasm's scripts/sdk-suite: the SDK's jest config, transpile-only.
const sdk = require('./jest.config.js');
module.exports = {
  ...sdk,
  // ts-jest >= 29.2 wants isolatedModules as a compiler option rather than its own (deprecated) one.
  transform: { '^.+\\\\.ts?$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true } }] },
};
`;

/**
 * Creates `runDir` for one target.
 * @param sdkDir the exported suite (see sdk-checkout.mjs); copied, never modified.
 * @param reexport the module the tests' `../../milvus` resolves to, e.g. '@zilliz/milvus2-sdk-node'.
 * @param address `127.0.0.1:PORT` of the Milvus Lite started for this run.
 * @param depsDir directory whose `node_modules` has jest and ts-jest (see jest-deps.mjs).
 * @returns the jest config file to use, the edits made to SDK files (`{ file, before, after }`,
 *   one line each) and the files added that are not the SDK's.
 * @throws Error if `test/tools/ip.ts` no longer holds the address exactly once.
 */
export async function prepareRunDir({ sdkDir, runDir, reexport, address, depsDir, transpileOnly }) {
  await cp(sdkDir, runDir, { recursive: true });
  await symlink(join(depsDir, 'node_modules'), join(runDir, 'node_modules'), 'dir');
  const indexLine = `export * from '${reexport}';`;
  await mkdir(join(runDir, 'milvus'));
  await writeFile(join(runDir, 'milvus', 'index.ts'), `${indexLine}\n`);
  const added = [{ file: 'milvus/index.ts', note: indexLine }];
  let config = 'jest.config.js';
  if (transpileOnly) {
    config = 'jest.transpile-only.config.js';
    await writeFile(join(runDir, config), TRANSPILE_ONLY_CONFIG);
    added.push({ file: config, note: "the SDK's jest.config.js with ts-jest { diagnostics: false, isolatedModules }" });
  }
  const edits = [await pointTestsAt(runDir, address)];
  return { config, edits, added };
}

async function pointTestsAt(runDir, address) {
  const path = join(runDir, ADDRESS_FILE);
  const text = await readFile(path, 'utf8');
  const quoted = `'${SDK_ADDRESS}'`;
  const found = text.split(quoted).length - 1;
  if (found !== 1) {
    throw new Error(`${ADDRESS_FILE}: expected ${quoted} exactly once, found it ${found} times (pinned SDK changed?)`);
  }
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(quoted));
  const before = lines[index];
  const after = before.replace(quoted, `'${address}'`);
  lines[index] = after;
  await writeFile(path, lines.join('\n'));
  return { file: ADDRESS_FILE, before, after };
}
