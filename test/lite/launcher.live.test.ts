/**
 * startMilvusLite against real `milvus-lite server` processes: readiness, sharing per data dir,
 * release, persistence across restarts and with pymilvus, and the errors a user can run into.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MilvusErrorCode, MilvusError } from '../../src/errors.js';
import { startMilvusLite } from '../../src/lite/index.js';
import { holdWithPymilvus, isListening, pymilvus } from './helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir('lite')));
afterEach(() => remove());

describe('startMilvusLite', () => {
  it('starts a server on a loopback port that pymilvus can talk to (in an empty folder given as its data dir)', async () => {
    await mkdir(join(dir, 'a.db'));
    const server = await startMilvusLite({ dbPath: join(dir, 'a.db') });
    try {
      expect(await readdir(join(dir, 'a.db'))).toContain('LOCK');
      expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(server.dataDir).toBe(join(dir, 'a.db'));
      expect(server.version).toMatch(/^milvus_lite-3\./);
      expect(await pymilvus('version', `http://${server.address}`)).toBe(server.version);
    } finally {
      await server.release();
    }
  });

  it('shares one server per data dir and stops it when the last handle is released', async () => {
    const [a, b] = await Promise.all([
      startMilvusLite({ dbPath: join(dir, 'shared.db') }),
      startMilvusLite({ dbPath: `${dir}/./shared.db` }),
    ]);
    const other = await startMilvusLite({ dbPath: join(dir, 'other.db') });
    expect(b.address).toBe(a.address);
    expect(other.address).not.toBe(a.address);

    await a.release();
    await a.release(); // idempotent: must not count as b's release
    expect(await isListening(a.address)).toBe(true);
    await b.release();
    expect(await isListening(a.address)).toBe(false);
    expect(await isListening(other.address)).toBe(true);
    await other.release();
    expect(await isListening(other.address)).toBe(false);
  });

  it('keeps data across release and restart, in the layout pymilvus opens as the same .db', async () => {
    const dbPath = join(dir, 'kept.db');
    const first = await startMilvusLite({ dbPath });
    expect(await pymilvus('insert', `http://${first.address}`, 'kept', '120')).toBe('120');
    await first.release();

    const second = await startMilvusLite({ dbPath });
    expect(await pymilvus('count', `http://${second.address}`, 'kept')).toBe('120');
    await second.release();

    // pymilvus' MilvusClient("kept.db") runs its own in-process server on the same directory.
    expect(await pymilvus('count', dbPath, 'kept')).toBe('120');
    const third = await startMilvusLite({ dbPath });
    expect(await pymilvus('count', `http://${third.address}`, 'kept')).toBe('120');
    await third.release();
  });

  it('says clearly when another process has the data dir open', async () => {
    const dbPath = join(dir, 'held.db');
    const holder = await holdWithPymilvus(dbPath);
    try {
      const error = await startMilvusLite({ dbPath }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MilvusError);
      expect((error as MilvusError).code).toBe(MilvusErrorCode.EmbeddedServer);
      expect((error as MilvusError).message).toContain(`${dbPath} is in use by another process`);
    } finally {
      holder.kill();
    }
  });

  it('names the interpreter when the python option does not exist', async () => {
    const error = await startMilvusLite({ dbPath: join(dir, 'x.db'), python: '/nonexistent/python3' }).catch((e) => e);
    expect(error).toBeInstanceOf(MilvusError);
    expect(error.code).toBe(MilvusErrorCode.EmbeddedServer);
    expect(error.message).toContain('cannot run the Python interpreter /nonexistent/python3 (from option python)');
  });

  it('says what to install when the interpreter lacks Milvus Lite', async () => {
    const bare = join(dir, 'bare-venv');
    execFileSync('python3', ['-m', 'venv', '--without-pip', bare]);
    const error = await startMilvusLite({ dbPath: join(dir, 'x.db'), python: join(bare, 'bin', 'python') }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(MilvusError);
    expect(error.message).toMatch(/cannot import (grpc|milvus_lite|pymilvus): run `.*-m pip install milvus-lite pymilvus`/);
  });

  it('uses MILVUS_LITE_PYTHON when no python option is given', async () => {
    const saved = process.env.MILVUS_LITE_PYTHON;
    process.env.MILVUS_LITE_PYTHON = '/nonexistent/from-env';
    try {
      const error = await startMilvusLite({ dbPath: join(dir, 'x.db') }).catch((e) => e);
      expect(error.message).toContain('/nonexistent/from-env (from MILVUS_LITE_PYTHON)');
    } finally {
      if (saved === undefined) delete process.env.MILVUS_LITE_PYTHON;
      else process.env.MILVUS_LITE_PYTHON = saved;
    }
  });

  it('refuses a data path that is a file', async () => {
    const dbPath = join(dir, 'old.db');
    await writeFile(dbPath, 'not a directory');
    await expect(startMilvusLite({ dbPath })).rejects.toThrow(`Milvus Lite data path ${dbPath} is a file`);
  });

  it('refuses a non-empty folder Milvus Lite did not create, and writes nothing into it', async () => {
    const dbPath = join(dir, 'notes.db');
    await mkdir(dbPath);
    await writeFile(join(dbPath, 'mine.txt'), 'the user\'s own file');
    const error = await startMilvusLite({ dbPath }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MilvusError', code: MilvusErrorCode.EmbeddedServer });
    expect((error as Error).message).toBe(
      `Milvus Lite data path ${dbPath} is a folder that is not a Milvus Lite data dir (no LOCK file; it holds "mine.txt"): ` +
        'give the path of a new .db, an empty folder, or one Milvus Lite created',
    );
    expect(await readdir(dbPath)).toEqual(['mine.txt']);
  });

  it('refuses a data path whose folder does not exist, and creates nothing (as pymilvus)', async () => {
    const dbPath = join(dir, 'missing', 'x.db');
    await expect(startMilvusLite({ dbPath })).rejects.toThrow(
      `Milvus Lite data path ${dbPath} cannot be created: its folder ${join(dir, 'missing')} does not exist`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects an empty dbPath before starting anything', async () => {
    await expect(startMilvusLite({ dbPath: '' })).rejects.toMatchObject({ code: MilvusErrorCode.InvalidInput, field: 'dbPath' });
  });
});
