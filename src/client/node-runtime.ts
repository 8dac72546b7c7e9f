/** The Node half of the client: gRPC over HTTP/2 (grpc-js) with its interceptors, and embedded Milvus Lite for local paths. */
import { createGrpcTransport } from '../transport/grpc.js';
import { grpcChannelOptions } from '../transport/grpc-interceptors.js';
import type { ClientRuntime } from './runtime.js';

/** Installed by the Node entry (`src/index.ts`). */
export const nodeRuntime: ClientRuntime = {
  channelOptions: grpcChannelOptions,
  openTransport: createGrpcTransport,
  async startLocalServer({ dbPath, onProgress, ...transport }) {
    // Loaded only for local paths, so remote-only users never pull in the launcher.
    const { startMilvusLite } = await import('../lite/index.js');
    const lite = await startMilvusLite({ dbPath, ...(onProgress ? { onProgress } : {}) });
    return { transport: createGrpcTransport({ address: lite.address, ...transport }), release: () => lite.release() };
  },
};
