/**
 * Exports the pinned milvus-sdk-node commit's test suite, and the milvus-proto commit it pins as its
 * `proto` submodule, from git repositories the caller names (this machine and CI cannot reach
 * GitHub). Reads those repositories only; writes only into the destination directory.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from './options.mjs';

/** The milvus-sdk-node commit whose tests are run (the source of @zilliz/milvus2-sdk-node 3.0.x). */
export const SDK_COMMIT = 'cf62b33912f9813c27704d2176217c036f0514fe';

/**
 * What the suite needs from the SDK tree. Not `milvus/` (the SDK's source): each run replaces it
 * with a one-line re-export of the client under test.
 */
const SDK_PATHS = ['test', 'sdk.json', 'jest.config.js', 'tsconfig.json'];

const execGit = promisify(execFile);

async function git(repo, args) {
  const { stdout } = await execGit('git', ['-C', repo, ...args], { maxBuffer: 16 << 20 });
  return stdout.trim();
}

async function isGitRepo(dir) {
  return existsSync(dir) && (await git(dir, ['rev-parse', '--git-dir']).then(() => true, () => false));
}

async function requireCommit(repo, commit, what, flag) {
  if (!(await isGitRepo(repo))) {
    throw new UsageError(`${flag} ${repo}: expected a git checkout or bare clone of ${what}, found no git repository`);
  }
  const present = await git(repo, ['cat-file', '-e', `${commit}^{commit}`]).then(() => true, () => false);
  if (!present) {
    throw new UsageError(
      `${what} commit ${commit} (the pinned version) is not in ${repo}: fetch it there ` +
        `(git -C ${repo} fetch <remote> ${commit}) or pass ${flag} a clone that has it`,
    );
  }
}

/** The SDK checkout's own submodule, if it was initialised (a bare clone has none). */
async function submoduleRepo(sdkRepo) {
  const checkout = join(sdkRepo, 'proto');
  // Only with its own .git: an uninitialised submodule dir would otherwise resolve to the SDK repo.
  if (existsSync(join(checkout, '.git'))) return checkout;
  const gitDir = await git(sdkRepo, ['rev-parse', '--absolute-git-dir']);
  const module = join(gitDir, 'modules', 'proto');
  return existsSync(module) ? module : undefined;
}

/** `git archive COMMIT PATHS | tar -x -C DEST`, without a shell. */
async function extract(repo, commit, paths, dest) {
  await mkdir(dest, { recursive: true });
  const archive = spawn('git', ['-C', repo, 'archive', '--format=tar', commit, ...paths], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tar = spawn('tar', ['-x', '-C', dest], { stdio: ['pipe', 'ignore', 'pipe'] });
  archive.stdout.pipe(tar.stdin);
  const finished = (child, name) =>
    new Promise((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`${name} exited ${code}: ${stderr.trim()}`));
      });
    });
  await Promise.all([finished(archive, `git archive ${commit} in ${repo}`), finished(tar, `tar -x -C ${dest}`)]);
}

/**
 * Writes the pinned SDK's `test/`, `sdk.json`, `jest.config.js`, `tsconfig.json` and, under
 * `proto/`, its proto submodule's files into `dest`, exactly as committed.
 * @returns the commits and repositories used, for the report.
 * @throws UsageError when a repository is not a git repository, lacks its pinned commit, or no
 *   milvus-proto repository is given or found.
 */
export async function exportPinnedSdk({ sdkRepo, protoRepo }, dest) {
  await requireCommit(sdkRepo, SDK_COMMIT, 'milvus-sdk-node', '--sdk-repo');
  // The submodule pin recorded in the SDK commit itself, so the two can never drift apart.
  const protoCommit = await git(sdkRepo, ['rev-parse', `${SDK_COMMIT}:proto`]);
  const protoSource = protoRepo ?? (await submoduleRepo(sdkRepo));
  if (protoSource === undefined) {
    throw new UsageError(
      `the SDK's proto submodule (milvus-proto commit ${protoCommit}) is not initialised in ${sdkRepo}: ` +
        'pass --proto-repo DIR (a milvus-proto checkout or bare clone)',
    );
  }
  await requireCommit(protoSource, protoCommit, "milvus-proto (the SDK commit's proto submodule)", '--proto-repo');
  await extract(sdkRepo, SDK_COMMIT, SDK_PATHS, dest);
  await extract(protoSource, protoCommit, ['proto'], join(dest, 'proto'));
  return { sdkRepo, sdkCommit: SDK_COMMIT, protoRepo: protoSource, protoCommit };
}
