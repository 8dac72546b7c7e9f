/** Runs a short-lived command (python -m venv, pip) to completion, streaming its output by line. */
import { spawn } from 'node:child_process';
import { childEnv } from './child-env.js';
import { OutputTail } from './output-tail.js';

/** How a command ended. */
export interface CommandResult {
  /** Exit code, or null if a signal ended it. */
  code: number | null;
  /** The last lines of its stdout and stderr, interleaved. */
  tail: string;
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  /** Receives each line of output as it comes. */
  onLine?: (line: string) => void;
  /** Working directory; the caller's by default. */
  cwd?: string;
  /** Environment; by default this process's, without the secrets a child must not see (see `childEnv`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `command args` without a shell and resolves when it exits, whatever its exit code.
 * Rejects only when it could not be started at all (e.g. `ENOENT`: no such program).
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(25, options.onLine);
    const child = spawn(command, args, { env: options.env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) });
    child.stdout.on('data', (c: Buffer) => tail.push(c));
    child.stderr.on('data', (c: Buffer) => tail.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, tail: tail.text() }));
  });
}
