/**
 * Checks shared by the write tests: what reached the sink is, field by field, what the test sent; an
 * account covers every row read exactly once.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { DataType, type IngestAccount } from '../../src/index.js';
import { rowsOf, type WriteCall } from '../fakes/write-sink.js';
import type { WireValue } from '../helpers/request-rows.js';

/** A wire `FieldSchema` as the tests describe their sink's collection with. */
export interface SinkField {
  name: string;
  data_type: number;
  is_primary_key?: boolean;
  autoID?: boolean;
  nullable?: boolean;
}

/** Rows `[from, to)` of the input. */
export interface Span {
  from: number;
  to: number;
}

/** A sent value in the form `requestRows` gives a received one (see `WireValue`). */
function expectedValue(field: SinkField, value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  switch (field.data_type) {
    case DataType.Int64:
      return BigInt(value as bigint | number | string);
    case DataType.Float:
      return Math.fround(value as number);
    case DataType.Double:
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.Bool:
    case DataType.VarChar:
      return value as WireValue;
    case DataType.FloatVector:
      return Float32Array.from(value as ArrayLike<number>);
    default:
      throw new Error(`write-checks: field "${field.name}" of type ${field.data_type} is not supported`);
  }
}

/** Equal as stored: vectors bit for bit (so -0 is not 0), int64 exactly, anything else deeply. */
function sameValue(a: WireValue, b: WireValue): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  return typeof a === 'number' && typeof b === 'number' ? Object.is(a, b) : isDeepStrictEqual(a, b);
}

/** Where a received value differs from the sent one: the first differing element of two vectors, else both values. */
function difference(got: WireValue | undefined, sent: WireValue): string {
  if (ArrayBuffer.isView(got) && ArrayBuffer.isView(sent) && got.length === sent.length) {
    const a = got as ArrayLike<number>;
    const b = sent as ArrayLike<number>;
    let i = 0;
    while (i < a.length && Object.is(a[i], b[i])) i++;
    return `element ${i} of ${a.length}: got ${a[i]}, sent ${b[i]}`;
  }
  return `got ${show(got)}, sent ${show(sent)}`;
}

function show(v: WireValue | undefined): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v.slice(0, 6) as ArrayLike<number>).join(', ')}${v.length > 6 ? ', ...' : ''}] (${v.length})`;
  if (typeof v === 'bigint') return `${v}n`;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

/**
 * Decodes every Insert/Upsert in `calls` and checks each row it carried, every field, against the row
 * the test sent at that position of its input: `sent(i)` is input row `i`, and `indexOf` places a
 * received row (default: its `id`, the tests' keys being their positions). Each call must carry
 * consecutive input rows, exactly the fields of `fields` that callers give (an auto-id key only if sent),
 * and its `num_rows`. Returns the span of input rows each call carried, in call order.
 */
export function expectRowsAsSent(calls: WriteCall[], sent: (index: number) => Record<string, unknown>, fields: SinkField[],
  indexOf: (row: Record<string, WireValue>) => number = (row) => Number(row.id)): Span[] {
  const problems: string[] = [];
  const spans = calls.map((call, c) => {
    const { rows, numRows } = rowsOf(call);
    const where = `call ${c} (${call.method})`;
    if (numRows !== call.numRows || numRows === 0) problems.push(`${where}: num_rows ${numRows}, ${call.numRows} by the wire walk`);
    const from = rows.length > 0 ? indexOf(rows[0]!) : 0;
    rows.forEach((got, k) => {
      const at = from + k;
      if (indexOf(got) !== at) problems.push(`${where}, row ${k}: carries input row ${indexOf(got)}, expected ${at} (rows must be consecutive)`);
      const row = sent(at);
      const expected = fields.filter((f) => !(f.autoID && row[f.name] === undefined));
      const names = Object.keys(got).sort();
      if (!isDeepStrictEqual(names, expected.map((f) => f.name).sort())) problems.push(`${where}, input row ${at}: fields [${names}], expected [${expected.map((f) => f.name)}]`);
      for (const f of expected) {
        const want = expectedValue(f, row[f.name]);
        if (!sameValue(got[f.name] ?? null, want)) problems.push(`${where}, input row ${at}, field "${f.name}": ${difference(got[f.name], want)}`);
      }
    });
    return { from, to: from + rows.length };
  });
  expect(problems.slice(0, 20), `${problems.length} difference(s) between the rows sent and the rows received`).toEqual([]);
  return spans;
}

/** Asserts that `spans` tile `[0, n)`: every input row sent exactly once, none lost. */
export function expectEveryRowOnce(spans: Span[], n: number): void {
  let next = 0;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    expect(s.from, `span ${s.from}..${s.to} starts where the previous ended`).toBe(next);
    next = s.to;
  }
  expect(next).toBe(n);
}

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
