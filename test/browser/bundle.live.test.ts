/**
 * The browser build: what it may import, that an app's bundler picks it through the `browser` export
 * condition, and that in Chromium it encodes the shared corpus to exactly the bytes Node's build produces,
 * with the WebAssembly and the TypeScript engine alike. (What it weighs: ./bundle-size.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { afterAll, describe, expect, test } from 'vitest';
import * as nodeBuild from '../../dist/index.js';
import { loadCorpus, type CorpusCase } from '../helpers/oracle-corpus.js';
import { openPage } from './fixtures/chromium.js';
import { browserEnv, closeBrowserEnv } from './fixtures/environment.js';
import { encodeCorpus } from './pages/corpus-encode.js';

afterAll(closeBrowserEnv);

const bundle = readFileSync(new URL('../../dist/browser.js', import.meta.url), 'utf8');

/** The module specifiers a built ES module imports (static and dynamic). */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/gm)) {
    found.add((m[1] ?? m[2] ?? m[3])!);
  }
  return [...found].sort();
}

describe('the browser bundle (dist/browser.js)', () => {
  test('imports nothing but its own chunks: no Node built-in, no grpc-js, no embedded-server code, no protobufjs or long', () => {
    // The chunks it loads (some on demand: the TypeScript encoder, ingest's stream reader) and those they load.
    const chunks = new Set<string>();
    for (let next = importsOf(bundle); next.length > 0;) {
      expect(next.every((s) => /^\.\/browser-[\w-]+\.js$/.test(s)), next.join(', ')).toBe(true);
      next.forEach((s) => chunks.add(s));
      next = next.flatMap((s) => importsOf(readFileSync(new URL(`../../dist/${s}`, import.meta.url), 'utf8'))).filter((s) => !chunks.has(s));
    }
    expect([...chunks].some((s) => s.startsWith('./browser-core-js-'))).toBe(true);
    for (const s of chunks) expect(readFileSync(new URL(`../../dist/${s}`, import.meta.url), 'utf8')).not.toMatch(/startMilvusLite|@grpc\/grpc-js/);
    expect(importsOf(readFileSync(new URL('../../dist/index.js', import.meta.url), 'utf8'))).toContain('@grpc/grpc-js');
    expect(bundle).not.toMatch(/startMilvusLite|@grpc\/grpc-js/);
  });

  test('inlines the WebAssembly encoder (hex of a module starting with \\0asm, version 1) in what it loads at once', () => {
    // The chunks it imports statically (not those of `import()`, loaded on demand).
    const atOnce = [...bundle.matchAll(/^import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/browser-[\w-]+\.js)["']/gm)].map((m) => readFileSync(new URL(`../../dist/${m[1]}`, import.meta.url), 'utf8'));
    expect([bundle, ...atOnce].join('\n')).toMatch(/["'`]0061736d01000000[0-9a-f]{1000,}["'`]/);
  });

  test('an app bundler (esbuild, no configuration) resolves "milvus-wasm" to it through the browser condition', async () => {
    const { bundleInputs } = await browserEnv();
    expect(bundleInputs).toContain('dist/browser.js');
    expect(bundleInputs).not.toContain('dist/index.js');
    const nodeOnly = bundleInputs.filter((p) => /@grpc|src\/lite\//.test(p) || builtinModules.some((b) => p === b || p.endsWith(`:${b}`) && !p.startsWith('(disabled)')));
    expect(nodeOnly).toEqual([]);
  });
});

/** A larger generated case: enough rows to make both engines grow their heaps. */
function generatedCase(): CorpusCase {
  const dim = 48;
  const rows = Array.from({ length: 1500 }, (_, i) => ({
    id: i * 7919 - 5_000_000,
    title: `row ${i} ${'✓'.repeat(i % 5)}`,
    score: i / 8,
    vec: Array.from({ length: dim }, (_, j) => Math.sin(i * 31 + j) * 100),
  }));
  return {
    collection_name: 'generated',
    schema: {
      fields: [
        { name: 'id', data_type: 'Int64', is_primary_key: true },
        { name: 'title', data_type: 'VarChar', max_length: 64 },
        { name: 'score', data_type: 'Double' },
        { name: 'vec', data_type: 'FloatVector', dim },
      ],
    } as CorpusCase['schema'],
    rows,
  };
}

describe('in Chromium', () => {
  const cases = [...loadCorpus(), generatedCase()];

  test.each(['wasm', 'js'] as const)('the corpus encodes to the same bytes as in Node (engine %s)', async (engine) => {
    const { browser, pages } = await browserEnv();
    const { page, problems } = await openPage(browser, `${pages.origin}/index.html`);
    try {
      await page.waitForFunction(() => document.title === 'ready');
      const inBrowser = await page.evaluate(async ({ cases, engine }) => {
        // The browser build loads the TypeScript encoder on demand: the synchronous encoders need it loaded first.
        if (engine === 'js') await window.mw.loadJsEncoder();
        return window.encodeCorpus(cases, engine);
      }, { cases, engine });
      const inNode = encodeCorpus(nodeBuild, cases, engine);
      expect(inBrowser).toHaveLength(cases.length);
      for (let i = 0; i < cases.length; i++) expect(inBrowser[i], `case ${i} (${cases[i]!.collection_name})`).toBe(inNode[i]);
      // The comparison means something only if most cases produce bytes rather than the same error.
      expect(inNode.filter((r) => !r.startsWith('error:')).length).toBeGreaterThan(cases.length / 2);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
