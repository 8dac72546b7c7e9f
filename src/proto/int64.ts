/**
 * 64-bit integers as two unsigned 32-bit halves, converted from callers' values exactly as protobufjs does
 * with long.js (`Long.fromValue`), and to decimal text or `bigint` as its `toObject` does. No long.js.
 */

/** The two halves of a 64-bit integer, each an unsigned 32-bit number. */
export interface Bits {
  lo: number;
  hi: number;
}

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;
const ZERO: Bits = { lo: 0, hi: 0 };
const MASK_64 = (1n << 64n) - 1n;
const SMALL_DECIMAL = /^-?\d{1,15}$/;

/**
 * `Long.fromValue(value, unsigned)` as protobufjs' `fromObject` calls it for an int64/uint64 field: a number
 * (clamped, truncated), a string (long.js' own reading of it), or anything else read as `{ low, high }`
 * (so `null` throws a `TypeError`, as it does there).
 */
export function bitsOf(value: unknown, unsigned: boolean): Bits {
  if (typeof value === 'number') return bitsOfNumber(value, unsigned);
  if (typeof value === 'string') return bitsOfString(value);
  const long = value as { low: number; high: number };
  // Both read before either converts, and `null.low` throws, as in long.js.
  const low = long.low;
  const high = long.high;
  return { lo: low >>> 0, hi: high >>> 0 };
}

/** `Long.fromNumber`: NaN is 0, out-of-range values clamp, fractions truncate toward zero. */
export function bitsOfNumber(value: number, unsigned: boolean): Bits {
  if (Number.isNaN(value)) return ZERO;
  if (unsigned) {
    if (value < 0) return ZERO;
    if (value >= TWO_64) return { lo: 0xffffffff, hi: 0xffffffff };
  } else {
    if (value <= -TWO_63) return { lo: 0, hi: 0x80000000 };
    if (value + 1 >= TWO_63) return { lo: 0xffffffff, hi: 0x7fffffff };
  }
  if (value < 0) return negate(bitsOfNumber(-value, unsigned));
  return { lo: (value % TWO_32 | 0) >>> 0, hi: ((value / TWO_32) | 0) >>> 0 };
}

/**
 * `Long.fromString(text)`: throws on an empty string or an interior hyphen; reads 8 characters at a time
 * with `parseInt` (so `'12ab'` is 12 and junk is 0) and wraps modulo 2^64. Signed and unsigned read alike.
 */
export function bitsOfString(text: string): Bits {
  if (SMALL_DECIMAL.test(text)) return bitsOfNumber(Number(text), false);
  if (text.length === 0) throw Error('empty string');
  if (text === 'NaN' || text === 'Infinity' || text === '+Infinity' || text === '-Infinity') return ZERO;
  const hyphen = text.indexOf('-');
  if (hyphen > 0) throw Error('interior hyphen');
  if (hyphen === 0) return negate(bitsOfString(text.substring(1)));
  let result = 0n;
  for (let i = 0; i < text.length; i += 8) {
    const size = Math.min(8, text.length - i);
    const chunk = parseInt(text.substring(i, i + size), 10);
    result = (result * 10n ** BigInt(size) + BigInt(Number.isNaN(chunk) ? 0 : chunk)) & MASK_64;
  }
  return { lo: Number(result & 0xffffffffn), hi: Number(result >> 32n) };
}

/** Two's complement negation. */
function negate({ lo, hi }: Bits): Bits {
  const nlo = (~lo + 1) >>> 0;
  return { lo: nlo, hi: (~hi + (nlo === 0 ? 1 : 0)) >>> 0 };
}

/** Exact decimal text of `hi:lo`, signed or unsigned (long.js `toString()`). */
export function decimalOf(lo: number, hi: number, unsigned: boolean): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  if (!unsigned && hi >= 0x80000000) {
    const n = negate({ lo, hi });
    if (n.hi < 0x200000) return `-${n.hi * TWO_32 + n.lo}`;
  }
  return bigintOf(lo, hi, unsigned).toString();
}

/** `hi:lo` as a `bigint`, signed or unsigned (long.js `toBigInt()`). */
export function bigintOf(lo: number, hi: number, unsigned: boolean): bigint {
  if (hi < 0x200000) return BigInt(hi * TWO_32 + lo);
  const bits = (BigInt(hi) << 32n) | BigInt(lo);
  return unsigned ? bits : BigInt.asIntN(64, bits);
}
