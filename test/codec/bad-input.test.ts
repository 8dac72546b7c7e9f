/**
 * Every input rule of the encoder, one table row each: the error class and code, the `field` and
 * `row` it names (the caller's row index, also past null rows of a nullable field), and the
 * essential parts of the message (what was expected, what was got). Both engines must agree.
 * A second table pins the values just inside each limit, which must be accepted exactly.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest, MilvusErrorCode, InvalidInputError, MilvusError } from '../../src/index.js';
import type { FieldSchemaInput, InsertRequestInput, Row, UpsertRequestInput } from '../../src/index.js';
import { decodeInsert } from '../helpers/decode-request.js';

const ENGINES = ['wasm', 'js'] as const;

const ID: FieldSchemaInput = { name: 'id', data_type: 'Int64', is_primary_key: true };

function rows(fields: FieldSchemaInput[], data: Row[], extra: Partial<UpsertRequestInput> = {}): InsertRequestInput {
  return { collection_name: 'c', schema: { fields }, data, ...extra };
}

/** A one-field schema; each value becomes one row `{ [name]: value }` (`undefined` leaves the key out). */
function values(field: FieldSchemaInput, list: unknown[]): InsertRequestInput {
  return rows([field], list.map((v) => (v === undefined ? {} : { [field.name]: v })));
}

function columns(fields: FieldSchemaInput[], cols: Record<string, unknown>): InsertRequestInput {
  return { collection_name: 'c', schema: { fields }, columns: cols };
}

interface BadCase {
  name: string;
  input: InsertRequestInput | UpsertRequestInput;
  upsert?: boolean;
  field: string | undefined;
  row: number | undefined;
  /** Every pattern must match the message. */
  message: RegExp[];
}

const fv = (dim: number, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({ name: 'v', data_type: 'FloatVector', dim, ...extra });
const f16: FieldSchemaInput = { name: 'h', data_type: 'Float16Vector', dim: 2 };
const bf16: FieldSchemaInput = { name: 'h', data_type: 'BFloat16Vector', dim: 2 };
const i8v: FieldSchemaInput = { name: 'q', data_type: 'Int8Vector', dim: 2 };
const sparse: FieldSchemaInput = { name: 's', data_type: 'SparseFloatVector' };
const int = (type: string, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({ name: 'i', data_type: type, ...extra });
const arr = (element_type: string, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({ name: 'a', data_type: 'Array', element_type, max_capacity: 3, ...extra });

const structureCases: BadCase[] = [
  {
    name: 'a key outside the schema without dynamic fields',
    input: rows([ID], [{ id: 1 }, { id: 2, zzz: 1 }]),
    field: 'zzz', row: 1, message: [/"zzz"/, /not in the collection schema/, /dynamic fields/],
  },
  {
    name: 'a column outside the schema without dynamic fields',
    input: columns([ID], { id: [1], zzz: [1] }),
    field: 'zzz', row: undefined, message: [/"zzz"/, /not in the collection schema/],
  },
  {
    name: 'a required field missing',
    input: rows([ID, fv(2)], [{ id: 1, v: [1, 2] }, { id: 2, v: [1, 2] }, { id: 3 }]),
    field: 'v', row: 2, message: [/missing/, /required/],
  },
  {
    name: 'null for a field that is neither nullable nor defaulted',
    input: rows([ID, fv(2)], [{ id: 1, v: [1, 2] }, { id: 2, v: null }]),
    field: 'v', row: 1, message: [/null/, /required/],
  },
  {
    name: 'a primary key given for an auto_id field (insert)',
    input: rows([{ ...ID, autoID: true }, fv(2)], [{ v: [1, 2] }, { id: 5, v: [1, 2] }]),
    field: 'id', row: 1, message: [/"id"/, /must not be given/, /auto_id/],
  },
  {
    name: 'an auto_id primary key given as a column (insert)',
    input: columns([{ ...ID, autoID: true }, fv(2)], { id: [5], v: [[1, 2]] }),
    field: 'id', row: undefined, message: [/must not be given/, /auto_id/],
  },
  {
    name: 'a row that is not an object',
    input: { collection_name: 'c', schema: { fields: [ID] }, data: [{ id: 1 }, [1] as unknown as Row] },
    field: undefined, row: 1, message: [/expected an object/, /an array/],
  },
  {
    name: 'columns of different lengths',
    input: columns([ID, { name: 'b', data_type: 'Bool' }], { id: [1, 2], b: [true] }),
    field: 'b', row: undefined, message: [/"b" has 1 rows/, /"id" has 2/],
  },
  {
    name: 'a flat vector column whose length is not a multiple of dim',
    input: columns([ID, fv(2)], { id: [1, 2], v: new Float32Array(5) }),
    field: 'v', row: undefined, message: [/multiple of 2/, /Float32Array of length 5/],
  },
  {
    name: 'a flat vector column with the wrong number of rows',
    input: columns([ID, fv(2)], { id: [1, 2], v: new Float32Array(6) }),
    field: 'v', row: undefined, message: [/"v" has 3 rows/, /"id" has 2/],
  },
  {
    name: 'a flat vector column of an unsupported typed array (Float64Array for FloatVector)',
    input: columns([fv(2)], { v: new Float64Array(4) }),
    field: 'v', row: undefined, message: [/Float32Array/, /got a Float64Array of length 4/],
  },
  {
    name: 'a partial update with a field missing in some rows',
    upsert: true,
    input: rows([ID, { name: 's', data_type: 'VarChar', max_length: 4, nullable: true }], [{ id: 1, s: 'a' }, { id: 2 }], { partial_update: true }),
    field: 's', row: 1, message: [/"s" is missing/, /partial update/],
  },
  {
    name: 'partial_update that is not a boolean',
    upsert: true,
    input: rows([ID], [{ id: 1 }], { partial_update: 'yes' as unknown as boolean }),
    field: undefined, row: undefined, message: [/partial_update must be a boolean/, /got string/],
  },
  {
    name: 'an empty collection_name',
    input: { collection_name: '', schema: { fields: [ID] }, data: [{ id: 1 }] },
    field: undefined, row: undefined, message: [/collection_name must be a non-empty string/],
  },
  {
    name: 'a negative schema_timestamp',
    input: rows([ID], [{ id: 1 }], { schema_timestamp: -1 }),
    field: undefined, row: undefined, message: [/schema_timestamp/, /unsigned 64-bit/, /-1/],
  },
  {
    name: 'schema: a BinaryVector dim that is not a multiple of 8',
    input: rows([{ name: 'v', data_type: 'BinaryVector', dim: 12 }], [{ v: [1] }]),
    field: 'v', row: undefined, message: [/multiple of 8/, /got 12/],
  },
  {
    name: 'schema: a vector without dim',
    input: rows([{ name: 'v', data_type: 'FloatVector' }], [{ v: [1] }]),
    field: 'v', row: undefined, message: [/dim is required/],
  },
  {
    name: 'schema: an unknown data_type',
    input: rows([{ name: 'x', data_type: 'Decimal' }], [{ x: 1 }]),
    field: 'x', row: undefined, message: [/unknown data_type/, /"Decimal"/],
  },
  {
    name: 'schema: a data_type given as a bigint',
    input: rows([{ name: 'x', data_type: 5n as unknown as number }], [{ x: 1 }]),
    field: 'x', row: undefined, message: [/unknown data_type/, /5n?/],
  },
  {
    name: 'schema: a dim given as a bigint',
    input: rows([{ name: 'v', data_type: 'FloatVector', dim: 2n as unknown as number }], [{ v: [1, 2] }]),
    field: 'v', row: undefined, message: [/dim must be a positive integer/, /2n?/],
  },
];

const vectorCases: BadCase[] = [
  { name: 'FloatVector: fewer values than dim', input: values(fv(4), [[1, 2, 3]]), field: 'v', row: 0, message: [/expected 4 values/, /dim/, /got 3/] },
  { name: 'FloatVector: length error after null rows', input: values(fv(4, { nullable: true }), [null, undefined, [1, 2, 3, 4, 5]]), field: 'v', row: 2, message: [/expected 4 values/, /got 5/] },
  { name: 'FloatVector: a Float32Array of the wrong length', input: values(fv(2), [new Float32Array(3)]), field: 'v', row: 0, message: [/expected 2 values/, /got 3/] },
  { name: 'FloatVector: a non-number', input: values(fv(2), [[1, '1']]), field: 'v', row: 0, message: [/numbers/, /got "1"/, /position 1/] },
  { name: 'FloatVector: NaN', input: values(fv(2), [[1, 2], [1, NaN]]), field: 'v', row: 1, message: [/finite/, /position 1/, /got NaN/] },
  { name: 'FloatVector: Infinity', input: values(fv(2), [[Infinity, 2]]), field: 'v', row: 0, message: [/finite/, /position 0/, /got Infinity/] },
  { name: 'FloatVector: -Infinity after null rows', input: values(fv(2, { nullable: true }), [null, [1, 2], null, [1, -Infinity]]), field: 'v', row: 3, message: [/finite/, /position 1/, /got -Infinity/] },
  { name: 'FloatVector: NaN in a flat column', input: columns([fv(2)], { v: Float32Array.of(1, 2, 3, 4, 5, NaN) }), field: 'v', row: 2, message: [/finite/, /position 1/, /got NaN/] },
  { name: 'FloatVector: a value beyond the float32 range', input: values(fv(2), [[1, 1e39]]), field: 'v', row: 0, message: [/float32/, /position 1/, /got 1e\+39/] },
  { name: 'FloatVector: a row that is not a vector', input: values(fv(2), ['12']), field: 'v', row: 0, message: [/a vector of 2 numbers/, /got "12"/] },
  { name: 'FloatVector: the least double that rounds to float32 Infinity', input: values(fv(2), [[0, -(2 ** 128 - 2 ** 103)]]), field: 'v', row: 0, message: [/float32/, /position 1/] },
  { name: 'FloatVector: NaN in a Float64Array row', input: values(fv(2), [Float64Array.of(1, 2), Float64Array.of(1, NaN)]), field: 'v', row: 1, message: [/finite/, /position 1/, /got NaN/] },
  { name: 'FloatVector: a Float64Array row beyond the float32 range', input: values(fv(2), [Float64Array.of(1e39, 1)]), field: 'v', row: 0, message: [/float32/, /position 0/] },
  {
    name: 'FloatVector: NaN in the second vector field of rows',
    input: rows([fv(2), { name: 'w', data_type: 'FloatVector', dim: 2 }], [{ v: [1, 2], w: [3, 4] }, { v: [1, 2], w: [NaN, 4] }]),
    field: 'w', row: 1, message: [/finite/, /position 0/, /got NaN/],
  },
  { name: 'Float16Vector: more values than dim', input: values(f16, [[1, 2, 3]]), field: 'h', row: 0, message: [/expected 2 values/, /got 3/] },
  { name: 'Float16Vector: raw bytes of the wrong length', input: values(f16, [new Uint8Array(3)]), field: 'h', row: 0, message: [/expected 4 bytes/, /got 3/] },
  { name: 'Float16Vector: 65520 rounds past the largest half', input: values(f16, [[1, 65520]]), field: 'h', row: 0, message: [/float16 range/, /65504/, /position 1/, /got 65520/] },
  { name: 'Float16Vector: -65520', input: values(f16, [[-65520, 1]]), field: 'h', row: 0, message: [/float16 range/, /position 0/, /got -65520/] },
  { name: 'Float16Vector: overflow in a flat Float32Array column', input: columns([f16], { h: Float32Array.of(0, 0, 0, 1e6) }), field: 'h', row: 1, message: [/float16 range/, /position 1/, /got 1000000/] },
  { name: 'Float16Vector: NaN', input: values(f16, [[NaN, 1]]), field: 'h', row: 0, message: [/finite/, /got NaN/] },
  { name: 'BFloat16Vector: fewer values than dim', input: values(bf16, [[1]]), field: 'h', row: 0, message: [/expected 2 values/, /got 1/] },
  { name: 'BFloat16Vector: the tie (2 - 2^-8) * 2^127 rounds to even, past the largest bfloat16', input: values(bf16, [[1, 3.39617752923046e38]]), field: 'h', row: 0, message: [/bfloat16 range/, /position 1/, /got 3\.39617752923046e\+38/] },
  { name: 'BFloat16Vector: -1e39', input: values(bf16, [[-1e39, 1]]), field: 'h', row: 0, message: [/bfloat16 range/, /position 0/, /got -1e\+39/] },
  { name: 'BFloat16Vector: Infinity', input: values(bf16, [[1, Infinity]]), field: 'h', row: 0, message: [/finite/, /got Infinity/] },
  { name: 'Float16Vector: overflow after null rows', input: values({ ...f16, nullable: true }, [null, [1, 2], undefined, [3, 1e5]]), field: 'h', row: 3, message: [/float16 range/, /position 1/, /got 100000/] },
  { name: 'BFloat16Vector: NaN after null rows', input: values({ ...bf16, nullable: true }, [null, [NaN, 2]]), field: 'h', row: 1, message: [/finite/, /position 0/, /got NaN/] },
  { name: 'Float16Vector: a string among the numbers', input: values(f16, [[1, 2], [1, '2']]), field: 'h', row: 1, message: [/numbers/, /position 1/, /got "2"/] },
  { name: 'BFloat16Vector: a Float64Array row with -Infinity', input: values(bf16, [Float64Array.of(1, 2), Float64Array.of(-Infinity, 0)]), field: 'h', row: 1, message: [/finite/, /position 0/, /got -Infinity/] },
  { name: 'Int8Vector: fewer values than dim', input: values(i8v, [[1]]), field: 'q', row: 0, message: [/expected 2 values/, /got 1/] },
  { name: 'Int8Vector: an Int8Array of the wrong length', input: values(i8v, [Int8Array.of(1, 2, 3)]), field: 'q', row: 0, message: [/expected 2 bytes/, /got 3/] },
  { name: 'Int8Vector: 128', input: values(i8v, [[0, 128]]), field: 'q', row: 0, message: [/-128\.\.127/, /position 1/, /got 128/] },
  { name: 'Int8Vector: -129 after null rows', input: values({ ...i8v, nullable: true }, [null, [-129, 0]]), field: 'q', row: 1, message: [/-128\.\.127/, /position 0/, /got -129/] },
  { name: 'Int8Vector: a non-integer', input: values(i8v, [[0, 1.5]]), field: 'q', row: 0, message: [/integer/, /position 1/, /got 1\.5/] },
  { name: 'Int8Vector: out of range after an Int8Array row', input: values(i8v, [Int8Array.of(1, 2), [200, 0]]), field: 'q', row: 1, message: [/-128\.\.127/, /position 0/, /got 200/] },
  { name: 'BinaryVector: raw bytes not dim/8 long', input: values({ name: 'b', data_type: 'BinaryVector', dim: 16 }, [new Uint8Array(3)]), field: 'b', row: 0, message: [/expected 2 bytes/, /dim 16/, /got 3/] },
  { name: 'BinaryVector: a number[] not dim/8 long', input: values({ name: 'b', data_type: 'BinaryVector', dim: 16 }, [[1]]), field: 'b', row: 0, message: [/expected 2 values/, /got 1/] },
  { name: 'BinaryVector: a byte value of 256', input: values({ name: 'b', data_type: 'BinaryVector', dim: 16 }, [[1, 256]]), field: 'b', row: 0, message: [/0\.\.255/, /position 1/, /got 256/] },
];

const sparseCases: BadCase[] = [
  { name: 'sparse: a negative index', input: values(sparse, [new Map([[-1, 1]])]), field: 's', row: 0, message: [/sparse indices/, /0\.\.4294967294/, /got -1/, /entry 0/] },
  { name: 'sparse: a non-integer index', input: values(sparse, [[[0, 1], [1.5, 1]]]), field: 's', row: 0, message: [/sparse indices/, /got 1\.5/, /entry 1/] },
  { name: 'sparse: index 2^32-1', input: values(sparse, [{ indices: [4294967295], values: [1] }]), field: 's', row: 0, message: [/0\.\.4294967294/, /got 4294967295/] },
  { name: 'sparse: a non-numeric object key', input: values(sparse, [{ x: 1 }]), field: 's', row: 0, message: [/sparse indices/, /got "x"/] },
  { name: 'sparse: a duplicate index', input: values(sparse, [[[5, 1], [2, 1], [5, 2]]]), field: 's', row: 0, message: [/distinct sparse indices/, /index 5 twice/] },
  { name: 'sparse: a duplicate index in otherwise rising indices', input: values(sparse, [{ indices: [1, 2, 2, 9], values: [1, 1, 1, 1] }]), field: 's', row: 0, message: [/distinct sparse indices/, /index 2 twice/] },
  { name: 'sparse: a duplicate index above 2^31', input: values(sparse, [[[3000000000, 1], [3000000000, 2]]]), field: 's', row: 0, message: [/distinct sparse indices/, /index 3000000000 twice/] },
  { name: 'sparse: a NaN value (object row)', input: values(sparse, [{ 1: 0.5, 2: NaN }]), field: 's', row: 0, message: [/finite/, /got NaN/] },
  { name: 'sparse: an Infinity value (pairs row)', input: values(sparse, [[[1, 0.5], [2, Infinity]]]), field: 's', row: 0, message: [/finite/, /got Infinity/] },
  {
    name: 'sparse: a row that gives more entries when written than when counted (a getter)',
    input: values(sparse, [{ 1: 0.5 }, (() => {
      let reads = 0; // each encode reads `indices` twice: to count, then to write
      return { get indices() { return reads++ % 2 === 0 ? [1] : [1, 2, 3]; }, values: [0.1, 0.2, 0.3] };
    })()]),
    field: 's', row: 1, message: [/changed while it was read/],
  },
  { name: 'sparse: a NaN value after null rows', input: values({ ...sparse, nullable: true }, [null, null, new Map([[1, NaN]])]), field: 's', row: 2, message: [/finite/, /got NaN/] },
  { name: 'sparse: a value beyond the float32 range', input: values(sparse, [{ 1: 1e39 }]), field: 's', row: 0, message: [/float32/, /got 1e\+39/] },
  { name: 'sparse: a non-number value', input: values(sparse, [{ 1: '2' }]), field: 's', row: 0, message: [/sparse values to be numbers/, /got "2"/] },
  { name: 'sparse: a row of the wrong shape', input: values(sparse, [7]), field: 's', row: 0, message: [/a sparse vector/, /got 7/] },
  { name: 'sparse: indices and values of different lengths', input: values(sparse, [{ indices: [1, 2], values: [1] }]), field: 's', row: 0, message: [/indices, values/, /same length/] },
];

const scalarCases: BadCase[] = [
  { name: 'Int8: 128', input: values(int('Int8'), [0, 128]), field: 'i', row: 1, message: [/-128\.\.127/, /got 128/] },
  { name: 'Int8: -129 after null rows', input: values(int('Int8', { nullable: true }), [null, undefined, -129]), field: 'i', row: 2, message: [/-128\.\.127/, /got -129/] },
  { name: 'Int8: 1.5', input: values(int('Int8'), [1.5]), field: 'i', row: 0, message: [/integer/, /got 1\.5/] },
  { name: 'Int16: 32768', input: values(int('Int16'), [32768]), field: 'i', row: 0, message: [/-32768\.\.32767/, /got 32768/] },
  { name: 'Int16: -0.5', input: values(int('Int16'), [-0.5]), field: 'i', row: 0, message: [/integer/, /got -0\.5/] },
  { name: 'Int32: 2^31', input: values(int('Int32'), [2147483648]), field: 'i', row: 0, message: [/-2147483648\.\.2147483647/, /got 2147483648/] },
  { name: 'Int32: -2^31 - 1 in an Array element', input: values(arr('Int32'), [[1, -2147483649]]), field: 'a', row: 0, message: [/-2147483648\.\.2147483647/, /position 1/, /got -2147483649/] },
  { name: 'Int32: NaN', input: values(int('Int32'), [NaN]), field: 'i', row: 0, message: [/finite/, /got NaN/] },
  { name: 'Int32: a string', input: values(int('Int32'), ['1']), field: 'i', row: 0, message: [/an integer/, /got "1"/] },
  { name: 'Int32: a bigint', input: values(int('Int32'), [1n]), field: 'i', row: 0, message: [/an integer/, /got 1n/] },
  { name: 'Int64: a number above 2^53', input: values(int('Int64'), [2 ** 53]), field: 'i', row: 0, message: [/bigint/, /string/, /got 9007199254740992/] },
  { name: 'Int64: 2^63 as bigint', input: values(int('Int64'), [2n ** 63n]), field: 'i', row: 0, message: [/Int64 range/, /got 9223372036854775808n/] },
  { name: 'Int64: 2^63 as a string', input: values(int('Int64'), ['9223372036854775808']), field: 'i', row: 0, message: [/Int64 range/, /got "9223372036854775808"/] },
  { name: 'Int64: -2^63 - 1 as a string', input: values(int('Int64'), ['-9223372036854775809']), field: 'i', row: 0, message: [/Int64 range/, /got "-9223372036854775809"/] },
  { name: 'Int64: a garbage string', input: values(int('Int64'), ['12abc']), field: 'i', row: 0, message: [/decimal string/, /got "12abc"/] },
  { name: 'Int64: an empty string', input: values(int('Int64'), ['']), field: 'i', row: 0, message: [/decimal string/, /got ""/] },
  { name: 'Int64: 1.5', input: values(int('Int64'), [1.5]), field: 'i', row: 0, message: [/integer/, /got 1\.5/] },
  { name: 'Int64: a boolean', input: values(int('Int64'), [true]), field: 'i', row: 0, message: [/Int64/, /got true/] },
  { name: 'Float: NaN', input: values(int('Float'), [1, NaN]), field: 'i', row: 1, message: [/finite/, /got NaN/] },
  { name: 'Float: beyond the float32 range', input: values(int('Float'), [1e39]), field: 'i', row: 0, message: [/float32 range/, /got 1e\+39/] },
  { name: 'Float: a string', input: values(int('Float'), ['1']), field: 'i', row: 0, message: [/a number/, /got "1"/] },
  { name: 'Double: -Infinity after null rows', input: values(int('Double', { nullable: true }), [null, -Infinity]), field: 'i', row: 1, message: [/finite/, /got -Infinity/] },
  { name: 'Double: NaN in a Float64Array column', input: columns([int('Double')], { i: Float64Array.of(1, 2, NaN) }), field: 'i', row: 2, message: [/finite/, /got NaN/] },
  { name: 'Bool: a number', input: values({ name: 'b', data_type: 'Bool' }, [true, 1]), field: 'b', row: 1, message: [/a boolean/, /got 1/] },
  { name: 'Bool: a string', input: values({ name: 'b', data_type: 'Bool' }, ['true']), field: 'b', row: 0, message: [/a boolean/, /got "true"/] },
  { name: 'VarChar: 4 three-byte characters over max_length 10', input: values({ name: 's', data_type: 'VarChar', max_length: 10 }, ['€€€€']), field: 's', row: 0, message: [/at most 10 UTF-8 bytes/, /got 12 bytes/] },
  { name: 'VarChar: too long after null rows', input: values({ name: 's', data_type: 'VarChar', max_length: 3, nullable: true }, [null, 'abc', null, 'abcd']), field: 's', row: 3, message: [/at most 3 UTF-8 bytes/, /got 4 bytes/] },
  { name: 'VarChar: a number', input: values({ name: 's', data_type: 'VarChar', max_length: 3 }, [5]), field: 's', row: 0, message: [/a string/, /got 5/] },
  { name: 'VarChar: a lone surrogate', input: values({ name: 's', data_type: 'VarChar', max_length: 9 }, ['a\ud800']), field: 's', row: 0, message: [/well-formed/, /surrogate/] },
  { name: 'Timestamptz: a number', input: values({ name: 't', data_type: 'Timestamptz' }, [0]), field: 't', row: 0, message: [/ISO 8601/, /got 0/] },
  { name: 'Timestamptz: an invalid Date', input: values({ name: 't', data_type: 'Timestamptz' }, [new Date(NaN)]), field: 't', row: 0, message: [/valid Date/, /Invalid Date/] },
  { name: 'Geometry: a number', input: values({ name: 'g', data_type: 'Geometry' }, [1]), field: 'g', row: 0, message: [/WKT/, /got 1/] },
];

const arrayCases: BadCase[] = [
  { name: 'Array: longer than max_capacity', input: values(arr('Int32'), [[1], [1, 2, 3, 4]]), field: 'a', row: 1, message: [/at most 3 elements/, /max_capacity/, /got 4/] },
  { name: 'Array: longer than max_capacity after null rows', input: values(arr('VarChar', { max_length: 5, nullable: true }), [null, ['a', 'b', 'c', 'd']]), field: 'a', row: 1, message: [/at most 3 elements/, /got 4/] },
  { name: 'Array: a string in an Int32 array', input: values(arr('Int32'), [[1, 'x']]), field: 'a', row: 0, message: [/numeric elements/, /got "x"/, /position 1/] },
  { name: 'Array: a number in a VarChar array', input: values(arr('VarChar', { max_length: 5 }), [['a', 1]]), field: 'a', row: 0, message: [/string elements/, /got 1/, /position 1/] },
  { name: 'Array: a number in a Bool array', input: values(arr('Bool'), [[1]]), field: 'a', row: 0, message: [/boolean elements/, /got 1/, /position 0/] },
  { name: 'Array: 1.5 in an Int64 array', input: values(arr('Int64'), [[1.5]]), field: 'a', row: 0, message: [/integer/, /got 1\.5/] },
  { name: 'Array: 200 in an Int8 array after null rows', input: values(arr('Int8', { nullable: true }), [null, [1, 200]]), field: 'a', row: 1, message: [/-128\.\.127/, /position 1/, /got 200/] },
  { name: 'Array: NaN in a Double array', input: values(arr('Double'), [[NaN]]), field: 'a', row: 0, message: [/finite/, /got NaN/] },
  { name: 'Array: a VarChar element longer than max_length', input: values(arr('VarChar', { max_length: 3 }), [['abc'], ['ab', 'abcd']]), field: 'a', row: 1, message: [/at most 3 UTF-8 bytes/, /element 1/] },
  { name: 'Array: a row that is not an array', input: values(arr('Int32'), ['abc']), field: 'a', row: 0, message: [/an array of Int32/, /got "abc"/] },
];

const J: FieldSchemaInput = { name: 'j', data_type: 'JSON' };
const dynamic = (data: Row[], fields: FieldSchemaInput[] = [ID]): InsertRequestInput => ({ collection_name: 'c', schema: { fields, enable_dynamic_field: true }, data });

const jsonCases: BadCase[] = [
  { name: 'JSON: a BigInt inside', input: values(J, [{ a: 1 }, { a: 1n }]), field: 'j', row: 1, message: [/expected a JSON value, got 1n at a/, /give a number or a string/] },
  { name: 'JSON: a cycle', input: values(J, [(() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()]), field: 'j', row: 0, message: [/JSON-serialisable/, /circular/i] },
  { name: 'JSON: a function', input: values(J, [() => 1]), field: 'j', row: 0, message: [/expected a JSON value, got a function/, /JSON.stringify would drop it/] },
  { name: 'JSON: a string that is not JSON text', input: values(J, ['not json']), field: 'j', row: 0, message: [/JSON text/, /got "not json"/] },
  { name: 'JSON: NaN inside, named by its path', input: values(J, [{ a: { b: [1, { c: NaN }] } }]), field: 'j', row: 0, message: [/got NaN at a\.b\[1\]\.c /, /JSON.stringify would write null/] },
  { name: 'JSON: Infinity in an array', input: values(J, [[1, Infinity]]), field: 'j', row: 0, message: [/got Infinity at \[1\]/, /would write null/] },
  { name: 'JSON: -Infinity as the whole value', input: values(J, [{ a: 1 }, -Infinity]), field: 'j', row: 1, message: [/got -Infinity \(JSON.stringify would write null\)/] },
  { name: 'JSON: a function inside', input: values(J, [{ keep: 1, f() {} }]), field: 'j', row: 0, message: [/got a function at f /, /would drop it/] },
  { name: 'JSON: a symbol in an array', input: values(J, [[Symbol('s')]]), field: 'j', row: 0, message: [/got a symbol at \[0\]/] },
  { name: 'JSON: a Map inside', input: values(J, [{ m: new Map([[1, 2]]) }]), field: 'j', row: 0, message: [/got a Map of size 1 at m/, /would write \{\}/] },
  { name: 'JSON: a Set inside', input: values(J, [{ s: new Set([1]) }]), field: 'j', row: 0, message: [/got a Set at s/] },
  { name: 'JSON: NaN returned by a toJSON', input: values(J, [{ a: { toJSON: () => NaN } }]), field: 'j', row: 0, message: [/got NaN at a/] },
  {
    name: 'JSON: a BigInt in a dynamic key names the key',
    input: dynamic([{ id: 1, x: 1 }, { id: 2, x: 1n }]),
    field: 'x', row: 1, message: [/field "x" \(a dynamic field\), row 1: expected a JSON value, got 1n/],
  },
  { name: 'JSON: NaN in a dynamic key names the key', input: dynamic([{ id: 1, score: NaN }]), field: 'score', row: 0, message: [/field "score" \(a dynamic field\), row 0: expected a JSON value, got NaN/] },
  { name: 'JSON: a function deep in a dynamic key names the key and path', input: dynamic([{ id: 1, meta: { list: [() => 1] } }]), field: 'meta', row: 0, message: [/got a function at list\[0\]/] },
  {
    name: 'JSON: NaN in a dynamic column names the column',
    input: { collection_name: 'c', schema: { fields: [ID], enable_dynamic_field: true }, columns: { id: [1, 2], w: new Float64Array([1, NaN]) } },
    field: 'w', row: 1, message: [/field "w" \(a dynamic field\), row 1: expected a JSON value, got NaN/],
  },
  { name: '$meta: a row key $meta that is not an object', input: dynamic([{ id: 1, $meta: '{"a":1}' }]), field: '$meta', row: 0, message: [/expected a plain object of dynamic fields/, /got "\{\\"a\\":1\}"/] },
  { name: '$meta: a key given both inside $meta and beside it', input: dynamic([{ id: 1, a: 1 }, { id: 2, a: 1, $meta: { a: 2 } }]), field: '$meta', row: 1, message: [/holds the key "a", which the row also gives beside it/] },
  { name: '$meta: a schema field inside $meta', input: dynamic([{ id: 1, $meta: { id: 2 } }]), field: '$meta', row: 0, message: [/holds the key "id", which is a field of the schema/] },
  { name: '$meta: a $meta inside $meta', input: dynamic([{ id: 1, $meta: { $meta: {} } }]), field: '$meta', row: 0, message: [/holds the key "\$meta", which is the dynamic field itself/] },
  { name: '$meta: a $meta column that holds an array', input: { collection_name: 'c', schema: { fields: [ID], enable_dynamic_field: true }, columns: { id: [1], $meta: [[1]] } }, field: '$meta', row: 0, message: [/plain object/] },
  {
    name: 'Array: a lone surrogate in a VarChar element names row and position',
    input: values(arr('VarChar', { max_length: 9, nullable: true }), [['ok'], null, ['x', 'a\uD800b']]),
    field: 'a', row: 2, message: [/well-formed Unicode/, /at position 1/, /lone surrogate/],
  },
];

const badCases = [...structureCases, ...vectorCases, ...sparseCases, ...scalarCases, ...arrayCases, ...jsonCases];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the input was encoded');
}

describe.each(ENGINES)('bad input [engine=%s]', (engine) => {
  it.each(badCases)('$name', ({ input, upsert, field, row, message }) => {
    const err = thrown(() => (upsert ? encodeUpsertRequest(input, { engine }) : encodeInsertRequest(input, { engine })));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toBeInstanceOf(MilvusError);
    const e = err as InvalidInputError;
    expect({ code: e.code, field: e.field, row: e.row }).toEqual({ code: MilvusErrorCode.InvalidInput, field, row });
    for (const pattern of message) expect(e.message).toMatch(pattern);
  });

  it('an empty row list encodes to an empty array, without an error', () => {
    const out = encodeInsertRequest(rows([ID, fv(2)], []), { engine });
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out.length).toBe(0);
  });
});

interface LimitCase {
  name: string;
  input: InsertRequestInput;
  /** Reads the accepted value back out of the decoded request. */
  read: (req: Record<string, any>) => unknown;
  expected: unknown;
}

const firstField = (r: Record<string, any>) => r.fields_data[0];
const vectorBytes = (slot: string) => (r: Record<string, any>) => Array.from(firstField(r).vectors[slot] as Uint8Array);

/** Values on the accepting side of each limit, decoded back to prove they were sent exactly. */
const limitCases: LimitCase[] = [
  { name: 'Float16Vector: 65519 rounds down to 65504', input: values(f16, [[65519, -65519.99]]), read: vectorBytes('float16_vector'), expected: [0xff, 0x7b, 0xff, 0xfb] },
  { name: 'BFloat16Vector: the double just below the overflow tie gives the largest bfloat16', input: values(bf16, [[3.3961775292304597e38, 1]]), read: vectorBytes('bfloat16_vector'), expected: [0x7f, 0x7f, 0x80, 0x3f] },
  { name: 'Int8Vector: -128 and 127', input: values(i8v, [[-128, 127]]), read: vectorBytes('int8_vector'), expected: [0x80, 0x7f] },
  {
    name: 'sparse: index 2^32-2',
    input: values(sparse, [new Map([[4294967294, 1]])]),
    read: (r) => Array.from(firstField(r).vectors.sparse_float_vector.contents[0] as Uint8Array),
    expected: [0xfe, 0xff, 0xff, 0xff, 0x00, 0x00, 0x80, 0x3f],
  },
  { name: 'Int8: -128 and 127', input: values(int('Int8'), [-128, 127]), read: (r) => firstField(r).scalars.int_data.data, expected: [-128, 127] },
  { name: 'Int16: -32768 and 32767', input: values(int('Int16'), [-32768, 32767]), read: (r) => firstField(r).scalars.int_data.data, expected: [-32768, 32767] },
  { name: 'Int32: -2^31 and 2^31-1', input: values(int('Int32'), [-2147483648, 2147483647]), read: (r) => firstField(r).scalars.int_data.data, expected: [-2147483648, 2147483647] },
  {
    name: 'Int64: ±(2^53-1) as numbers, -2^63 and 2^63-1 as strings',
    input: values(int('Int64'), [2 ** 53 - 1, -(2 ** 53 - 1), '-9223372036854775808', '9223372036854775807']),
    read: (r) => firstField(r).scalars.long_data.data,
    expected: ['9007199254740991', '-9007199254740991', '-9223372036854775808', '9223372036854775807'],
  },
  {
    name: 'FloatVector: the doubles just below the overflow tie give ±the largest float32, in number[] and Float64Array rows',
    input: values(fv(2), [[2 ** 128 - 2 ** 103 - 2 ** 75, -(2 ** 128 - 2 ** 103 - 2 ** 75)], Float64Array.of(-(2 ** 128 - 2 ** 103 - 2 ** 75), 0)]),
    read: (r) => firstField(r).vectors.float_vector.data,
    expected: [3.4028234663852886e38, -3.4028234663852886e38, -3.4028234663852886e38, 0],
  },
  { name: 'Float: the largest float32', input: values(int('Float'), [3.4028234663852886e38]), read: (r) => firstField(r).scalars.float_data.data, expected: [3.4028234663852886e38] },
  { name: 'VarChar: 10 UTF-8 bytes at max_length 10', input: values({ name: 's', data_type: 'VarChar', max_length: 10 }, ['€€€a']), read: (r) => firstField(r).scalars.string_data.data, expected: ['€€€a'] },
  { name: 'Array: exactly max_capacity elements', input: values(arr('Int32'), [[1, 2, 3]]), read: (r) => firstField(r).scalars.array_data.data[0].int_data.data, expected: [1, 2, 3] },
];

describe.each(ENGINES)('values at the limits are accepted [engine=%s]', (engine) => {
  it.each(limitCases)('$name', ({ input, read, expected }) => {
    expect(read(decodeInsert(encodeInsertRequest(input, { engine })))).toEqual(expected);
  });
});

interface JsonCase {
  name: string;
  input: InsertRequestInput;
  /** Field whose JSON documents are read back, one per row. */
  field: string;
  expected: string[];
}

const jsonTexts = (r: Record<string, any>, field: string): string[] =>
  (r.fields_data as Record<string, any>[]).find((f) => f.field_name === field)!.scalars.json_data.data.map((b: Uint8Array) => Buffer.from(b).toString());

/** What is accepted, byte for byte: `undefined` as JSON.stringify writes it, `toJSON`, `$meta` merged into the dynamic keys. */
const jsonAccepted: JsonCase[] = [
  { name: 'undefined: an object key is left out, an array element becomes null', input: values(J, [{ u: undefined, a: [undefined, 1] }]), field: 'j', expected: ['{"a":[null,1]}'] },
  { name: 'a Date inside is written by its toJSON', input: values(J, [{ at: new Date(Date.UTC(2020, 0, 2)) }]), field: 'j', expected: ['{"at":"2020-01-02T00:00:00.000Z"}'] },
  { name: 'a dynamic key holding undefined is left out', input: dynamic([{ id: 1, gone: undefined, kept: 0 }]), field: '$meta', expected: ['{"kept":0}'] },
  {
    name: 'a row key $meta (as query results have it) is merged with the other dynamic keys',
    input: dynamic([{ id: 1, $meta: { a: 1, nested: { b: [2] } }, c: 'x' }, { id: 2, $meta: null }, { id: 3, $meta: {} }]),
    field: '$meta', expected: ['{"c":"x","a":1,"nested":{"b":[2]}}', '{}', '{}'],
  },
  {
    name: 'a $meta column is merged too',
    input: { collection_name: 'c', schema: { fields: [ID], enable_dynamic_field: true }, columns: { id: [1, 2, 3], $meta: [{ a: 1 }, undefined, { c: 'z' }], c: ['x', 'y', undefined] } },
    field: '$meta', expected: ['{"c":"x","a":1}', '{"c":"y"}', '{"c":"z"}'],
  },
  {
    name: 'dynamic keys named like Object.prototype members (constructor, toString, hasOwnProperty, toJSON as data) are kept as given',
    input: dynamic([{ id: 1, constructor: 1, toString: 'x', hasOwnProperty: [2], valueOf: null }, { id: 2, toJSON: 'plain' }]),
    field: '$meta', expected: ['{"constructor":1,"toString":"x","hasOwnProperty":[2],"valueOf":null}', '{"toJSON":"plain"}'],
  },
  { name: 'an own __proto__ key, inside $meta or beside it, stays data', input: dynamic([JSON.parse('{"id": 1, "__proto__": {"p": 1}}'), JSON.parse('{"id": 2, "$meta": {"__proto__": 2}}')]), field: '$meta', expected: ['{"__proto__":{"p":1}}', '{"__proto__":2}'] },
];

describe.each(ENGINES)('JSON values accepted, exactly as sent [engine=%s]', (engine) => {
  it.each(jsonAccepted)('$name', ({ input, field, expected }) => {
    expect(jsonTexts(decodeInsert(encodeInsertRequest(input, { engine })), field)).toEqual(expected);
  });
});
