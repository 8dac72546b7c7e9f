/**
 * Staging of SparseFloatVector rows (stage/sparse.ts): `{ index: value }` rows are read once, in a first
 * pass, into pairs in a region of the arena that grows as it fills; rows of the other forms are written in
 * the second pass. Columns that mix every form, nulls and rows of hundreds of entries (so the region grows
 * many times) must give the reference encoder's bytes on both engines, and a bad value must be reported
 * at the first bad row whatever its form, as if the rows were read in order.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest } from '../../src/index.js';
import type { FieldSchemaInput, InsertRequestInput } from '../../src/index.js';
import { referenceEncodeInsert } from '../helpers/reference-encoder.js';
import { failuresOnBothEngines } from './engine-failures.js';
import { toHex } from './hex.js';

const ENGINES = ['wasm', 'js'] as const;
const FIELDS: FieldSchemaInput[] = [
  { name: 'id', data_type: 'Int64', is_primary_key: true },
  { name: 's', data_type: 'SparseFloatVector', nullable: true },
];

/** Row r's entries: up to 300 distinct indices, not in ascending order, values exact in float32. */
function entries(r: number): [number, number][] {
  const n = (r * 37) % 301;
  return Array.from({ length: n }, (_, j) => [((j * 7919 + r * 13) % 100_003) * 3 + (j % 3), ((r + j) % 64) / 8 - 4]);
}

/** Row r of the column in one of the forms, by r: dict, { indices, values }, Map, pairs, typed lists or null. */
function sparseRow(r: number): unknown {
  const e = entries(r);
  switch (r % 7) {
    case 0:
    case 1:
    case 2:
      return Object.fromEntries(e.map(([i, v]) => [String(i), v]));
    case 3:
      return { indices: e.map(([i]) => i), values: e.map(([, v]) => v) };
    case 4:
      return new Map(e);
    case 5:
      return r % 2 === 0 ? null : e;
    default:
      return { indices: Uint32Array.from(e.map(([i]) => i)), values: Float32Array.from(e.map(([, v]) => v)) };
  }
}

function request(rows: readonly unknown[]): InsertRequestInput {
  return { collection_name: 'c', schema: { fields: FIELDS }, data: rows.map((s, id) => ({ id, s })) };
}

/** The reference encoder's bytes for the same rows, each given to it as a Map (the form it reads). */
function reference(rows: readonly unknown[]): string {
  const canon = rows.map((row) => {
    if (row === null || row instanceof Map) return row;
    if (Array.isArray(row)) return new Map(row as [number, number][]);
    const { indices, values } = row as { indices?: ArrayLike<number>; values?: ArrayLike<number> };
    if (indices && values) return new Map(Array.from(indices, (i, j) => [i, values[j]!]));
    return new Map(Object.entries(row as object).map(([k, v]) => [Number(k), v as number]));
  });
  return toHex(referenceEncodeInsert(request(canon)));
}

describe('sparse rows in every form, read into the arena', () => {
  it('mixed forms, nulls and long rows give the reference bytes on both engines', () => {
    const rows = Array.from({ length: 1500 }, (_, r) => sparseRow(r));
    const input = request(rows);
    const want = reference(rows);
    for (const engine of ENGINES) expect({ engine, bytes: toHex(encodeInsertRequest(input, { engine })) }).toEqual({ engine, bytes: want });
  });

  it('only `{ index: value }` rows, and the same rows after a long run of other forms', () => {
    const dicts = Array.from({ length: 400 }, (_, r) => Object.fromEntries(entries(r).map(([i, v]) => [String(i), v])));
    const csr = Array.from({ length: 400 }, (_, r) => ({ indices: entries(r).map(([i]) => i), values: entries(r).map(([, v]) => v) }));
    for (const rows of [dicts, [...csr, ...dicts], [...dicts, ...csr, ...dicts]]) {
      const input = request(rows);
      const want = reference(rows);
      for (const engine of ENGINES) expect({ engine, bytes: toHex(encodeInsertRequest(input, { engine })) }).toEqual({ engine, bytes: want });
    }
  });

  it('a bad `{ index: value }` row after a bad row of another form: the earlier row is named', () => {
    const rows = [{ 1: 0.5 }, { indices: [1, 2], values: [1] }, { 3: 0.5 }, { 4: 'x' }];
    for (const got of failuresOnBothEngines(request(rows))) {
      expect(got.row).toBe(1);
      expect(got.message).toMatch(/indices, values.*same length/);
    }
  });

  it('a bad `{ index: value }` row before a bad row of another form: the earlier row is named, with its entry', () => {
    const rows = [{ indices: [1], values: [1] }, { 5: 0.5, 6: '0.25', 7: 0.5 }, { indices: [1, 2], values: [1] }];
    for (const got of failuresOnBothEngines(request(rows))) {
      expect(got).toMatchObject({ row: 1, field: 's' });
      expect(got.message).toMatch(/sparse values to be numbers.*got "0\.25".*at entry 1/);
    }
  });

  it('a bad value deep into a long column of `{ index: value }` rows is named by row and entry', () => {
    const rows: unknown[] = Array.from({ length: 900 }, (_, r) => Object.fromEntries(entries(r).map(([i, v]) => [String(i), v])));
    const bad = rows[777] as Record<string, unknown>;
    const key = Object.keys(bad)[4]!;
    bad[key] = undefined;
    for (const got of failuresOnBothEngines(request(rows))) {
      expect(got.row).toBe(777);
      expect(got.message).toMatch(/sparse values to be numbers.*got undefined.*at entry 4/);
    }
    // The arena is usable again at once: the same rows mended encode as the reference does.
    bad[key] = 1.5;
    const input = request(rows);
    for (const engine of ENGINES) expect(toHex(encodeInsertRequest(input, { engine }))).toBe(reference(rows));
  });
});
