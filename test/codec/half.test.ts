/**
 * float16 and bfloat16 conversion of Float16Vector / BFloat16Vector values given as numbers.
 *
 * float16: our bytes must equal numpy's `float64 -> float16` (one rounding, nearest-even) on a
 * batch of edge cases, every rounding tie between adjacent halves (and the doubles either side of
 * it), and random doubles that float32 cannot hold; the Float32Array path must equal numpy's
 * `float32 -> float16`. Every one of the 63,488 finite halves must round-trip exactly.
 *
 * bfloat16: checked against an exact reference written here: the double and every finite bfloat16
 * are turned into integers (units of 2^-1074), and the nearest candidate is picked by comparison,
 * ties to the even bit pattern. Rounding past the largest finite value is an overflow.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInsertRequest, InvalidInputError } from '../../src/index.js';
import type { InsertRequestInput } from '../../src/index.js';
import { ensurePythonEnv } from '../../src/lite/python-env.js';
import { decodeInsert } from '../helpers/decode-request.js';
import { prng } from '../helpers/prng.js';

const ENGINES = ['wasm', 'js'] as const;
const SEED = 0x5eed_f16;


const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** The double with the given high and low 32-bit words. */
function fromWords(hi: number, lo: number): number {
  u32[1] = hi >>> 0;
  u32[0] = lo >>> 0;
  return f64[0];
}

/** The next double towards +Infinity (for finite x >= 0) or towards 0 with `down`. */
function nextDouble(x: number, down = false): number {
  f64[0] = x;
  const big = (BigInt(u32[1]) << 32n) | BigInt(u32[0]);
  const next = down ? big - 1n : big + 1n;
  return fromWords(Number(next >> 32n), Number(next & 0xffffffffn));
}

/** The value of IEEE half bits, exactly. */
function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  return sign * (exp === 0 ? frac * 2 ** -24 : (1024 + frac) * 2 ** (exp - 25));
}

/**
 * Encodes `values` as one row of a vector field of `type` (numbers or a flat Float32Array) and returns the
 * vector bytes. Numbers given for a vector field are converted straight into the request (vector-fill.ts),
 * beside any number of other such fields. The core's own conversion of numbers (K_F16_FROM_F64,
 * K_BF16_FROM_F64) is reached only by the vector member of an Array-of-Struct field (`inStruct`): the one
 * element of the one row holds `values`.
 */
function vectorBytes(type: 'Float16Vector' | 'BFloat16Vector', values: number[] | Float32Array, engine: 'wasm' | 'js', inStruct = false): Uint8Array {
  const key = type === 'Float16Vector' ? 'float16_vector' : 'bfloat16_vector';
  const h = { name: 'h', data_type: type, dim: values.length };
  if (inStruct) {
    const fields = [{ name: 's', data_type: 'Array', element_type: 'Struct', max_capacity: 1, fields: [h] }];
    const bytes = encodeInsertRequest({ collection_name: 'c', schema: { fields }, data: [{ s: [{ h: values }] }] }, { engine });
    type Decoded = { fields_data: { struct_arrays: { fields: { vectors: { vector_array: { data: Record<string, Uint8Array>[] } } }[] } }[] };
    return (decodeInsert(bytes) as Decoded).fields_data[0].struct_arrays.fields[0].vectors.vector_array.data[0][key];
  }
  const input: InsertRequestInput = values instanceof Float32Array
    ? { collection_name: 'c', schema: { fields: [h] }, columns: { h: values } }
    : { collection_name: 'c', schema: { fields: [h] }, data: [{ h: values }] };
  const decoded = decodeInsert(encodeInsertRequest(input, { engine })) as { fields_data: { vectors: Record<string, Uint8Array> }[] };
  return decoded.fields_data[0].vectors[key];
}

/** The first position where the 16-bit words differ, with the input value, or undefined. */
function firstMismatch(values: ArrayLike<number>, got: Uint8Array, want: Uint8Array): object | undefined {
  if (got.length !== want.length) return { lengths: { got: got.length, want: want.length } };
  for (let i = 0; i < values.length; i++) {
    const g = got[2 * i] | (got[2 * i + 1] << 8);
    const w = want[2 * i] | (want[2 * i + 1] << 8);
    if (g !== w) return { index: i, value: values[i], got: g.toString(16), want: w.toString(16), seed: SEED };
  }
  return undefined;
}

// ---------------------------------------------------------------- float16 against numpy

/** Edge cases: zeros, subnormals, the normal boundary, ties, the top of the range. */
const HALF_EDGES = [
  0, -0, 2 ** -24, -(2 ** -24), 2 ** -25, 3 * 2 ** -25, 2 ** -26, 5 * 2 ** -26, 1023 * 2 ** -24, 1023.5 * 2 ** -24,
  2 ** -14, -(2 ** -14), 2 ** -14 - 2 ** -40, 2 ** -14 + 2 ** -25, 1, -1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -11 + 2 ** -40,
  2049, 2051, 2047.5, 0.1, 1e-7, 1e-8, 6e-8, 1 / 3, Math.PI, -Math.E, 65504, -65504, 65505, 65519, 65519.99, -65519.99,
  nextDouble(65520, true), -nextDouble(65520, true), 65488, 65496, 32768 + 16, 5e-324, -5e-324,
];

/** Every tie between adjacent finite positive halves, and the doubles just either side of it. */
function halfTies(): number[] {
  const out: number[] = [];
  for (let b = 0; b < 0x7bff; b++) {
    const mid = (halfValue(b) + halfValue(b + 1)) / 2; // exact: halves have at most 11 significant bits
    out.push(mid, nextDouble(mid), nextDouble(mid, true));
  }
  return out.concat(out.filter((_, i) => i % 7 === 0).map((v) => -v));
}

/**
 * Random doubles with an unbiased exponent in [minExp, maxExp] (-1023 gives subnormals) and
 * magnitude below `limit`; the lowest mantissa bit is set, so none of them fits in a float32.
 */
function randomDoubles(n: number, minExp: number, maxExp: number, limit: number): number[] {
  const rand = prng(SEED);
  const out: number[] = [];
  while (out.length < n) {
    const exp = minExp + Math.floor(rand() * (maxExp - minExp + 1));
    const hi = ((exp + 1023) << 20) | Math.floor(rand() * 0x100000);
    const lo = Math.floor(rand() * 0x100000000) | 1;
    const v = fromWords(hi, lo) * (rand() < 0.5 ? -1 : 1);
    if (Math.abs(v) < limit) out.push(v);
  }
  return out;
}

let python = '';

/** numpy's float16 bytes of `f64Values` (from float64) and of `f32Values` (from float32), from one Python run. */
function numpyRun(f64Values: number[], f32Values: Float32Array): { fromF64: Uint8Array; fromF32: Uint8Array } {
  const script = [
    'import sys, numpy as np',
    'data = sys.stdin.buffer.read()',
    `n = ${f64Values.length}`,
    "a = np.frombuffer(data[:8 * n], dtype='<f8')",
    "b = np.frombuffer(data[8 * n:], dtype='<f4')",
    "sys.stdout.buffer.write(a.astype('<f2').tobytes() + b.astype('<f2').tobytes())",
  ].join('\n');
  const input = Buffer.concat([Buffer.from(Float64Array.from(f64Values).buffer), Buffer.from(f32Values.buffer, f32Values.byteOffset, f32Values.byteLength)]);
  const run = spawnSync(python, ['-c', script], { input, maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`numpy run failed (${run.status}): ${run.stderr?.toString()}`);
  const out = new Uint8Array(run.stdout.buffer, run.stdout.byteOffset, run.stdout.byteLength);
  return { fromF64: out.slice(0, 2 * f64Values.length), fromF32: out.slice(2 * f64Values.length) };
}

describe('float16 against numpy', () => {
  const values = [...HALF_EDGES, ...halfTies(), ...randomDoubles(20_000, -30, 15, 65520)];
  // The float32 path: the same values as float32 (those that stay below the overflow limit).
  const f32Values = Float32Array.from(values.filter((v) => Math.abs(Math.fround(v)) < 65520));
  let numpy: { fromF64: Uint8Array; fromF32: Uint8Array };

  beforeAll(async () => {
    python = (await ensurePythonEnv()).python;
    numpy = numpyRun(values, f32Values);
  });

  it('the batch covers what it should', () => {
    expect(values.length).toBeGreaterThan(110_000);
    expect(values.every((v) => Number.isFinite(v) && Math.abs(v) < 65520)).toBe(true);
    // numpy itself agrees with the documented examples (a guard against a broken Python setup).
    const known = numpyRun([1, -2.5, 65504, 0.1, 1e-7, -65504, 1 + 2 ** -11 + 2 ** -40], new Float32Array(0)).fromF64;
    expect(Array.from(known)).toEqual([0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b, 0x66, 0x2e, 0x02, 0x00, 0xff, 0xfb, 0x01, 0x3c]);
  });

  describe.each(ENGINES)('[engine=%s]', (engine) => {
    it(`numbers (float64) convert like numpy float64 -> float16 (${values.length} values)`, () => {
      expect(firstMismatch(values, vectorBytes('Float16Vector', values, engine), numpy.fromF64)).toBeUndefined();
    });

    it('numbers converted by the core (an Array-of-Struct member) convert like numpy too', () => {
      expect(firstMismatch(values, vectorBytes('Float16Vector', values, engine, true), numpy.fromF64)).toBeUndefined();
    });

    it('a column given as an array of number rows converts like the rows', () => {
      const fields = [{ name: 'h', data_type: 'Float16Vector' as const, dim: 4 }];
      const rows = [values.slice(0, 4), values.slice(4, 8), values.slice(8, 12)];
      const asRows = encodeInsertRequest({ collection_name: 'c', schema: { fields }, data: rows.map((h) => ({ h })) }, { engine });
      const asColumn = encodeInsertRequest({ collection_name: 'c', schema: { fields }, columns: { h: rows } }, { engine });
      expect(Buffer.from(asColumn).equals(Buffer.from(asRows))).toBe(true);
      expect(firstMismatch(values.slice(0, 12), vectorBytes('Float16Vector', values.slice(0, 12), engine), numpy.fromF64.slice(0, 24))).toBeUndefined();
    });

    it('a flat Float32Array converts like numpy float32 -> float16', () => {
      expect(firstMismatch(f32Values, vectorBytes('Float16Vector', f32Values, engine), numpy.fromF32)).toBeUndefined();
    });

    it('every finite float16 round-trips exactly, from numbers and from a Float32Array', () => {
      const bits: number[] = [];
      for (let b = 0; b <= 0x7bff; b++) bits.push(b, b | 0x8000);
      expect(bits.length).toBe(63_488);
      const want = new Uint8Array(bits.length * 2);
      bits.forEach((b, i) => {
        want[2 * i] = b & 0xff;
        want[2 * i + 1] = b >> 8;
      });
      const numbers = bits.map(halfValue);
      expect(firstMismatch(numbers, vectorBytes('Float16Vector', numbers, engine), want)).toBeUndefined();
      expect(firstMismatch(numbers, vectorBytes('Float16Vector', Float32Array.from(numbers), engine), want)).toBeUndefined();
    });
  });
});

// ---------------------------------------------------------------- bfloat16 against an exact reference

/** |x| in units of 2^-1074 (the smallest double), exactly. */
function exactUnits(x: number): bigint {
  f64[0] = Math.abs(x);
  const exp = (u32[1] >>> 20) & 0x7ff;
  const mantissa = (BigInt(u32[1] & 0xfffff) << 32n) | BigInt(u32[0]);
  return exp === 0 ? mantissa : ((1n << 52n) | mantissa) << BigInt(exp - 1);
}

/**
 * Every positive bfloat16 bit pattern 0..0x7f80 (0x7f80 = 2^128 stands for "rounded past the
 * largest finite value") with its value in units of 2^-1074, ascending.
 */
const BF16_UNITS: bigint[] = (() => {
  const out: bigint[] = [];
  for (let b = 0; b <= 0x7f80; b++) {
    const exp = b >> 7;
    const frac = BigInt(b & 0x7f);
    // subnormal: frac * 2^-133; normal: (128 + frac) * 2^(exp - 134); then scaled by 2^1074
    out.push(exp === 0 ? frac << 941n : (128n + frac) << BigInt(exp + 940));
  }
  return out;
})();

/** The bfloat16 bits nearest to x (ties to the even pattern), or 'overflow'. */
function referenceBFloat16(x: number): number | 'overflow' {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const units = exactUnits(x);
  let lo = 0;
  let hi = BF16_UNITS.length - 1;
  if (units >= BF16_UNITS[hi]) return 'overflow';
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (BF16_UNITS[mid] <= units) lo = mid;
    else hi = mid;
  }
  // Now BF16_UNITS[lo] <= units < BF16_UNITS[hi], hi = lo + 1.
  const twice = 2n * units;
  const sum = BF16_UNITS[lo] + BF16_UNITS[hi];
  const bits = twice < sum ? lo : twice > sum ? hi : lo % 2 === 0 ? lo : hi;
  return bits === 0x7f80 ? 'overflow' : sign | bits;
}

function bfloat16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 7) & 0xff;
  const frac = bits & 0x7f;
  return sign * (exp === 0 ? frac * 2 ** -133 : (128 + frac) * 2 ** (exp - 134));
}

const BF16_EDGES = [
  0, -0, 2 ** -133, -(2 ** -133), 2 ** -134, 3 * 2 ** -134, 2 ** -135, 2 ** -126, 2 ** -126 - 2 ** -134, 127 * 2 ** -133,
  1, -1, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 1 + 2 ** -8 + 2 ** -52, 1 - 2 ** -9, 3.140625, 1 / 3, Math.PI, 0.1, 1e-40, 1e-45,
  5e-324, -5e-324, 2 ** -1022, 3.3895313892515355e38, -3.3895313892515355e38, nextDouble(3.39617752923046e38, true),
  3.4028234663852886e38 / 1.01, 65504, 65520, 1e30, -1e-30,
  // beyond the largest bfloat16 once rounded: filtered out of the accepted values, checked as errors
  3.39617752923046e38, -3.39617752923046e38, 1e39, 1.7976931348623157e308,
];

/** Every tie between adjacent finite positive bfloat16 values and the doubles either side of it. */
function bf16Ties(): number[] {
  const out: number[] = [];
  for (let b = 0; b < 0x7f7f; b++) {
    const mid = (bfloat16Value(b) + bfloat16Value(b + 1)) / 2;
    out.push(mid, nextDouble(mid), nextDouble(mid, true));
  }
  return out;
}

describe('bfloat16 against an exact reference', () => {
  const candidates = [...BF16_EDGES, ...bf16Ties(), ...randomDoubles(20_000, -1023, 127, Infinity)];
  const reference = candidates.map(referenceBFloat16);
  const values = candidates.filter((_, i) => reference[i] !== 'overflow');
  const want = (list: ArrayLike<number>): Uint8Array => {
    const out = new Uint8Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      const bits = referenceBFloat16(list[i]) as number;
      out[2 * i] = bits & 0xff;
      out[2 * i + 1] = bits >> 8;
    }
    return out;
  };
  const f32Values = Float32Array.from(values.filter((v) => referenceBFloat16(Math.fround(v)) !== 'overflow'));

  it('the reference agrees with hand-derived values', () => {
    const cases: [number, number | 'overflow'][] = [
      [1, 0x3f80], [-2.5, 0xc020], [3.140625, 0x4049], [1 + 2 ** -8, 0x3f80], [1 + 3 * 2 ** -8, 0x3f82],
      [1 + 2 ** -8 + 2 ** -52, 0x3f81], [2 ** -133, 0x0001], [2 ** -134, 0x0000], [3 * 2 ** -134, 0x0002], [-0, 0x8000],
      [2 ** -126 - 2 ** -134, 0x0080], [3.3895313892515355e38, 0x7f7f], [3.39617752923046e38, 'overflow'],
      [nextDouble(3.39617752923046e38, true), 0x7f7f], [1e39, 'overflow'],
    ];
    for (const [x, bits] of cases) expect({ x, bits: referenceBFloat16(x) }).toEqual({ x, bits });
    expect(values.length).toBeGreaterThan(110_000);
  });

  describe.each(ENGINES)('[engine=%s]', (engine) => {
    it('numbers (float64) round once, to nearest even', () => {
      expect(firstMismatch(values, vectorBytes('BFloat16Vector', values, engine), want(values))).toBeUndefined();
    });

    it('numbers converted by the core (an Array-of-Struct member) round the same', () => {
      expect(firstMismatch(values, vectorBytes('BFloat16Vector', values, engine, true), want(values))).toBeUndefined();
    });

    it('a flat Float32Array rounds like its float32 values', () => {
      expect(firstMismatch(f32Values, vectorBytes('BFloat16Vector', f32Values, engine), want(f32Values))).toBeUndefined();
    });

    it('values the reference rounds past the largest bfloat16 are rejected', () => {
      const overflowing = candidates.filter((_, i) => reference[i] === 'overflow').slice(0, 8);
      expect(overflowing.length).toBeGreaterThan(0);
      expect(overflowing).toContain(3.39617752923046e38);
      for (const v of overflowing) {
        for (const inStruct of [false, true]) {
          expect(() => vectorBytes('BFloat16Vector', [v], engine, inStruct)).toThrow(InvalidInputError);
          expect(() => vectorBytes('BFloat16Vector', [v], engine, inStruct)).toThrow(/bfloat16 range/);
        }
      }
    });
  });
});
