/**
 * The managed venv: created on first use with visible progress, once, even when two processes ask
 * for it at the same moment and a crashed process left its lock behind. This installs the pinned
 * requirements for real (~15-60 s).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
