/**
 * The objects of the SDK's enums (src/sdk-enums.js, built from member lists) are the ones TypeScript builds
 * from their declarations (src/sdk-enums.d.ts, which is what the package's types say): the same keys with
 * the same values in the same order, numeric values mapped back to their names, and no enum more or less.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as built from '../src/sdk-enums.js';

/** TypeScript's compilation of the declarations as ordinary enums, run: the objects it builds, by name. */
function compiledDeclarations(): Record<string, object> {
  const declarations = readFileSync(new URL('../src/sdk-enums.d.ts', import.meta.url), 'utf8');
  expect(declarations.match(/^export declare enum /gm)?.length).toBeGreaterThan(30);
  const source = declarations.replaceAll(/^export declare enum /gm, 'export enum ');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exports: Record<string, object> = {};
  runInNewContext(outputText, { exports });
  return exports;
}

/** An enum object as text that keeps its keys' order and its values' types. */
const asText = (e: object): string => JSON.stringify(Object.entries(e));

describe('the SDK enums', () => {
  const expected = compiledDeclarations();
  const actual = built as unknown as Record<string, object>;

  test('sdk-enums.js exports exactly the enums sdk-enums.d.ts declares', () => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).filter((k) => k !== '__esModule').sort());
  });

  test.each(Object.keys(expected).filter((k) => k !== '__esModule'))('%s is the object TypeScript builds from its declaration', (name) => {
    expect(asText(actual[name]!)).toBe(asText(expected[name]!));
  });
});
