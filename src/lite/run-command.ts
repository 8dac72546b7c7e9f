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

/**
 * Runs `command args` without a shell and resolves when it exits, whatever its exit code.
 * Rejects only when it could not be started at all (e.g. `ENOENT`: no such program).
 */
export function runCommand(
  command: string,
  args: readonly string[],
  onLine?: (line: string) => void,
  env: NodeJS.ProcessEnv = childEnv(),
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(25, onLine);
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => tail.push(c));
    child.stderr.on('data', (c: Buffer) => tail.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, tail: tail.text() }));
  });
}
