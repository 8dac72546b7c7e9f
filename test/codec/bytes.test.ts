/**
 * The SDK's byte helpers, exported under its names, agree with the encoder: the bytes a helper makes are
 * the bytes `encodeInsertRequest` writes for the same numbers, and they refuse what the encoder refuses.
 */
import { describe, expect, it } from 'vitest';
import {
  bf16BytesToF32Array, bytesToSparseRow, encodeInsertRequest, f16BytesToF32Array, f32ArrayToBf16Bytes, f32ArrayToBinaryBytes,
  f32ArrayToF16Bytes, f32ArrayToF32Bytes, f32ArrayToInt8Bytes, getSparseFloatVectorType, int8VectorRowsToBytes, InvalidInputError,
  sparseRowsToBytes, sparseToBytes,
} from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import type { SparseFloatVector } from '../../src/codec/bytes.js';

/** The vector payload the encoder writes for one row of `type` holding `value`. */
function encoded(type: string, dim: number, value: unknown, slot: string): Uint8Array {
  const bytes = encodeInsertRequest({
    collection_name: 'c',
    schema: { fields: [{ name: 'id', data_type: 'Int64', is_primary_key: true }, { name: 'v', data_type: type, dim }] },
    data: [{ id: 1, v: value }],
  });
  const req = decodeMessage<{ fields_data: { vectors?: Record<string, unknown> }[] }>('milvus.proto.milvus.InsertRequest', bytes);
  return req.fields_data[1]!.vectors![slot] as Uint8Array;
}

describe('half-precision helpers', () => {
  const values = [1 + 2 ** -11 + 2 ** -40, -2.5, 65504, 2 ** -24, 0.1, -0];
  it('f32ArrayToF16Bytes writes what the encoder writes, and decodes back exactly', () => {
    const bytes = f32ArrayToF16Bytes(values);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(encoded('Float16Vector', values.length, values, 'float16_vector')).toString('hex'));
    expect(Buffer.from(bytes.subarray(0, 2)).toString('hex')).toBe('013c'); // rounded once, from the double
    expect(f16BytesToF32Array(bytes)).toEqual([1 + 2 ** -10, -2.5, 65504, 2 ** -24, 0.0999755859375, -0]);
  });

  it('f32ArrayToBf16Bytes rounds to nearest even (the SDK truncates), as the encoder', () => {
    const bytes = f32ArrayToBf16Bytes(values);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(encoded('BFloat16Vector', values.length, values, 'bfloat16_vector')).toString('hex'));
    expect(bf16BytesToF32Array(f32ArrayToBf16Bytes([3.140625, -1]))).toEqual([3.140625, -1]);
  });

  it.each([[[70000]], [[NaN]], [[Infinity]]])('refuses %j as the encoder does', (v) => {
    expect(() => f32ArrayToF16Bytes(v)).toThrow(InvalidInputError);
    expect(() => encoded('Float16Vector', 1, v, 'float16_vector')).toThrow(InvalidInputError);
  });
});

describe('other helpers', () => {
  it('float32, binary and int8', () => {
    expect(Array.from(new Float32Array(f32ArrayToF32Bytes([1.5, -2]).buffer))).toEqual([1.5, -2]);
    expect(Array.from(f32ArrayToBinaryBytes([1, 255]))).toEqual([1, 255]);
    expect(Array.from(f32ArrayToInt8Bytes([1.4, -128, 127]))).toEqual([1, 128, 127]);
    expect(Array.from(int8VectorRowsToBytes([[1, -1], Int8Array.from([2, -2])]))).toEqual([1, 255, 2, 254]);
    expect(() => f32ArrayToInt8Bytes([200])).toThrow(InvalidInputError);
  });

  it('sparse: every form to sorted row bytes, and back', () => {
    const forms: SparseFloatVector[] = [{ 7: 1.5, 2: 0.5 }, { indices: [7, 2], values: [1.5, 0.5] }, [{ index: 7, value: 1.5 }, { index: 2, value: 0.5 }], Object.assign(new Array(8), { 2: 0.5, 7: 1.5 })];
    expect(forms.map(getSparseFloatVectorType)).toEqual(['dict', 'csr', 'coo', 'array']);
    const hex = Buffer.from(sparseToBytes(forms[0]!)).toString('hex');
    expect(hex).toBe('02000000' + '0000003f' + '07000000' + '0000c03f');
    for (const f of forms) expect(Buffer.from(sparseToBytes(f)).toString('hex')).toBe(hex);
    expect(sparseRowsToBytes(forms)).toHaveLength(4);
    expect(bytesToSparseRow(sparseToBytes({ 3: 0, 9: 2 }))).toEqual({ 9: 2 });
    expect(() => sparseToBytes({ indices: [1, 1], values: [1, 2] })).toThrow(/distinct indices/);
    expect(() => sparseToBytes([{ index: -1, value: 1 }])).toThrow(/integers in \[0, 2\^32-2\], got -1 at entry 0/);
  });
});
