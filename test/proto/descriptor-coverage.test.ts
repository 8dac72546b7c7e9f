/**
 * The compacted descriptor (scripts/compact-proto.mjs) holds only what the client uses, and all of it: the
 * RPCs it calls, the types it names, and every type those reach, the same set the differential suite runs
 * over (./reference.ts `clientTypes`). The compiler already refuses a call of an RPC that is not in it
 * (`MilvusMethod`); these tests keep the lists in step with src/ and the descriptor in step with the lists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, test } from 'vitest';
import { decodeMessage, enumValue, milvusMethods } from '../../src/proto/index.js';
import { allTypes, clientTypes, NAMED_TYPES, root } from './reference.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The SDK's enums and constants, whose string values include names of RPCs (privileges) the client does not call. */
const SDK_VOCABULARY = new Set(['constants.ts', 'sdk-enums.d.ts'].map((name) => join(SRC, name)));

/** The text of every client source file: src/ but the codec's own folder and the SDK's vocabulary. */
function clientSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (path !== join(SRC, 'proto')) walk(path);
      } else if (name.endsWith('.ts') && !SDK_VOCABULARY.has(path)) {
        out.push(readFileSync(path, 'utf8'));
      }
    }
  };
  walk(SRC);
  return out;
}

const sources = clientSources();
const service = root.lookupService('milvus.proto.milvus.MilvusService');

describe('the compacted descriptor', () => {
  test('defines each RPC the client names in src/, with the official request and response types, and no other', () => {
    const named = new Set(sources.flatMap((text) => [...text.matchAll(/'([A-Z][A-Za-z0-9]*)'/g)].map((m) => m[1]!)));
    const methods = milvusMethods();
    expect(methods.length).toBeGreaterThan(100);
    for (const { name, request, response } of methods) {
      expect(named.has(name), `${name} is in the descriptor, but no client source names it`).toBe(true);
      const official = service.methods[name]!;
      expect([request, response], name).toEqual([official.resolvedRequestType!.fullName.slice(1), official.resolvedResponseType!.fullName.slice(1)]);
    }
  });

  test('NAMED_TYPES lists exactly the types the client encodes or decodes by name', () => {
    const byName = new Set(sources.flatMap((text) =>
      [...text.matchAll(/\b(?:encodeMessage|decodeMessage|enumValue|enumName)\s*(?:<[^>]*>)?\(\s*'([\w.]+)'/g)].map((m) => m[1]!)));
    expect([...byName].sort()).toEqual([...NAMED_TYPES].sort());
  });

  test('holds every type the client can send or receive, and no other', () => {
    const used = clientTypes();
    expect(used.size).toBeGreaterThan(250);
    for (const type of allTypes()) {
      const name = type.fullName.slice(1);
      const present = type instanceof protobuf.Type ? probe(() => decodeMessage(name, new Uint8Array())) : probe(() => enumValue(name, ''));
      expect(present, `${name}: ${used.has(type) ? 'used by the client but missing' : 'not used by the client but present'}`).toBe(used.has(type));
    }
  });
});

/** Whether `run` finds its type: false when it throws the registry's "no such" error. */
function probe(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (e) {
    if (/^no such /.test((e as Error).message)) return false;
    throw e;
  }
}
