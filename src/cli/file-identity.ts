/**
 * The identity of an input file as a checkpoint records it: its path, size, modification time and a
 * SHA-256 of every byte. Row numbers in a checkpoint mean something only for the same bytes, so a resumed
 * run compares the hash (size and time alone miss an edit that keeps both, and refuse a mere `touch`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** A file's identity; `size` is the number of bytes hashed. */
export interface FileIdentity {
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
}

/** Reads the whole file once to hash it (about a second per GB). */
export async function fileIdentity(path: string): Promise<FileIdentity> {
  const { mtimeMs } = await stat(path);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path: resolve(path), size, mtime_ms: Math.trunc(mtimeMs), sha256: hash.digest('hex') };
}
