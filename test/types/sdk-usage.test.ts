/**
 * The published declarations against code written for the official Node SDK: one TypeScript program over
 * `fixtures/sdk-usage.ts`, which imports 'milvus-wasm' by name (so it sees the built `dist/index.d.ts`, as
 * a user's project does) and pins the result types that matter: `any`-valued rows, one hit list for one
 * query and one per query for several, exact int64 responses that requests take back. Needs `npm run
 * build` first (`npm test` does it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const CONFIG = fileURLToPath(new URL('./fixtures/tsconfig.json', import.meta.url));
const DECLARATIONS = fileURLToPath(new URL('../../dist/index.d.ts', import.meta.url));

/**
 * Every diagnostic of the fixture project, as `file(line,col): message` lines, the files it read, and the
 * names `dist/index.d.ts` exports as values.
 */
function check(): { errors: string[]; files: string[]; values: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!config) throw new Error(`cannot read ${CONFIG}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const errors = [...ts.getPreEmitDiagnostics(program), ...config.errors].map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}(${line + 1},${character + 1}): ${text}`;
  });
  const checker = program.getTypeChecker();
  const declarations = program.getSourceFile(DECLARATIONS);
  const module = declarations && checker.getSymbolAtLocation(declarations);
  const values = (module ? checker.getExportsOfModule(module) : [])
    .filter((s) => !isTypeOnlyExport(s) && ((s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value))
    .map((s) => s.name);
  return { errors, files: program.getSourceFiles().map((f) => f.fileName), values };
}

/** Whether an export is `export { type X }` or `export type { X }`: a class or enum exported so has no value. */
function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
}

describe('SDK-style code type-checks against the published declarations', () => {
  // One program for both tests.
  const result = existsSync(DECLARATIONS) ? check() : undefined;

  test('no type errors in fixtures/sdk-usage.ts, checked against dist/index.d.ts', () => {
    expect(result, 'dist/index.d.ts is missing: run `npm run build`').toBeDefined();
    // The fixture must have reached the built declarations, not some other copy of the package.
    expect(result!.files).toContain(DECLARATIONS.split('\\').join('/'));
    expect(result!.errors).toEqual([]);
  });

  test('the declarations export as values exactly what the Node entry exports', async () => {
    expect(result, 'dist/index.d.ts is missing: run `npm run build`').toBeDefined();
    const runtime = Object.keys(await import('../../dist/index.js')).sort();
    expect(result!.values.length).toBeGreaterThan(100);
    expect([...result!.values].sort()).toEqual(runtime);
  });
});
