/**
 * Result rows built from a server's answer where the names come from the data: a highlight, a group-by
 * value and an output field named `__proto__` are own keys, never a prototype. (Milvus Lite serves no
 * highlights, so the answer is given here as the decoder hands it over.)
 */
import { describe, expect, test } from 'vitest';
import { searchHits, type DecodedSearchResults } from '../../src/client/rows.js';

const utf8 = new TextEncoder();

describe('search hits from an answer naming "__proto__"', () => {
  const answer: DecodedSearchResults = {
    topks: ['1'],
    scores: [0.5],
    output_fields: ['__proto__'],
    fields_data: [{ field_name: '$meta', is_dynamic: true, scalars: { data: 'json_data', json_data: { data: [utf8.encode('{"__proto__": {"polluted": 1}}')] } } }],
    group_by_field_values: [{ field_name: '__proto__', scalars: { data: 'string_data', string_data: { data: ['g'] } } }],
    highlight_results: [{ field_name: '__proto__', datas: [{ fragments: ['<em>x</em>'], scores: [1] }] }],
    ids: { int_id: { data: ['7'] } },
    primary_field_name: 'id',
  };

  test('the hit, its group-by values and its highlight keep it as an own key', () => {
    const [hits] = searchHits(answer, 'string');
    const hit = hits![0]! as Record<string, any>;
    for (const holder of [hit, hit.group_by_field_values, hit.highlight]) {
      expect(Object.getPrototypeOf(holder)).toBe(Object.prototype);
      expect(Object.keys(holder)).toContain('__proto__');
      expect('polluted' in holder || 'fragments' in holder).toBe(false);
    }
    expect(hit.id).toBe('7');
    expect(Object.getOwnPropertyDescriptor(hit, '__proto__')!.value).toEqual({ polluted: 1 });
    expect(Object.getOwnPropertyDescriptor(hit.group_by_field_values, '__proto__')!.value).toBe('g');
    expect(Object.getOwnPropertyDescriptor(hit.highlight, '__proto__')!.value).toEqual({ fragments: ['<em>x</em>'], scores: [1] });
  });
});
