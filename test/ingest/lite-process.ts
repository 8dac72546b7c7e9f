/**
 * A Milvus Lite server of a test's own, as a child process it can SIGKILL (the launcher in `src/lite`
 * only stops servers gracefully). Same command line as the launcher, on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensurePythonEnv } from '../../src/lite/index.js';
import { pickFreePort } from '../../src/lite/free-port.js';
import { serverScript } from '../../src/lite/package-paths.js';
import { getVersion } from '../../src/lite/readiness.js';

export interface LiteProcess {
  uri: string;
  /** SIGKILL: no drain, no WAL close, no lock release by the server itself. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts Milvus Lite on `dataDir` and resolves once it answers GetVersion (within `timeoutMs`). */
export async function startLiteProcess(dataDir: string, timeoutMs = 90_000): Promise<LiteProcess> {
  const { python } = await ensurePythonEnv({ onProgress: () => undefined });
  const port = await pickFreePort();
  const address = `127.0.0.1:${port}`;
  const child = spawn(python, [serverScript(), 'server', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let output = '';
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  for (const deadline = Date.now() + timeoutMs; ; await sleep(150)) {
    if (gone) throw new Error(`Milvus Lite exited before it was ready:\n${output}`);
    try {
      await getVersion(address, 2_000);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Milvus Lite did not answer on ${address} within ${timeoutMs} ms:\n${output}`);
      }
    }
  }
  const signal = (child: ChildProcess, sig: NodeJS.Signals) => async () => {
    if (!gone) child.kill(sig);
    await exited;
  };
  return { uri: `http://${address}`, kill: signal(child, 'SIGKILL'), stop: signal(child, 'SIGTERM') };
}
