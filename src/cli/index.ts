#!/usr/bin/env node
/**
 * The `milvus-wasm` command: `milvus-wasm ingest <file> --uri <uri> --collection <name> [options]`.
 * Exit codes: 0 every row landed, 1 a failure (with the account of rows printed), 2 a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseCommand, USAGE } from './args.js';
import { UsageError } from './errors.js';
import { ingestCommand, type Io } from './ingest-command.js';

/** Runs the CLI with `argv` (no `node`/script) and returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    if (cmd.command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (cmd.command === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    return await ingestCommand(cmd, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`milvus-wasm: ${e.message}\nRun \`milvus-wasm --help\` for the options.\n`);
      return 2;
    }
    io.stderr.write(`milvus-wasm: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // Built (dist/cli.js) and source (src/cli/index.ts) layouts differ by one level.
    }
  }
  return 'unknown';
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the loop alive, do not hang the shell.
setTimeout(() => process.exit(code), 2_000).unref();
