// Bulk finiteness scans: SIMD over the column, scalar only to locate a failure.

/** Index of the first non-finite f32 of `n` at `ptr`, or -1. */
export function firstNonFiniteF32(ptr: usize, n: i32): i32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = ptr + (<usize>i << 2);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const c = v128.load(p, 32);
    const d = v128.load(p, 48);
    // x - x is 0 for finite x and NaN for NaN or ±Infinity; NaN sticks in the sum.
    acc = f32x4.add(acc, f32x4.add(f32x4.add(f32x4.sub(a, a), f32x4.sub(b, b)), f32x4.add(f32x4.sub(c, c), f32x4.sub(d, d))));
  }
  if (!v128.all_true<i32>(f32x4.eq(acc, acc))) return scanF32(ptr, 0, n);
  return scanF32(ptr, i, n);
}

function scanF32(ptr: usize, from: i32, n: i32): i32 {
  for (let i = from; i < n; i++) {
    const x = load<f32>(ptr + (<usize>i << 2));
    if (x - x != 0) return i;
  }
  return -1;
}

/** Index of the first non-finite f64 of `n` at `ptr`, or -1. */
export function firstNonFiniteF64(ptr: usize, n: i32): i32 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = ptr + (<usize>i << 3);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const c = v128.load(p, 32);
    const d = v128.load(p, 48);
    acc = f64x2.add(acc, f64x2.add(f64x2.add(f64x2.sub(a, a), f64x2.sub(b, b)), f64x2.add(f64x2.sub(c, c), f64x2.sub(d, d))));
  }
  if (!v128.all_true<i64>(f64x2.eq(acc, acc))) return scanF64(ptr, 0, n);
  return scanF64(ptr, i, n);
}

function scanF64(ptr: usize, from: i32, n: i32): i32 {
  for (let i = from; i < n; i++) {
    const x = load<f64>(ptr + (<usize>i << 3));
    if (x - x != 0) return i;
  }
  return -1;
}
