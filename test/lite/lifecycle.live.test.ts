/**
 * Embedded servers must not outlive the Node process that started them, however it ends:
 * a normal exit, a termination signal, or SIGKILL (where no handler runs at all).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMilvusLite } from '../../src/lite/index.js';
import { firstLine, runFixture, stopsListening } from './helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir('lite')));
afterEach(() => remove());

async function serverOfChild(mode: 'exit' | 'wait', dbPath: string) {
  const child = runFixture('hold-server.ts', [dbPath, mode]);
  const { address } = JSON.parse(await firstLine(child)) as { address: string };
  return { child, address };
}

describe('embedded server lifetime', () => {
  it.each([
    ['the process exits', 'exit', undefined],
    ['the process gets SIGTERM', 'wait', 'SIGTERM'],
    ['the process gets SIGINT', 'wait', 'SIGINT'],
    ['the process is SIGKILLed', 'wait', 'SIGKILL'],
  ] as const)('stops and frees the data dir when %s', async (_case, mode, signal) => {
    const dbPath = join(dir, 'owned.db');
    const { child, address } = await serverOfChild(mode, dbPath);
    if (signal !== undefined) child.kill(signal);
    expect(await stopsListening(address)).toBe(true);
    // The data dir's lock is free again: this process can take it over at once.
    const server = await startMilvusLite({ dbPath });
    expect(server.version).toMatch(/^milvus_lite-3\./);
    await server.release();
  });
});
