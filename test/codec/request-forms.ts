/**
 * Turns a generated case (`arbitraries.ts`) into encoder inputs: rows in the forms our encoder
 * accepts or in the reference's plain forms, and the same data as columns.
 */
import type { Row, UpsertRequestInput } from '../../src/index.js';
import type { FieldSpec, GeneratedCase } from './arbitraries.js';


/** The request with rows: `variant` values for our encoder, `canon` values for the reference. */
export function rowsInput(c: GeneratedCase, form: 'variant' | 'canon'): UpsertRequestInput {
  const data = c.rows.map((r) => r[form]);
  return { ...c.options, schema: c.schema, data, ...(c.op === 'upsert' && c.partial ? { partial_update: true } : {}) };
}

/**
 * The same request as columns, each in a form picked by `columnStyle` (typed arrays, flat vector
 * columns, or plain arrays), and the canonical rows that encode identically (a flat Float32Array
 * column rounds float16/bfloat16 inputs to float32 first, so their canon values are rounded too).
 */
export function columnsInput(c: GeneratedCase): { input: UpsertRequestInput; canonRows: Row[] } {
  const canonRows = c.rows.map((r) => ({ ...r.canon }));
  const columns: Record<string, unknown> = {};
  c.specs.forEach((spec, i) => {
    if (!c.rows.some((r) => spec.name in r.variant) && (c.partial || spec.functionOutput || (spec.autoId && c.op === 'insert'))) return;
    const cells = c.rows.map((r) => r.variant[spec.name]);
    const canon = c.rows.map((r) => r.canon[spec.name]);
    const complete = cells.every((v) => v !== null && v !== undefined);
    const style = c.columnStyle[i];
    const column = complete && style > 0 ? typedColumn(spec, canon, style) : undefined;
    if (column === undefined) {
      columns[spec.name] = cells;
      return;
    }
    columns[spec.name] = column.column;
    if (column.canon) column.canon.forEach((v, r) => (canonRows[r][spec.name] = v));
  });
  for (const key of c.extras) columns[key] = c.rows.map((r) => r.variant[key]);
  const input: UpsertRequestInput = { ...c.options, schema: c.schema, columns, ...(c.op === 'upsert' && c.partial ? { partial_update: true } : {}) };
  return { input, canonRows };
}

function typedColumn(spec: FieldSpec, canon: unknown[], style: number): { column: unknown; canon?: unknown[] } | undefined {
  const numbers = canon as number[];
  switch (spec.kind) {
    case 'Int8': return { column: style === 1 ? Int8Array.from(numbers) : Float64Array.from(numbers) };
    case 'Int16': return { column: style === 1 ? Int16Array.from(numbers) : Float64Array.from(numbers) };
    case 'Int32': return { column: style === 1 ? Int32Array.from(numbers) : Float64Array.from(numbers) };
    case 'Int64': return { column: BigInt64Array.from(canon as bigint[]) };
    case 'Float': return { column: style === 1 ? Float32Array.from(numbers) : Float64Array.from(numbers) };
    case 'Double': return { column: Float64Array.from(numbers) };
    case 'FloatVector': {
      const flat = Float32Array.from((canon as number[][]).flat());
      return style === 1 ? { column: flat } : { column: (canon as number[][]).map((r) => Float32Array.from(r)) };
    }
    case 'BinaryVector': return { column: concatBytes(canon as Uint8Array[]) };
    case 'Float16Vector':
    case 'BFloat16Vector': {
      if (spec.raw) return { column: concatBytes(canon as Uint8Array[]) };
      const flat = Float32Array.from((canon as number[][]).flat());
      const rounded = (canon as number[][]).map((_, r) => Array.from(flat.subarray(r * spec.dim, (r + 1) * spec.dim)));
      return { column: flat, canon: rounded };
    }
    case 'Int8Vector': {
      const flat = Int8Array.from((canon as number[][]).flat());
      return { column: style === 1 ? flat : new Uint8Array(flat.buffer) };
    }
    default:
      return undefined;
  }
}

function concatBytes(rows: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(rows.reduce((n, r) => n + r.length, 0));
  let o = 0;
  for (const r of rows) {
    out.set(r, o);
    o += r.length;
  }
  return out;
}
