/**
 * Building the Go contender (`bench/go/`, the official Go SDK v2) for a run: `go build` into a temp dir,
 * once per run. Without a `go` on the PATH the Go cases are skipped with the reason; a failed build fails them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BENCH_DIR } from './children.js';

/** The built binary; or why the Go cases are skipped (no Go); or why they fail (a build error). */
export type GoBuild = { binary: string } | { skipped: string } | { error: string };

export function buildGoBench(): GoBuild {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { skipped: 'no `go` on the PATH: the Go SDK cases are skipped (install Go 1.24+ to run them)' };
  const binary = join(mkdtempSync(join(tmpdir(), 'milvus-wasm-bench-go-')), 'go-bench');
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: join(BENCH_DIR, 'go'), encoding: 'utf8' });
  if (build.status !== 0) return { error: `go build of bench/go failed (${version.stdout.trim()}):\n${build.stderr}` };
  return { binary };
}

/** Deletes the temp dir of a build (after the run). */
export function removeGoBuild(go: GoBuild | undefined): void {
  if (go && 'binary' in go) rmSync(dirname(go.binary), { recursive: true, force: true });
}
