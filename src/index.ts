/**
 * milvus-wasm: a Milvus client whose insert hot path is WebAssembly. This is the Node entry: calls go over
 * gRPC (grpc-js), and a local path uri runs an embedded Milvus Lite. Browsers get `browser.ts` instead.
 * @packageDocumentation
 */
import { nodeRuntime } from './client/node-runtime.js';
import { installClientRuntime } from './client/runtime.js';
import { createJsCore } from './codec/core-js/index.js';
import { installJsCore } from './codec/engine.js';

installClientRuntime(nodeRuntime);
// Node has the TypeScript encoder at once (browsers load it on demand): the synchronous encoders never wait.
installJsCore(createJsCore);

export * from './public-api.js';

/** Node only: start (or share) an embedded Milvus Lite server for a local data directory. */
export { startMilvusLite, type MilvusLiteOptions, type MilvusLiteServer } from './lite/index.js';
