/**
 * Finds or creates the Python interpreter that runs Milvus Lite.
 *
 * Order: an interpreter the caller names (option `python`, else env `MILVUS_LITE_PYTHON`), used as
 * is; otherwise the project-managed venv at env `MILVUS_WASM_VENV` or `<package root>/.venv`,
 * created on first use from `python/requirements.txt` and re-synced whenever that file changes.
 *
 * Python is run isolated (`-I`) from milvus-wasm's own directory: `python -m venv` and `python -m pip`
 * would otherwise import a `venv.py` or `pip.py` from the current directory (and honour PYTHONPATH and
 * the user's site-packages), running whatever code happens to sit there.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MilvusErrorCode, MilvusError } from '../errors.js';
import { withDirectoryLock } from './directory-lock.js';
import { packageRoot, requirementsFile } from './package-paths.js';
import { runCommand } from './run-command.js';

/** The interpreter to run Milvus Lite with, and where it came from (for error messages). */
export interface PythonEnv {
  python: string;
  /** `option python`, `MILVUS_LITE_PYTHON`, or `venv <dir>`. */
  source: string;
}

/** Options of {@link ensurePythonEnv}. */
export interface PythonEnvOptions {
  /** An interpreter that already has milvus-lite and pymilvus; skips the managed venv. */
  python?: string;
  /** Receives one line per step of a venv creation or update (minutes on a fresh machine). */
  onProgress?: (message: string) => void;
}

const MIN_PYTHON: readonly [number, number] = [3, 10];
/** Isolated mode: neither the working directory, nor PYTHON* variables, nor the user's site-packages. */
const ISOLATED = '-I';
const INSTALL_HINT =
  'Python 3.10+ with venv is required: apt-get install python3 python3-venv (Debian/Ubuntu), ' +
  'or set MILVUS_LITE_PYTHON to an interpreter that has milvus-lite and pymilvus';
/** Written into the venv after a successful install: a copy of the requirements it satisfies. */
const MARKER = 'milvus-wasm-requirements.txt';
/** pip downloads ~150 MB on a fresh machine; waiting for another process doing so may take as long. */
const LOCK_TIMEOUT_MS = 20 * 60_000;

function embeddedError(message: string, cause?: unknown): MilvusError {
  return new MilvusError(MilvusErrorCode.EmbeddedServer, message, cause === undefined ? {} : { cause });
}

/** The managed venv's directory: env `MILVUS_WASM_VENV`, else `<package root>/.venv`. */
export function managedVenvDir(): string {
  const fromEnv = process.env.MILVUS_WASM_VENV;
  return resolve(fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(packageRoot(), '.venv'));
}

/** The interpreter inside a venv. */
export function venvPython(venvDir: string): string {
  return process.platform === 'win32' ? join(venvDir, 'Scripts', 'python.exe') : join(venvDir, 'bin', 'python');
}

/**
 * Resolves the interpreter for Milvus Lite, creating or updating the managed venv if needed.
 * Concurrent callers, in this or other processes, wait for one creation rather than racing.
 * A named interpreter is not checked here; a missing one fails when the server starts.
 * @throws MilvusError (`EMBEDDED_SERVER_ERROR`) if no suitable Python exists or pip fails; the
 *   message says what to install, or ends with pip's last lines.
 */
export async function ensurePythonEnv(options: PythonEnvOptions = {}): Promise<PythonEnv> {
  if (options.python !== undefined) return { python: options.python, source: 'option python' };
  const fromEnv = process.env.MILVUS_LITE_PYTHON;
  if (fromEnv !== undefined && fromEnv !== '') return { python: fromEnv, source: 'MILVUS_LITE_PYTHON' };

  const venvDir = managedVenvDir();
  const env: PythonEnv = { python: venvPython(venvDir), source: `venv ${venvDir}` };
  const requirements = await readFile(requirementsFile(), 'utf8');
  if (await isInstalled(venvDir, requirements)) return env;

  const progress = options.onProgress ?? (() => {});
  await mkdir(dirname(venvDir), { recursive: true });
  await withDirectoryLock(
    `${venvDir}.lock`,
    LOCK_TIMEOUT_MS,
    (pid) => progress(`waiting for another process (pid ${pid}) that is setting up ${venvDir}`),
    async () => {
      if (await isInstalled(venvDir, requirements)) return;
      if (!existsSync(env.python)) await createVenv(venvDir, progress);
      await pipInstall(env.python, progress);
      await writeFile(join(venvDir, MARKER), requirements);
      progress(`Python environment ready at ${venvDir}`);
    },
  );
  return env;
}

async function isInstalled(venvDir: string, requirements: string): Promise<boolean> {
  try {
    const installed = await readFile(join(venvDir, MARKER), 'utf8');
    return installed === requirements && existsSync(venvPython(venvDir));
  } catch {
    return false;
  }
}

async function createVenv(venvDir: string, progress: (m: string) => void): Promise<void> {
  const base = await findBasePython();
  progress(`creating Python ${base.version} venv at ${venvDir} (${base.command} -m venv)`);
  const existed = existsSync(venvDir);
  const result = await runPython(base.command, ['-m', 'venv', venvDir]);
  if (result.code === 0) return;
  // A half-made venv (Debian without python3-venv leaves one without pip) would fail every later run.
  if (!existed) await rm(venvDir, { recursive: true, force: true });
  throw embeddedError(`${base.command} -m venv ${venvDir} failed (exit ${result.code}). ${INSTALL_HINT}.\n${result.tail}`);
}

async function pipInstall(python: string, progress: (m: string) => void): Promise<void> {
  const requirements = requirementsFile();
  progress(`installing Milvus Lite and pymilvus from ${requirements} (pip; ~150 MB on first run)`);
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];
  const result = await runPython(python, [...args, '-r', requirements], (line) => progress(`pip: ${line}`));
  if (result.code !== 0) {
    throw embeddedError(
      `pip install -r ${requirements} failed (exit ${result.code}) using ${python}; ` +
        `fix the cause below and retry, or delete the venv to start over:\n${result.tail}`,
    );
  }
}

/** Runs `python` isolated, from a directory of milvus-wasm's own rather than the caller's. */
function runPython(python: string, args: readonly string[], onLine?: (line: string) => void) {
  return runCommand(python, [ISOLATED, ...args], { cwd: packageRoot(), ...(onLine ? { onLine } : {}) });
}

/** The first of `python3`, `python` on PATH that is at least {@link MIN_PYTHON}. */
async function findBasePython(): Promise<{ command: string; version: string }> {
  const tooOld: string[] = [];
  for (const command of ['python3', 'python']) {
    const result = await runPython(command, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).catch(
      () => null,
    );
    if (result === null || result.code !== 0) continue;
    const version = result.tail.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return { command, version };
    tooOld.push(`${command} is ${version}`);
  }
  const found = tooOld.length > 0 ? ` (found: ${tooOld.join(', ')})` : ' (no python3 or python on PATH)';
  throw embeddedError(`${INSTALL_HINT}${found}.`);
}
