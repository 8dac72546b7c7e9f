/**
 * The client generates no code at run time: a strict Content-Security-Policy (the one that also refuses
 * WebAssembly) refuses `eval` and `new Function`. The browser build contains neither, and every RPC's
 * request and response type encodes and decodes through the reflective codec of src/proto.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { decodeMessage, decodeResponse, encodeMessage, encodeRequest, milvusMethods } from '../../src/proto/index.js';

test('the browser build calls neither eval nor the Function constructor', () => {
  const bundle = readFileSync(new URL('../../dist/browser.js', import.meta.url), 'utf8');
  expect(bundle.length).toBeGreaterThan(10_000);
  expect(bundle).not.toMatch(/\beval\s*\(|\bFunction\s*\(|new\s+Function\b/);
});

test('every RPC request and response encodes and decodes', () => {
  const methods = milvusMethods();
  expect(methods.length).toBeGreaterThan(100);
  for (const { name, request } of methods) {
    // BatchDescribeCollection names several collections: its collection_name is a list.
    const collection = name === 'BatchDescribeCollection' ? ['c'] : 'c';
    const bytes = encodeRequest(name, { db_name: 'd', collection_name: collection });
    const roundTrip = decodeMessage<Record<string, unknown>>(request, bytes);
    if ('collection_name' in roundTrip) expect(roundTrip.collection_name, name).toEqual(collection);
    // An empty response message decodes to its defaults, nested types included.
    expect(decodeResponse(name, new Uint8Array()), name).toBeTypeOf('object');
  }
  const placeholder = encodeMessage('milvus.proto.common.PlaceholderGroup', { placeholders: [{ tag: '$0', type: 101, values: [new Uint8Array([1, 2])] }] });
  expect(decodeMessage('milvus.proto.common.PlaceholderGroup', placeholder)).toMatchObject({ placeholders: [{ tag: '$0', type: 101 }] });
});
