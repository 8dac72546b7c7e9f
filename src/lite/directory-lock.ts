/**
 * A cross-process lock held as a directory: `mkdir` is atomic on every file system Node runs on,
 * so exactly one process creates it. The owner's pid is written inside, so a lock left behind by
 * a process that died (SIGKILL, power loss) is recognised and taken over instead of blocking forever.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MilvusErrorCode, MilvusError } from '../errors.js';

const POLL_MS = 500;
/** A lock (or break lock) directory without an owner this old was abandoned right after its mkdir. */
const ORPHAN_AGE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Who holds `lockDir`: a live pid (-1 while a new owner has not yet written it), null if the lock
 * is abandoned and may be taken over, or 'gone' if it was released meanwhile.
 */
async function liveOwner(lockDir: string): Promise<number | null | 'gone'> {
  const text = await readFile(join(lockDir, 'pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid)) return isAlive(pid) ? pid : null;
  // No pid (or a half-written one): its owner is between mkdir and writeFile, unless that was long ago.
  try {
    return Date.now() - (await stat(lockDir)).mtimeMs > ORPHAN_AGE_MS ? null : -1;
  } catch {
    return 'gone';
  }
}

/**
 * Removes an abandoned lock. Deciding and removing happen under a second lock (`<lockDir>.break`),
 * so a process that judged the old lock abandoned cannot remove the fresh lock another process
 * has taken since.
 */
async function removeIfAbandoned(lockDir: string): Promise<void> {
  const breaker = `${lockDir}.break`;
  try {
    await mkdir(breaker);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = await stat(breaker).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > ORPHAN_AGE_MS) await rm(breaker, { recursive: true, force: true });
    await sleep(POLL_MS / 5);
    return;
  }
  try {
    if ((await liveOwner(lockDir)) === null) await rm(lockDir, { recursive: true, force: true });
  } finally {
    await rm(breaker, { recursive: true, force: true });
  }
}

/**
 * Runs `fn` while holding the lock `lockDir`, waiting up to `timeoutMs` for another holder.
 * `onWait` is called once, with the holder's pid (or -1 if not yet known), when the lock is busy.
 * @throws MilvusError (`EMBEDDED_SERVER_ERROR`) when the lock stays busy past `timeoutMs`.
 */
export async function withDirectoryLock<T>(
  lockDir: string,
  timeoutMs: number,
  onWait: (ownerPid: number) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await liveOwner(lockDir);
    if (owner === 'gone') continue;
    if (owner === null) {
      await removeIfAbandoned(lockDir);
      continue;
    }
    if (Date.now() > deadline) {
      throw new MilvusError(
        MilvusErrorCode.EmbeddedServer,
        `timed out after ${timeoutMs} ms waiting for lock ${lockDir} held by pid ${owner}; ` +
          `if no such process is working on it, delete ${lockDir}`,
      );
    }
    if (!waited) onWait(owner);
    waited = true;
    await sleep(POLL_MS);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
