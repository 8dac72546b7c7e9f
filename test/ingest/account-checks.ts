/** Checks shared by the write tests: an account covers every row read exactly once. */
import { expect } from 'vitest';
import type { IngestAccount } from '../../src/index.js';

/** Asserts that landed, failed and in-doubt spans tile `[0, rows_read)`: no row lost, none counted twice. */
export function expectTiling(account: IngestAccount): void {
  const spans = [...account.landed, ...account.failed, ...account.in_doubt].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const s of spans) {
    expect(s.from, `span ${s.from}..${s.to} starts where the previous ended`).toBe(next);
    expect(s.to).toBeGreaterThan(s.from);
    next = s.to;
  }
  expect(next).toBe(account.rows_read);
  for (const s of account.landed) expect(s.ids).toHaveLength(s.to - s.from);
}
