/**
 * float16 and bfloat16 from float64, rounded to nearest, ties to even, straight from the double
 * (no double rounding through float32). Returns -1 when the value overflows the format.
 * Callers reject NaN and ±Infinity before converting.
 */

const TWO_POW_24 = 2 ** 24;
const TWO_POW_133 = 2 ** 133;

function roundHalfEven(y: number): number {
  const r = Math.floor(y);
  const d = y - r;
  return d > 0.5 || (d === 0.5 && (r & 1) === 1) ? r + 1 : r;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Unbiased binary exponent of a finite, non-zero, normal double. */
function exponentOf(a: number): number {
  f64[0] = a;
  return ((u32[1] >>> 20) & 0x7ff) - 1023;
}

/** Bits of the IEEE 754 binary16 nearest to `x`, or -1 on overflow (|x| >= 65520). */
export function toFloat16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return -1;
  if (a < 2 ** -14) return sign | roundHalfEven(a * TWO_POW_24);
  const e = exponentOf(a);
  const m = roundHalfEven((a / 2 ** e - 1) * 1024);
  return sign | (((e + 15) << 10) + m);
}

/** Bits of the bfloat16 nearest to `x`, or -1 on overflow (rounds past the largest finite bfloat16). */
export function toBFloat16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a < 2 ** -126) return sign | roundHalfEven(a * TWO_POW_133);
  const e = exponentOf(a);
  if (e > 127) return -1;
  const bits = ((e + 127) << 7) + roundHalfEven((a / 2 ** e - 1) * 128);
  return bits >= 0x7f80 ? -1 : sign | bits;
}
