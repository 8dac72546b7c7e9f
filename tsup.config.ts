import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/** Modules only Node has: its built-ins, grpc-js, and our own Node-only files (the Lite launcher, the gRPC transport and its interceptors). */
const NODE_ONLY_PACKAGE = new RegExp(`^(node:|@grpc/grpc-js(/|$)|(${builtinModules.join('|')})(/|$))`);
const NODE_ONLY_FILE = /^src\/(lite\/|transport\/(grpc|grpc-interceptors|grpc-retry|trace-context)\.(ts|js)$|client\/node-runtime\.(ts|js)$)/;

/** Fails the browser build when anything reachable from `src/browser.ts` imports a Node-only module. */
const browserOnly: Plugin = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const file = args.path.startsWith('.') ? relative(process.cwd(), resolve(args.resolveDir, args.path)).replaceAll('\\', '/') : '';
      if (!NODE_ONLY_PACKAGE.test(args.path) && !NODE_ONLY_FILE.test(file)) return undefined;
      const importer = relative(process.cwd(), args.importer);
      return { errors: [{ text: `${importer} imports ${args.path}, which is Node-only: the browser build must not reach it` }] };
    });
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // The builds write to dist/ at once: this one clears everything but the browser and CLI builds' files.
    clean: ['!browser*', '!cli.*'],
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  },
  {
    // The `browser` export condition: it imports no package at all. grpc-js is a dependency, so it is
    // bundled here only to make the check above see it.
    entry: { browser: 'src/browser.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    noExternal: ['@grpc/grpc-js'],
    // What it loads on demand (the TypeScript encoder, ingest's stream reader) goes to chunks of its own,
    // named apart from the Node build's so that neither build's files are mistaken for the other's.
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = 'browser-[name]-[hash]';
    },
    // tsup would otherwise mark every `node:` import external before the check sees it.
    removeNodeProtocol: false,
    esbuildPlugins: [browserOnly],
  },
  {
    // The `milvus-wasm` command (package.json `bin`). src/cli/index.ts starts with a shebang, which makes
    // tsup mark dist/cli.js executable. ESM only: its Parquet reader (hyparquet) is ESM only.
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    // One file: no shared chunks that the first build's clean could remove while this one runs.
    splitting: false,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
  },
]);
