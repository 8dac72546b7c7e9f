/**
 * Exact request bytes, derived by hand from the protobuf wire format, for every field type and
 * option. Each case runs on both engines. Notation in the comments: `tag len body`; a tag byte is
 * `(field number << 3) | wire type` (0 varint, 2 length-delimited), e.g. `2a` = fields_data (#5).
 *
 * Recurring pieces (milvus.proto.milvus.InsertRequest and milvus.proto.schema.*):
 *   1a 01 63          collection_name (#3) = "c"
 *   2a <n>            fields_data (#5), a FieldData of n bytes
 *   38 <n>            num_rows (#7)
 *   FieldData:        08 type (#1) · 12 name (#2) · 1a scalars (#3) | 22 vectors (#4) · 30 01 is_dynamic (#6)
 *                     · 3a valid_data (#7, packed bools)
 *   ScalarField:      0a bool · 12 int · 1a long · 22 float · 2a double · 32 string · 42 array · 4a json
 *                     · 62 geometry_wkt (#12); each wraps a message whose `data` (#1) is `0a` (packed or repeated)
 *   VectorField:      08 dim (#1) · 12 float_vector · 1a binary · 22 float16 · 2a bfloat16 · 32 sparse · 3a int8
 * Negative Int8/16/32 values are sign-extended to 64 bits: always 10 varint bytes.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest, planWrite } from '../../src/index.js';
import type { FieldSchemaInput, InsertRequestInput, Row, UpsertRequestInput } from '../../src/index.js';
import { hex, toHex, utf8Hex } from './hex.js';

interface Case {
  name: string;
  input: InsertRequestInput | UpsertRequestInput;
  upsert?: boolean;
  expected: string;
}

/** A request for collection "c" with the given fields and rows (or columns via `extra`). */
function req(fields: FieldSchemaInput[], data: Row[] | undefined, extra: Partial<UpsertRequestInput> = {}): InsertRequestInput {
  return { collection_name: 'c', schema: { fields }, ...(data === undefined ? {} : { data }), ...extra };
}

const ID_FIELD: FieldSchemaInput = { name: 'id', data_type: 'Int64', is_primary_key: true };

/** A row whose own keys are `own` and whose prototype holds `inherited`. */
function inheriting(inherited: Row, own: Row): Row {
  return Object.assign(Object.create(inherited) as Row, own);
}

const scalarCases: Case[] = [
  {
    name: 'Bool',
    input: req([{ name: 'b', data_type: 'Bool' }], [{ b: true }, { b: false }, { b: true }]),
    expected: hex`
      1a 01 63
      2a 0e                      # FieldData, 14 bytes
        08 01  12 01 62          #   type Bool (1), name "b"
        1a 07 0a 05 0a 03        #   scalars{ bool_data{ data: packed, 3 bytes
          01 00 01
      38 03`,
  },
  {
    name: 'Int8 (negative values are 10-byte varints)',
    input: req([{ name: 'i', data_type: 'Int8' }], [{ i: -1 }, { i: 0 }, { i: 127 }, { i: -128 }]),
    expected: hex`
      1a 01 63
      2a 21                      # 2 + 3 + 2 + 26 = 33
        08 02  12 01 69
        1a 1a 12 18 0a 16        # scalars{ int_data{ data: packed, 22 bytes
          ff ff ff ff ff ff ff ff ff 01   # -1
          00                              # 0
          7f                              # 127
          80 ff ff ff ff ff ff ff ff 01   # -128 = 0xffffffffffffff80
      38 04`,
  },
  {
    name: 'Int16',
    input: req([{ name: 'i', data_type: 'Int16' }], [{ i: 300 }, { i: -300 }, { i: 32767 }, { i: -32768 }]),
    expected: hex`
      1a 01 63
      2a 24                      # 2 + 3 + 2 + 29 = 36
        08 03  12 01 69
        1a 1d 12 1b 0a 19        # 25 bytes of varints
          ac 02                           # 300 = 0b10_0101100
          d4 fd ff ff ff ff ff ff ff 01   # -300 = 0xfffffffffffffed4
          ff ff 01                        # 32767
          80 80 fe ff ff ff ff ff ff 01   # -32768 = 0xffffffffffff8000
      38 04`,
  },
  {
    name: 'Int32',
    input: req([{ name: 'i', data_type: 'Int32' }], [{ i: 2147483647 }, { i: -2147483648 }, { i: 1 }]),
    expected: hex`
      1a 01 63
      2a 1b                      # 2 + 3 + 2 + 20 = 27
        08 04  12 01 69
        1a 14 12 12 0a 10        # 16 bytes of varints
          ff ff ff ff 07                  # 2^31 - 1
          80 80 80 80 f8 ff ff ff ff 01   # -2^31
          01
      38 03`,
  },
  {
    name: 'Int64 from bigint, number, decimal string, > 2^53, -2^63, 2^63-1',
    input: req([{ name: 'n', data_type: 'Int64' }], [
      { n: 1n }, { n: -1 }, { n: '9007199254740993' }, { n: -(2n ** 63n) }, { n: '9223372036854775807' }, { n: 2 ** 53 - 1 },
    ]),
    expected: hex`
      1a 01 63
      2a 39                      # 2 + 3 + 2 + 50 = 57
        08 05  12 01 6e
        1a 32 1a 30 0a 2e        # scalars{ long_data{ data: packed, 46 bytes
          01                              # 1n
          ff ff ff ff ff ff ff ff ff 01   # -1
          81 80 80 80 80 80 80 10         # 2^53 + 1 (not representable as a double)
          80 80 80 80 80 80 80 80 80 01   # -2^63
          ff ff ff ff ff ff ff ff 7f      # 2^63 - 1
          ff ff ff ff ff ff ff 0f         # 2^53 - 1 (53 one-bits: 7 x 7 + 4)
      38 06`,
  },
  {
    name: 'Float (f32 little-endian, rounded to nearest)',
    input: req([{ name: 'f', data_type: 'Float' }], [{ f: 1.5 }, { f: -0 }, { f: 3.4028234663852886e38 }, { f: 0.1 }]),
    expected: hex`
      1a 01 63
      2a 1b
        08 0a  12 01 66          # type Float (10)
        1a 14 22 12 0a 10        # scalars{ float_data{ data: packed, 16 bytes
          00 00 c0 3f            # 1.5
          00 00 00 80            # -0 keeps its sign
          ff ff 7f 7f            # largest float32
          cd cc cc 3d            # 0.1 -> 0x3dcccccd
      38 04`,
  },
  {
    name: 'Double',
    input: req([{ name: 'd', data_type: 'Double' }], [{ d: 0.1 }, { d: -2 }]),
    expected: hex`
      1a 01 63
      2a 1b
        08 0b  12 01 64          # type Double (11)
        1a 14 2a 12 0a 10        # scalars{ double_data{ data: packed, 16 bytes
          9a 99 99 99 99 99 b9 3f
          00 00 00 00 00 00 00 c0
      38 02`,
  },
  {
    name: 'VarChar (UTF-8, empty string kept)',
    input: req([{ name: 's', data_type: 'VarChar', max_length: 16 }], [{ s: 'héllo' }, { s: '' }, { s: '日本' }]),
    expected: hex`
      1a 01 63
      2a 1b                      # 2 + 3 + 2 + 20
        08 15  12 01 73          # type VarChar (21)
        1a 14 32 12              # scalars{ string_data{ 18 bytes
          0a 06 68 c3 a9 6c 6c 6f          # "héllo": é = c3 a9
          0a 00                            # ""
          0a 06 e6 97 a5 e6 9c ac          # "日本": U+65E5, U+672C
      38 03`,
  },
  {
    name: 'VarChar of exactly max_length UTF-8 bytes',
    input: req([{ name: 's', data_type: 'VarChar', max_length: 6 }], [{ s: '€€' }]),
    expected: hex`
      1a 01 63
      2a 11
        08 15  12 01 73
        1a 0a 32 08 0a 06 e2 82 ac e2 82 ac   # "€€" = 2 x e2 82 ac
      38 01`,
  },
  {
    name: 'JSON: an object is serialised, a string is JSON text sent verbatim',
    input: req([{ name: 'j', data_type: 'JSON' }], [{ j: { a: 1, b: [true, null] } }, { j: '"x"' }, { j: ' [1, 2.50] ' }]),
    expected: hex`
      1a 01 63
      2a 34                      # 2 + 3 + 2 + 45 = 52
        08 17  12 01 6a          # type JSON (23)
        1a 2d 4a 2b              # scalars{ json_data{ 43 bytes
          0a 17 ${utf8Hex('{"a":1,"b":[true,null]}')}
          0a 03 22 78 22                               # "x" (quotes included)
          0a 0b ${utf8Hex(' [1, 2.50] ')}              # whitespace and 2.50 kept
      38 03`,
  },
  {
    name: 'Geometry (WKT as given)',
    input: req([{ name: 'g', data_type: 'Geometry' }], [{ g: 'POINT (1 2)' }]),
    expected: hex`
      1a 01 63
      2a 16
        08 18  12 01 67          # type Geometry (24)
        1a 0f 62 0d              # scalars{ geometry_wkt_data (#12){ 13 bytes
          0a 0b ${utf8Hex('POINT (1 2)')}
      38 01`,
  },
  {
    name: 'Timestamptz: ISO string verbatim, a Date as its ISO string',
    input: req([{ name: 't', data_type: 'Timestamptz' }], [{ t: '2025-01-02T03:04:05Z' }, { t: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 123)) }]),
    expected: hex`
      1a 01 63
      2a 39                      # 2 + 3 + 2 + 50
        08 1a  12 01 74          # type Timestamptz (26)
        1a 32 32 30              # scalars{ string_data{ 48 bytes
          0a 14 ${utf8Hex('2025-01-02T03:04:05Z')}
          0a 18 ${utf8Hex('2025-01-02T03:04:05.123Z')}
      38 02`,
  },
];

/** Array fields: one ScalarField per row in the element's slot; an empty row is an empty slot message. */
const arrayCases: Case[] = [
  {
    name: 'Array<Bool> with an empty row',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Bool', max_capacity: 4 }], [{ a: [true, false] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 15                      # 2 + 3 + 2 + 14
        08 16  12 01 61          # type Array (22)
        1a 0e 42 0c              # scalars{ array_data{ 12 bytes (no element_type)
          0a 06 0a 04 0a 02 01 00          # data{ bool_data{ data: packed [1, 0] } }
          0a 02 0a 00                      # data{ bool_data{} }
      38 02`,
  },
  {
    name: 'Array<Int8>',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Int8', max_capacity: 4 }], [{ a: [-1, 5] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 1e                      # 2 + 3 + 2 + 23
        08 16  12 01 61
        1a 17 42 15
          0a 0f 12 0d 0a 0b ff ff ff ff ff ff ff ff ff 01 05   # int_data [-1, 5]
          0a 02 12 00
      38 02`,
  },
  {
    name: 'Array<Int16>',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Int16', max_capacity: 4 }], [{ a: [-300, 300] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 1f                      # 2 + 3 + 2 + 24
        08 16  12 01 61
        1a 18 42 16
          0a 10 12 0e 0a 0c d4 fd ff ff ff ff ff ff ff 01 ac 02
          0a 02 12 00
      38 02`,
  },
  {
    name: 'Array<Int32>',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Int32', max_capacity: 4 }], [{ a: [2147483647] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 18                      # 2 + 3 + 2 + 17
        08 16  12 01 61
        1a 11 42 0f
          0a 09 12 07 0a 05 ff ff ff ff 07
          0a 02 12 00
      38 02`,
  },
  {
    name: 'Array<Int64> from string and bigint',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Int64', max_capacity: 4 }], [{ a: ['9007199254740993', -1n] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 25                      # 2 + 3 + 2 + 30
        08 16  12 01 61
        1a 1e 42 1c
          0a 16 1a 14 0a 12                # long_data{ data: packed, 18 bytes
            81 80 80 80 80 80 80 10
            ff ff ff ff ff ff ff ff ff 01
          0a 02 1a 00
      38 02`,
  },
  {
    name: 'Array<Float>',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Float', max_capacity: 4 }], [{ a: [0.5, -2] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 1b                      # 2 + 3 + 2 + 20
        08 16  12 01 61
        1a 14 42 12
          0a 0c 22 0a 0a 08 00 00 00 3f 00 00 00 c0
          0a 02 22 00
      38 02`,
  },
  {
    name: 'Array<Double>',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Double', max_capacity: 4 }], [{ a: [0.1] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 1b
        08 16  12 01 61
        1a 14 42 12
          0a 0c 2a 0a 0a 08 9a 99 99 99 99 99 b9 3f
          0a 02 2a 00
      38 02`,
  },
  {
    name: 'Array<VarChar> (max_length per element, in bytes)',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'VarChar', max_capacity: 4, max_length: 2 }], [{ a: ['ab', 'é'] }, { a: [] }]),
    expected: hex`
      1a 01 63
      2a 19                      # 2 + 3 + 2 + 18
        08 16  12 01 61
        1a 12 42 10
          0a 0a 32 08 0a 02 61 62 0a 02 c3 a9   # string_data ["ab", "é"]
          0a 02 32 00
      38 02`,
  },
];

const FLOAT_VEC_2x2 = hex`
  08 65  12 01 76              # type FloatVector (101), name "v"
  22 16 08 02                  # vectors{ dim: 2
    12 12 0a 10                #   float_vector{ data: packed, 16 bytes
      00 00 80 3f 00 00 00 c0  #   [1, -2]
      00 00 00 3f 00 00 00 00  #   [0.5, 0]`;

const F16_2x3 = hex`
  08 66  12 01 68              # type Float16Vector (102)
  22 10 08 03 22 0c            # vectors{ dim: 3, float16_vector: 12 bytes
    00 3c 00 c1 ff 7b          # 1 = 0x3c00, -2.5 = 0xc100, 65504 = 0x7bff
    66 2e 02 00 ff fb          # 0.1 -> 0x2e66 (614.4 -> 614), 1e-7 -> 2 x 2^-24, -65504 = 0xfbff`;

const vectorCases: Case[] = [
  {
    name: 'FloatVector',
    input: req([{ name: 'v', data_type: 'FloatVector', dim: 2 }], [{ v: [1, -2] }, { v: new Float32Array([0.5, 0]) }]),
    expected: hex`1a 01 63  2a 1d ${FLOAT_VEC_2x2}  38 02`,
  },
  {
    name: 'BinaryVector: dim is the schema dim in bits',
    input: req([{ name: 'v', data_type: 'BinaryVector', dim: 16 }], [{ v: new Uint8Array([1, 2]) }, { v: [255, 0] }]),
    expected: hex`
      1a 01 63
      2a 0f
        08 64  12 01 76          # type BinaryVector (100)
        22 08 08 10              # vectors{ dim: 16 (bits, as in the schema)
          1a 04 01 02 ff 00      #   binary_vector: 2 bytes per row
      38 02`,
  },
  {
    name: 'Float16Vector from numbers (round to nearest even)',
    input: req([{ name: 'h', data_type: 'Float16Vector', dim: 3 }], [{ h: [1, -2.5, 65504] }, { h: [0.1, 1e-7, -65504] }]),
    expected: hex`1a 01 63  2a 17 ${F16_2x3}  38 02`,
  },
  {
    name: 'Float16Vector from raw bytes: dim is still the number of values',
    input: req([{ name: 'h', data_type: 'Float16Vector', dim: 3 }], [
      { h: new Uint8Array([0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b]) }, { h: new Uint8Array([0x66, 0x2e, 0x02, 0x00, 0xff, 0xfb]) },
    ]),
    expected: hex`1a 01 63  2a 17 ${F16_2x3}  38 02`,
  },
  {
    name: 'BFloat16Vector from numbers (round to nearest even)',
    input: req([{ name: 'h', data_type: 'BFloat16Vector', dim: 3 }], [{ h: [1, -2.5, 3.140625] }, { h: [1 + 2 ** -8, 1 + 3 * 2 ** -8, -0] }]),
    expected: hex`
      1a 01 63
      2a 17
        08 67  12 01 68          # type BFloat16Vector (103)
        22 10 08 03 2a 0c        # vectors{ dim: 3, bfloat16_vector: 12 bytes
          80 3f 20 c0 49 40      # 1 = 0x3f80, -2.5 = 0xc020, 3.140625 = 0x4049
          80 3f 82 3f 00 80      # 1+2^-8: tie -> even 0x3f80; 1+3*2^-8: tie -> even 0x3f82; -0 = 0x8000
      38 02`,
  },
  {
    name: 'BFloat16Vector from raw bytes: dim is still the number of values',
    input: req([{ name: 'h', data_type: 'BFloat16Vector', dim: 3 }], [{ h: new Uint8Array([0x80, 0x3f, 0x20, 0xc0, 0x49, 0x40]) }]),
    expected: hex`
      1a 01 63
      2a 11
        08 67  12 01 68
        22 0a 08 03 2a 06 80 3f 20 c0 49 40
      38 01`,
  },
  {
    name: 'Int8Vector from numbers',
    input: req([{ name: 'q', data_type: 'Int8Vector', dim: 3 }], [{ q: [-128, 127, 0] }, { q: [-1, 1, 2] }]),
    expected: hex`
      1a 01 63
      2a 11
        08 69  12 01 71          # type Int8Vector (105)
        22 0a 08 03 3a 06        # vectors{ dim: 3, int8_vector: two's complement bytes
          80 7f 00 ff 01 02
      38 02`,
  },
  {
    name: 'Int8Vector from Int8Array',
    input: req([{ name: 'q', data_type: 'Int8Vector', dim: 3 }], [{ q: Int8Array.of(-128, 127, 0) }, { q: Int8Array.of(-1, 1, 2) }]),
    expected: hex`1a 01 63  2a 11 08 69 12 01 71 22 0a 08 03 3a 06 80 7f 00 ff 01 02  38 02`,
  },
  {
    name: 'Int8Vector from numbers, then an Int8Array row',
    input: req([{ name: 'q', data_type: 'Int8Vector', dim: 3 }], [{ q: [-128, 127, 0] }, { q: Int8Array.of(-1, 1, 2) }]),
    expected: hex`1a 01 63  2a 11 08 69 12 01 71 22 0a 08 03 3a 06 80 7f 00 ff 01 02  38 02`,
  },
];

/** Sparse rows {1: 2, 3: 0.5} (given unsorted where the form allows) and an empty row. */
const SPARSE_2_ROWS = hex`
  1a 01 63
  2a 1d                          # 2 + 3 + 2 + 22
    08 68  12 01 73              # type SparseFloatVector (104); no VectorField.dim
    22 16 32 14                  # vectors{ sparse_float_vector{ 20 bytes, no dim
      0a 10                      #   contents[0]: (u32 index, f32 value) pairs sorted by index
        01 00 00 00 00 00 00 40  #   1 -> 2.0
        03 00 00 00 00 00 00 3f  #   3 -> 0.5
      0a 00                      #   contents[1]: empty row
  38 02`;

const SPARSE_FIELD: FieldSchemaInput = { name: 's', data_type: 'SparseFloatVector' };

const sparseCases: Case[] = [
  { name: 'SparseFloatVector from objects', input: req([SPARSE_FIELD], [{ s: { 3: 0.5, 1: 2 } }, { s: {} }]), expected: SPARSE_2_ROWS },
  { name: 'SparseFloatVector from unsorted Maps', input: req([SPARSE_FIELD], [{ s: new Map([[3, 0.5], [1, 2]]) }, { s: new Map() }]), expected: SPARSE_2_ROWS },
  { name: 'SparseFloatVector from unsorted pairs', input: req([SPARSE_FIELD], [{ s: [[3, 0.5], [1, 2]] }, { s: [] }]), expected: SPARSE_2_ROWS },
  {
    name: 'SparseFloatVector from unsorted {indices, values}',
    input: req([SPARSE_FIELD], [{ s: { indices: [3, 1], values: [0.5, 2] } }, { s: { indices: [], values: [] } }]),
    expected: SPARSE_2_ROWS,
  },
  {
    name: 'SparseFloatVector from typed {indices, values}',
    input: req([SPARSE_FIELD], [{ s: { indices: Uint32Array.of(3, 1), values: Float32Array.of(0.5, 2) } }, { s: {} }]),
    expected: SPARSE_2_ROWS,
  },
  {
    name: 'SparseFloatVector with the largest index 2^32-2',
    input: req([SPARSE_FIELD], [{ s: new Map([[4294967294, 1]]) }]),
    expected: hex`
      1a 01 63
      2a 13
        08 68  12 01 73
        22 0c 32 0a 0a 08 fe ff ff ff 00 00 80 3f
      38 01`,
  },
];

const nullCases: Case[] = [
  {
    name: 'nullable Int64: compact data plus valid_data (null and missing are both null)',
    input: req([{ name: 'n', data_type: 'Int64', nullable: true }], [{ n: 5 }, { n: null }, {}, { n: 7 }]),
    expected: hex`
      1a 01 63
      2a 13                      # 2 + 3 + 8 + 6
        08 05  12 01 6e
        1a 06 1a 04 0a 02 05 07  # long_data: only the given values
        3a 04 01 00 00 01        # valid_data
      38 04`,
  },
  {
    name: 'nullable VarChar, all rows null: empty string_data still present',
    input: req([{ name: 's', data_type: 'VarChar', max_length: 4, nullable: true }], [{ s: null }, {}]),
    expected: hex`1a 01 63  2a 0d 08 15 12 01 73 1a 02 32 00 3a 02 00 00  38 02`,
  },
  {
    name: 'nullable Bool, all rows null',
    input: req([{ name: 'b', data_type: 'Bool', nullable: true }], [{ b: null }]),
    expected: hex`1a 01 63  2a 0c 08 01 12 01 62 1a 02 0a 00 3a 01 00  38 01`,
  },
  {
    name: 'nullable JSON with a null row',
    input: req([{ name: 'j', data_type: 'JSON', nullable: true }], [{ j: null }, { j: { a: 1 } }]),
    expected: hex`
      1a 01 63
      2a 16
        08 17 12 01 6a
        1a 0b 4a 09 0a 07 ${utf8Hex('{"a":1}')}
        3a 02 00 01
      38 02`,
  },
  {
    name: 'nullable Array with a null row: only the valid rows',
    input: req([{ name: 'a', data_type: 'Array', element_type: 'Int32', max_capacity: 2, nullable: true }], [{ a: null }, { a: [1] }]),
    expected: hex`
      1a 01 63
      2a 14
        08 16 12 01 61
        1a 09 42 07 0a 05 12 03 0a 01 01
        3a 02 00 01
      38 02`,
  },
  {
    name: 'nullable FloatVector with a null row: only the valid rows, dim from the schema',
    input: req([{ name: 'v', data_type: 'FloatVector', dim: 2, nullable: true }], [{ v: null }, { v: [1, 2] }]),
    expected: hex`
      1a 01 63
      2a 19
        08 65 12 01 76
        22 0e 08 02 12 0a 0a 08 00 00 80 3f 00 00 00 40
        3a 02 00 01
      38 02`,
  },
  {
    name: 'nullable FloatVector, all rows null: dim only, no payload',
    input: req([{ name: 'v', data_type: 'FloatVector', dim: 2, nullable: true }], [{ v: null }, {}]),
    expected: hex`1a 01 63  2a 0d 08 65 12 01 76 22 02 08 02 3a 02 00 00  38 02`,
  },
  {
    name: 'nullable SparseFloatVector, all rows null: no vectors at all',
    input: req([{ name: 's', data_type: 'SparseFloatVector', nullable: true }], [{ s: null }, {}]),
    expected: hex`1a 01 63  2a 09 08 68 12 01 73 3a 02 00 00  38 02`,
  },
  {
    name: 'default_value: a missing or null value is sent as not valid',
    input: req([{ name: 'i', data_type: 'Int32', default_value: 7 }], [{}, { i: 3 }, { i: null }]),
    expected: hex`
      1a 01 63
      2a 11
        08 04 12 01 69
        1a 05 12 03 0a 01 03     # int_data [3]
        3a 03 00 01 00
      38 03`,
  },
  {
    name: 'default_value as describeCollection returns it ({ data, int_data })',
    input: req([{ name: 'i', data_type: 'Int32', default_value: { data: 'int_data', int_data: 7 } }], [{}, { i: 3 }, { i: null }]),
    expected: hex`1a 01 63  2a 11 08 04 12 01 69 1a 05 12 03 0a 01 03 3a 03 00 01 00  38 03`,
  },
  {
    name: 'a missing field named like an Object.prototype member ("constructor") is null, not the inherited function',
    input: req([{ name: 'constructor', data_type: 'Int64', nullable: true }, { name: 'b', data_type: 'Bool' }], [{ b: true }]),
    expected: hex`
      1a 01 63
      2a 16 08 05 12 0b ${utf8Hex('constructor')} 1a 02 1a 00 3a 01 00
      2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01
      38 01`,
  },
  {
    name: 'a missing JSON field named "__proto__" is null, not the inherited prototype serialised as {}',
    input: req([{ name: '__proto__', data_type: 'JSON', nullable: true }, { name: 'b', data_type: 'Bool' }], [{ b: true }]),
    expected: hex`
      1a 01 63
      2a 14 08 17 12 09 ${utf8Hex('__proto__')} 1a 02 4a 00 3a 01 00
      2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01
      38 01`,
  },
];

const ID_1_2 = hex`08 05 12 02 69 64 1a 06 1a 04 0a 02 01 02`; // id: long_data [1, 2], 14 bytes
const META_X_A = hex`
  08 17 12 05 ${utf8Hex('$meta')}   # type JSON, name "$meta"
  1a 11 4a 0f                       # scalars{ json_data{ 15 bytes
    0a 09 ${utf8Hex('{"x":"a"}')}   #   the row's keys outside the schema
    0a 02 7b 7d                     #   {} for a row without any
  30 01                             # is_dynamic: true`;

const requestCases: Case[] = [
  {
    name: 'dynamic fields: $meta last, one JSON object per row',
    input: { collection_name: 'c', schema: { fields: [ID_FIELD], enable_dynamic_field: true }, data: [{ id: 1, x: 'a' }, { id: 2 }] },
    expected: hex`1a 01 63  2a 0e ${ID_1_2}  2a 1e ${META_X_A}  38 02`,
  },
  {
    name: 'dynamic fields: an own "__proto__" key is kept in $meta',
    input: { collection_name: 'c', schema: { fields: [ID_FIELD], enable_dynamic_field: true }, data: [JSON.parse('{"id":1,"__proto__":{"a":1}}') as Row] },
    expected: hex`
      1a 01 63
      2a 0d 08 05 12 02 69 64 1a 05 1a 03 0a 01 01
      2a 26 08 17 12 05 ${utf8Hex('$meta')} 1a 19 4a 17 0a 15 ${utf8Hex('{"__proto__":{"a":1}}')} 30 01
      38 01`,
  },
  {
    name: 'dynamic fields: a key inherited through a row\'s prototype is not sent ($meta stays {})',
    input: { collection_name: 'c', schema: { fields: [ID_FIELD], enable_dynamic_field: true }, data: [inheriting({ x: 'a' }, { id: 1 }), { id: 2 }] },
    expected: hex`
      1a 01 63
      2a 0e ${ID_1_2}
      2a 17 08 17 12 05 ${utf8Hex('$meta')} 1a 0a 4a 08 0a 02 7b 7d 0a 02 7b 7d 30 01
      38 02`,
  },
  {
    name: 'a field reached only through the prototype, or own but not enumerable, is missing (null); an inherited unknown key is no error',
    input: req([{ name: 't', data_type: 'Int64', nullable: true }, { name: 'b', data_type: 'Bool' }], [
      inheriting({ t: 5, unknown: 1 }, { b: true }),
      Object.defineProperty({ b: true }, 't', { value: 6, enumerable: false }) as Row,
    ]),
    expected: hex`
      1a 01 63
      2a 0d 08 05 12 01 74 1a 02 1a 00 3a 02 00 00   # t: no values, valid_data [false, false]
      2a 0d 08 01 12 01 62 1a 06 0a 04 0a 02 01 01
      38 02`,
  },
  {
    name: 'rows that give every field (in any key order) beside one that inherits a field: only the inherited value is missing',
    input: req([{ name: 't', data_type: 'Int64', nullable: true }, { name: 'b', data_type: 'Bool' }], [
      { t: 7, b: true },
      inheriting({ t: 5 }, { b: true }),
      { b: true, t: 8 },
    ]),
    expected: hex`
      1a 01 63
      2a 12 08 05 12 01 74 1a 06 1a 04 0a 02 07 08 3a 03 01 00 01   # t: [7, 8], valid_data [true, false, true]
      2a 0e 08 01 12 01 62 1a 07 0a 05 0a 03 01 01 01
      38 03`,
  },
  {
    name: 'db_name, partition_name and a number schema_timestamp, in field-number order',
    input: req([{ name: 'b', data_type: 'Bool' }], [{ b: true }], { db_name: 'db', partition_name: 'p', schema_timestamp: 424242 }),
    expected: hex`
      12 02 64 62                # db_name (#2) "db"
      1a 01 63
      22 01 70                   # partition_name (#4) "p"
      2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01
      38 01
      40 b2 f2 19                # schema_timestamp (#8) 424242`,
  },
  {
    name: 'schema_timestamp as a decimal string',
    input: req([{ name: 'b', data_type: 'Bool' }], [{ b: true }], { schema_timestamp: '1099511627777' }),
    expected: hex`1a 01 63  2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01  38 01  40 81 80 80 80 80 20   # 2^40 + 1`,
  },
  {
    name: 'schema_timestamp as the largest uint64 bigint',
    input: req([{ name: 'b', data_type: 'Bool' }], [{ b: true }], { schema_timestamp: 2n ** 64n - 1n }),
    expected: hex`1a 01 63  2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01  38 01  40 ff ff ff ff ff ff ff ff ff 01`,
  },
  {
    name: 'schema_timestamp 0 and empty names are omitted',
    input: req([{ name: 'b', data_type: 'Bool' }], [{ b: true }], { db_name: '', partition_name: '', schema_timestamp: 0 }),
    expected: hex`1a 01 63  2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01  38 01`,
  },
  {
    name: 'insert leaves out an auto_id primary key',
    input: req([{ ...ID_FIELD, autoID: true }, { name: 'b', data_type: 'Bool' }], [{ b: true }]),
    expected: hex`1a 01 63  2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01  38 01`,
  },
  {
    name: 'upsert sends an auto_id primary key in schema position, no partial_update',
    upsert: true,
    input: req([{ ...ID_FIELD, autoID: true }, { name: 'b', data_type: 'Bool' }], [{ b: true, id: 5n }], { partial_update: false }),
    expected: hex`
      1a 01 63
      2a 0d 08 05 12 02 69 64 1a 05 1a 03 0a 01 05
      2a 0c 08 01 12 01 62 1a 05 0a 03 0a 01 01
      38 01`,
  },
  {
    name: 'upsert with partial_update: only the given fields, then partial_update (#9)',
    upsert: true,
    input: req(
      [ID_FIELD, { name: 's', data_type: 'VarChar', max_length: 4, nullable: true }, { name: 'f', data_type: 'Float' }],
      [{ id: 1, s: null }],
      { partial_update: true },
    ),
    expected: hex`
      1a 01 63
      2a 0d 08 05 12 02 69 64 1a 05 1a 03 0a 01 01
      2a 0c 08 15 12 01 73 1a 02 32 00 3a 01 00   # s given as null: cleared
      38 01
      48 01                                      # partial_update: true`,
  },
];

const columnCases: Case[] = [
  {
    name: 'columns: BigInt64Array ids and a flat Float32Array',
    input: req([ID_FIELD, { name: 'v', data_type: 'FloatVector', dim: 2 }], undefined, {
      columns: { id: BigInt64Array.of(1n, 2n), v: new Float32Array([1, -2, 0.5, 0]) },
    }),
    expected: hex`1a 01 63  2a 0e ${ID_1_2}  2a 1d ${FLOAT_VEC_2x2}  38 02`,
  },
  {
    name: 'columns: plain ids and an array of Float32Array rows',
    input: req([ID_FIELD, { name: 'v', data_type: 'FloatVector', dim: 2 }], undefined, {
      columns: { v: [new Float32Array([1, -2]), new Float32Array([0.5, 0])], id: [1n, 2] },
    }),
    expected: hex`1a 01 63  2a 0e ${ID_1_2}  2a 1d ${FLOAT_VEC_2x2}  38 02`,
  },
  {
    name: 'columns: Int32Array for Int32',
    input: req([{ name: 'i', data_type: 'Int32' }], undefined, { columns: { i: Int32Array.of(2147483647, -2147483648, 1) } }),
    expected: hex`1a 01 63  2a 1b 08 04 12 01 69 1a 14 12 12 0a 10 ff ff ff ff 07 80 80 80 80 f8 ff ff ff ff 01 01  38 03`,
  },
  {
    name: 'columns: Float64Array for Double and Float32Array for Float',
    input: req([{ name: 'd', data_type: 'Double' }, { name: 'f', data_type: 'Float' }], undefined, {
      columns: { d: Float64Array.of(0.1, -2), f: Float32Array.of(1.5, -0) },
    }),
    expected: hex`
      1a 01 63
      2a 1b 08 0b 12 01 64 1a 14 2a 12 0a 10 9a 99 99 99 99 99 b9 3f 00 00 00 00 00 00 00 c0
      2a 13 08 0a 12 01 66 1a 0c 22 0a 0a 08 00 00 c0 3f 00 00 00 80
      38 02`,
  },
  {
    name: 'columns: flat Uint8Array for BinaryVector (dim in bits)',
    input: req([{ name: 'v', data_type: 'BinaryVector', dim: 16 }], undefined, { columns: { v: new Uint8Array([1, 2, 255, 0]) } }),
    expected: hex`1a 01 63  2a 0f 08 64 12 01 76 22 08 08 10 1a 04 01 02 ff 00  38 02`,
  },
  {
    name: 'columns: flat Uint8Array of float16 bytes',
    input: req([{ name: 'h', data_type: 'Float16Vector', dim: 3 }], undefined, {
      columns: { h: new Uint8Array([0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b, 0x66, 0x2e, 0x02, 0x00, 0xff, 0xfb]) },
    }),
    expected: hex`1a 01 63  2a 17 ${F16_2x3}  38 02`,
  },
  {
    name: 'columns: flat Float32Array for Float16Vector (converted client-side)',
    input: req([{ name: 'h', data_type: 'Float16Vector', dim: 3 }], undefined, {
      columns: { h: Float32Array.of(1, -2.5, 65504, 0.1, 1e-7, -65504) },
    }),
    expected: hex`1a 01 63  2a 17 ${F16_2x3}  38 02`,
  },
  {
    name: 'columns: flat Int8Array for Int8Vector',
    input: req([{ name: 'q', data_type: 'Int8Vector', dim: 3 }], undefined, { columns: { q: Int8Array.of(-128, 127, 0, -1, 1, 2) } }),
    expected: hex`1a 01 63  2a 11 08 69 12 01 71 22 0a 08 03 3a 06 80 7f 00 ff 01 02  38 02`,
  },
  {
    name: 'columns: a dynamic key as its own column',
    input: { collection_name: 'c', schema: { fields: [ID_FIELD], enable_dynamic_field: true }, columns: { id: [1, 2], x: ['a', undefined] } },
    expected: hex`1a 01 63  2a 0e ${ID_1_2}  2a 1e ${META_X_A}  38 02`,
  },
];

const cases = [...scalarCases, ...arrayCases, ...vectorCases, ...sparseCases, ...nullCases, ...requestCases, ...columnCases];

describe.each(['wasm', 'js'] as const)('exact request bytes [engine=%s]', (engine) => {
  it.each(cases)('$name', ({ input, upsert, expected }) => {
    const bytes = upsert ? encodeUpsertRequest(input, { engine }) : encodeInsertRequest(input, { engine });
    expect(toHex(bytes)).toBe(expected);
  });

  it('an empty row list encodes to no bytes at all', () => {
    const out = encodeInsertRequest(req([{ name: 'b', data_type: 'Bool' }], []), { engine });
    expect(out).toEqual(new Uint8Array(0));
  });
});

describe('planWrite', () => {
  const schema = { fields: [ID_FIELD, { name: 'v', data_type: 'FloatVector', dim: 2 }] };
  const base = { collection_name: 'c', schema };
  it.each([
    { name: 'a row list', input: { ...base, data: [{}, {}, {}] }, rows: 3 },
    { name: 'one row object', input: { ...base, data: {} }, rows: 1 },
    { name: 'an empty row list', input: { ...base, data: [] }, rows: 0 },
    { name: 'columns led by a scalar column', input: { ...base, columns: { id: BigInt64Array.of(1n, 2n), v: new Float32Array(4) } }, rows: 2 },
    { name: 'columns led by a flat vector column', input: { ...base, columns: { v: new Float32Array(4), id: [1, 2] } }, rows: 2 },
  ])('$name: $rows rows', ({ input, rows }) => {
    expect(planWrite(input as InsertRequestInput).rows).toBe(rows);
  });

  const rows = Array.from({ length: 5 }, (_, i) => ({ id: i, v: [i, -i] }));
  it.each(['rows', 'columns'] as const)('encodes any row range of %s as the request of those rows alone', (form) => {
    const input = form === 'rows' ? { ...base, data: rows } : { ...base, columns: { id: BigInt64Array.from(rows, (r) => BigInt(r.id)), v: Float32Array.from(rows.flatMap((r) => r.v)) } };
    const plan = planWrite(input as InsertRequestInput);
    for (const [from, to] of [[0, 5], [0, 2], [2, 5], [3, 4]] as const) {
      expect(toHex(plan.encode(from, to))).toBe(toHex(encodeInsertRequest({ ...base, data: rows.slice(from, to) } as InsertRequestInput)));
    }
    expect(plan.encode(2, 2)).toHaveLength(0);
    expect(() => plan.encode(4, 6)).toThrow(RangeError);
  });

  it('names the caller\'s row in errors of a later range, and of a stream chunk by firstRow', () => {
    const bad = rows.map((r, i) => (i === 3 ? { ...r, v: [1, 'x'] } : r));
    const plan = planWrite({ ...base, data: bad } as InsertRequestInput);
    expect(plan.encode(0, 3)).toBeInstanceOf(Uint8Array);
    expect(() => plan.encode(2, 5)).toThrow(expect.objectContaining({ row: 3, field: 'v', message: expect.stringMatching(/^field "v", row 3: /) }));
    const chunk = planWrite({ ...base, data: bad.slice(2) } as InsertRequestInput, { firstRow: 1000 });
    expect(() => chunk.encode(0, 3)).toThrow(expect.objectContaining({ row: 1001, message: expect.stringMatching(/row 1001:/) }));
    expect(() => planWrite({ ...base, data: [rows[0], 7] } as never, { firstRow: 40 })).toThrow(/^row 41: expected an object/);
  });
});
