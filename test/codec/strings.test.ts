/**
 * UTF-8 staging of string columns (stage/utf8.ts): ASCII text goes a chunk of strings at a time through one
 * native encode of their concatenation, and the first chunk with anything else switches to one string at a
 * time. Columns of many strings with non-ASCII text, surrogate pairs and lone surrogates at and after chunk
 * boundaries must give the reference encoder's bytes on both engines, or name the first ill-formed row.
 */
import { describe, expect, it } from 'vitest';
import { encodeInsertRequest } from '../../src/index.js';
import type { FieldSchemaInput, InsertRequestInput } from '../../src/index.js';
import { referenceEncodeInsert } from '../helpers/reference-encoder.js';
import { failuresOnBothEngines } from './engine-failures.js';
import { toHex } from './hex.js';

const ENGINES = ['wasm', 'js'] as const;
const FIELDS: FieldSchemaInput[] = [
  { name: 'id', data_type: 'Int64', is_primary_key: true },
  { name: 't', data_type: 'VarChar', max_length: 200 },
  { name: 'j', data_type: 'JSON' },
];

function request(texts: readonly string[]): InsertRequestInput {
  return { collection_name: 'c', schema: { fields: FIELDS }, data: texts.map((t, id) => ({ id, t, j: { t, id } })) };
}

const ascii = (r: number): string => `title ${r} ${'abcdefghij'.slice(0, r % 11)}`;

function expectReferenceBytes(texts: readonly string[]): void {
  const input = request(texts);
  const want = toHex(referenceEncodeInsert(input));
  for (const engine of ENGINES) expect({ engine, bytes: toHex(encodeInsertRequest(input, { engine })) }).toEqual({ engine, bytes: want });
}

describe('string columns over many chunks', () => {
  it('all ASCII, over several chunks and a partial one, with empty strings', () => {
    expectReferenceBytes(Array.from({ length: 1000 }, (_, r) => (r % 97 === 0 ? '' : ascii(r))));
  });

  it('ASCII chunks, then non-ASCII text, surrogate pairs and ASCII again', () => {
    const texts = Array.from({ length: 1200 }, (_, r) => {
      if (r < 600) return ascii(r);
      if (r % 5 === 0) return `向量 ${r} データ`;
      if (r % 7 === 0) return `emoji 😀 ${r} 𝄞`;
      if (r % 11 === 0) return `é${r}`;
      return ascii(r);
    });
    expectReferenceBytes(texts);
  });

  it('non-ASCII from the very first string', () => {
    expectReferenceBytes(Array.from({ length: 700 }, (_, r) => (r === 0 ? 'ü' : ascii(r))));
  });

  it('a lone surrogate in a later chunk is named by its row', () => {
    const texts = Array.from({ length: 900 }, (_, r) => (r === 700 ? `bad \uD800 text` : ascii(r)));
    for (const got of failuresOnBothEngines(request(texts))) {
      expect(got).toMatchObject({ row: 700, field: 't' });
      expect(got.message).toMatch(/well-formed Unicode.*lone surrogate/);
    }
  });

  it('a high surrogate ending one string and a low one starting the next are both lone: the first is named', () => {
    // Joined, the two would make a valid pair: each string must still be checked on its own.
    const texts = Array.from({ length: 600 }, (_, r) => (r === 299 ? 'end \uD83D' : r === 300 ? '\uDE00 start' : ascii(r)));
    for (const got of failuresOnBothEngines(request(texts))) expect(got).toMatchObject({ row: 299, field: 't' });
  });
});
