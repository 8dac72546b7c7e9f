/**
 * Differential, property-based: for random schemas and random valid rows (and the same data as
 * columns), the WebAssembly encoder, the TypeScript encoder and the protobufjs reference encoder
 * (`test/helpers/reference-encoder.ts`, independent of `src/codec`) produce identical bytes.
 * Our encoders get the values in varied accepted forms; the reference gets the plain forms.
 *
 * Reproduce a failure with the seed (and path) fast-check prints, e.g. `FC_SEED=123 npx vitest run
 * test/codec/differential.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest, encodeUpsertRequest } from '../../src/index.js';
import type { UpsertRequestInput } from '../../src/index.js';
import { referenceEncodeInsert, referenceEncodeUpsert } from '../helpers/reference-encoder.js';
import { caseArb, type GeneratedCase } from './arbitraries.js';
import { columnsInput, rowsInput } from './request-forms.js';
import { toHex } from './hex.js';

const SEED = Number(process.env.FC_SEED ?? 0x6d696c76);

function ours(c: GeneratedCase, input: UpsertRequestInput, engine: 'wasm' | 'js'): string {
  return toHex(c.op === 'upsert' ? encodeUpsertRequest(input, { engine }) : encodeInsertRequest(input, { engine }));
}

function reference(c: GeneratedCase, input: UpsertRequestInput): string {
  return toHex(c.op === 'upsert' ? referenceEncodeUpsert(input) : referenceEncodeInsert(input));
}

function check(c: GeneratedCase, input: UpsertRequestInput, canon: UpsertRequestInput): void {
  const want = reference(c, canon);
  expect(ours(c, input, 'wasm')).toBe(want);
  expect(ours(c, input, 'js')).toBe(want);
}

describe('WASM == TypeScript == reference encoder', () => {
  it('rows, insert and upsert (incl. partial updates)', () => {
    fc.assert(
      fc.property(caseArb(), (c) => check(c, rowsInput(c, 'variant'), rowsInput(c, 'canon'))),
      { numRuns: 2500, seed: SEED },
    );
  });

  it('columns (typed arrays, flat vector columns, plain arrays)', () => {
    fc.assert(
      fc.property(caseArb({ ops: ['insert', 'upsert'] }), (c) => {
        const { input, canonRows } = columnsInput(c);
        fc.pre(Object.keys(input.columns!).length > 0); // rows without any given field have no column form
        check(c, input, { ...rowsInput(c, 'canon'), data: canonRows });
      }),
      { numRuns: 1500, seed: SEED + 1 },
    );
  });

  it('many rows, few fields', () => {
    fc.assert(
      fc.property(caseArb({ maxRows: 60, maxFields: 3 }), (c) => check(c, rowsInput(c, 'variant'), rowsInput(c, 'canon'))),
      { numRuns: 400, seed: SEED + 2 },
    );
  });

  it('large requests (heap growth in both engines)', () => {
    fc.assert(
      fc.property(caseArb({ maxRows: 80, maxFields: 3, maxDim: 400 }), (c) => check(c, rowsInput(c, 'variant'), rowsInput(c, 'canon'))),
      { numRuns: 60, seed: SEED + 3 },
    );
  });
});
