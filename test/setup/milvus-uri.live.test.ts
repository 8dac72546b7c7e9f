/** The global setup hands every test file one reachable Milvus server, by inject() and by env. */
import { describe, expect, it, inject } from 'vitest';
import { pymilvus } from '../lite/helpers.js';

describe('global setup', () => {
  it('provides the URI of a running Milvus server to test workers', async () => {
    const uri = inject('milvusUri');
    expect(uri).toMatch(/^https?:\/\/[^/]+:\d+$/);
    expect(process.env.MILVUS_URI).toBe(uri);
    expect(await pymilvus('version', uri)).toMatch(/\S/);
  });
});
