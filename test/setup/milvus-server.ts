/**
 * Where the integration tests find their Milvus: the server the global setup started (provided as
 * `milvusUri`, also in `process.env.MILVUS_URI`), plus names that keep test files from colliding on it.
 */
import { inject } from 'vitest';

/** URI of the running Milvus. Throws (never skips) when the global setup did not provide one. */
export function milvusUri(): string {
  const uri = inject('milvusUri') || process.env.MILVUS_URI;
  if (!uri) throw new Error('no Milvus URI: the vitest global setup (test/setup/global-setup.ts) must provide `milvusUri`');
  return uri;
}

/** A collection name unique to this test run, e.g. `seed_mww5ojnc_pjf0y`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

/** The float32 values floats are stored as (what a FloatVector read returns). */
export function f32(values: readonly number[]): number[] {
  return values.map((v) => Math.fround(v));
}
