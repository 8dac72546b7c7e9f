/**
 * The differential suite: src/proto against protobufjs (with long.js), the library it replaces, over every
 * message type the client can send or receive (all the compacted descriptor holds; ./reference.ts). Random
 * objects (./message-arbitraries.ts) encode to identical bytes or fail with the same error; those bytes, and
 * corrupted copies of them, decode to the same objects in both styles and both int64 modes, from a
 * `Uint8Array` and from a Node `Buffer` (key order, value types and errors included). Run by the two test
 * files beside it, with and without Node's `Buffer`.
 * Reproduce a failure with the seed fast-check prints: `FC_SEED=<seed> npx vitest run test/proto`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type * as Proto from '../../src/proto/index.js';
import { MessageArbitraries } from './message-arbitraries.js';
import type * as Reference from './reference.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261203;
const wellFormed = new MessageArbitraries(3, false);
const wild = new MessageArbitraries(3, true);
const MODES = [['wire', false], ['wire', true], ['sdk', false], ['sdk', true]] as const;

/** Defines the suite for `proto` (src/proto/index.ts) against `reference` (./reference.ts), loaded alike. */
export function differentialSuite(proto: typeof Proto, reference: typeof Reference, runsPerType: number): void {
  const { decodeMessage, encodeMessage } = proto;
  const { canonical, messageTypes, outcome, referenceDecode, referenceEncode } = reference;
  const RUNS_PER_TYPE = runsPerType;

  /** Both decoders' outcomes for `bytes` in every style and int64 mode, from both input types. */
  function decodeOutcomes(name: string, bytes: Uint8Array): { ours: string[]; theirs: string[] } {
    const ours: string[] = [];
    const theirs: string[] = [];
    for (const input of [new Uint8Array(bytes), Buffer.from(bytes)]) {
      for (const [style, bigints] of MODES) {
        theirs.push(outcome(() => referenceDecode(name, input, style, bigints)));
        ours.push(outcome(() => decodeMessage(name, input, style, bigints)));
      }
    }
    return { ours, theirs };
  }

  /** A corrupted copy of `bytes`: one byte changed, the end cut off, or bytes inserted. */
  const corruption = fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, value]) => (b: Uint8Array) => {
      const out = Uint8Array.from(b);
      if (out.length) out[at % out.length] = value;
      return out;
    }),
    fc.nat().map((cut) => (b: Uint8Array) => b.subarray(0, b.length ? cut % b.length : 0)),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([at, extra]) => (b: Uint8Array) => {
      const p = b.length ? at % b.length : 0;
      return Uint8Array.from([...b.subarray(0, p), ...extra, ...b.subarray(p)]);
    }),
  );

  describe.each(messageTypes().map((type) => [type.fullName.slice(1), type] as const))('%s', (name, type) => {
    test('encodes like protobufjs, and decodes those bytes (and corrupted ones) like protobufjs', () => {
      let encoded = 0;
      fc.assert(
        fc.property(fc.oneof({ weight: 3, arbitrary: wellFormed.of(type) }, wild.of(type)), corruption, (object, corrupt) => {
          const payload = object as object;
          const theirs = outcome(() => referenceEncode(name, payload));
          expect(outcome(() => encodeMessage(name, payload))).toBe(theirs);
          if (theirs.startsWith('throws')) return;
          encoded++;
          const bytes = referenceEncode(name, payload);
          for (const b of [bytes, corrupt(bytes)]) {
            const { ours, theirs: reference } = decodeOutcomes(name, b);
            expect(ours).toEqual(reference);
          }
        }),
        { numRuns: RUNS_PER_TYPE, seed: SEED },
      );
      // Most generated objects must encode, or the decoder would hardly be exercised.
      expect(encoded).toBeGreaterThan(RUNS_PER_TYPE / 2);
    });
  });

  describe('targeted cases', () => {
    const LONG_ARRAY = 'milvus.proto.schema.LongArray';
    test('int64 from any number, string, bigint or Long-like value converts as long.js does', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.double(), fc.string(), fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String), fc.stringMatching(/^[+-]?\d{0,30}$/)), { maxLength: 8 }), (data) => {
          expect(outcome(() => encodeMessage(LONG_ARRAY, { data }))).toBe(outcome(() => referenceEncode(LONG_ARRAY, { data })));
        }),
        { numRuns: 5000, seed: SEED },
      );
    });

    test('every byte string decodes (or fails) as protobufjs decodes it, for a type with every field kind', () => {
      const names = ['milvus.proto.schema.ScalarField', 'milvus.proto.milvus.MutationResult', 'milvus.proto.schema.FieldSchema', 'milvus.proto.common.Status'];
      fc.assert(
        fc.property(fc.constantFrom(...names), fc.uint8Array({ maxLength: 40 }), (name, bytes) => {
          const { ours, theirs } = decodeOutcomes(name, bytes);
          expect(ours).toEqual(theirs);
        }),
        { numRuns: 20000, seed: SEED },
      );
    });

    test('an empty message decodes to every default, in protobufjs\' key order', () => {
      for (const type of messageTypes()) {
        const name = type.fullName.slice(1);
        const { ours, theirs } = decodeOutcomes(name, new Uint8Array());
        expect(ours, name).toEqual(theirs);
      }
      expect(canonical(decodeMessage('milvus.proto.common.Status', new Uint8Array()))).toBe('{"extra_info":{},"error_code":0,"reason":"","code":0,"retriable":false,"detail":""}');
    });

    test('packed floats and doubles, whole, cut off mid-value and in two runs, decode as protobufjs decodes them', () => {
      for (const [name, size] of [['milvus.proto.schema.FloatArray', 4], ['milvus.proto.schema.DoubleArray', 8]] as const) {
        for (let count = 0; count <= 3; count++) {
          for (let extra = 0; extra < size; extra++) {
            const body = Array.from({ length: count * size + extra }, (_, i) => (i * 37 + 11) & 255);
            const run = [0x0a, body.length, ...body];
            for (const bytes of [Uint8Array.from(run), Uint8Array.from([...run, ...run])]) {
              const { ours, theirs } = decodeOutcomes(name, bytes);
              expect(ours, `${name}: ${bytes.length} bytes, ${count} values + ${extra} bytes per run`).toEqual(theirs);
            }
          }
        }
      }
    });

    test('depth limits: 100 nested messages decode, 101 fail, as in protobufjs', () => {
      // ScalarField.array_data (field 8) holds ArrayArray whose data (field 1) holds ScalarFields.
      const nest = (levels: number): Uint8Array => {
        let inner = new Uint8Array();
        for (let i = 0; i < levels; i++) {
          const field = i % 2 === 0 ? 8 : 1;
          inner = Uint8Array.from([(field << 3) | 2, ...varint(inner.length), ...inner]);
        }
        return inner;
      };
      for (const levels of [99, 100, 101, 102]) {
        const { ours, theirs } = decodeOutcomes('milvus.proto.schema.ScalarField', nest(levels));
        expect(ours, `${levels} levels`).toEqual(theirs);
      }
    });
  });

}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
