/**
 * The write and the search path convert float16 and bfloat16 alike, and agree with the read side. For
 * every one of the 65,536 bit patterns of each format, the number `f16BytesToF32Array` /
 * `bf16BytesToF32Array` reads from it (checked here against the format's definition) goes back to the
 * same bits through `encodeInsertRequest` (WebAssembly and TypeScript engines, `number[]` rows) and
 * through `client.search` (the query bytes in the request's `placeholder_group`, recorded by the gRPC
 * sink); NaN and ±Infinity are refused by all three with an `InvalidInputError`. Then the edges: the
 * largest finite values, the first values that overflow, ties, and values that round differently
 * through float32 than straight from the double. One request per path and format, one row or one query
 * per pattern.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bf16BytesToF32Array, DataType, encodeInsertRequest, f16BytesToF32Array, InvalidInputError, MilvusClient } from '../../src/index.js';
import { decodeMessage } from '../../src/proto/index.js';
import { decodeInsert } from '../helpers/decode-request.js';
import { describeReply, reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

type Format = 'float16' | 'bfloat16';
type Path = 'insert (wasm)' | 'insert (js)' | 'search';
const PATHS: Path[] = ['insert (wasm)', 'insert (js)', 'search'];
const FORMATS: Format[] = ['float16', 'bfloat16'];
const TYPE = { float16: DataType.Float16Vector, bfloat16: DataType.BFloat16Vector } as const;
const SLOT = { float16: 'float16_vector', bfloat16: 'bfloat16_vector' } as const;
const COLLECTION = { float16: 'halves', bfloat16: 'bhalves' } as const;
const fieldsOf = (format: Format) => [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'h', data_type: TYPE[format], type_params: [{ key: 'dim', value: '1' }] },
];

/** float16 by its definition: 1 sign, 5 exponent (bias 15), 10 mantissa bits; subnormals at exponent 0. */
function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (exp === 0 ? mant * 2 ** -24 : (1024 + mant) * 2 ** (exp - 25));
}

/** bfloat16 by its definition: the upper half of a float32. */
function bfloat16Value(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

const ALL = Uint16Array.from({ length: 65_536 }, (_, i) => i);
const bytesOf = (patterns: Uint16Array) => new Uint8Array(patterns.buffer, patterns.byteOffset, patterns.byteLength); // little-endian

/** What the read side makes of every pattern. */
const decoded: Record<Format, number[]> = {
  float16: f16BytesToF32Array(bytesOf(ALL)),
  bfloat16: bf16BytesToF32Array(bytesOf(ALL)),
};
const finitePatterns = (format: Format) => ALL.filter((bits) => Number.isFinite(decoded[format][bits]!));

let sink: GrpcSink;
let client: MilvusClient;

beforeAll(async () => {
  sink = await startSink();
  sink.on('DescribeCollection', (request) => {
    const { collection_name: name } = decodeMessage<{ collection_name: string }>('milvus.proto.milvus.DescribeCollectionRequest', request);
    return describeReply(name, fieldsOf(name === COLLECTION.float16 ? 'float16' : 'bfloat16'));
  });
  sink.on('Search', (request) => {
    const { nq } = decodeMessage<{ nq: string }>('milvus.proto.milvus.SearchRequest', request);
    return reply('milvus.proto.milvus.SearchResults', { status: {}, results: { num_queries: nq, top_k: '1', topks: Array(Number(nq)).fill('0') } });
  });
  client = new MilvusClient({ uri: sink.uri, timeout: 60_000 });
});

afterAll(async () => {
  await client.close();
  await sink.close();
});

/** The bits `path` sends for `values` (one row, or one query, each), in order. Throws what the path throws. */
async function sentBits(path: Path, format: Format, values: readonly number[]): Promise<Uint16Array> {
  let bytes: Uint8Array;
  if (path === 'search') {
    const before = sink.callsOf('Search').length;
    await client.search({ collection_name: COLLECTION[format], anns_field: 'h', data: values.map((v) => [v]), limit: 1 });
    const calls = sink.callsOf('Search');
    expect(calls).toHaveLength(before + 1);
    const { placeholder_group: group } = decodeMessage<{ placeholder_group: Uint8Array }>('milvus.proto.milvus.SearchRequest', calls.at(-1)!.request);
    const [placeholder] = decodeMessage<{ placeholders: { type: number; values: Uint8Array[] }[] }>('milvus.proto.common.PlaceholderGroup', group).placeholders;
    expect(placeholder!.type).toBe(TYPE[format]);
    expect(placeholder!.values.every((v) => v.length === 2)).toBe(true);
    bytes = Uint8Array.from(placeholder!.values.flatMap((v) => [...v]));
  } else {
    const engine = path === 'insert (wasm)' ? 'wasm' : 'js';
    const data = values.map((v, i) => ({ id: i, h: [v] }));
    const request = decodeInsert(encodeInsertRequest({ collection_name: COLLECTION[format], schema: { fields: fieldsOf(format) }, data }, { engine }));
    const field = (request.fields_data as { field_name: string; vectors: Record<string, unknown> }[]).find((f) => f.field_name === 'h')!;
    bytes = field.vectors[SLOT[format]] as Uint8Array;
  }
  expect(bytes.length).toBe(values.length * 2);
  return new Uint16Array(Uint8Array.from(bytes).buffer);
}

/** The first few patterns whose bits came back different, as `0xPPPP -> 0xQQQQ` (empty when all agree). */
function disagreements(patterns: Uint16Array, got: Uint16Array): string[] {
  const hex = (b: number) => `0x${b.toString(16).padStart(4, '0')}`;
  const out: string[] = [];
  for (let i = 0; i < patterns.length && out.length < 10; i++) if (got[i] !== patterns[i]) out.push(`${hex(patterns[i]!)} -> ${hex(got[i]!)}`);
  return out;
}

describe.each(FORMATS)('%s', (format) => {
  test('the read side decodes every pattern as the format defines it', () => {
    const define = format === 'float16' ? float16Value : bfloat16Value;
    const wrong = [...ALL].filter((bits) => !Object.is(decoded[format][bits], define(bits)));
    expect(wrong.slice(0, 10)).toEqual([]);
    // Only the all-ones exponent is not finite: 2 infinities and 2 × (2^mantissa - 1) NaNs.
    expect(ALL.length - finitePatterns(format).length).toBe(format === 'float16' ? 2048 : 256);
  });

  test.each(PATHS)('every finite pattern, read and sent back by %s, keeps its bits', async (path) => {
    const patterns = finitePatterns(format);
    const values = [...patterns].map((bits) => decoded[format][bits]!);
    const got = await sentBits(path, format, values);
    expect(disagreements(patterns, got)).toEqual([]);
  });

  test.each(PATHS)('NaN and ±Infinity, as the read side gives them, are refused by %s', async (path) => {
    const nonFinite = new Set([...ALL].filter((bits) => !Number.isFinite(decoded[format][bits]!)).map((bits) => String(decoded[format][bits])));
    expect([...nonFinite].sort()).toEqual(['-Infinity', 'Infinity', 'NaN']);
    for (const value of [NaN, Infinity, -Infinity]) {
      await expect(sentBits(path, format, [1, value]), String(value)).rejects.toBeInstanceOf(InvalidInputError);
    }
  });
});

/** The double next to `x` towards zero (x > 0). */
function below(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

const BF16_MAX = bfloat16Value(0x7f7f); // (2 - 2^-7) × 2^127
const BF16_OVERFLOW = (2 - 2 ** -8) * 2 ** 127; // halfway to 2^128: a tie, which rounds to the even pattern, 2^128 = Infinity

/** Value, and the bits every path must send for it (`'refused'`: an `InvalidInputError`). */
const EDGES: Record<Format, [string, number, number | 'refused'][]> = {
  float16: [
    ['65504, the largest finite half', 65504, 0x7bff],
    ['-65504', -65504, 0xfbff],
    ['65519.99, just below the overflow threshold', 65519.99, 0x7bff],
    ['the largest double below 65520', below(65520), 0x7bff],
    ['65520, halfway to 2^16: rounds to Infinity', 65520, 'refused'],
    ['-65520', -65520, 'refused'],
    ['1 + 2^-11 + 2^-40: above the tie; through float32 it would be the tie, and round to 0x3c00', 1 + 2 ** -11 + 2 ** -40, 0x3c01],
    ['1 + 2^-11: a tie, to even', 1 + 2 ** -11, 0x3c00],
    ['1 + 3 × 2^-11: a tie, to even', 1 + 3 * 2 ** -11, 0x3c02],
    ['2^-24, the smallest subnormal', 2 ** -24, 0x0001],
    ['2^-25: a tie between 0 and the smallest subnormal, to even', 2 ** -25, 0x0000],
    ['2^-25 + 2^-60: above that tie (float32 would lose the 2^-60)', 2 ** -25 + 2 ** -60, 0x0001],
    ['-0', -0, 0x8000],
  ],
  bfloat16: [
    ['the largest finite bfloat16', BF16_MAX, 0x7f7f],
    ['minus it', -BF16_MAX, 0xff7f],
    ['the largest double below the overflow threshold', below(BF16_OVERFLOW), 0x7f7f],
    ['halfway to 2^128, the first value that overflows', BF16_OVERFLOW, 'refused'],
    ['minus that', -BF16_OVERFLOW, 'refused'],
    ['1e39, beyond float32 too', 1e39, 'refused'],
    ['1 + 2^-8 + 2^-40: above the tie; through float32 it would be the tie, and round to 0x3f80', 1 + 2 ** -8 + 2 ** -40, 0x3f81],
    ['1 + 2^-8: a tie, to even', 1 + 2 ** -8, 0x3f80],
    ['2^-133, the smallest subnormal', 2 ** -133, 0x0001],
    ['2^-134 + 2^-170: above the tie between 0 and it', 2 ** -134 + 2 ** -170, 0x0001],
    ['-0', -0, 0x8000],
  ],
};

describe.each(FORMATS)('%s edges', (format) => {
  test.each(PATHS)('%s: each edge sends the bits, or is refused, as listed', async (path) => {
    const outcomes: [string, number | 'refused'][] = [];
    for (const [label, value] of EDGES[format]) {
      try {
        outcomes.push([label, (await sentBits(path, format, [value]))[0]!]);
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        outcomes.push([label, 'refused']);
      }
    }
    expect(outcomes).toEqual(EDGES[format].map(([label, , bits]) => [label, bits]));
  });
});
