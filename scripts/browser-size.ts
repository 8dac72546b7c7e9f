/**
 * What the browser client weighs as an app ships it: bundled from src/ by esbuild for browsers (ESM,
 * minified), then gzip -9. Two entries: the whole client (`export *` from the browser entry) and the insert
 * encoder alone (`encodeInsertRequest`). `npm run size:browser` prints both with their heaviest inputs;
 * test/browser/bundle-size.test.ts holds them to their budgets. Needs the generated sources
 * (`npm run build:wasm && npm run build:proto`), which `npm run size:browser` and `npm test` build first.
 */
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The measured entries, as ES modules in the repository root. */
export const SIZE_ENTRIES = {
  wholeClient: "export * from './src/browser.ts';",
  encoderAlone: "export { encodeInsertRequest } from './src/codec/insert.ts';",
} as const;

/** Sizes in bytes, and every input file with the minified bytes it puts in the bundle (heaviest first). */
export interface BundleSize {
  minified: number;
  gzip: number;
  inputs: { path: string; bytes: number }[];
}

/** Bundles `contents` (an ES module in the repository root) as an app's bundler would for browsers, minified. */
export async function browserBundleSize(contents: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

async function printSizes(): Promise<void> {
  for (const [name, contents] of Object.entries(SIZE_ENTRIES)) {
    const size = await browserBundleSize(contents);
    console.log(`${name}: ${kb(size.minified)} minified, ${kb(size.gzip)} gzip (${contents})`);
    for (const { path, bytes } of size.inputs.slice(0, 10)) console.log(`  ${kb(bytes).padStart(9)}  ${path}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await printSizes();
