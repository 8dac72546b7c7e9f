/**
 * Several vector fields given as numbers in one request: each is converted straight into the request
 * bytes (vector-fill.ts), into a gap of its own. Only the widest gap can be placed aligned for its element
 * type; the others may start at any offset and must come out the same. Every case is compared with the
 * reference encoder on both engines, and the cases are chosen (a VarChar of varying length between the
 * vector fields) so that a float32 gap off a 4-byte boundary and a half gap at an odd address both occur,
 * which the test checks from the bytes it gets.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, InvalidInputError, MilvusErrorCode, planWrite } from '../../src/index.js';
import type { FieldSchemaInput, InsertRequestInput, Row } from '../../src/index.js';
import { referenceEncodeInsert } from '../helpers/reference-encoder.js';
import { toHex } from './hex.js';

const ENGINES = ['wasm', 'js'] as const;
const ID: FieldSchemaInput = { name: 'id', data_type: 'Int64', is_primary_key: true };

/** A value for row r, position j of field k that float32, float16 and bfloat16 all hold exactly. */
const value = (k: number, r: number, j: number): number => ((k * 7 + r * 3 + j) % 200) / 4 - 25;

/** Row r's vector of `dim` for field k; null every `nullEvery` rows when the field is nullable. */
function vector(k: number, r: number, dim: number, nullEvery: number): number[] | null {
  if (nullEvery > 0 && r % nullEvery === 3) return null;
  return Array.from({ length: dim }, (_, j) => value(k, r, j));
}

interface VectorSpec {
  readonly name: string;
  readonly type: 'FloatVector' | 'Float16Vector' | 'BFloat16Vector';
  readonly dim: number;
  /** A null row every so many rows (0: not nullable). */
  readonly nullEvery: number;
}

/**
 * A request of `numRows` rows: an id, then the vector fields in order, with a VarChar after each but the
 * last whose first value is `pad` characters long (it shifts the following gaps by `pad` bytes).
 */
function request(specs: readonly VectorSpec[], numRows: number, pad: number): InsertRequestInput {
  const fields: FieldSchemaInput[] = [ID];
  specs.forEach((s, k) => {
    fields.push({ name: s.name, data_type: s.type, dim: s.dim, ...(s.nullEvery > 0 ? { nullable: true } : {}) });
    if (k < specs.length - 1) fields.push({ name: `s${k}`, data_type: 'VarChar', max_length: 16 });
  });
  const data: Row[] = Array.from({ length: numRows }, (_, r) => {
    const row: Row = { id: r };
    specs.forEach((s, k) => {
      row[s.name] = vector(k, r, s.dim, s.nullEvery);
      if (k < specs.length - 1) row[`s${k}`] = r === 0 ? 'x'.repeat(pad) : '';
    });
    return row;
  });
  return { collection_name: 'c', schema: { fields }, data };
}

/** The payload bytes of field k as the request must carry them (non-null rows, in order). */
function payload(spec: VectorSpec, k: number, numRows: number): Buffer {
  const values: number[] = [];
  for (let r = 0; r < numRows; r++) values.push(...(vector(k, r, spec.dim, spec.nullEvery) ?? []));
  if (spec.type === 'FloatVector') return Buffer.from(Float32Array.from(values).buffer);
  // Every value is a multiple of 1/4 below 32 in magnitude: exact in float16 and bfloat16 alike.
  const bits = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  values.forEach((v, i) => {
    f32[0] = v;
    if (spec.type === 'BFloat16Vector') bits[i] = u32[0] >>> 16;
    else bits[i] = halfBits(v);
  });
  return Buffer.from(bits.buffer);
}

/** IEEE half bits of a value that a half holds exactly (normal or zero). */
function halfBits(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const exp = Math.floor(Math.log2(a));
  return sign | ((exp + 15) << 10) | Math.round((a / 2 ** exp - 1) * 1024);
}

/**
 * Encodes `specs` at each pad on both engines, checks the bytes against the reference encoder, and
 * returns, per field, the set of alignments its payload had (address modulo its element size).
 */
function checkPads(specs: readonly VectorSpec[], numRows: number, pads: readonly number[]): Set<number>[] {
  const seen = specs.map(() => new Set<number>());
  for (const pad of pads) {
    const input = request(specs, numRows, pad);
    const want = toHex(referenceEncodeInsert(input));
    for (const engine of ENGINES) {
      const out = encodeInsertRequest(input, { engine });
      expect({ pad, engine, bytes: toHex(out) }).toEqual({ pad, engine, bytes: want });
      specs.forEach((s, k) => {
        const at = Buffer.from(out.buffer, out.byteOffset, out.byteLength).indexOf(payload(s, k, numRows));
        expect(at, `payload of ${s.name} (pad ${pad}, ${engine})`).toBeGreaterThan(0);
        seen[k].add((out.byteOffset + at) % (s.type === 'FloatVector' ? 4 : 2));
      });
    }
  }
  return seen;
}

const PADS = [0, 1, 2, 3];

describe('several vector fields given as numbers fill their own gaps', () => {
  it('two FloatVector fields as rows', () => {
    const specs: VectorSpec[] = [{ name: 'a', type: 'FloatVector', dim: 3, nullEvery: 0 }, { name: 'b', type: 'FloatVector', dim: 5, nullEvery: 0 }];
    checkPads(specs, 4, PADS);
  });

  it('a FloatVector and a Float16Vector, and a BFloat16Vector and a FloatVector, as rows', () => {
    checkPads([{ name: 'f', type: 'FloatVector', dim: 4, nullEvery: 0 }, { name: 'h', type: 'Float16Vector', dim: 3, nullEvery: 0 }], 5, PADS);
    checkPads([{ name: 'g', type: 'BFloat16Vector', dim: 6, nullEvery: 0 }, { name: 'f', type: 'FloatVector', dim: 2, nullEvery: 0 }], 5, PADS);
  });

  it('a float32 gap off a 4-byte boundary (a wider half gap takes the alignment), with nulls, over many scratch steps', () => {
    const specs: VectorSpec[] = [
      { name: 'h', type: 'Float16Vector', dim: 700, nullEvery: 5 },
      { name: 'f', type: 'FloatVector', dim: 300, nullEvery: 7 },
    ];
    const seen = checkPads(specs, 130, PADS);
    expect([...seen[1]].some((m) => m !== 0)).toBe(true);
  });

  it('a half gap at an odd address (a wider float32 gap takes the alignment), with nulls, over many scratch steps', () => {
    for (const type of ['Float16Vector', 'BFloat16Vector'] as const) {
      const specs: VectorSpec[] = [
        { name: 'f', type: 'FloatVector', dim: 300, nullEvery: 4 },
        { name: 'h', type, dim: 101, nullEvery: 6 },
      ];
      const seen = checkPads(specs, 400, PADS);
      expect(seen[1].has(1)).toBe(true);
    }
  });

  it('three filled fields, the widest in the middle, and a range of rows encoded on its own', () => {
    const specs: VectorSpec[] = [
      { name: 'a', type: 'FloatVector', dim: 1, nullEvery: 0 },
      { name: 'b', type: 'BFloat16Vector', dim: 64, nullEvery: 5 },
      { name: 'c', type: 'Float16Vector', dim: 3, nullEvery: 0 },
    ];
    checkPads(specs, 9, PADS);
    for (const engine of ENGINES) {
      const input = request(specs, 40, 3);
      const range = planWrite(input, { engine }).encode(10, 30);
      const want = referenceEncodeInsert({ ...input, data: (input.data as Row[]).slice(10, 30) });
      // Null rows and row ids are the caller's, so the range's rows are its own request.
      expect(toHex(range)).toBe(toHex(want));
    }
  });
});

/** The error an encode throws. */
function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error('expected an error, but the input was encoded');
}

describe.each(ENGINES)('bad values in a second filled field [engine=%s]', (engine) => {
  const specs: VectorSpec[] = [
    { name: 'f', type: 'FloatVector', dim: 300, nullEvery: 4 },
    { name: 'h', type: 'Float16Vector', dim: 101, nullEvery: 6 },
  ];
  /** The request at every pad (aligned and not) with `edit` applied to its rows. */
  const each = (edit: (rows: Row[]) => void, check: (e: InvalidInputError) => void) => {
    for (const pad of PADS) {
      const input = request(specs, 200, pad);
      edit(input.data as Row[]);
      check(thrown(() => encodeInsertRequest(input, { engine })));
    }
  };

  it('a float16 overflow past null rows and past the first scratch step names its row and position', () => {
    each((rows) => { (rows[170].h as number[])[7] = 70000; }, (e) => {
      expect({ code: e.code, field: e.field, row: e.row }).toEqual({ code: MilvusErrorCode.InvalidInput, field: 'h', row: 170 });
      expect(e.message).toMatch(/field "h", row 170: expected values within the float16 range \(±65504\) at position 7, got 70000/);
    });
  });

  it('NaN and a non-number in the second FloatVector field', () => {
    const two: VectorSpec[] = [{ name: 'h', type: 'Float16Vector', dim: 700, nullEvery: 0 }, { name: 'f', type: 'FloatVector', dim: 300, nullEvery: 7 }];
    for (const pad of PADS) {
      const input = request(two, 120, pad);
      ((input.data as Row[])[99].f as number[])[299] = NaN;
      const e = thrown(() => encodeInsertRequest(input, { engine }));
      expect({ field: e.field, row: e.row }).toEqual({ field: 'f', row: 99 });
      expect(e.message).toMatch(/finite numbers at position 299, got NaN/);
      ((input.data as Row[])[99].f as unknown[])[299] = '1';
      expect(thrown(() => encodeInsertRequest(input, { engine })).message).toMatch(/field "f", row 99: expected numbers \(dim 300\), got "1" at position 299/);
    }
  });

  it('with bad values in both fields, the first field in field order is named', () => {
    each((rows) => {
      (rows[150].h as number[])[0] = Infinity;
      (rows[190].f as number[])[1] = 1e39;
    }, (e) => {
      expect({ field: e.field, row: e.row }).toEqual({ field: 'f', row: 190 });
      expect(e.message).toMatch(/float32 range/);
    });
  });

  it('a range encoded on its own names the caller\'s row', () => {
    const input = request(specs, 200, 1);
    ((input.data as Row[])[170].h as number[])[100] = -1e6;
    const e = thrown(() => planWrite(input, { engine }).encode(100, 200));
    expect({ field: e.field, row: e.row }).toEqual({ field: 'h', row: 170 });
    expect(e.message).toMatch(/at position 100, got -1000000/);
  });
});
