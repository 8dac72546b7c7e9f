// float16 / bfloat16 from float64 with round-to-nearest-even, straight from the double's bits
// (no double rounding through float32). -1 means overflow. Mirrors src/codec/core-js/half.ts;
// callers reject NaN and ±Infinity first.
//
// Normal results round the magnitude bits in one integer add: adding (half - 1) plus the lowest
// kept bit rounds to nearest with ties to even, and a carry out of the mantissa lands in the
// exponent, which is what rounding up to the next binade must do. Subnormal results are the rare
// branch and use f64 `nearest` (ties to even) on the exactly scaled value.

const ABS: u64 = 0x7FFFFFFFFFFFFFFF;

@inline export function toFloat16Bits(x: f64): i32 {
  const bits = reinterpret<u64>(x);
  const sign = <i32>(bits >> 48) & 0x8000;
  const a = bits & ABS;
  if (a >= 0x40EFFE0000000000) return -1; // 65520: rounds past 65504
  if (a < 0x3F10000000000000) return sign | <i32>nearest<f64>(reinterpret<f64>(a) * 16777216.0); // below 2^-14: * 2^24
  return sign | (<i32>((a + 0x1FFFFFFFFFF + ((a >> 42) & 1)) >> 42) - (1008 << 10));
}

@inline export function toBFloat16Bits(x: f64): i32 {
  const bits = reinterpret<u64>(x);
  const sign = <i32>(bits >> 48) & 0x8000;
  const a = bits & ABS;
  if (a < 0x3810000000000000) return sign | <i32>nearest<f64>(reinterpret<f64>(a) * 1.0889035741470031e40); // below 2^-126: * 2^133
  if (a >= 0x47EFF00000000000) return -1; // (2 - 2^-8) * 2^127 rounds past the largest finite bfloat16
  return sign | (<i32>((a + 0xFFFFFFFFFFF + ((a >> 45) & 1)) >> 45) - (896 << 7));
}
