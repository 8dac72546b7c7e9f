/**
 * Compares an encoder's Insert/UpsertRequest with the one pymilvus sent for the same corpus case.
 * Shared by the pymilvus-oracle test (our encoder) and the reference-vs-pymilvus test (the reference).
 */
import { expect } from 'vitest';
import type { UpsertRequestInput } from '../../src/codec/types.js';
import { decodeInsert, decodeUpsert, withParsedJson, type DecodedRequest } from './decode-request.js';
import type { CorpusCase } from './oracle-corpus.js';
import type { Capture } from './pymilvus-oracle.js';

/** An encoder under test: input and operation in, request bytes out. */
export type EncodeFn = (input: UpsertRequestInput, op: 'insert' | 'upsert') => Uint8Array;

/** Cases whose JSON text differs from orjson's (it writes `1.0`, `-0.0`): compared by parsed JSON value only. */
export const JSON_TEXT_DIFFERS = new Set(['json_values', 'dynamic']);

/** Cases pymilvus sends Float16/BFloat16 number lists as `float_vector` for; we send half/bfloat16 bytes. */
export const HALF_FROM_NUMBERS = new Set(['f16_from_float_lists']);

type FieldData = { field_name: string; type: number; vectors?: Record<string, unknown> } & Record<string, unknown>;

/** pymilvus' request with `db_name` put back where it was carried in the `dbname` header. */
function expectedRequest(capture: Capture): DecodedRequest {
  const decoded = capture.method === 'Upsert' ? decodeUpsert(capture.bytes) : decodeInsert(capture.bytes);
  const db = capture.metadata.dbname;
  return db ? { ...decoded, db_name: db } : decoded;
}

/**
 * Asserts that `encode` produces, for `c`, the request pymilvus sent: equal field by field (JSON by
 * parsed value), and byte for byte unless the case is in `JSON_TEXT_DIFFERS` or carries a `db_name`.
 */
export function expectSameAsPymilvus(encode: EncodeFn, c: CorpusCase, input: UpsertRequestInput, capture: Capture): void {
  const op = c.op ?? 'insert';
  expect(capture.method).toBe(op === 'upsert' ? 'Upsert' : 'Insert');
  const bytes = encode(input, op);
  const actual = op === 'upsert' ? decodeUpsert(bytes) : decodeInsert(bytes);
  const expected = expectedRequest(capture);
  if (HALF_FROM_NUMBERS.has(c.collection_name)) {
    expectHalfFieldsClose(actual, expected);
    return;
  }
  expect(withParsedJson(actual)).toEqual(withParsedJson(expected));
  if (!JSON_TEXT_DIFFERS.has(c.collection_name) && !c.db_name) {
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(capture.bytes).toString('hex'));
  }
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return exp === 0 ? sign * mant * 2 ** -24 : sign * (1024 + mant) * 2 ** (exp - 25);
}

function bfloat16ToNumber(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

/** Largest rounding error of a correctly rounded value `v` in a format with `mant` mantissa bits. */
function halfUlp(v: number, mant: number, minExp: number): number {
  const e = v === 0 ? minExp : Math.max(Math.floor(Math.log2(Math.abs(v))), minExp);
  return 2 ** (e - mant) / 2;
}

/**
 * For `HALF_FROM_NUMBERS`: every other field is equal; each Float16/BFloat16 field carries the same
 * dim and bytes that decode to pymilvus' float32 values within half a unit in the last place.
 */
function expectHalfFieldsClose(actual: DecodedRequest, expected: DecodedRequest): void {
  const isHalf = (f: FieldData) => f.type === 102 || f.type === 103;
  const strip = (r: DecodedRequest) => ({ ...r, fields_data: (r.fields_data as FieldData[]).map((f) => (isHalf(f) ? { ...f, vectors: undefined } : f)) });
  expect(strip(actual)).toEqual(strip(expected));
  const halves = (expected.fields_data as FieldData[]).filter(isHalf);
  expect(halves.length).toBeGreaterThan(0);
  for (const want of halves) {
    const got = (actual.fields_data as FieldData[]).find((f) => f.field_name === want.field_name)!;
    const bf16 = want.type === 103;
    const floats = (want.vectors!.float_vector as { data: number[] }).data;
    const bytes = got.vectors![bf16 ? 'bfloat16_vector' : 'float16_vector'] as Uint8Array;
    expect(got.vectors!.dim).toBe(want.vectors!.dim);
    expect(got.vectors!.float_vector).toBeUndefined();
    expect(bytes.length).toBe(floats.length * 2);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    floats.forEach((v, i) => {
      const bits = view.getUint16(i * 2, true);
      const decoded = bf16 ? bfloat16ToNumber(bits) : halfToNumber(bits);
      expect(Math.abs(decoded - v)).toBeLessThanOrEqual(bf16 ? halfUlp(v, 7, -126) : halfUlp(v, 10, -14));
    });
  }
}
