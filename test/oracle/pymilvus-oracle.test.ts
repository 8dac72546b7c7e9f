/**
 * Differential test against pymilvus 3.0.2: every corpus case is sent by pymilvus to a capturing sink,
 * and our `encodeInsertRequest`/`encodeUpsertRequest` (both engines) must produce the same request:
 * field by field, JSON by parsed value, and byte for byte except where JSON text or `db_name`
 * placement differ by design (see test/helpers/oracle-compare.ts and test/oracle/FINDINGS.md).
 * Float16/BFloat16 given as numbers are compared with pymilvus given numpy float16 / bfloat16 bytes
 * of the same numbers (`$f16`/`$bf16` cases), which must match exactly. Inputs we reject on purpose
 * are listed in `WE_REJECT`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest } from '../../src/index.js';
import { InvalidInputError } from '../../src/errors.js';
import type { Engine } from '../../src/codec/types.js';
import { expectSameAsPymilvus, type EncodeFn } from '../helpers/oracle-compare.js';
import { CORPUS_PATH, caseInput, loadCorpus } from '../helpers/oracle-corpus.js';
import { runPymilvusOracle, type OracleRun } from '../helpers/pymilvus-oracle.js';

const corpus = loadCorpus();

/**
 * Deliberate differences where we reject what pymilvus sends, with the field the error must name.
 * Insert with an auto-id primary key given: pymilvus sends it (after the other fields) and leaves
 * the decision to the server; our encoder rejects it before anything is sent.
 */
const WE_REJECT: Record<string, string> = { auto_id_pk_given: 'id' };

let oracle: OracleRun;

beforeAll(async () => {
  oracle = await runPymilvusOracle(CORPUS_PATH);
});

for (const engine of ['js', 'wasm'] as Engine[]) {
  const encode: EncodeFn = (input, op) =>
    op === 'upsert' ? encodeUpsertRequest(input, { engine }) : encodeInsertRequest(input, { engine });

  describe(`encode${engine === 'js' ? '' : ' (wasm)'} vs pymilvus [engine=${engine}]`, () => {
    for (const c of corpus.filter((c) => c.collection_name !== 'empty_rows' && !(c.collection_name in WE_REJECT))) {
      it(c.collection_name, () => {
        const capture = oracle.captures.get(c.collection_name);
        expect(capture, `pymilvus sent no request for ${c.collection_name}`).toBeDefined();
        expectSameAsPymilvus(encode, c, caseInput(c), capture!);
      });
    }

    for (const [name, field] of Object.entries(WE_REJECT)) {
      it(`${name}: rejected, where pymilvus sends it`, () => {
        const c = corpus.find((x) => x.collection_name === name)!;
        expect(oracle.captures.has(name)).toBe(true);
        let error: unknown;
        try {
          encode(caseInput(c), c.op ?? 'insert');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe(field);
      });
    }
  });
}
