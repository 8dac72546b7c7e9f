/**
 * The packages the SDK's jest suite needs, installed once from npm into a cache directory outside
 * the project and reused by later runs.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The official SDK release the suite is compared against. */
export const OFFICIAL_SDK_VERSION = '3.0.6';

const MANIFEST = {
  name: 'milvus-wasm-sdk-suite-deps',
  private: true,
  dependencies: {
    '@types/jest': '^29.5.14',
    '@types/node': '^20.19.0',
    '@zilliz/milvus2-sdk-node': OFFICIAL_SDK_VERSION,
    jest: '^29.7.0',
    long: '^5.3.2',
    minio: '^8.0.7',
    'ts-jest': '^29.2.5',
    typescript: '~5.9.3',
  },
  // The SDK repo's own `resolutions` for thrift (a parquetjs dependency); without them jest fails.
  overrides: { thrift: '^0.23.0', uuid: '11.1.1' },
};

/**
 * Returns a directory whose `node_modules` holds jest, ts-jest and the official SDK, installing it
 * with npm on first use. The directory name carries a hash of the manifest, so a change to the
 * list above installs afresh; an interrupted install leaves only a `.partial-` directory behind.
 * @throws Error with npm's last output lines if the install fails.
 */
export async function ensureJestDeps(cacheRoot, log) {
  const manifest = `${JSON.stringify(MANIFEST, null, 2)}\n`;
  const dir = join(cacheRoot, `deps-${createHash('sha256').update(manifest).digest('hex').slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  await mkdir(cacheRoot, { recursive: true });
  const staging = await mkdtemp(`${dir}.partial-`);
  log(`installing jest and @zilliz/milvus2-sdk-node@${OFFICIAL_SDK_VERSION} into ${dir} (first run only)`);
  await writeFile(join(staging, 'package.json'), manifest);
  await npmInstall(staging);
  try {
    await rename(staging, dir);
  } catch (error) {
    // Another run finished the same install first: use that one.
    if (!existsSync(dir)) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

function npmInstall(cwd) {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk).slice(-4000));
    npm.stdout.on('data', keep);
    npm.stderr.on('data', keep);
    npm.once('error', reject);
    npm.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install in ${cwd} exited ${code}:\n${output.trim()}`)),
    );
  });
}
