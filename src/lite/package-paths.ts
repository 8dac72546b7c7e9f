/**
 * Where milvus-wasm's own files are on disk, whether this code runs from `src/` (tests, tsx) or from
 * the bundled `dist/` (ESM or CJS), and whether the package is the project itself or an installed
 * dependency under `node_modules/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MilvusErrorCode, MilvusError } from '../errors.js';

const PACKAGE_NAME = 'milvus-wasm';

function moduleDir(): string {
  // CJS bundles have __dirname; ESM has import.meta.url. Only the branch that exists is evaluated.
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

function isOurPackageJson(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

let cachedRoot: string | undefined;

/**
 * The directory holding milvus-wasm's `package.json`.
 * @throws MilvusError (`EMBEDDED_SERVER_ERROR`) if there is none above this module (a broken install).
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  for (let dir = moduleDir(); ; dir = dirname(dir)) {
    if (isOurPackageJson(join(dir, 'package.json'))) return (cachedRoot = dir);
    if (dirname(dir) === dir) break;
  }
  throw new MilvusError(MilvusErrorCode.EmbeddedServer, `expected the ${PACKAGE_NAME} package.json above ${moduleDir()}, found none`);
}

/** `python/requirements.txt`: the pinned Python packages of the managed venv. */
export function requirementsFile(): string {
  return join(packageRoot(), 'python', 'requirements.txt');
}

/** `python/milvus_lite_server.py`: runs `milvus-lite server` and stops when its parent dies. */
export function serverScript(): string {
  return join(packageRoot(), 'python', 'milvus_lite_server.py');
}
