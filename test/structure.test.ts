/**
 * The one-way structure of `src/`, read from the import statements: folders depend on each other in one
 * direction only, and the shared modules at the root depend on no folder. (Only the entry points at the
 * root, which assemble the package, import the folders.) And the layout of `test/`: it mirrors `src/`,
 * fake servers live in `test/fakes/`, temp dirs come from one helper, and a test file that needs a real
 * Milvus Lite or Chromium says so in its name (`*.live.test.ts`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(TEST, '..', 'src');
const ENTRY_POINTS = new Set(['index.ts', 'browser.ts', 'public-api.ts']);

/** Which folder (or `.` for the root) each source file imports from, per importing file. */
function importsOf(): { file: string; from: string; to: string }[] {
  const out: { file: string; from: string; to: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        const file = relative(SRC, path);
        const from = file.includes(sep) ? file.split(sep)[0]! : '.';
        for (const m of readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
          const target = relative(SRC, resolve(dirname(path), m[1]!));
          out.push({ file, from, to: target.includes(sep) ? target.split(sep)[0]! : '.' });
        }
      }
    }
  };
  walk(SRC);
  return out;
}

const imports = importsOf();

describe('src/ structure', () => {
  it('reads a real import graph', () => {
    expect(imports.some((i) => i.from === 'client' && i.to === 'ingest')).toBe(true);
    expect(imports.some((i) => i.from === 'ingest' && i.to === 'codec')).toBe(true);
  });

  it('no folder imports a folder that imports it back, directly or through others', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of imports) {
      if (from !== '.' && to !== '.' && from !== to) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
    }
    const reaches = (a: string, b: string, seen = new Set<string>()): boolean => {
      for (const next of edges.get(a) ?? []) {
        if (next === b) return true;
        if (!seen.has(next)) {
          seen.add(next);
          if (reaches(next, b, seen)) return true;
        }
      }
      return false;
    };
    const cycles = [...edges].flatMap(([a, tos]) => [...tos].filter((b) => reaches(b, a)).map((b) => `${a} -> ${b} -> ... -> ${a}`));
    expect(cycles).toEqual([]);
  });

  it('the layers point one way: ingest, codec, transport and proto never import the client', () => {
    const allowed: Record<string, string[]> = {
      codec: ['.'],
      proto: ['.'],
      transport: ['.', 'proto'],
      ingest: ['.', 'codec', 'proto'],
      lite: ['.', 'proto'],
    };
    const wrong = imports.filter((i) => allowed[i.from] && i.to !== i.from && !allowed[i.from]!.includes(i.to));
    expect(wrong.map((i) => `${i.file} imports ${i.to}/`)).toEqual([]);
  });

  it('only the entry points at the root import folders; the shared root modules import none', () => {
    const wrong = imports.filter((i) => i.from === '.' && i.to !== '.' && !ENTRY_POINTS.has(i.file));
    expect(wrong.map((i) => `${i.file} imports ${i.to}/`)).toEqual([]);
  });
});

/** Every file under `dir` whose name ends with one of `endings`, as paths relative to `dir`. */
function filesUnder(dir: string, endings: string[]): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (endings.some((e) => name.endsWith(e))) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Folders of `test/` that are not a `src/` folder, and what each holds. */
const TEST_ROLES: Record<string, string> = {
  browser: 'the browser build (dist/browser.js) in Chromium, and its fixtures; what the browser client weighs',
  fakes: 'fake servers and the fault-injecting proxy',
  fixtures: 'files other tests run (the summary reporter\'s)',
  helpers: 'shared test code: the reference encoder, request decoding, temp dirs',
  oracle: 'the pymilvus oracle: corpus, driver and findings',
  setup: 'the global setup and the URI of the Milvus Lite it starts',
  types: 'SDK-style code compiled against the published declarations (dist/index.d.ts)',
};

/** What a test file uses when it talks to a real Milvus Lite or Chromium. */
const LIVE_MARKERS = [/\bmilvusUri\(/, /\bstartMilvusLite\(/, /\bstartLiteProcess\(/, /\buseCliFixture\(/, /\bbrowserEnv\(/, /\bopenPage\(/, /\bpymilvus\('/];

describe('test/ layout', () => {
  const tests = filesUnder(TEST, ['.test.ts']);
  const sources = filesUnder(TEST, ['.ts', '.mjs', '.py']);

  it('mirrors src/: each folder is a src/ folder or has a role of its own', () => {
    const srcFolders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    const testFolders = readdirSync(TEST).filter((n) => statSync(join(TEST, n)).isDirectory());
    expect(testFolders.filter((f) => !srcFolders.includes(f) && !(f in TEST_ROLES))).toEqual([]);
    expect(tests.length).toBeGreaterThan(40);
  });

  it('a test file is named *.live.test.ts exactly when it needs a real Milvus Lite or Chromium', () => {
    const live = tests.filter((f) => LIVE_MARKERS.some((m) => m.test(readFileSync(join(TEST, f), 'utf8'))));
    expect(live.length).toBeGreaterThan(20);
    expect(live.filter((f) => !f.endsWith('.live.test.ts'))).toEqual([]);
    // The reverse, except where the server is started through the client itself (a local file as uri).
    const named = tests.filter((f) => f.endsWith('.live.test.ts') && !live.includes(f));
    expect(named).toEqual([join('client', 'local-file.live.test.ts')]);
  });

  it('fake servers live in test/fakes/', () => {
    const serving = sources.filter((f) => /new grpc\.Server\(|grpc\.server\(|createServer\(/.test(readFileSync(join(TEST, f), 'utf8')));
    // The browser fixtures serve the test pages over HTTP: a static file server, not a stand-in for Milvus.
    expect(serving.filter((f) => !f.startsWith(`fakes${sep}`) && !f.startsWith(`browser${sep}fixtures${sep}`))).toEqual([]);
    expect(serving.filter((f) => f.startsWith(`fakes${sep}`))).toEqual(['fakes/capture_sink.py', 'fakes/counting-proxy.ts', 'fakes/grpc-sink.ts', 'fakes/tcp-proxy.ts', 'fakes/write-sink.ts'].map((f) => f.replaceAll('/', sep)));
  });

  it('the reference encoder takes nothing but types (and the official descriptor) from src/', () => {
    const reference = sources.filter((f) => /^helpers[\\/](reference-|milvus-proto)/.test(f));
    expect(reference.length).toBe(4);
    const fromSrc = reference.flatMap((f) => [...readFileSync(join(TEST, f), 'utf8').matchAll(/^import (type )?.*from '(\.\.\/\.\.\/src\/[^']+)'/gm)]
      .filter((m) => m[1] === undefined && !m[2]!.endsWith('milvus-descriptor.json'))
      .map((m) => `${f} imports ${m[2]}`));
    expect(fromSrc).toEqual([]);
  });

  it('temp dirs come from one helper (test/helpers/temp-dir.ts)', () => {
    const making = sources.filter((f) => /\bmkdtemp(Sync)?\(/.test(readFileSync(join(TEST, f), 'utf8')));
    expect(making).toEqual([join('helpers', 'temp-dir.ts')]);
  });
});
