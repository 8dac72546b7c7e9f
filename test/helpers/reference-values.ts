/**
 * Value conversions of the reference encoder: each turns one caller value into what protobufjs
 * `fromObject` takes for its slot, or throws `ReferenceInputError`. Written independently of
 * `src/` on purpose: a differential test is only worth something if the two sides share no code.
 */
import { ReferenceInputError, T } from './reference-schema.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT_RANGES: Record<number, [number, number]> = {
  [T.Int8!]: [-128, 127],
  [T.Int16!]: [-32768, 32767],
  [T.Int32!]: [-2147483648, 2147483647],
};

/** Where a value came from, for error messages. */
export interface Site {
  field: string;
  row: number;
}

/** A short description of a value for error messages. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

function fail(site: Site, expected: string, got: unknown): never {
  throw new ReferenceInputError(`field "${site.field}", row ${site.row}: expected ${expected}, got ${describe(got)}`, { field: site.field, row: site.row });
}

/** int64 from bigint, safe-integer number or decimal string, as the decimal string protobufjs parses exactly. */
export function int64(value: unknown, site: Site): string {
  let big: bigint | undefined;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) big = BigInt(value);
  if (big === undefined || big < INT64_MIN || big > INT64_MAX) fail(site, 'an int64 (bigint, safe integer or decimal string)', value);
  return big.toString();
}

/** A scalar of a non-vector, non-JSON type in its protobuf form. */
const STRING_TYPES = new Set([T.VarChar, T.String, T.Text, T.Geometry, T.Timestamptz]);

export function scalar(type: number, value: unknown, site: Site): unknown {
  if (type === T.Bool) return typeof value === 'boolean' ? value : fail(site, 'a boolean', value);
  if (type in INT_RANGES) {
    const [lo, hi] = INT_RANGES[type]!;
    const ok = typeof value === 'number' && Number.isInteger(value) && value >= lo && value <= hi;
    return ok ? value : fail(site, `an integer in [${lo}, ${hi}]`, value);
  }
  if (type === T.Int64) return int64(value, site);
  if (type === T.Float || type === T.Double) return typeof value === 'number' ? value : fail(site, 'a number', value);
  if (STRING_TYPES.has(type)) return typeof value === 'string' ? value : fail(site, 'a string', value);
  return fail(site, `a value of a scalar type (type ${type} is not one)`, value);
}

/**
 * JSON bytes the pymilvus way: a string is JSON text (validated, sent verbatim), anything else is
 * serialised with `JSON.stringify` (compact, like orjson, except that orjson writes `1.0` and `-0.0`).
 */
export function jsonBytes(value: unknown, site: Site): Uint8Array {
  let text: string;
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      fail(site, 'JSON text (a string is taken as JSON, as pymilvus does)', value);
    }
    text = value;
  } else {
    const out = value === undefined ? undefined : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? fail(site, 'JSON without bigint', v) : v));
    if (out === undefined) fail(site, 'a JSON-serialisable value', value);
    text = out;
  }
  return new TextEncoder().encode(text);
}

function numbers(value: unknown, dim: number, site: Site, what: string): ArrayLike<number> {
  const ok = (Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array) && value.length === dim;
  if (!ok) fail(site, `${what} of ${dim} numbers`, value);
  const list = value as ArrayLike<number>;
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'number') fail(site, `${what} of numbers`, list[i]);
  return list;
}

/** A FloatVector row as a plain number array. */
export function floatVector(value: unknown, dim: number, site: Site): number[] {
  return Array.from(numbers(value, dim, site, 'a float vector'));
}

/** Round |x| / 2^lsb to the nearest integer, ties to even. Exact: scaling by a power of two is exact. */
function roundToGrid(abs: number, lsb: number): number {
  const m = abs * 2 ** -lsb;
  let q = Math.floor(m);
  const rest = m - q;
  if (rest > 0.5 || (rest === 0.5 && q % 2 === 1)) q += 1;
  return q;
}

/** floor(log2(abs)) for a finite positive double, corrected for `Math.log2` rounding. */
function exponentOf(abs: number): number {
  let e = Math.floor(Math.log2(abs));
  if (2 ** e > abs) e -= 1;
  if (2 ** (e + 1) <= abs) e += 1;
  return e;
}

/**
 * A double rounded once, to nearest-even, to a binary format with `mant` stored mantissa bits and
 * exponent bias `bias` (IEEE half: 10, 15; bfloat16: 7, 127). Overflow rounds to infinity.
 */
function toMiniFloat(x: number, mant: number, bias: number): number {
  const infBits = ((2 * bias + 1) << mant) >>> 0;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0; // both formats keep the sign in bit 15
  if (Number.isNaN(x)) return infBits | (1 << (mant - 1));
  const abs = Math.abs(x);
  if (abs === 0) return sign;
  if (abs === Infinity) return sign | infBits;
  const e = exponentOf(abs);
  const minExp = 1 - bias;
  if (e > bias) return sign | infBits;
  const lsb = Math.max(e, minExp) - mant;
  const q = roundToGrid(abs, lsb);
  // Subnormals and the lowest binade share the grid 2^(minExp - mant): the bits are q itself.
  const bits = e < minExp ? q : ((e + bias) << mant) + (q - (1 << mant));
  return sign | Math.min(bits, infBits);
}

function halfBytes(value: unknown, dim: number, site: Site, bf16: boolean): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length !== dim * 2) fail(site, `${dim * 2} bytes`, value);
    return value;
  }
  const list = numbers(value, dim, site, bf16 ? 'a bfloat16 vector' : 'a float16 vector');
  const out = new Uint8Array(dim * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < dim; i++) view.setUint16(i * 2, bf16 ? toMiniFloat(list[i], 7, 127) : toMiniFloat(list[i], 10, 15), true);
  return out;
}

/** A Binary/Float16/BFloat16/Int8 vector row as its little-endian bytes. */
export function byteVector(type: number, value: unknown, dim: number, site: Site): Uint8Array {
  if (type === T.BinaryVector) {
    if (!(value instanceof Uint8Array) || value.length !== dim / 8) fail(site, `a Uint8Array of ${dim / 8} bytes`, value);
    return value;
  }
  if (type === T.Float16Vector || type === T.BFloat16Vector) return halfBytes(value, dim, site, type === T.BFloat16Vector);
  if (type !== T.Int8Vector) return fail(site, 'a byte vector type', value);
  const ok = (value instanceof Int8Array || Array.isArray(value)) && value.length === dim;
  if (!ok) fail(site, `an Int8Array or array of ${dim} integers`, value);
  const list = value as ArrayLike<unknown>;
  const out = new Int8Array(dim);
  for (let i = 0; i < dim; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -128 || v > 127) fail(site, 'integers in [-128, 127]', v);
    out[i] = v;
  }
  return new Uint8Array(out.buffer);
}

/** A sparse row (`{index: value}` object or `Map`) as sorted (u32 LE index, f32 LE value) pairs. */
export function sparseRow(value: unknown, site: Site): Uint8Array {
  let entries: [unknown, unknown][];
  if (value instanceof Map) entries = [...value.entries()];
  else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) entries = Object.entries(value);
  else return fail(site, 'a sparse vector ({index: value} or Map)', value);
  const pairs = entries.map(([k, v]): [number, number] => {
    const index = typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= 2 ** 32 - 1) fail(site, 'sparse indices in [0, 2^32-2]', k);
    if (typeof v !== 'number' || Number.isNaN(v)) fail(site, 'sparse values that are numbers, not NaN', v);
    return [index, v];
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const out = new Uint8Array(pairs.length * 8);
  const view = new DataView(out.buffer);
  pairs.forEach(([i, v], n) => {
    view.setUint32(n * 8, i, true);
    view.setFloat32(n * 8 + 4, v, true);
  });
  return out;
}
