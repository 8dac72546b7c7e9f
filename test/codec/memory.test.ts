/**
 * Memory of the encoder: a ~30 MB float-vector request leaves the WebAssembly memory bounded
 * (`wasmEncoderMemoryBytes()`), repeated and failed encodes do not grow it, a call beyond the
 * retention limit gives its memory back, and the TypeScript engine grows its heap correctly for
 * the same request. Every big encode is checked byte for byte, so a corrupted heap cannot pass.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, InvalidInputError, wasmEncoderMemoryBytes } from '../../src/index.js';
import type { InsertRequestInput } from '../../src/index.js';

const DIM = 768;
const ROWS = 10_000; // 10,000 x 768 float32 = 30.72 MB

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Size of an InsertRequest for collection "c" with one FloatVector field "v" (hand-derived layout). */
function requestSize(rows: number): number {
  const payload = rows * DIM * 4;
  const floatArray = 1 + varintSize(payload) + payload; // 0a len data
  const vectorField = 1 + varintSize(DIM) + 1 + varintSize(floatArray) + floatArray; // 08 dim 12 len FloatArray
  const fieldData = 2 + 3 + 1 + varintSize(vectorField) + vectorField; // 08 65, 12 01 76, 22 len VectorField
  return 3 + 1 + varintSize(fieldData) + fieldData + 1 + varintSize(rows); // 1a 01 63, 2a len FieldData, 38 rows
}

function vectors(rows: number, seed: number): Float32Array {
  const v = new Float32Array(rows * DIM);
  for (let i = 0; i < v.length; i++) v[i] = ((i * 2654435761 + seed) % 2001) / 1000 - 1;
  return v;
}

function request(v: Float32Array): InsertRequestInput {
  return { collection_name: 'c', schema: { fields: [{ name: 'v', data_type: 'FloatVector', dim: DIM }] }, columns: { v } };
}

/** Checks the whole request: length, the exact header and trailer bytes, and the float payload. */
function expectExactRequest(out: Uint8Array, v: Float32Array): void {
  const rows = v.length / DIM;
  expect(out.length).toBe(requestSize(rows));
  const payload = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const start = out.length - 1 - varintSize(rows) - payload.length;
  expect(Array.from(out.subarray(0, 3))).toEqual([0x1a, 0x01, 0x63]);
  expect(Buffer.compare(out.subarray(start, start + payload.length), payload)).toBe(0);
  expect(out[out.length - 1 - varintSize(rows)]).toBe(0x38);
}

describe('WebAssembly encoder memory', () => {
  const big = vectors(ROWS, 1);

  it('a ~30 MB request encodes exactly and leaves the memory bounded', () => {
    const out = encodeInsertRequest(request(big), { engine: 'wasm' });
    expectExactRequest(out, big);
    const held = wasmEncoderMemoryBytes();
    // It must have held at least the output; staging plus output with growth slack stays under 3x.
    expect(held).toBeGreaterThanOrEqual(out.length);
    expect(held).toBeLessThanOrEqual(3 * out.length);
  });

  it('repeated encodes, big and small, do not grow the memory', () => {
    encodeInsertRequest(request(big), { engine: 'wasm' });
    const held = wasmEncoderMemoryBytes();
    for (let i = 0; i < 5; i++) {
      const v = i % 2 === 0 ? vectors(ROWS, i + 2) : vectors(10, i + 2);
      expectExactRequest(encodeInsertRequest(request(v), { engine: 'wasm' }), v);
      expect(wasmEncoderMemoryBytes()).toBe(held);
    }
  });

  it('a failed encode neither grows the memory nor affects the next one', () => {
    encodeInsertRequest(request(big), { engine: 'wasm' });
    const held = wasmEncoderMemoryBytes();
    const bad = big.slice();
    bad[bad.length - 1] = NaN;
    expect(() => encodeInsertRequest(request(bad), { engine: 'wasm' })).toThrow(InvalidInputError);
    expect(() => encodeInsertRequest(request(bad), { engine: 'wasm' })).toThrow(/row 9999: expected finite numbers at position 767, got NaN/);
    expect(wasmEncoderMemoryBytes()).toBe(held);
    expectExactRequest(encodeInsertRequest(request(big), { engine: 'wasm' }), big);
  });

  it('memory of a call far beyond the ~30 MB working size is given back afterwards', () => {
    const huge = vectors(33_000, 7); // 101 MB of floats: staging plus output exceed 200 MB
    const out = encodeInsertRequest(request(huge), { engine: 'wasm' });
    expectExactRequest(out, huge);
    expect(wasmEncoderMemoryBytes()).toBeLessThan(out.length);
    const small = vectors(10, 8);
    expectExactRequest(encodeInsertRequest(request(small), { engine: 'wasm' }), small);
  });
});

describe('TypeScript encoder heap growth', () => {
  it('encodes requests of growing size exactly, up to ~30 MB', () => {
    for (const rows of [1, 10, 100, 1_000, 3_000, ROWS]) {
      const v = vectors(rows, rows);
      expectExactRequest(encodeInsertRequest(request(v), { engine: 'js' }), v);
    }
  });

  it('grows for a request of many small values (f64 staging) and matches the WebAssembly bytes', () => {
    const fields = [{ name: 'h', data_type: 'BFloat16Vector', dim: 16_384 }];
    const row = Array.from({ length: 16_384 }, (_, i) => 1 + i / 16_384);
    const input = { collection_name: 'c', schema: { fields }, data: [{ h: row }, { h: row }] };
    expect(encodeInsertRequest(input, { engine: 'js' })).toEqual(encodeInsertRequest(input, { engine: 'wasm' }));
  });
});
