// float16 / bfloat16 from float64 with round-to-nearest-even, straight from the double's bits
// (no double rounding through float32). -1 means overflow. Mirrors src/codec/core-js/half.ts;
// callers reject NaN and ±Infinity first.

const MANTISSA: u64 = 0xFFFFFFFFFFFFF;

@inline function roundBits(mant: u64, drop: u64, kept: i32): i32 {
  let m = <i32>(mant >> drop);
  const rem = mant & ((<u64>1 << drop) - 1);
  const half = <u64>1 << (drop - 1);
  if (rem > half || (rem == half && (m & 1) == 1)) m++;
  return m;
}

export function toFloat16Bits(x: f64): i32 {
  const bits = reinterpret<u64>(x);
  const sign = <i32>(bits >> 48) & 0x8000;
  const a = abs<f64>(x);
  if (a >= 65520.0) return -1;
  if (a < 6.103515625e-05) return sign | <i32>nearest<f64>(a * 16777216.0);
  const e = <i32>((bits >> 52) & 0x7ff) - 1023;
  return sign | (((e + 15) << 10) + roundBits(bits & MANTISSA, 42, 10));
}

export function toBFloat16Bits(x: f64): i32 {
  const bits = reinterpret<u64>(x);
  const sign = <i32>(bits >> 48) & 0x8000;
  const a = abs<f64>(x);
  if (a < 1.1754943508222875e-38) return sign | <i32>nearest<f64>(a * 1.0889035741470031e40); // 2^-126, 2^133
  const e = <i32>((bits >> 52) & 0x7ff) - 1023;
  if (e > 127) return -1;
  const b = ((e + 127) << 7) + roundBits(bits & MANTISSA, 45, 7);
  return b >= 0x7f80 ? -1 : sign | b;
}
