/**
 * The copy floors: the numbers of a workload's input copied into typed arrays (strings to UTF-8, JSON
 * stringified), the least work any encoder must do on those JavaScript values. `workloads.ts` gives each
 * workload its own.
 */
import type { Columns, Row } from '../../src/index.js';
import * as gen from './data-gen.js';

/** Dense `number[]` vectors (W1, W4): ids and the vector values into typed arrays. */
export function copyDense(rows: Row[], dim: number): unknown {
  const ids = new Float64Array(rows.length);
  const out = new Float32Array(rows.length * dim);
  for (let r = 0, o = 0; r < rows.length; r++, o += dim) {
    ids[r] = rows[r]!.id as number;
    const v = rows[r]!.vector as number[];
    for (let j = 0; j < dim; j++) out[o + j] = v[j]!;
  }
  return [ids, out];
}

/** Binary vectors as `number[]` bytes (W3). */
export function copyBytes(rows: Row[], field: string, width: number): unknown {
  const ids = new Float64Array(rows.length);
  const out = new Uint8Array(rows.length * width);
  for (let r = 0, o = 0; r < rows.length; r++, o += width) {
    ids[r] = rows[r]!.id as number;
    const v = rows[r]![field] as number[];
    for (let j = 0; j < width; j++) out[o + j] = v[j]!;
  }
  return [ids, out];
}

/** `{ index: value }` sparse rows (W5). */
export function copySparse(rows: Row[]): unknown {
  const ids = new Float64Array(rows.length);
  const indices = new Uint32Array(rows.length * gen.SPARSE_NNZ);
  const values = new Float32Array(rows.length * gen.SPARSE_NNZ);
  let o = 0;
  for (let r = 0; r < rows.length; r++) {
    ids[r] = rows[r]!.id as number;
    const s = rows[r]!.sparse as Record<string, number>;
    // Object.keys is the fastest way to enumerate integer keys (for-in and Object.entries are slower).
    const keys = Object.keys(s);
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      indices[o] = +k;
      values[o++] = s[k]!;
    }
  }
  return [ids, indices, values];
}

/** `{ indices, values }` sparse rows (W5c). */
export function copySparseCsr(rows: Row[]): unknown {
  const ids = new Float64Array(rows.length);
  const indices = new Uint32Array(rows.length * gen.SPARSE_NNZ);
  const values = new Float32Array(rows.length * gen.SPARSE_NNZ);
  for (let r = 0; r < rows.length; r++) {
    ids[r] = rows[r]!.id as number;
    const s = rows[r]!.sparse as { indices: number[]; values: number[] };
    indices.set(s.indices, r * gen.SPARSE_NNZ);
    values.set(s.values, r * gen.SPARSE_NNZ);
  }
  return [ids, indices, values];
}

/** W2/W7: the vector copy plus UTF-8 of the titles and of the JSON (meta, and the extra keys as one object). */
export function copyMixed(rows: Row[], extraKeys: string[]): unknown {
  const [ids, vectors] = copyDense(rows, 128) as [Float64Array, Float32Array];
  const prices = new Float64Array(rows.length);
  const text = new Uint8Array(rows.length * 256);
  const encoder = new TextEncoder();
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    prices[r] = row.price as number;
    at += encoder.encodeInto(row.title as string, text.subarray(at)).written;
    at += encoder.encodeInto(JSON.stringify(row.meta), text.subarray(at)).written;
    if (extraKeys.length > 0) {
      const extra: Record<string, unknown> = {};
      for (const k of extraKeys) extra[k] = row[k];
      at += encoder.encodeInto(JSON.stringify(extra), text.subarray(at)).written;
    }
  }
  return [ids, vectors, prices, text.subarray(0, at)];
}

/** W2c: the typed columns copied, the titles to UTF-8 and the JSON stringified. */
export function copyMixedColumns(columns: Columns): unknown {
  const text = new Uint8Array((columns.title as string[]).length * 256);
  const encoder = new TextEncoder();
  let at = 0;
  for (const t of columns.title as string[]) at += encoder.encodeInto(t, text.subarray(at)).written;
  for (const m of columns.meta as unknown[]) at += encoder.encodeInto(JSON.stringify(m), text.subarray(at)).written;
  return [BigInt64Array.from(columns.id as BigInt64Array), Float32Array.from(columns.vector as Float32Array), Float64Array.from(columns.price as Float64Array), text.subarray(0, at)];
}
