/**
 * milvus-wasm for browsers (the package's `browser` export condition): the same API as in Node, with calls
 * going over gRPC-Web (`fetch`) to a gRPC-Web proxy in front of Milvus, and no embedded server (a local path
 * uri throws `InvalidInputError`). No Node built-in and no grpc-js is reachable from here; the WebAssembly
 * encoder is inlined, and where a Content-Security-Policy refuses WebAssembly the TypeScript encoder runs.
 * @packageDocumentation
 */
import { browserRuntime } from './client/browser-runtime.js';
import { installClientRuntime } from './client/runtime.js';

installClientRuntime(browserRuntime);

export * from './public-api.js';
