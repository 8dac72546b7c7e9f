/**
 * The fuzz property: start from a valid random request and break it (junk values, junk rows,
 * prototype-polluting keys, junk columns, junk options and schema parameters), then encode it with
 * both engines. Every outcome must be a thrown `MilvusError` or bytes that protobufjs decodes, the
 * two engines must agree exactly (same bytes, or same error), and a known request encoded right
 * after must still come out byte-exact (no poisoned state).
 */
import fc from 'fast-check';
import { encodeInsertRequest, encodeUpsertRequest, MilvusError } from '../../src/index.js';
import type { UpsertRequestInput } from '../../src/index.js';
import { decodeInsert, decodeUpsert } from '../helpers/decode-request.js';
import { caseArb, type GeneratedCase } from './arbitraries.js';
import { columnsInput, rowsInput } from './request-forms.js';
import { toHex } from './hex.js';

const specialNumber = fc.constantFrom(
  NaN, Infinity, -Infinity, -0, 2 ** 53, -(2 ** 53) - 2, 2 ** 64, 1e308, -1.7976931348623157e308, 5e-324, 65520, 3.5e38,
  0.5, -1, 4294967295, 4294967296, 2147483648, 128, -129, 256, 1e21,
);
const specialBigint = fc.constantFrom(0n, -1n, 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n, 10n ** 30n, 255n);
const longString = fc.constantFrom('x'.repeat(100_000), '€'.repeat(30_000), '\ud800', 'a\udfffb', '𝄞'.repeat(2_000), '', '12abc', '{"a":', '1e3');
const protoKeyed = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": 1}, "1": 2}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  () => ({ toString: 1, valueOf: 'x', hasOwnProperty: null }),
  () => Object.create(null),
  () => Object.assign(Object.create(null), { 3: 1.5, 1: 2 }),
  () => ({ indices: [1, 1], values: [1] }),
  () => ({ indices: 'ab', values: 'cd' }),
  () => ({ length: 3, 0: 1, 1: 2, 2: 3 }),
).map((make) => make());
const typedJunk = fc.tuple(fc.constantFrom(Uint8Array, Int8Array, Uint16Array, Int32Array, Float32Array, Float64Array, BigInt64Array, Uint32Array), fc.nat(40))
  .map(([T, n]) => (T === BigInt64Array ? new BigInt64Array(n).fill(-3n) : new (T as Float64ArrayConstructor)(n).fill(-1.5)));
const sparseHuge = fc.constantFrom(() => new Array(200_000), () => Object.assign(new Array(50_000), { 7: 1 })).map((make) => make());
const oddValue = fc.constantFrom(Symbol('s'), () => 1, new Date(NaN), new Date(0), new Map([[1, 'a']]), new Set([1]), new DataView(new ArrayBuffer(4)), Promise.resolve(1), /re/);

/** Junk values of every kind, nested a little. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }) },
  { weight: 2, arbitrary: specialNumber },
  specialBigint,
  longString,
  protoKeyed,
  typedJunk,
  oddValue,
  sparseHuge,
  fc.array(fc.oneof(specialNumber, specialBigint, fc.constant(null), fc.constant(undefined), fc.string()), { maxLength: 6 }),
  fc.constant(undefined),
  fc.constant(null),
);

const junkKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'prototype', '$meta', '', 'pk', 'f0', 'f1', 'x_a'), fc.string({ maxLength: 6 }));
const OPTION_KEYS = ['collection_name', 'db_name', 'partition_name', 'schema_timestamp', 'partial_update', 'data', 'columns', 'schema'] as const;
const SCHEMA_ATTRS = ['dim', 'max_length', 'max_capacity', 'data_type', 'element_type', 'nullable', 'name', 'type_params', 'default_value', 'autoID', 'is_primary_key', 'is_function_output'] as const;

type Mutation =
  | { kind: 'cell'; row: number; field: number; value: unknown }
  | { kind: 'delete'; row: number; field: number }
  | { kind: 'row'; row: number; value: unknown }
  | { kind: 'key'; row: number; key: string; value: unknown }
  | { kind: 'option'; key: (typeof OPTION_KEYS)[number]; value: unknown }
  | { kind: 'schema'; field: number; attr: (typeof SCHEMA_ATTRS)[number]; value: unknown }
  | { kind: 'column'; field: number; value: unknown }
  | { kind: 'truncate'; field: number; by: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(9), field: fc.nat(9), value: junk }) },
  fc.record({ kind: fc.constant('delete' as const), row: fc.nat(9), field: fc.nat(9) }),
  fc.record({ kind: fc.constant('row' as const), row: fc.nat(9), value: junk }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('key' as const), row: fc.nat(9), key: junkKey, value: junk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('option' as const), key: fc.constantFrom(...OPTION_KEYS), value: junk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('schema' as const), field: fc.nat(9), attr: fc.constantFrom(...SCHEMA_ATTRS), value: junk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('column' as const), field: fc.nat(9), value: junk }) },
  fc.record({ kind: fc.constant('truncate' as const), field: fc.nat(9), by: fc.integer({ min: 1, max: 3 }) }),
);

/** A malformed request: a valid one in row or column form with 1 to 3 mutations applied. */
export interface FuzzCase {
  base: GeneratedCase;
  asColumns: boolean;
  mutations: Mutation[];
}

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  base: caseArb({ maxRows: 4, maxFields: 5 }),
  asColumns: fc.boolean(),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
});

/** Builds the malformed input from fresh copies (generated values are never modified in place). */
export function buildInput(c: FuzzCase): UpsertRequestInput {
  const base = c.asColumns ? columnsInput(c.base).input : rowsInput(c.base, 'variant');
  const input: Record<string, unknown> = { ...base };
  const schema = { ...c.base.schema, fields: c.base.schema.fields.map((f) => ({ ...f })) };
  input.schema = schema;
  const rows = Array.isArray(base.data) ? base.data.map((r) => ({ ...r })) : undefined;
  if (rows) input.data = rows;
  const columns = base.columns ? { ...base.columns } : undefined;
  if (columns) input.columns = columns;
  const names = schema.fields.map((f) => f.name);
  const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  for (const m of c.mutations) {
    switch (m.kind) {
      case 'cell': case 'delete': case 'key': {
        const row = rows && pick(rows, m.row);
        if (!row || typeof row !== 'object') break;
        const name = m.kind === 'key' ? m.key : pick(names, m.field)!;
        if (m.kind === 'delete') delete (row as Record<string, unknown>)[name];
        else (row as Record<string, unknown>)[name] = m.value;
        break;
      }
      case 'row':
        if (rows && rows.length > 0) rows[m.row % rows.length] = m.value as never;
        break;
      case 'option':
        input[m.key] = m.value;
        break;
      case 'schema': {
        const field = pick(schema.fields, m.field);
        if (field) (field as Record<string, unknown>)[m.attr] = m.value;
        break;
      }
      case 'column': {
        const name = pick(Object.keys(columns ?? {}), m.field);
        if (columns && name !== undefined) columns[name] = m.value;
        break;
      }
      case 'truncate': {
        const name = pick(Object.keys(columns ?? {}), m.field);
        const col = name === undefined ? undefined : columns![name];
        if (Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView))) {
          columns![name!] = (col as unknown as { slice(a: number, b: number): unknown }).slice(0, Math.max(0, (col as ArrayLike<unknown>).length - m.by));
        }
        break;
      }
    }
  }
  return input as unknown as UpsertRequestInput;
}

type Outcome = { bytes: string } | { error: { name: string; code: string; field?: string; row?: number; message: string } };

function outcome(op: 'insert' | 'upsert', input: UpsertRequestInput, engine: 'wasm' | 'js'): Outcome {
  let bytes: Uint8Array;
  try {
    bytes = op === 'upsert' ? encodeUpsertRequest(input, { engine }) : encodeInsertRequest(input, { engine });
  } catch (e) {
    if (!(e instanceof MilvusError)) {
      throw new Error(`[engine=${engine}] threw ${(e as Error)?.constructor?.name ?? typeof e}, not a MilvusError: ${(e as Error)?.message ?? String(e)}`);
    }
    return { error: { name: e.name, code: e.code, field: e.field, row: e.row, message: e.message } };
  }
  if (bytes.length > 0) {
    try {
      (op === 'upsert' ? decodeUpsert : decodeInsert)(bytes);
    } catch (e) {
      throw new Error(`[engine=${engine}] wrote bytes protobufjs cannot decode as an ${op} request: ${(e as Error).message}`);
    }
  }
  return { bytes: toHex(bytes) };
}

const KNOWN_INPUT = { collection_name: 'c', schema: { fields: [{ name: 'b', data_type: 'Bool' }] }, data: [{ b: true }, { b: false }, { b: true }] };
const KNOWN_BYTES = '1a 01 63 2a 0e 08 01 12 01 62 1a 07 0a 05 0a 03 01 00 01 38 03';

/** Counts of outcomes, so a test can tell the fuzz reached both errors and successful encodes. */
export const stats = { errors: 0, encoded: 0 };

/** The property: throws (with a description) when an invariant breaks. */
export function checkFuzzCase(c: FuzzCase): void {
  const op = c.base.op;
  const wasm = outcome(op, buildInput(c), 'wasm');
  const js = outcome(op, buildInput(c), 'js');
  if (JSON.stringify(wasm) !== JSON.stringify(js)) {
    throw new Error(`the engines disagree:\n  wasm: ${JSON.stringify(wasm).slice(0, 400)}\n  js:   ${JSON.stringify(js).slice(0, 400)}`);
  }
  if ('error' in wasm) stats.errors++;
  else stats.encoded++;
  if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error(`Object.prototype was polluted: ${Object.keys(Object.prototype).join(', ')}`);
  }
  for (const engine of ['wasm', 'js'] as const) {
    const after = toHex(encodeInsertRequest(KNOWN_INPUT, { engine }));
    if (after !== KNOWN_BYTES) throw new Error(`[engine=${engine}] a known request encodes wrongly after this case: ${after}`);
  }
}
