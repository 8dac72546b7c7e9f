/**
 * The input forms the official Node SDK accepts, each encoded to exactly the bytes of an equivalent form
 * already proven against pymilvus (or, for structs and field_ops, against protobufjs): int64 values as
 * `Long`, sparse vectors in every SDK form, float16/bfloat16 fields whose rows mix numbers and bytes,
 * Array-of-Struct fields with embedding lists, and upsert `field_ops`. Every case runs on both engines.
 */
import Long from 'long';
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest, InvalidInputError, type Engine, type FieldSchemaInput, type Row } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { referenceEncodeInsert } from '../helpers/reference-encoder.js';

const ENGINES: Engine[] = ['wasm', 'js'];
const ID: FieldSchemaInput = { name: 'id', data_type: 'Int64', is_primary_key: true };

const encode = (fields: FieldSchemaInput[], data: Row[], engine: Engine, extra: { enable_dynamic_field?: boolean } = {}) =>
  Buffer.from(encodeInsertRequest({ collection_name: 'c', schema: { fields, ...extra }, data }, { engine })).toString('hex');

describe.each(ENGINES)('engine %s', (engine) => {
  it('an int64 given as a Long encodes as the same value given as a bigint (signed, unsigned, both ends)', () => {
    const fields = [ID, { name: 'v', data_type: 'Int64' }, { name: 'vec', data_type: 'FloatVector', dim: 1 }];
    const values = [0n, 1n, -1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
    const asLong = values.map((v, i) => ({ id: Long.fromString(v.toString()), v: Long.fromString(String(i * 7 - 3)), vec: [i] }));
    const asBigint = values.map((v, i) => ({ id: v, v: BigInt(i * 7 - 3), vec: [i] }));
    expect(encode(fields, asLong, engine)).toBe(encode(fields, asBigint, engine));
    // An unsigned Long is its unsigned value: within int64 it is accepted, beyond it refused.
    expect(encode(fields, [{ id: Long.fromBits(5, 7, true), v: 0, vec: [0] }], engine)).toBe(encode(fields, [{ id: (7n << 32n) + 5n, v: 0, vec: [0] }], engine));
    expect(() => encode(fields, [{ id: Long.MAX_UNSIGNED_VALUE, v: 0, vec: [0] }], engine)).toThrow(/Int64 range/);
  });

  it('every sparse form encodes to the same bytes as the dict form', () => {
    const fields = [ID, { name: 'sp', data_type: 'SparseFloatVector' }];
    const dict = encode(fields, [{ id: 1, sp: { 2: 0.5, 7: 1.25, 40: -3 } }, { id: 2, sp: {} }], engine);
    const forms: unknown[][] = [
      [{ indices: [2, 7, 40], values: [0.5, 1.25, -3] }, { indices: [], values: [] }], // CSR
      [[{ index: 40, value: -3 }, { index: 2, value: 0.5 }, { index: 7, value: 1.25 }], []], // COO, unsorted
      [[[7, 1.25], [2, 0.5], [40, -3]], []], // pairs
      [new Map([[40, -3], [2, 0.5], [7, 1.25]]), new Map()], // Map
      [Object.assign(new Array(41), { 2: 0.5, 7: 1.25, 40: -3 }), []], // dense values with holes
      [Array.from({ length: 41 }, (_, i) => (i === 2 ? 0.5 : i === 7 ? 1.25 : i === 40 ? -3 : NaN)), []], // NaN counts as a hole
      [{ indices: Uint32Array.from([2, 7, 40]), values: Float32Array.from([0.5, 1.25, -3]) }, { indices: [], values: [] }],
    ];
    for (const [a, b] of forms) expect(encode(fields, [{ id: 1, sp: a as Row[string] }, { id: 2, sp: b as Row[string] }], engine)).toBe(dict);
  });

  it('sparse errors name the entry in the caller\'s form', () => {
    const fields = [ID, { name: 'sp', data_type: 'SparseFloatVector' }];
    expect(() => encode(fields, [{ id: 1, sp: [{ index: 1, value: 1 }, { index: -2, value: 1 }] }], engine)).toThrow(/field "sp", row 0: expected sparse indices .* got -2 at entry 1/);
    expect(() => encode(fields, [{ id: 1, sp: [{ index: 1, value: 1 }, { idx: 2 }] }], engine)).toThrow(/\{ index, value \} objects/);
    expect(() => encode(fields, [{ id: 1, sp: [1, Infinity] }], engine)).toThrow(/field "sp", row 0: expected finite numbers/);
  });

  it('float16 and bfloat16 rows may mix numbers and packed bytes, with the same rounding as number rows', () => {
    const fields = [ID, { name: 'h', data_type: 'Float16Vector', dim: 2 }, { name: 'b', data_type: 'BFloat16Vector', dim: 2 }];
    const numbers = [{ id: 1, h: [1 + 2 ** -11 + 2 ** -40, -2.5], b: [1, 3.140625] }, { id: 2, h: [65504, 2 ** -24], b: [-1, 0] }];
    const allNumbers = encode(fields, numbers, engine);
    // The same values: row 1 as bytes (float16 0x3c01 0xc100; bfloat16 0x3f80 0x4049).
    const mixed = [{ id: 1, h: Uint8Array.from([0x01, 0x3c, 0x00, 0xc1]), b: Uint8Array.from([0x80, 0x3f, 0x49, 0x40]) }, numbers[1]!];
    expect(encode(fields, mixed as Row[], engine)).toBe(allNumbers);
    expect(() => encode(fields, [mixed[0]!, { id: 2, h: [70000, 0], b: [0, 0] }] as Row[], engine)).toThrow(/field "h", row 1: expected values within the float16 range \(±65504\), got 70000 at position 0/);
    expect(() => encode(fields, [mixed[0]!, { id: 2, h: [1, 1], b: [NaN, 0] }] as Row[], engine)).toThrow(/field "b", row 1: expected finite numbers, got NaN at position 0/);
  });

  describe('Array-of-Struct fields', () => {
    const struct: FieldSchemaInput = {
      name: 'clips', data_type: 'Array', element_type: 'Struct', max_capacity: 3,
      fields: [
        { name: 'frame', data_type: 'Int64' }, { name: 'tag', data_type: 'VarChar', max_length: 4 }, { name: 'ok', data_type: 'Bool' },
        { name: 'emb', data_type: 'FloatVector', dim: 2 }, { name: 'h', data_type: 'Float16Vector', dim: 1 },
        { name: 'bin', data_type: 'BinaryVector', dim: 16 }, { name: 'i8', data_type: 'Int8Vector', dim: 2 },
      ],
    };
    const fields = [ID, { name: 'vec', data_type: 'FloatVector', dim: 1 }, struct];
    const element = (i: number) => ({ frame: 2n ** 60n + BigInt(i), tag: 'ab'.slice(i % 2), ok: i % 2 === 0, emb: [i, -i], h: i % 2 ? [i / 4] : Uint8Array.from([0x00, 0x3c]), bin: Uint8Array.from([i, 255 - i]), i8: Int8Array.from([i, -i]) });
    const rows: Row[] = [
      { id: 1, vec: [1], clips: [element(0), element(1), element(2)] },
      { id: 2, vec: [2], clips: [] },
      { id: 3, vec: [3], clips: [element(3)] },
    ];

    it('encodes as protobufjs does from the pymilvus layout (members per row, embedding lists per row)', () => {
      const reference = Buffer.from(referenceEncodeInsert({ collection_name: 'c', schema: { fields, enable_dynamic_field: true }, data: rows.map((r) => ({ ...r, extra: r.id })) })).toString('hex');
      expect(encode(fields, rows.map((r) => ({ ...r, extra: r.id })), engine, { enable_dynamic_field: true })).toBe(reference);
    });

    it('takes binary and int8 members as numbers too (the SDK\'s form), with the same bytes', () => {
      const asNumbers = rows.map((r) => ({ ...r, clips: (r.clips as Record<string, unknown>[]).map((e) => ({ ...e, bin: [...(e.bin as Uint8Array)], i8: [...(e.i8 as Int8Array)] })) }));
      expect(encode(fields, asNumbers, engine)).toBe(encode(fields, rows, engine));
    });

    it('decodes to the members and vectors given', () => {
      const bytes = encodeInsertRequest({ collection_name: 'c', schema: { fields }, data: rows }, { engine });
      const req = decodeMessage<{ fields_data: { type: number; field_name: string; struct_arrays?: { fields: { field_name: string; type: number; scalars?: unknown; vectors?: { vector_array: { dim: string; data: { float_vector?: { data: number[] } }[]; element_type: number } } }[] } }[] }>('milvus.proto.milvus.InsertRequest', bytes);
      const clips = req.fields_data.find((f) => f.field_name === 'clips')!;
      expect(clips.type).toBe(200);
      expect(clips.struct_arrays!.fields.map((f) => [f.field_name, f.type])).toEqual([['frame', 22], ['tag', 22], ['ok', 22], ['emb', 106], ['h', 106], ['bin', 106], ['i8', 106]]);
      const emb = clips.struct_arrays!.fields[3]!.vectors!.vector_array;
      expect(emb).toMatchObject({ dim: '2', element_type: 101 });
      expect(emb.data.map((v) => v.float_vector?.data ?? [])).toEqual([[0, -0, 1, -1, 2, -2], [], [3, -3]]);
    });

    it.each([
      [{ id: 1, vec: [1], clips: [{ ...element(0), extra: 1 }] }, /field "clips", row 0: element 0 has "extra", which is not a member/],
      [{ id: 1, vec: [1], clips: [{ ...element(0), tag: undefined }] }, /element 0 has no value for member "tag"/],
      [{ id: 1, vec: [1], clips: [element(0), element(1), element(2), element(3)] }, /field "clips", row 0: expected at most 3 structs \(max_capacity\), got 4/],
      [{ id: 1, vec: [1], clips: [element(0), { ...element(1), emb: [1, 2, 3] }] }, /field "clips\[emb\]", row 0: expected 2 values \(dim 2\) at element 1, got 3/],
      [{ id: 1, vec: [1], clips: [element(0), { ...element(1), emb: [1, NaN] }] }, /field "clips\[emb\]", row 0: expected finite numbers at element 1, position 1, got NaN/],
      [{ id: 1, vec: [1], clips: [{ ...element(0), tag: 'long!' }] }, /field "clips\[tag\]", row 0: expected at most 4 UTF-8 bytes \(max_length\) at element 0/],
      [{ id: 1, vec: [1], clips: [{ ...element(0), h: [1e6] }] }, /field "clips\[h\]", row 0: expected values within the float16 range \(±65504\) at element 0, position 0, got 1000000/],
      [{ id: 1, vec: [1], clips: [{ ...element(0), i8: [1, 300] }] }, /field "clips\[i8\]", row 0: expected an integer in -128\.\.127 at element 0, position 1, got 300/],
      [{ id: 1, vec: [1], clips: 'nope' }, /field "clips", row 0: expected a list of structs/],
    ])('refuses bad struct input, naming field, row and element (%#)', (row, message) => {
      expect(() => encode(fields, [row as Row], engine)).toThrow(InvalidInputError);
      expect(() => encode(fields, [row as Row], engine)).toThrow(message);
    });
  });

  it('upsert field_ops travel as UpsertRequest.field_ops, after the encoder\'s own fields', () => {
    const fields = [ID, { name: 'vec', data_type: 'FloatVector', dim: 1 }, { name: 'tags', data_type: 'Array', element_type: 'Int32', max_capacity: 4 }];
    const input = { collection_name: 'c', schema: { fields }, data: [{ id: 1, vec: [1], tags: [5] }], partial_update: true };
    const plain = encodeUpsertRequest(input, { engine });
    const withOps = encodeUpsertRequest({ ...input, field_ops: [{ field_name: 'tags', op: 1 }, { field_name: 'vec', op: 0 }] }, { engine });
    expect(Buffer.from(withOps.subarray(0, plain.length)).equals(Buffer.from(plain))).toBe(true);
    const decoded = decodeMessage<{ field_ops: { field_name: string; op: number }[]; partial_update: boolean }>('milvus.proto.milvus.UpsertRequest', withOps);
    expect(decoded.field_ops).toEqual([{ field_name: 'tags', op: 1 }, { field_name: 'vec', op: 0 }]);
    expect(decoded.partial_update).toBe(true);
  });
});
