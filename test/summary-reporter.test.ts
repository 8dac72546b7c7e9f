/**
 * The closing `N passed, N failed` line is what CI reads: a run with a failing `afterAll` (after its
 * tests passed) must not read `0 failed`. Runs vitest on fixture files in a child process with only
 * the summary reporter.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function summaryOf(fixture: string): Promise<{ line: string; code: number }> {
  const args = ['vitest', 'run', '--root', ROOT, '--config', 'test/fixtures/reporter/vitest.config.ts', `test/fixtures/reporter/${fixture}`];
  const done = await run('npx', args, { cwd: ROOT, env: { ...process.env, CI: '1' } }).then(
    (r) => ({ out: r.stdout, code: 0 }),
    (e: { stdout: string; code: number }) => ({ out: e.stdout, code: e.code }),
  );
  const lines = done.out.trim().split('\n');
  return { line: lines[lines.length - 1]!, code: done.code };
}

describe('summary reporter', () => {
  it('counts a file whose afterAll throws after its tests passed as a failure', async () => {
    expect(await summaryOf('after-all-fails.fixture.ts')).toEqual({ line: '2 passed, 1 failed', code: 1 });
  }, 120_000);

  it('reads 0 failed when everything passed', async () => {
    expect(await summaryOf('all-pass.fixture.ts')).toEqual({ line: '1 passed, 0 failed', code: 0 });
  }, 120_000);
});
