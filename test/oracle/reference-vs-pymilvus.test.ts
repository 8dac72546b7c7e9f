/**
 * Proves the test-side reference encoder (test/helpers/reference-encoder.ts) sends what pymilvus
 * 3.0.2 sends, on the shared corpus, so it can stand in for pymilvus in fast differential tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ReferenceInputError } from '../helpers/reference-schema.js';
import type { Row } from '../../src/codec/types.js';
import { expectSameAsPymilvus, type EncodeFn } from '../helpers/oracle-compare.js';
import { CORPUS_PATH, caseInput, loadCorpus } from '../helpers/oracle-corpus.js';
import { runPymilvusOracle, type OracleRun } from '../helpers/pymilvus-oracle.js';
import { referenceEncodeInsert, referenceEncodeUpsert } from '../helpers/reference-encoder.js';

const reference: EncodeFn = (input, op) => (op === 'upsert' ? referenceEncodeUpsert(input) : referenceEncodeInsert(input));
const corpus = loadCorpus();
let oracle: OracleRun;

beforeAll(async () => {
  oracle = await runPymilvusOracle(CORPUS_PATH);
});

describe('pymilvus oracle run', () => {
  it('calls only Connect, DescribeCollection and Insert/Upsert, all handled by the sink', () => {
    expect(oracle.calls.filter((c) => c.startsWith('UNHANDLED'))).toEqual([]);
    const methods = new Set(oracle.calls.map((c) => c.split('/').pop()));
    expect([...methods].sort()).toEqual(['Connect', 'DescribeCollection', 'Insert', 'Upsert']);
  });

  it('accepts every corpus case and sends one request per non-empty case', () => {
    for (const c of corpus) expect(oracle.outcomes.get(c.collection_name), c.collection_name).toMatchObject({ ok: true });
    const nonEmpty = corpus.filter((c) => !Array.isArray(c.rows) || c.rows.length > 0).map((c) => c.collection_name);
    expect([...oracle.captures.keys()].sort()).toEqual(nonEmpty.sort());
  });

  it('sends nothing for an empty list and reports zero rows', () => {
    expect(oracle.captures.has('empty_rows')).toBe(false);
    expect(oracle.outcomes.get('empty_rows')).toEqual({ ok: true, result: { insert_count: 0, ids: [] } });
  });

  it('carries the database in the dbname header, not in the request', () => {
    const capture = oracle.captures.get('with_db_name')!;
    expect(capture.metadata.dbname).toBe('db_x');
  });
});

describe('reference encoder vs pymilvus', () => {
  for (const c of corpus.filter((c) => c.collection_name !== 'empty_rows')) {
    it(c.collection_name, () => {
      const capture = oracle.captures.get(c.collection_name);
      expect(capture, `pymilvus sent no request for ${c.collection_name}`).toBeDefined();
      expectSameAsPymilvus(reference, c, caseInput(c), capture!);
    });
  }

  it('encodes columns (flat vector columns included) exactly like the same rows', () => {
    for (const name of ['scalars_all', 'nullable_some', 'vectors_bytes']) {
      const input = caseInput(corpus.find((x) => x.collection_name === name)!);
      const rows = input.data as Row[];
      const columns: Record<string, unknown> = {};
      for (const field of input.schema.fields) {
        const values = rows.map((r) => r[field.name]);
        if (field.data_type === 'FloatVector') columns[field.name] = Float32Array.from((values as number[][]).flat());
        else if (field.data_type === 'BinaryVector') columns[field.name] = Uint8Array.from(values.flatMap((v) => [...(v as Uint8Array)]));
        else if (field.data_type === 'Int8Vector') columns[field.name] = Int8Array.from(values.flatMap((v) => [...(v as Int8Array)]));
        else columns[field.name] = values;
      }
      const fromColumns = referenceEncodeInsert({ ...input, data: undefined, columns });
      expect(Buffer.from(fromColumns).toString('hex'), name).toBe(Buffer.from(referenceEncodeInsert(input)).toString('hex'));
    }
  });

  it('rejects an empty row list (pymilvus sends nothing)', () => {
    const c = corpus.find((x) => x.collection_name === 'empty_rows')!;
    expect(() => reference(caseInput(c), 'insert')).toThrow(ReferenceInputError);
  });
});
