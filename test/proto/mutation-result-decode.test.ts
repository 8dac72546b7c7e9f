/**
 * The insert reply, `milvus.MutationResult`, as the client decodes it (`decodeResponse`) against protobufjs:
 * for random MutationResults (int64 ids across the whole range, string ids, no ids, unpacked ids, other
 * fields around them) both give the same object in both decode styles, so ids stay exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeMessage } from '../../src/proto/index.js';
import { canonical, referenceDecode } from '../proto/reference.js';

const MUTATION_RESULT = 'milvus.proto.milvus.MutationResult';
const int64 = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: 0n, max: 2n ** 53n }),
  fc.constantFrom(0n, 1n, -1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 127n, 128n, 2n ** 32n - 1n, 2n ** 32n),
);

const result = fc.record({
  status: fc.option(fc.record({ code: fc.integer({ min: 0, max: 2000 }), reason: fc.string() }), { nil: undefined }),
  IDs: fc.option(fc.oneof(
    fc.record({ int_id: fc.record({ data: fc.array(int64, { maxLength: 300 }).map((a) => a.map(String)) }) }),
    fc.record({ str_id: fc.record({ data: fc.array(fc.string(), { maxLength: 20 }) }) }),
  ), { nil: undefined }),
  succ_index: fc.array(fc.nat(), { maxLength: 50 }),
  insert_cnt: int64.map(String),
  timestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
  acknowledged: fc.boolean(),
});

describe('MutationResult decoding', () => {
  it('decodes exactly like protobufjs', () => {
    fc.assert(fc.property(result, fc.constantFrom('wire', 'sdk' as const), (obj, style) => {
      const bytes = Buffer.from(encodeMessage(MUTATION_RESULT, obj));
      expect(canonical(decodeResponse('Insert', bytes, { style }))).toBe(canonical(referenceDecode(MUTATION_RESULT, bytes, style, false)));
    }), { numRuns: 2000, seed: 20261125 });
  });

  it('reads ids above 2^53 and negative ids exactly, packed or not', () => {
    const ids = ['9007199254740993', '-1', '-9223372036854775808', '9223372036854775807', '0', '42'];
    const packed = encodeMessage(MUTATION_RESULT, { IDs: { int_id: { data: ids } }, insert_cnt: '6' });
    const decoded = decodeResponse<{ IDs: { int_id: { data: string[] } }; insert_cnt: string }>('Insert', packed);
    expect(decoded.IDs.int_id.data).toEqual(ids);
    expect(decoded.insert_cnt).toBe('6');
    // The same ids unpacked: tag 0x08 per value inside LongArray, as some encoders write them.
    const body = [0x08, 0x01, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const longArray = [0x0a, body.length, ...body];
    const unpacked = new Uint8Array([0x12, longArray.length, ...longArray]);
    const decodedUnpacked = decodeResponse<{ IDs: { int_id: { data: string[] } } }>('Insert', unpacked);
    expect(decodedUnpacked.IDs.int_id.data).toEqual(['1', '-1']);
    expect(canonical(decodedUnpacked)).toBe(canonical(referenceDecode(MUTATION_RESULT, unpacked, 'wire', false)));
  });
});
