/**
 * fast-check generators for the codec's property tests: random collection schemas (every field
 * type, nullable and default flags, dims, limits, dynamic fields, auto-id and function-output
 * fields) and random valid rows for them.
 *
 * Every generated value comes as a pair: `variant`, one of the forms our encoder accepts (bigint,
 * number or string for Int64; Date or string for Timestamptz; number[], Float32Array or
 * Float64Array for vectors; objects, Maps, pairs or {indices, values} for sparse rows...), and
 * `canon`, the same value in the plain form the reference encoder takes. Both must encode to the
 * same bytes.
 */
import fc from 'fast-check';
import type { CollectionSchemaInput, FieldSchemaInput, Row } from '../../src/index.js';

export type Kind =
  | 'Bool' | 'Int8' | 'Int16' | 'Int32' | 'Int64' | 'Float' | 'Double' | 'VarChar' | 'Text' | 'JSON' | 'Geometry'
  | 'Timestamptz' | 'Array' | 'FloatVector' | 'BinaryVector' | 'Float16Vector' | 'BFloat16Vector' | 'Int8Vector'
  | 'SparseFloatVector';

export const SCALAR_KINDS: Kind[] = ['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar', 'Text', 'JSON', 'Geometry', 'Timestamptz', 'Array'];
export const VECTOR_KINDS: Kind[] = ['FloatVector', 'BinaryVector', 'Float16Vector', 'BFloat16Vector', 'Int8Vector', 'SparseFloatVector'];
export const ELEMENT_KINDS: Kind[] = ['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar'];

/** One field of a generated schema and what its values look like. */
export interface FieldSpec {
  name: string;
  kind: Kind;
  /** Missing and null values are allowed (nullable or with a default value). */
  optional: boolean;
  dim: number;
  /** VarChar (or Array<VarChar> element) limit in UTF-8 bytes; 0 = none. */
  maxLength: number;
  element: Kind;
  maxCapacity: number;
  /** Float16/BFloat16 vectors: all rows raw bytes, or all rows numbers. */
  raw: boolean;
  isPk: boolean;
  autoId: boolean;
  /** A server-side function output: never given by callers. */
  functionOutput: boolean;
  schema: FieldSchemaInput;
}

/** A value as our encoder gets it (`variant`) and as the reference encoder gets it (`canon`). */
export interface Pair {
  variant: unknown;
  canon: unknown;
}

/** A generated request: schema, rows in both forms, and the request options. */
export interface GeneratedCase {
  schema: CollectionSchemaInput;
  specs: FieldSpec[];
  /** Keys outside the schema (dynamic fields), in the order rows and columns list them. */
  extras: string[];
  rows: { variant: Row; canon: Row }[];
  op: 'insert' | 'upsert';
  partial: boolean;
  options: { collection_name: string; db_name?: string; partition_name?: string; schema_timestamp?: number | bigint | string };
  /** Per-field choice of column form, used by `columnsInput`. */
  columnStyle: number[];
}

// ---------------------------------------------------------------- schemas

const kindArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SCALAR_KINDS) },
  { weight: 2, arbitrary: fc.constantFrom(...VECTOR_KINDS) },
);

interface RawSpec {
  kind: Kind;
  nullable: boolean;
  withDefault: boolean;
  dim: number;
  maxLength: number;
  element: Kind;
  maxCapacity: number;
  raw: boolean;
  paramStyle: 'direct' | 'kv' | 'object';
  typeStyle: 'name' | 'number' | 'lower';
  unicodeName: boolean;
}

const rawSpecArb = (maxDim: number): fc.Arbitrary<RawSpec> => fc.record({
  kind: kindArb,
  nullable: fc.boolean(),
  withDefault: fc.boolean(),
  dim: fc.integer({ min: 1, max: maxDim }),
  maxLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 })),
  element: fc.constantFrom(...ELEMENT_KINDS),
  maxCapacity: fc.integer({ min: 1, max: 5 }),
  raw: fc.boolean(),
  paramStyle: fc.constantFrom('direct', 'kv', 'object'),
  typeStyle: fc.constantFrom('name', 'number', 'lower'),
  unicodeName: fc.boolean(),
});

const TYPE_NUMBER: Record<Kind, number> = {
  Bool: 1, Int8: 2, Int16: 3, Int32: 4, Int64: 5, Float: 10, Double: 11, VarChar: 21, Array: 22, JSON: 23,
  Geometry: 24, Text: 25, Timestamptz: 26, BinaryVector: 100, FloatVector: 101, Float16Vector: 102,
  BFloat16Vector: 103, SparseFloatVector: 104, Int8Vector: 105,
};

function dataType(kind: Kind, style: RawSpec['typeStyle']): string | number {
  return style === 'number' ? TYPE_NUMBER[kind] : style === 'lower' ? kind.toLowerCase() : kind;
}

function toSpec(raw: RawSpec, index: number): FieldSpec {
  const name = raw.unicodeName ? `f${index}_é` : `f${index}`;
  const kind = raw.kind;
  const isVector = VECTOR_KINDS.includes(kind);
  const dim = kind === 'BinaryVector' ? 8 * raw.dim : kind === 'SparseFloatVector' || !isVector ? 0 : raw.dim;
  const optional = raw.nullable || (!isVector && raw.withDefault);
  const usesLength = kind === 'VarChar' || (kind === 'Array' && raw.element === 'VarChar');
  const maxLength = usesLength ? raw.maxLength : 0;
  const params: Record<string, number> = {};
  if (dim > 0) params.dim = dim;
  if (maxLength > 0) params.max_length = maxLength;
  if (kind === 'Array') params.max_capacity = raw.maxCapacity;
  const schema: FieldSchemaInput = { name, data_type: dataType(kind, raw.typeStyle) };
  if (kind === 'Array') schema.element_type = dataType(raw.element, raw.typeStyle);
  if (raw.paramStyle === 'direct') Object.assign(schema, params);
  else if (raw.paramStyle === 'kv') schema.type_params = Object.entries(params).map(([key, value]) => ({ key, value: String(value) }));
  else schema.type_params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (raw.nullable) schema.nullable = true;
  if (!isVector && raw.withDefault) schema.default_value = kind === 'Bool' ? false : kind === 'Int64' ? { data: 'long_data', long_data: '0' } : 1;
  return {
    name, kind, optional, dim, maxLength, element: raw.element, maxCapacity: raw.maxCapacity, raw: raw.raw,
    isPk: false, autoId: false, functionOutput: false, schema,
  };
}

/**
 * A random schema: a primary key, up to `maxFields` other fields (vector dims up to `maxDim`; binary
 * vectors 8x that in bits), maybe dynamic fields and a function output.
 */
export function specsArb(maxFields = 7, maxDim = 12): fc.Arbitrary<{ specs: FieldSpec[]; dynamic: boolean }> {
  return fc
    .record({
      pkKind: fc.constantFrom<Kind>('Int64', 'VarChar'),
      autoId: fc.boolean(),
      fields: fc.array(rawSpecArb(maxDim), { maxLength: maxFields }),
      dynamic: fc.boolean(),
      functionOutput: fc.boolean(),
    })
    .map(({ pkKind, autoId, fields, dynamic, functionOutput }) => {
      const pkAuto = autoId && pkKind === 'Int64';
      const pk: FieldSpec = {
        name: 'pk', kind: pkKind, optional: false, dim: 0, maxLength: pkKind === 'VarChar' ? 16 : 0, element: 'Bool', maxCapacity: 0,
        raw: false, isPk: true, autoId: pkAuto, functionOutput: false,
        schema: { name: 'pk', data_type: pkKind, is_primary_key: true, ...(pkAuto ? { autoID: true } : {}), ...(pkKind === 'VarChar' ? { max_length: 16 } : {}) },
      };
      const specs = [pk, ...fields.map((f, i) => toSpec(f, i))];
      if (functionOutput) {
        specs.push({
          name: 'bm25', kind: 'SparseFloatVector', optional: false, dim: 0, maxLength: 0, element: 'Bool', maxCapacity: 0, raw: false,
          isPk: false, autoId: false, functionOutput: true, schema: { name: 'bm25', data_type: 'SparseFloatVector', is_function_output: true },
        });
      }
      return { specs, dynamic };
    });
}

// ---------------------------------------------------------------- values

const same = (v: unknown): Pair => ({ variant: v, canon: v });
const f32Double = fc.oneof(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.integer({ min: -1000, max: 1000 }));
const halfDouble = fc.oneof(fc.double({ min: -65519, max: 65519, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -2048, max: 2048 }));
const bf16Double = fc.oneof(fc.double({ min: -3.38e38, max: 3.38e38, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));
const INT_RANGE: Partial<Record<Kind, [number, number]>> = { Int8: [-128, 127], Int16: [-32768, 32767], Int32: [-2147483648, 2147483647] };

/** The longest prefix of `s` (whole code points) of at most `limit` UTF-8 bytes; `limit` 0 = any. */
function fitBytes(s: string, limit: number): string {
  if (limit === 0) return s;
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const n = new TextEncoder().encode(ch).length;
    if (bytes + n > limit) break;
    bytes += n;
    out += ch;
  }
  return out;
}

function stringArb(limit: number): fc.Arbitrary<string> {
  return fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 })).map((s) => fitBytes(s, limit));
}

function int64Arb(): fc.Arbitrary<Pair> {
  const big = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -1000n, max: 1000n }));
  return fc.tuple(big, fc.constantFrom('bigint', 'string', 'number')).map(([b, style]) => ({
    variant: style === 'string' ? b.toString() : style === 'number' && Number.isSafeInteger(Number(b)) ? Number(b) : b,
    canon: b,
  }));
}

function elementArb(kind: Kind, maxLength: number): fc.Arbitrary<Pair> {
  switch (kind) {
    case 'Bool': return fc.boolean().map(same);
    case 'Int8': case 'Int16': case 'Int32': {
      const [min, max] = INT_RANGE[kind]!;
      return fc.integer({ min, max }).map(same);
    }
    case 'Int64': return int64Arb();
    case 'Float': return f32Double.map(same);
    case 'Double': return fc.double({ noNaN: true, noDefaultInfinity: true }).map(same);
    default: return stringArb(maxLength).map(same);
  }
}

const TYPED_ELEMENTS: Partial<Record<Kind, (canon: unknown[]) => ArrayLike<unknown>>> = {
  Int8: (c) => Int8Array.from(c as number[]),
  Int16: (c) => Int16Array.from(c as number[]),
  Int32: (c) => Int32Array.from(c as number[]),
  Int64: (c) => BigInt64Array.from(c as bigint[]),
  Float: (c) => Float32Array.from(c as number[]),
  Double: (c) => Float64Array.from(c as number[]),
};

function arrayArb(spec: FieldSpec): fc.Arbitrary<Pair> {
  const typed = TYPED_ELEMENTS[spec.element];
  return fc
    .tuple(fc.array(elementArb(spec.element, spec.maxLength), { maxLength: spec.maxCapacity }), fc.boolean())
    .map(([elements, useTyped]) => {
      const canon = elements.map((e) => e.canon);
      if (typed && useTyped) {
        const t = typed(canon);
        return { variant: t, canon: Array.from(t as ArrayLike<unknown>) };
      }
      return { variant: elements.map((e) => e.variant), canon };
    });
}

/** A dense numeric row as number[], Float32Array or Float64Array; canon is its numbers. */
function numericRow(values: fc.Arbitrary<number>, dim: number): fc.Arbitrary<Pair> {
  return fc.tuple(fc.array(values, { minLength: dim, maxLength: dim }), fc.constantFrom('array', 'f32', 'f64')).map(([v, style]) => {
    const variant = style === 'f32' ? Float32Array.from(v) : style === 'f64' ? Float64Array.from(v) : v;
    return { variant, canon: Array.from(variant) };
  });
}

function sparseArb(): fc.Arbitrary<Pair> {
  const index = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 4294967294 }));
  const entries = fc.uniqueArray(fc.tuple(index, f32Double), { selector: (e) => e[0], maxLength: 6 });
  return fc.tuple(entries, fc.constantFrom('object', 'map', 'pairs', 'lists', 'typed')).map(([pairs, style]) => {
    const canon = new Map(pairs);
    let variant: unknown;
    if (style === 'object') variant = Object.fromEntries(pairs.map(([i, v]) => [String(i), v]));
    else if (style === 'map') variant = new Map(pairs);
    else if (style === 'pairs') variant = pairs.map(([i, v]) => [i, v]);
    else if (style === 'lists') variant = { indices: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) };
    else variant = { indices: Uint32Array.from(pairs.map((p) => p[0])), values: Float64Array.from(pairs.map((p) => p[1])) };
    return { variant, canon };
  });
}

const jsonArb: fc.Arbitrary<Pair> = fc.oneof(
  // null is not a JSON value here: it marks a missing value, and strings are JSON text (below)
  fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string' && v !== null).map(same),
  fc.json({ maxDepth: 2 }).map(same),
);

/** Values of one field (never null). */
export function valueArb(spec: FieldSpec): fc.Arbitrary<Pair> {
  switch (spec.kind) {
    case 'Bool': case 'Int8': case 'Int16': case 'Int32': case 'Int64': case 'Float': case 'Double':
      return elementArb(spec.kind, 0);
    case 'VarChar': case 'Text':
      return stringArb(spec.maxLength).map(same);
    case 'JSON':
      return jsonArb;
    case 'Geometry':
      return fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -99, max: 99 })).map(([x, y]) => same(`POINT (${x} ${y})`));
    case 'Timestamptz':
      return fc.tuple(fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }), fc.boolean())
        .map(([d, asDate]) => ({ variant: asDate ? d : d.toISOString(), canon: d.toISOString() }));
    case 'Array':
      return arrayArb(spec);
    case 'FloatVector':
      return numericRow(f32Double, spec.dim);
    case 'BinaryVector':
      return fc.tuple(fc.uint8Array({ minLength: spec.dim / 8, maxLength: spec.dim / 8 }), fc.boolean())
        .map(([bytes, asArray]) => ({ variant: asArray ? Array.from(bytes) : bytes, canon: bytes }));
    case 'Float16Vector':
    case 'BFloat16Vector':
      return spec.raw
        ? fc.uint8Array({ minLength: 2 * spec.dim, maxLength: 2 * spec.dim }).map(same)
        : numericRow(spec.kind === 'Float16Vector' ? halfDouble : bf16Double, spec.dim);
    case 'Int8Vector':
      return fc.tuple(fc.array(fc.integer({ min: -128, max: 127 }), { minLength: spec.dim, maxLength: spec.dim }), fc.boolean())
        .map(([v, typed]) => ({ variant: typed ? Int8Array.from(v) : v, canon: v }));
    case 'SparseFloatVector':
      return sparseArb();
  }
}

/** A field's value in one row: a value, or (optional fields) null or absent (`undefined`). */
function cellArb(spec: FieldSpec): fc.Arbitrary<Pair | null | undefined> {
  if (!spec.optional) return valueArb(spec);
  return fc.oneof({ weight: 3, arbitrary: valueArb(spec) }, fc.constant(null), fc.constant(undefined));
}

const EXTRA_KEYS = ['x_a', 'x_b', 'x_ü'];

/** Which fields a caller gives: input fields, plus an auto-id primary key on upsert. */
export function givenFields(specs: FieldSpec[], op: 'insert' | 'upsert'): FieldSpec[] {
  return specs.filter((s) => !s.functionOutput && (!s.autoId || op === 'upsert'));
}

/** A random valid request for a random schema. */
export function caseArb(options: { maxRows?: number; maxFields?: number; maxDim?: number; ops?: ('insert' | 'upsert')[] } = {}): fc.Arbitrary<GeneratedCase> {
  const maxRows = options.maxRows ?? 6;
  return fc
    .tuple(specsArb(options.maxFields, options.maxDim), fc.constantFrom(...(options.ops ?? ['insert', 'upsert'] as const)), fc.boolean())
    .chain(([{ specs, dynamic }, op, partialWanted]) => {
      const partial = op === 'upsert' && partialWanted;
      const given = givenFields(specs, op);
      // A partial update sends the primary key and a random subset of the other fields, in every row.
      const sentArb = partial
        ? fc.subarray(given.filter((s) => !s.isPk)).map((sub) => given.filter((s) => s.isPk || sub.includes(s)))
        : fc.constant(given);
      return fc.record({
        sent: sentArb,
        numRows: fc.integer({ min: 1, max: maxRows }),
        extrasPresent: dynamic ? fc.subarray(EXTRA_KEYS, { minLength: 0 }) : fc.constant([] as string[]),
        options: fc.record({
          collection_name: fc.string({ minLength: 1, maxLength: 10 }),
          db_name: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
          partition_name: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
          schema_timestamp: fc.option(fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String)), { nil: undefined }),
        }, { requiredKeys: ['collection_name'] }),
        columnStyle: fc.array(fc.nat(3), { minLength: specs.length + 1, maxLength: specs.length + 1 }),
      }).chain(({ sent, numRows, extrasPresent, options: opts, columnStyle }) => {
        const rowArb = fc.record({
          cells: fc.tuple(...sent.map((s) => (partial ? valueOrNull(s) : cellArb(s)))),
          extras: fc.tuple(...extrasPresent.map(() => fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }))),
        });
        return fc.array(rowArb, { minLength: numRows, maxLength: numRows }).map((rowCells) => {
          const rows = rowCells.map(({ cells, extras }) => {
            const variant: Row = {};
            const canon: Row = {};
            sent.forEach((s, i) => {
              const cell = cells[i] as Pair | null | undefined;
              if (cell === undefined) return;
              variant[s.name] = cell === null ? null : cell.variant;
              canon[s.name] = cell === null ? null : cell.canon;
            });
            extrasPresent.forEach((k, i) => {
              if (extras[i] === undefined) return;
              variant[k] = extras[i];
              canon[k] = extras[i];
            });
            return { variant, canon };
          });
          const schema: CollectionSchemaInput = { fields: specs.map((s) => s.schema), ...(dynamic ? { enable_dynamic_field: true } : {}) };
          return { schema, specs, extras: extrasPresent, rows, op, partial, options: opts, columnStyle };
        });
      });
    });
}

/** Partial updates give each sent field in every row: a value, or null where the field allows it. */
function valueOrNull(spec: FieldSpec): fc.Arbitrary<Pair | null> {
  return spec.optional ? fc.oneof({ weight: 3, arbitrary: valueArb(spec) }, fc.constant(null)) : valueArb(spec);
}
