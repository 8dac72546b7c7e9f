/**
 * The JSON Lines reader's exact parser: the same values as `JSON.parse` for any JSON text, except that
 * integers beyond 2^53 come back as exact bigints; and the detector that picks which lines need it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasBigIntegerLiteral, parseJsonExact, parseObjectMembers } from '../../src/cli/readers/json-exact.js';

describe('parseJsonExact', () => {
  test('agrees with JSON.parse on arbitrary JSON text (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const expected = JSON.parse(text);
      // Integers JSON.parse rounds are the one intended difference.
      const exact = parseJsonExact(text);
      expect(JSON.stringify(exact, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).toBe(JSON.stringify(expected));
    }), { numRuns: 300 });
  });

  test.each([
    ['9007199254740993', 9007199254740993n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9007199254740991', 9007199254740991],
    ['12345678901234567.5', 12345678901234567.5],
    ['1e400', Infinity],
    ['{"a": [1, 18446744073709551615, {"b": -36028797018963969}]}', { a: [1, 18446744073709551615n, { b: -36028797018963969n }] }],
    ['"\\u0041\\n\\"x\\""', 'A\n"x"'],
    ['{"__proto__": 1}', JSON.parse('{"__proto__": 1}')],
  ])('%s', (text, expected) => {
    expect(parseJsonExact(text)).toEqual(expected);
  });

  test.each([
    ['{"a": 1,}', /expected a quoted key at position 8/],
    ['[1 2]', /expected "," or "\]" at position 3/],
    ['{"a" 1}', /expected ":" at position 5/],
    ['"abc', /expected a closing quote/],
    ['[1] x', /expected the end of the JSON text at position 4/],
    ['nul', /expected a JSON value at position 0/],
  ])('rejects %s with the position', (text, message) => {
    expect(() => parseJsonExact(text)).toThrow(message);
  });
});

describe('parseObjectMembers', () => {
  test('keeps the exact source text of each top-level value', () => {
    const members = parseObjectMembers('{ "id" : 9223372036854775807 , "doc": {"n": 12345678901234567890, "s": "x"} }');
    expect(members).toEqual([
      { key: 'id', value: 9223372036854775807n, text: '9223372036854775807' },
      { key: 'doc', value: { n: 12345678901234567890n, s: 'x' }, text: '{"n": 12345678901234567890, "s": "x"}' },
    ]);
  });

  test('refuses a line that is not an object', () => {
    expect(() => parseObjectMembers('[1, 2]')).toThrow(/expected a JSON object at position 0/);
  });
});

describe('hasBigIntegerLiteral', () => {
  test.each([
    ['{"id": 1152921504606846976}', true],
    ['{"id": -1152921504606846976}', true],
    ['{"id": 9007199254740991}', true], // 16 digits: may be unsafe, so checked
    ['{"id": 900719925474099}', false],
    ['{"v": [0.12345678901234567, 1.2345678901234567e-5]}', false],
    ['{"v": 12345678901234567e3}', false],
  ])('%s → %s', (text, expected) => {
    expect(hasBigIntegerLiteral(text)).toBe(expected);
  });
});
