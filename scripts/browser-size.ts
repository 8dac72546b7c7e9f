/**
 * What the browser client weighs as an app ships it: bundled from src/ by esbuild for browsers (ESM,
 * minified), then gzip -9. Two entries: the whole client (`export *` from the browser entry) and the insert
 * encoder alone (`encodeInsertRequest`). `npm run size:browser` prints both with their heaviest inputs;
 * test/browser/bundle-size.test.ts holds them to their budgets. Needs the generated sources
 * (`npm run build:wasm && npm run build:proto`), which `npm run size:browser` and `npm test` build first.
 */
import { build } from 'esbuild';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The measured entries, as ES modules in the repository root. */
export const SIZE_ENTRIES = {
  wholeClient: "export * from './src/browser.ts';",
  encoderAlone: "export { encodeInsertRequest } from './src/codec/insert.ts';",
} as const;

/** One file of the bundle, or the files loaded together: sizes in bytes, and every input with the minified bytes it puts in (heaviest first). */
export interface ChunkSize {
  minified: number;
  /** The sum of the files' own gzip -9 sizes (each is fetched as a file of its own). */
  gzip: number;
  inputs: { path: string; bytes: number }[];
}

/**
 * What the entry weighs: `minified`, `gzip` and `inputs` are the initial load (the entry file and the chunks
 * it imports statically); `lazy` lists the chunks fetched only by a dynamic `import()`, by the source file
 * that starts each (with the shared chunks they import that the initial load does not have).
 */
export interface BundleSize extends ChunkSize {
  lazy: (ChunkSize & { entry: string })[];
}

/**
 * Bundles `contents` (an ES module in the repository root) as an app's bundler would for browsers, minified,
 * with code splitting, so that what the client loads on demand (dynamic `import()`) is weighed apart from
 * what every page loads.
 */
export async function browserBundleSize(contents: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((f) => [relative(ROOT, f.path).replaceAll('\\', '/'), f.contents]));
  const outputs = result.metafile.outputs;
  /** An output file and every file it imports statically, transitively. */
  const closure = (start: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(start)) return seen;
    seen.add(start);
    for (const i of outputs[start]!.imports) if (i.kind === 'import-statement') closure(i.path, seen);
    return seen;
  };
  const measure = (names: Iterable<string>): ChunkSize => {
    let minified = 0;
    let gzip = 0;
    const inputs: { path: string; bytes: number }[] = [];
    for (const name of names) {
      const code = files.get(name)!;
      minified += code.length;
      gzip += gzipSync(code, { level: 9 }).length;
      for (const [path, { bytesInOutput }] of Object.entries(outputs[name]!.inputs)) inputs.push({ path, bytes: bytesInOutput });
    }
    return { minified, gzip, inputs: inputs.sort((a, b) => b.bytes - a.bytes) };
  };
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === '<stdin>')!;
  const initial = closure(entry);
  const lazy = Object.keys(outputs)
    .filter((name) => outputs[name]!.entryPoint !== undefined && name !== entry)
    .map((name) => ({ entry: outputs[name]!.entryPoint!, ...measure([...closure(name)].filter((n) => !initial.has(n))) }));
  return { ...measure(initial), lazy };
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

async function printSizes(): Promise<void> {
  for (const [name, contents] of Object.entries(SIZE_ENTRIES)) {
    const size = await browserBundleSize(contents);
    console.log(`${name}: ${kb(size.minified)} minified, ${kb(size.gzip)} gzip on load (${contents})`);
    for (const { path, bytes } of size.inputs.slice(0, 10)) console.log(`  ${kb(bytes).padStart(9)}  ${path}`);
    for (const chunk of size.lazy) {
      console.log(`  + loaded on demand: ${chunk.entry}, ${kb(chunk.minified)} minified, ${kb(chunk.gzip)} gzip`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await printSizes();
