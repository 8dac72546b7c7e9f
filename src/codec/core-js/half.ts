/**
 * float16 and bfloat16 from float64, rounded to nearest, ties to even, straight from the double
 * (no double rounding through float32). Returns -1 when the value overflows the format.
 * Callers reject NaN and ±Infinity before converting. Mirrors assembly/half.ts, on the double's two
 * 32-bit words: normal results keep the top bits of the magnitude (exponent and mantissa together, so
 * rounding up carries into the exponent) and round on the dropped ones; subnormal results scale the
 * value exactly and round that.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // word order of this platform
const LO = 1 - HI;

function roundHalfEven(y: number): number {
  const r = Math.floor(y);
  const d = y - r;
  return d > 0.5 || (d === 0.5 && (r & 1) === 1) ? r + 1 : r;
}

/** Bits of the IEEE 754 binary16 nearest to `x`, or -1 on overflow (|x| >= 65520). */
export function toFloat16Bits(x: number): number {
  f64[0] = x;
  const sign = (u32[HI] >>> 16) & 0x8000;
  const hi = u32[HI] & 0x7fffffff;
  const lo = u32[LO];
  if (hi >= 0x40effe00) return -1; // 65520 rounds past 65504
  if (hi < 0x3f100000) return sign | roundHalfEven(Math.abs(x) * 2 ** 24); // below 2^-14
  let m = hi >>> 10; // the magnitude's top bits: exponent and 10 mantissa bits
  const rest = hi & 0x3ff; // the dropped bits of the high word; `lo` is all dropped
  if (rest > 0x200 || (rest === 0x200 && (lo !== 0 || (m & 1) === 1))) m++;
  return sign | (m - (1008 << 10));
}

/** Bits of the bfloat16 nearest to `x`, or -1 on overflow (rounds past the largest finite bfloat16). */
export function toBFloat16Bits(x: number): number {
  f64[0] = x;
  const sign = (u32[HI] >>> 16) & 0x8000;
  const hi = u32[HI] & 0x7fffffff;
  const lo = u32[LO];
  if (hi < 0x38100000) return sign | roundHalfEven(Math.abs(x) * 2 ** 133); // below 2^-126
  if (hi >= 0x47eff000) return -1; // (2 - 2^-8) * 2^127 rounds to infinity
  let m = hi >>> 13;
  const rest = hi & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (lo !== 0 || (m & 1) === 1))) m++;
  return sign | (m - (896 << 7));
}

/**
 * Converts the `dim` values of one row into float16 (`f16`) or bfloat16 bits at `out[o + j]`, as
 * {@link toFloat16Bits} / {@link toBFloat16Bits} would, and returns the position of the first value it
 * cannot convert (not a number, not finite, or past the format's range), or -1. This is the hot loop of
 * float16 rows given as `number[]` (7.68 M values for 10,000 rows of 768): normal results are rounded
 * inline, with ties to even taken from the dropped bits (the low word counts as a sticky bit), and only
 * zeros and subnormal results take the call.
 */
export function halvesFromRow(v: ArrayLike<unknown>, out: Uint16Array, o: number, dim: number, f16: boolean): number {
  // float16 keeps 10 mantissa bits of the double's high word's 20, bfloat16 keeps 7; normal results span
  // high words [min, max), and the kept bits minus `rebias` are the format's exponent and mantissa.
  const shift = f16 ? 10 : 13;
  const min = f16 ? 0x3f100000 : 0x38100000;
  const max = f16 ? 0x40effe00 : 0x47eff000;
  const rebias = f16 ? 1008 << 10 : 896 << 7;
  const below = (1 << (shift - 1)) - 1;
  for (let j = 0; j < dim; j++) {
    const x = v[j];
    if (typeof x !== 'number') return j;
    f64[0] = x;
    const hi = u32[HI];
    const a = hi & 0x7fffffff;
    if (a >= max) return j; // overflow, ±Infinity, NaN
    if (a < min) {
      out[o + j] = f16 ? toFloat16Bits(x) : toBFloat16Bits(x);
      continue;
    }
    const odd = ((a >>> shift) | (u32[LO] !== 0 ? 1 : 0)) & 1;
    out[o + j] = ((hi >>> 16) & 0x8000) | (((a + below + odd) >>> shift) - rebias);
  }
  return -1;
}

/** The value of binary16 bits (the inverse of {@link toFloat16Bits}; exact). */
export function float16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const bf16View = new DataView(new ArrayBuffer(4));

/** The value of bfloat16 bits (the inverse of {@link toBFloat16Bits}; exact). */
export function bfloat16BitsToNumber(h: number): number {
  bf16View.setUint32(0, (h & 0xffff) << 16);
  return bf16View.getFloat32(0);
}
