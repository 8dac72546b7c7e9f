/**
 * Re-entrant encoding: the caller's code that staging runs (a JSON value's `toJSON`, a getter of a row,
 * of a dynamic key or of a column, a proxy over the rows) calls `encodeInsertRequest` again before the
 * outer call is done. Every combination of hook, outer size, inner size and engines must give exactly
 * the bytes the same inputs give without nesting, for the outer and the inner call alike, or a clear
 * `MilvusError`; never a trap, a hang or other bytes. Sizes are chosen so the inner call grows the
 * memory far beyond what the outer one had staged.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest, InvalidInputError, MilvusError } from '../../src/index.js';
import type { CollectionSchemaInput, InsertRequestInput, Row } from '../../src/index.js';

type EngineName = 'wasm' | 'js';
const ENGINES: readonly EngineName[] = ['wasm', 'js'];
const DIM = 32;

const schema: CollectionSchemaInput = {
  enable_dynamic_field: true,
  fields: [
    { name: 'id', data_type: 'Int64', is_primary_key: true },
    { name: 'v', data_type: 'FloatVector', dim: DIM },
    { name: 'j', data_type: 'JSON' },
    { name: 't', data_type: 'VarChar', max_length: 64 },
  ],
};

const vector = (i: number) => Array.from({ length: DIM }, (_, k) => ((i * 31 + k) % 97) / 8);
const plainRow = (i: number): Row => ({ id: i, v: vector(i), j: { i, s: 'x'.repeat(i % 40) }, t: `t${i}`, extra: i * 2 });

/** Where the caller's code that re-enters the encoder sits. */
type Hook = 'json toJSON' | 'row getter' | 'dynamic key getter' | 'dynamic value toJSON' | 'column getter' | 'rows proxy';
const HOOKS: readonly Hook[] = ['json toJSON', 'row getter', 'dynamic key getter', 'dynamic value toJSON', 'column getter', 'rows proxy'];

/** The outer request: `rows` rows, with `reenter` called once from the hook (at row `at`). Same values either way. */
function outerRequest(rows: number, hook: Hook, reenter: (() => void) | undefined): InsertRequestInput {
  const at = rows >> 1;
  if (hook === 'column getter') {
    const columns: Record<string, unknown> = {
      id: Array.from({ length: rows }, (_, i) => i),
      j: Array.from({ length: rows }, (_, i) => ({ i })),
      t: Array.from({ length: rows }, (_, i) => `t${i}`),
    };
    const v = new Float32Array(rows * DIM).map((_, k) => (k % 97) / 8);
    Object.defineProperty(columns, 'v', { enumerable: true, get: () => (reenter?.(), v) });
    return { collection_name: 'outer', schema, columns };
  }
  const data = Array.from({ length: rows }, (_, i) => plainRow(i));
  if (reenter === undefined) return { collection_name: 'outer', schema, data };
  const row = data[at]!;
  const value = (key: string) => row[key];
  switch (hook) {
    case 'json toJSON': {
      const j = row.j as Record<string, unknown>;
      row.j = { toJSON: () => (reenter(), j) };
      break;
    }
    case 'row getter': {
      const v = value('v');
      Object.defineProperty(row, 'v', { enumerable: true, get: () => (reenter(), v) });
      break;
    }
    case 'dynamic key getter': {
      const extra = value('extra');
      Object.defineProperty(row, 'extra', { enumerable: true, get: () => (reenter(), extra) });
      break;
    }
    case 'dynamic value toJSON': {
      const extra = value('extra');
      row.extra = { toJSON: () => (reenter(), extra) };
      break;
    }
    case 'rows proxy': {
      let reads = 0;
      const proxy = new Proxy(data, {
        get(target, key, receiver) {
          // Once, on a later read of that row: staging reads each row several times, the first ones
          // before it uses the arena.
          if (key === String(at) && ++reads === 5) reenter();
          return Reflect.get(target, key, receiver);
        },
      });
      return { collection_name: 'outer', schema, data: proxy };
    }
  }
  return { collection_name: 'outer', schema, data };
}

function innerRequest(rows: number): InsertRequestInput {
  return { collection_name: 'inner', schema, data: Array.from({ length: rows }, (_, i) => plainRow(1000 + i)) };
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;

describe('an encode re-entered from the data it encodes', () => {
  const SIZES = { small: 3, large: 4_000 } as const;
  const cases: [Hook, keyof typeof SIZES, keyof typeof SIZES, EngineName, EngineName][] = [];
  for (const hook of HOOKS) {
    for (const outer of ['small', 'large'] as const) {
      for (const inner of ['small', 'large'] as const) {
        for (const outerEngine of ENGINES) for (const innerEngine of ENGINES) cases.push([hook, outer, inner, outerEngine, innerEngine]);
      }
    }
  }

  it.each(cases)('%s, %s outer, %s inner, outer %s, inner %s: both calls give their own exact bytes', (hook, outer, inner, outerEngine, innerEngine) => {
    const expectedOuter = encodeInsertRequest(outerRequest(SIZES[outer], hook, undefined), { engine: outerEngine });
    const expectedInner = encodeInsertRequest(innerRequest(SIZES[inner]), { engine: innerEngine });
    const innerResults: Uint8Array[] = [];
    const reenter = () => {
      innerResults.push(encodeInsertRequest(innerRequest(SIZES[inner]), { engine: innerEngine }));
    };
    const got = encodeInsertRequest(outerRequest(SIZES[outer], hook, reenter), { engine: outerEngine });
    expect(innerResults.length).toBeGreaterThan(0);
    for (const r of innerResults) expect(same(r, expectedInner)).toBe(true);
    expect(got.length).toBe(expectedOuter.length);
    expect(same(got, expectedOuter)).toBe(true);
  });

  it.each(ENGINES)('%s: three levels deep (the inner data re-enters too), upsert inside insert: every level exact', (engine) => {
    const level2 = { collection_name: 'level2', schema, data: [plainRow(7)] };
    const expected2 = encodeUpsertRequest(level2, { engine });
    let got2: Uint8Array | undefined;
    const level1 = innerRequest(SIZES.large);
    const expected1 = encodeInsertRequest(level1, { engine });
    const j = (level1.data as Row[])[10]!.j;
    (level1.data as Row[])[10]!.j = { toJSON: () => ((got2 = encodeUpsertRequest(level2, { engine })), j) };
    let got1: Uint8Array | undefined;
    const expected0 = encodeInsertRequest(outerRequest(SIZES.small, 'json toJSON', undefined), { engine });
    const got0 = encodeInsertRequest(outerRequest(SIZES.small, 'json toJSON', () => (got1 = encodeInsertRequest(level1, { engine }))), { engine });
    expect(same(got2!, expected2)).toBe(true);
    expect(same(got1!, expected1)).toBe(true);
    expect(same(got0, expected0)).toBe(true);
  });

  it.each(ENGINES)('%s: runaway recursion from toJSON ends in an InvalidInputError that says so, and the encoder works after', (engine) => {
    const request = (): InsertRequestInput => ({
      collection_name: 'loop', schema,
      data: [{ ...plainRow(1), j: { toJSON: () => encodeInsertRequest(request(), { engine }) } }],
    });
    let error: unknown;
    try {
      encodeInsertRequest(request(), { engine });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const messages: string[] = [];
    for (let e = error as Error | undefined; e instanceof Error; e = e.cause as Error | undefined) messages.push(e.message);
    expect(messages.join('\n')).toContain('was called from inside the data it encodes (a toJSON, getter or proxy) more than 8 levels deep');
    expect(messages[0]).toMatch(/^field "j", row 0: /);
    const again = innerRequest(SIZES.small);
    expect(same(encodeInsertRequest(again, { engine }), encodeInsertRequest(again, { engine: engine === 'js' ? 'wasm' : 'js' }))).toBe(true);
  });

  it.each(ENGINES)('%s: a nested call that fails leaves the outer call exact', (engine) => {
    const expected = encodeInsertRequest(outerRequest(SIZES.large, 'row getter', undefined), { engine });
    let inner: unknown;
    const got = encodeInsertRequest(outerRequest(SIZES.large, 'row getter', () => {
      try {
        encodeInsertRequest({ collection_name: 'bad', schema, data: [{ ...plainRow(1), v: [1] }] }, { engine });
      } catch (e) {
        inner = e;
      }
    }), { engine });
    expect(inner).toBeInstanceOf(MilvusError);
    expect(inner).toMatchObject({ field: 'v', row: 0 });
    expect(same(got, expected)).toBe(true);
  });
});
