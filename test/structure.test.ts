/**
 * The one-way structure of `src/`, read from the import statements: folders depend on each other in one
 * direction only, and the shared modules at the root depend on no folder. (Only the entry points at the
 * root, which assemble the package, import the folders.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
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
