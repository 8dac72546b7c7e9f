/**
 * Stops every embedded server child when this process ends: on normal exit, and on SIGINT, SIGTERM
 * or SIGHUP. The children stop gracefully on SIGTERM (see python/milvus_lite_server.py), and also
 * stop by themselves when their stdin closes, which covers a SIGKILL of this process.
 */
import type { ChildProcess } from 'node:child_process';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const children = new Set<ChildProcess>();
let installed = false;

function stopAll(): void {
  for (const child of children) child.kill('SIGTERM');
}

function onSignal(signal: NodeJS.Signals): void {
  stopAll();
  // Our listener replaced Node's default of dying on the signal; restore it if nobody else decides.
  if (process.listenerCount(signal) === 1) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  }
}

/** Registers a child to be stopped when this process ends; forgotten again once it exits. */
export function trackChild(child: ChildProcess): void {
  if (!installed) {
    installed = true;
    process.once('exit', stopAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
}
