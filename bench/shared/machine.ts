/** The facts RESULTS.md records about where and with what a run happened. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './children.js';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGB: number;
  /** 1-minute load average when the run started: other work on the machine skews the numbers. */
  loadAverage: number;
  os: string;
  node: string;
  packages: Record<string, string>;
  python: Record<string, string>;
  command: string;
}

const NODE_PACKAGES = ['@zilliz/milvus2-sdk-node', '@grpc/grpc-js', 'protobufjs', 'tinybench', 'assemblyscript', 'tsx'];

function cpuModel(): string {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) return m[1]!.trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function ownVersion(): string {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'assembly'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return `${version} (${commit}${dirty ? ', with uncommitted changes in src/ or assembly/' : ''})`;
  } catch {
    return version;
  }
}

const PYTHON_PROBE = `
import importlib.metadata as md, json, sys
out = {"python": sys.version.split()[0]}
for p in ("pymilvus", "milvus-lite", "grpcio", "protobuf", "numpy", "orjson"):
    try: out[p] = md.version(p)
    except md.PackageNotFoundError: out[p] = "not installed"
print(json.dumps(out))
`;

function pythonVersions(python: string | undefined): Record<string, string> {
  if (!python) return { python: 'not found' };
  try {
    return JSON.parse(execFileSync(python, ['-c', PYTHON_PROBE], { encoding: 'utf8' }));
  } catch (err) {
    return { python: `failed: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Collects the machine, versions and the command line of this run. */
export function describeMachine(argv: string[], python: string | undefined): Machine {
  const args = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  return {
    date: new Date().toISOString(),
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg()[0]!,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: { 'milvus-wasm': ownVersion(), ...Object.fromEntries(NODE_PACKAGES.map((p) => [p, packageVersion(p)])) },
    python: pythonVersions(python),
    command: `npm run bench${args ? ` -- ${args}` : ''}`,
  };
}
