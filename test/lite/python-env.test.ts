/**
 * The managed venv: created on first use with visible progress, once, even when two processes ask
 * for it at the same moment and a crashed process left its lock behind. This installs the pinned
 * requirements for real (~15-60 s). Setting it up runs no Python code from the working directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MilvusError, MilvusErrorCode } from '../../src/errors.js';
import { ensurePythonEnv } from '../../src/lite/index.js';
import { allOutput, runFixture } from './helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => ({ dir, remove } = await tempDir('lite')));
afterAll(() => remove());

describe('managed Python venv', () => {
  it('is created once when two processes need it concurrently, and both can use it', async () => {
    const venv = join(dir, 'venv');
    const deadPid = spawnSync('true').pid!;
    await mkdir(`${venv}.lock`);
    await writeFile(join(`${venv}.lock`, 'pid'), String(deadPid));
    const env = { ...process.env, MILVUS_WASM_VENV: venv, MILVUS_LITE_PYTHON: '' };
    const outputs = await Promise.all([runFixture('ensure-venv.ts', [], env), runFixture('ensure-venv.ts', [], env)].map(allOutput));

    const creators = outputs.filter((o) => o.includes('progress: creating Python'));
    const waiters = outputs.filter((o) => o.includes('progress: waiting for another process'));
    expect(creators).toHaveLength(1);
    expect(waiters).toHaveLength(1);
    expect(creators[0]).toContain('progress: pip: ');
    for (const output of outputs) expect(output).toContain(`python: ${join(venv, 'bin', 'python')}\n`);

    const imported = execFileSync(join(venv, 'bin', 'python'), ['-c', 'import milvus_lite, pymilvus; print("ok")']);
    expect(imported.toString().trim()).toBe('ok');
    expect(existsSync(`${venv}.lock`)).toBe(false);

    // Once installed, a later call is a no-op: no progress at all.
    const again = await allOutput(runFixture('ensure-venv.ts', [], env));
    expect(again).toBe(`python: ${join(venv, 'bin', 'python')}\n`);
  }, 600_000);

  describe('runs no Python code from the working directory or PYTHONPATH', () => {
    let hostile: string;
    beforeAll(async () => {
      // Modules that leave a mark and fail, as a hostile checkout or download folder might hold them.
      hostile = join(dir, 'hostile-cwd');
      await mkdir(join(hostile, 'ensurepip'), { recursive: true });
      const trap = (name: string) => `open(${JSON.stringify(join(hostile, `ran-${name}`))}, "w").close()\nraise SystemExit(3)\n`;
      await writeFile(join(hostile, 'venv.py'), trap('venv'));
      await writeFile(join(hostile, 'pip.py'), trap('pip'));
      await writeFile(join(hostile, 'ensurepip', '__init__.py'), trap('ensurepip'));
      await writeFile(join(hostile, 'ensurepip', '__main__.py'), trap('ensurepip-main'));
      await mkdir(join(dir, 'no-wheels'));
    });

    /** `ensurePythonEnv` for `venv`, run from the hostile directory with it on PYTHONPATH; resolves with what it threw. */
    async function setUpFromHostileDir(venv: string): Promise<unknown> {
      const saved = { cwd: process.cwd(), env: { ...process.env } };
      // No package index: the real pip fails fast instead of downloading ~150 MB.
      Object.assign(process.env, { MILVUS_WASM_VENV: venv, MILVUS_LITE_PYTHON: '', PYTHONPATH: hostile, PIP_NO_INDEX: '1', PIP_FIND_LINKS: join(dir, 'no-wheels') });
      process.chdir(hostile);
      try {
        await ensurePythonEnv();
        return undefined;
      } catch (e) {
        return e;
      } finally {
        process.chdir(saved.cwd);
        for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
        Object.assign(process.env, saved.env);
      }
    }

    async function expectRealPipRan(error: unknown): Promise<void> {
      expect((await readdir(hostile)).filter((f) => f.startsWith('ran-'))).toEqual([]);
      expect(error).toBeInstanceOf(MilvusError);
      expect((error as MilvusError).code).toBe(MilvusErrorCode.EmbeddedServer);
      expect((error as Error).message).toMatch(/pip install -r .*requirements\.txt failed \(exit 1\)/);
      expect((error as Error).message).toMatch(/No matching distribution found|Could not find a version/);
    }

    it('pip: the venv exists, only pip runs', async () => {
      const venv = join(dir, 'premade-venv');
      execFileSync('python3', ['-I', '-m', 'venv', venv], { cwd: dir });
      await expectRealPipRan(await setUpFromHostileDir(venv));
    }, 300_000);

    it('venv: created by the real venv module with the real ensurepip, then pip runs', async () => {
      const venv = join(dir, 'new-venv');
      const error = await setUpFromHostileDir(venv);
      expect(existsSync(join(venv, 'bin', 'pip'))).toBe(true);
      await expectRealPipRan(error);
    }, 300_000);
  });
});
